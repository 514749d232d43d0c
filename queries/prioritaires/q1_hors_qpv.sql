-- Règle du premier quartile (loi Égalité et Citoyenneté, article L441-1 du CCH) : parmi les
-- attributions EFFECTIVES (bail signé) de logements situés hors QPV, la part faite à des
-- ménages du premier quartile de ressources ou relogés au titre du renouvellement urbain
-- (ANRU) ; objectif des paramètres ([cia] objectif_q1_hors_qpv, 25 %).
-- Période : décisions d'attribution du 1er janvier $annee_debut au 31 décembre $annee_fin.
-- Grain : une ligne par commune de $communes (même sans attribution : part NULL), plus une
-- ligne commune = 'total' pour l'ensemble de ces communes.
-- attributions : attributions effectives hors QPV ; premier_quartile : celles à un ménage du
-- premier quartile ou relogé ANRU ; part = premier_quartile / attributions ;
-- ecart : attributions qui ont manqué pour atteindre l'objectif ; atteint : écart nul.
WITH communes AS (
    SELECT insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
),
hors_qpv AS (
    SELECT commune, quartile_1 OR coalesce(relogement_anru, false) AS premier_quartile
    FROM stg_attributions
    WHERE effective
      AND NOT qpv
      AND annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
comptes AS (
    SELECT
        c.insee,
        grouping(c.insee) = 1 AS est_total,
        count(h.commune) AS attributions,
        count(h.commune) FILTER (WHERE h.premier_quartile) AS premier_quartile
    FROM communes AS c
    LEFT JOIN hors_qpv AS h ON h.commune = c.insee
    GROUP BY GROUPING SETS ((c.insee), ())
)
SELECT
    CASE WHEN k.est_total THEN 'total' ELSE k.insee END AS commune,
    CASE WHEN k.est_total THEN 'Ensemble' ELSE c.nom END AS commune_nom,
    CASE WHEN k.est_total THEN 1000 ELSE c.ordre END AS ordre,
    k.attributions,
    k.premier_quartile,
    k.premier_quartile / nullif(k.attributions, 0) AS part,
    p.objectif_q1_hors_qpv AS objectif,
    ecart_objectif(p.objectif_q1_hors_qpv, k.attributions, k.premier_quartile) AS ecart,
    objectif_atteint(p.objectif_q1_hors_qpv, k.attributions, k.premier_quartile) AS atteint
FROM comptes AS k
CROSS JOIN ref_parametres AS p
LEFT JOIN communes AS c ON c.insee = k.insee
ORDER BY ordre;
