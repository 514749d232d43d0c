-- Demande sur le territoire, en ligne ou aux guichets : chaque année de $premiere_annee (ou
-- $annee si elle est plus ancienne) à $annee, les demandes enregistrées dont la commune
-- souhaitée en premier est dans $communes, sur le Portail Grand Public (guichet `en_ligne` des
-- paramètres) ou par un guichet (du territoire ou non).
-- Grain : une ligne par année, même sans enregistrement.
WITH annees AS (
    SELECT range AS annee
    FROM range(least($premiere_annee, $annee)::INTEGER, $annee::INTEGER + 1)
),
en_ligne AS (
    SELECT DISTINCT guichet FROM ref_guichets WHERE en_ligne
),
comptes AS (
    SELECT
        a.annee,
        count(d.demande_id) AS enregistrements,
        count(d.demande_id) FILTER (WHERE d.guichet_code IN (SELECT guichet FROM en_ligne))
            AS en_ligne
    FROM annees AS a
    LEFT JOIN stg_demandes AS d
        ON d.annee_depot = a.annee AND list_contains($communes, d.commune_principale)
    GROUP BY a.annee
)
SELECT
    annee,
    enregistrements,
    en_ligne,
    enregistrements - en_ligne AS aux_guichets,
    en_ligne / nullif(enregistrements, 0) AS part_en_ligne
FROM comptes
ORDER BY annee;
