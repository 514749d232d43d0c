-- Radiations par motif : demandes radiées en $annee et en $annee - 1 (pour comparer), dont la
-- commune souhaitée principale est dans $communes, par motif de radiation du SNE.
-- Grain : une ligne par motif de la liste (RADATT, RADABA, RADIRR, RADCON, RADREN), même sans
-- radiation, plus une ligne « Motif non renseigné » s'il y a des radiations sans motif.
-- radiations : date de radiation dans $annee ; radiations_precedente : dans $annee - 1 ;
-- part = radiations / radiations de $annee, tous motifs (part_precedente de même).
WITH motifs AS (
    SELECT
        code,
        libelle,
        list_position(['RADATT', 'RADREN', 'RADABA', 'RADCON', 'RADIRR'], code) AS ordre
    FROM ref_libelles
    WHERE liste = 'motif_radiation'
),
radiees AS (
    SELECT coalesce(motif_radiation, '') AS code, year(date_radiation) AS annee
    FROM stg_demandes
    WHERE year(date_radiation) IN ($annee - 1, $annee)
      AND list_contains($communes, commune_principale)
),
lignes AS (
    SELECT code, libelle, ordre FROM motifs
    UNION ALL
    SELECT DISTINCT '', 'Motif non renseigné', 99 FROM radiees WHERE code = ''
),
comptes AS (
    SELECT
        l.code,
        l.libelle AS motif,
        l.ordre,
        count(r.code) FILTER (WHERE r.annee = $annee) AS radiations,
        count(r.code) FILTER (WHERE r.annee = $annee - 1) AS radiations_precedente
    FROM lignes AS l
    LEFT JOIN radiees AS r ON r.code = l.code
    GROUP BY ALL
)
SELECT
    code,
    motif,
    radiations,
    radiations_precedente,
    radiations / nullif(sum(radiations) OVER (), 0) AS part,
    radiations_precedente / nullif(sum(radiations_precedente) OVER (), 0) AS part_precedente
FROM comptes
ORDER BY ordre;
