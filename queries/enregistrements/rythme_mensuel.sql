-- Rythme mensuel des enregistrements : demandes enregistrées chaque mois de $annee et de
-- l'année précédente (pour comparer), dont la commune souhaitée principale est dans $communes.
-- Grain : une ligne par mois (1 à 12), même sans enregistrement.
-- enregistrements : demandes dont la date de dépôt tombe dans ce mois de $annee ;
-- enregistrements_precedente : la même chose pour $annee - 1.
WITH mois AS (
    SELECT range AS mois FROM range(1, 13)
)
SELECT
    m.mois,
    [
        'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
        'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'
    ][m.mois] AS libelle,
    count(d.demande_id) FILTER (WHERE d.annee_depot = $annee) AS enregistrements,
    count(d.demande_id) FILTER (WHERE d.annee_depot = $annee - 1) AS enregistrements_precedente
FROM mois AS m
LEFT JOIN stg_demandes AS d
    ON month(d.date_depot) = m.mois
   AND d.annee_depot IN ($annee - 1, $annee)
   AND list_contains($communes, d.commune_principale)
GROUP BY m.mois
ORDER BY m.mois;
