-- Rythme mensuel des enregistrements : demandes sur le territoire (commune souhaitée en
-- premier dans $communes) enregistrées chaque mois de $annee et de $annee - 1 (pour comparer).
-- Grain : une ligne par (année, mois), même sans enregistrement.
WITH annees AS (
    SELECT unnest([$annee::INTEGER - 1, $annee::INTEGER]) AS annee
),
mois AS (
    SELECT range AS mois FROM range(1, 13)
)
SELECT
    a.annee,
    m.mois,
    [
        'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
        'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'
    ][m.mois] AS libelle,
    count(d.demande_id) AS enregistrements
FROM annees AS a
CROSS JOIN mois AS m
LEFT JOIN stg_demandes AS d
    ON d.annee_depot = a.annee
   AND month(d.date_depot) = m.mois
   AND list_contains($communes, d.commune_principale)
GROUP BY a.annee, m.mois
ORDER BY a.annee, m.mois;
