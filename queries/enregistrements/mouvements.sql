-- Mouvements de la demande sur le territoire chaque année de $premiere_annee (ou $annee si
-- elle est plus ancienne) à $annee, pour les demandes dont la commune souhaitée en premier est
-- dans $communes. Grain : une ligne par année.
WITH annees AS (
    SELECT range AS annee
    FROM range(least($premiere_annee, $annee)::INTEGER, $annee::INTEGER + 1)
),
demandes AS (
    SELECT * FROM stg_demandes WHERE list_contains($communes, commune_principale)
)
SELECT
    a.annee,
    (SELECT count(*) FROM demandes AS d
      WHERE d.date_depot <= make_date(a.annee, 12, 31)
        AND (d.date_radiation IS NULL OR d.date_radiation > make_date(a.annee, 12, 31))
    ) AS demandes_actives,
    (SELECT count(*) FROM demandes AS d WHERE d.annee_depot = a.annee) AS enregistrements,
    (SELECT count(*) FROM demandes AS d WHERE year(d.date_renouvellement) = a.annee)
        AS renouvellements,
    (SELECT count(*) FROM demandes AS d WHERE year(d.date_radiation) = a.annee) AS radiations
FROM annees AS a
ORDER BY a.annee;
