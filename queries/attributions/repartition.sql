-- Attributions (baux signés) du 1er janvier $annee_debut au 31 décembre $annee_fin (année du
-- bail), pour un logement situé dans $communes, réparties par commune, groupe de
-- réservataires, typologie, financement, QPV / hors QPV et bailleur.
-- Grain : une ligne par (répartition, modalité), chaque modalité présente même sans
-- attribution (communes de $communes, groupes des paramètres, typologies, financements, QPV ;
-- les bailleurs qui ont des attributions), plus une ligne « ensemble » (toutes les
-- attributions). La modalité est dans la colonne de sa répartition (commune, groupe,
-- typologie_groupe, financement, qpv, bailleur), NULL dans les autres : chaque ligne est un
-- chiffre du secret statistique (une attribution par réservataire, par typologie…).
-- ensemble : toutes les attributions de la période ; part = attributions / ensemble.
WITH periode AS (
    SELECT *
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
valeurs AS (
    -- une ligne par attribution et par répartition
    SELECT 'commune' AS dimension, commune AS code FROM periode
    UNION ALL
    SELECT 'reservataire', groupe FROM periode
    UNION ALL
    SELECT 'typologie', typologie_groupe FROM periode
    UNION ALL
    SELECT 'financement', financement FROM periode
    UNION ALL
    SELECT 'qpv', CASE WHEN qpv THEN 'qpv' ELSE 'hors_qpv' END FROM periode
    UNION ALL
    SELECT 'bailleur', bailleur FROM periode
),
modalites AS (
    SELECT 'commune' AS dimension, insee AS code, nom AS modalite, ordre
    FROM ref_communes
    WHERE list_contains($communes, insee)
    UNION
    SELECT DISTINCT 'reservataire', groupe, groupe_nom, ordre FROM ref_groupes
    UNION
    SELECT DISTINCT 'reservataire', groupe, groupe_nom, groupe_ordre FROM periode
    UNION
    SELECT DISTINCT 'typologie', typologie_groupe, typologie_groupe, ordre_groupe
    FROM ref_typologies
    UNION
    -- ordre des financements : du plus social au moins social (codes nationaux), puis « autre »
    SELECT
        'financement',
        code,
        libelle,
        coalesce(list_position(['PLAI', 'PLUS', 'PLS', 'PLI'], code), 5)
    FROM ref_libelles
    WHERE liste = 'financement'
    UNION
    SELECT 'qpv', 'qpv', 'En QPV', 0
    UNION
    SELECT 'qpv', 'hors_qpv', 'Hors QPV', 1
    UNION
    SELECT DISTINCT 'bailleur', bailleur, bailleur, 0 FROM periode
),
lignes AS (
    SELECT m.dimension, m.code, m.modalite, m.ordre, count(v.code) AS attributions
    FROM modalites AS m
    LEFT JOIN valeurs AS v ON v.dimension = m.dimension AND v.code = m.code
    GROUP BY ALL
    UNION ALL
    SELECT 'ensemble', NULL, 'Toutes les attributions', 0, count(*) FROM periode
)
SELECT
    l.dimension,
    CASE WHEN l.dimension = 'commune' THEN l.code END AS commune,
    CASE WHEN l.dimension = 'reservataire' THEN l.code END AS groupe,
    CASE WHEN l.dimension = 'typologie' THEN l.code END AS typologie_groupe,
    CASE WHEN l.dimension = 'financement' THEN l.code END AS financement,
    CASE WHEN l.dimension = 'qpv' THEN l.code END AS qpv,
    CASE WHEN l.dimension = 'bailleur' THEN l.code END AS bailleur,
    l.modalite,
    l.ordre,
    l.attributions,
    t.ensemble,
    l.attributions / nullif(t.ensemble, 0) AS part
FROM lignes AS l
CROSS JOIN (SELECT count(*) AS ensemble FROM periode) AS t
ORDER BY
    list_position(
        ['ensemble', 'commune', 'reservataire', 'typologie', 'financement', 'qpv', 'bailleur'],
        l.dimension
    ),
    l.ordre,
    l.attributions DESC,
    l.modalite;
