-- Radiations par motif : demandes sur le territoire (commune souhaitée en premier dans
-- $communes) radiées en $annee et en $annee - 1 (pour comparer), par motif de radiation du SNE.
-- Grain : une ligne par (année, motif) : chaque motif de la liste (RADATT, RADREN, RADABA,
-- RADCON, RADIRR), même sans radiation (le contrat exige un motif pour toute radiation).
-- part = radiations / radiations de l'année, tous motifs.
WITH annees AS (
    SELECT unnest([$annee::INTEGER - 1, $annee::INTEGER]) AS annee
),
motifs AS (
    SELECT
        code,
        libelle,
        list_position(['RADATT', 'RADREN', 'RADABA', 'RADCON', 'RADIRR'], code) AS ordre
    FROM ref_libelles
    WHERE liste = 'motif_radiation'
),
radiees AS (
    SELECT motif_radiation AS code, year(date_radiation) AS annee
    FROM stg_demandes
    WHERE year(date_radiation) IN (SELECT annee FROM annees)
      AND list_contains($communes, commune_principale)
),
comptes AS (
    SELECT a.annee, l.code, l.libelle AS motif, l.ordre, count(r.code) AS radiations
    FROM annees AS a
    CROSS JOIN motifs AS l
    LEFT JOIN radiees AS r ON r.code = l.code AND r.annee = a.annee
    GROUP BY ALL
)
SELECT
    annee,
    code,
    motif,
    radiations,
    radiations / nullif(sum(radiations) OVER (PARTITION BY annee), 0) AS part
FROM comptes
ORDER BY annee, ordre;
