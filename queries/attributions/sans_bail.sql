-- Décisions d'attribution sans bail, du 1er janvier $annee_debut au 31 décembre $annee_fin
-- (année de la décision), pour un logement situé dans $communes, par motif : la colonne
-- `motif_sans_bail` de l'extrait quand elle est renseignée (codes dans dashboard/codes.py),
-- « non renseigné » sinon.
-- Grain : une ligne par motif de la liste (même sans décision), plus le motif « non
-- renseigné » et une ligne motif NULL pour toutes les décisions sans bail.
-- ensemble : toutes les décisions sans bail de la période (la ligne motif NULL), sur chaque
-- ligne ; part = decisions / ensemble.
WITH sans_bail AS (
    SELECT coalesce(motif_sans_bail, 'non_renseigne') AS motif
    FROM stg_attributions
    WHERE NOT effective
      AND annee_decision BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
motifs AS (
    SELECT
        code,
        libelle,
        list_position(
            ['refus_menage', 'autre_candidat', 'condition_non_levee', 'bail_en_attente', 'autre'],
            code
        ) AS ordre
    FROM ref_libelles
    WHERE liste = 'motif_sans_bail'
    UNION ALL
    SELECT 'non_renseigne', 'Motif non renseigné', 90
),
comptes AS (
    SELECT m.code AS motif, m.libelle, m.ordre, count(s.motif) AS decisions
    FROM motifs AS m
    LEFT JOIN sans_bail AS s ON s.motif = m.code
    GROUP BY ALL
    UNION ALL
    SELECT NULL, 'Toutes les décisions sans bail', 100, count(*) FROM sans_bail
)
SELECT
    c.motif,
    c.libelle,
    c.ordre,
    c.decisions,
    t.ensemble,
    c.decisions / nullif(t.ensemble, 0) AS part
FROM comptes AS c
CROSS JOIN (SELECT count(*) AS ensemble FROM sans_bail) AS t
ORDER BY c.ordre;
