-- Règle du premier quartile hors QPV (loi Égalité et Citoyenneté, article L441-1 du CCH) :
-- parmi les attributions suivies d'un bail signé de logements situés hors QPV, la part faite à
-- des ménages du premier quartile de ressources ou relogés au titre du renouvellement urbain
-- (ANRU) ou d'une opération sur une copropriété dégradée ; objectif des paramètres ([cia]
-- objectif_q1_hors_qpv, 25 %).
-- Période : baux signés du 1er janvier $annee_debut au 31 décembre $annee_fin (année du bail,
-- comme le SNE), logement situé dans $communes.
-- Grain : une ligne par commune de $communes (même sans attribution : part NULL), une ligne
-- par bailleur qui a des attributions dans la période (en QPV ou non), plus une ligne
-- « ensemble » (commune et bailleur NULL) pour l'ensemble de ces communes.
-- attributions : baux signés hors QPV ; premier_quartile : ceux d'un ménage du premier
-- quartile ou relogé ; relogements : ceux d'un ménage relogé (ANRU ou copropriété dégradée),
-- du premier quartile ou non ; part = premier_quartile / attributions ; ecart : attributions
-- qui ont manqué pour atteindre l'objectif ; atteint : écart nul ; statut : en mots.
WITH periode AS (
    SELECT *
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
hors_qpv AS (
    SELECT
        commune,
        bailleur,
        quartile_1
            OR coalesce(relogement_anru, false)
            OR coalesce(relogement_copro_degradee, false) AS premier_quartile,
        coalesce(relogement_anru, false)
            OR coalesce(relogement_copro_degradee, false) AS relogement
    FROM periode
    WHERE NOT qpv
),
axes AS (
    SELECT 'commune' AS axe, insee AS code, nom, ordre
    FROM ref_communes
    WHERE list_contains($communes, insee)
    UNION ALL
    SELECT DISTINCT 'bailleur', bailleur, bailleur, 500 FROM periode
    UNION ALL
    SELECT 'ensemble', NULL, 'Ensemble', 1000
),
comptes AS (
    SELECT
        x.axe,
        x.code,
        x.nom,
        x.ordre,
        count(h.commune) AS attributions,
        count(h.commune) FILTER (WHERE h.premier_quartile) AS premier_quartile,
        count(h.commune) FILTER (WHERE h.relogement) AS relogements
    FROM axes AS x
    LEFT JOIN hors_qpv AS h
        ON (x.axe = 'commune' AND h.commune = x.code)
        OR (x.axe = 'bailleur' AND h.bailleur = x.code)
        OR x.axe = 'ensemble'
    GROUP BY ALL
)
SELECT
    k.axe,
    CASE WHEN k.axe = 'commune' THEN k.code END AS commune,
    CASE WHEN k.axe = 'bailleur' THEN k.code END AS bailleur,
    'hors_qpv' AS qpv,
    CASE WHEN k.axe <> 'bailleur' THEN k.nom END AS commune_nom,
    CASE WHEN k.axe <> 'commune' THEN k.nom END AS bailleur_nom,
    k.ordre,
    k.attributions,
    k.premier_quartile,
    k.relogements,
    k.premier_quartile / nullif(k.attributions, 0) AS part,
    p.objectif_q1_hors_qpv AS objectif,
    ecart_objectif(p.objectif_q1_hors_qpv, k.attributions, k.premier_quartile) AS ecart,
    objectif_atteint(p.objectif_q1_hors_qpv, k.attributions, k.premier_quartile) AS atteint,
    objectif_statut(p.objectif_q1_hors_qpv, k.attributions, k.premier_quartile) AS statut
FROM comptes AS k
CROSS JOIN ref_parametres AS p
ORDER BY
    k.ordre,
    -- les bailleurs du plus grand au plus petit nombre d'attributions hors QPV
    k.attributions DESC,
    k.nom;
