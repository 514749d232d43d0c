-- Règle du premier quartile en QPV (loi Égalité et Citoyenneté, article L441-1 du CCH) :
-- parmi les attributions suivies d'un bail signé de logements situés en QPV, la part faite à
-- des ménages hors du premier quartile de ressources ; objectif des paramètres ([cia]
-- objectif_hors_q1_en_qpv : la moitié, sauf autre chiffre fixé par la CIA).
-- Période : baux signés du 1er janvier $annee_debut au 31 décembre $annee_fin (année du bail,
-- comme le SNE), logement situé dans $communes.
-- Grain : une ligne par commune de $communes (même sans attribution : part NULL), une ligne
-- par bailleur qui a des attributions dans la période (en QPV ou non), plus une ligne
-- « ensemble » (commune et bailleur NULL) pour l'ensemble de ces communes.
-- attributions : baux signés en QPV ; hors_q1 : ceux d'un ménage hors du premier quartile ;
-- part = hors_q1 / attributions ; ecart : attributions qui ont manqué pour atteindre
-- l'objectif ; atteint : écart nul ; statut : en mots.
WITH periode AS (
    SELECT *
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
en_qpv AS (
    SELECT commune, bailleur, NOT quartile_1 AS hors_q1
    FROM periode
    WHERE qpv
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
        count(h.commune) FILTER (WHERE h.hors_q1) AS hors_q1
    FROM axes AS x
    LEFT JOIN en_qpv AS h
        ON (x.axe = 'commune' AND h.commune = x.code)
        OR (x.axe = 'bailleur' AND h.bailleur = x.code)
        OR x.axe = 'ensemble'
    GROUP BY ALL
)
SELECT
    k.axe,
    CASE WHEN k.axe = 'commune' THEN k.code END AS commune,
    CASE WHEN k.axe = 'bailleur' THEN k.code END AS bailleur,
    'qpv' AS qpv,
    CASE WHEN k.axe <> 'bailleur' THEN k.nom END AS commune_nom,
    CASE WHEN k.axe <> 'commune' THEN k.nom END AS bailleur_nom,
    k.ordre,
    k.attributions,
    k.hors_q1,
    k.hors_q1 / nullif(k.attributions, 0) AS part,
    p.objectif_hors_q1_en_qpv AS objectif,
    ecart_objectif(p.objectif_hors_q1_en_qpv, k.attributions, k.hors_q1) AS ecart,
    objectif_atteint(p.objectif_hors_q1_en_qpv, k.attributions, k.hors_q1) AS atteint,
    objectif_statut(p.objectif_hors_q1_en_qpv, k.attributions, k.hors_q1) AS statut
FROM comptes AS k
CROSS JOIN ref_parametres AS p
ORDER BY
    k.ordre,
    -- les bailleurs du plus grand au plus petit nombre d'attributions en QPV
    k.attributions DESC,
    k.nom;
