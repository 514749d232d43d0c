-- Évolution annuelle de la demande et des attributions, de $premiere_annee à $derniere_annee.
-- Grain : une ligne par année. Mêmes définitions que accueil/chiffres_cles.
WITH annees AS (
    SELECT range AS annee FROM range($premiere_annee::INTEGER, $derniere_annee::INTEGER + 1)
)
SELECT
    a.annee,
    (SELECT count(*) FROM stg_demandes AS d
      WHERE d.date_depot <= make_date(a.annee, 12, 31)
        AND (d.date_radiation IS NULL OR d.date_radiation > make_date(a.annee, 12, 31))
        AND list_contains($communes, d.commune_principale)) AS demandes_actives,
    (SELECT count(*) FROM stg_demandes AS d
      WHERE d.annee_depot = a.annee
        AND list_contains($communes, d.commune_principale)) AS enregistrements,
    (SELECT count(*) FROM stg_attributions AS t
      WHERE t.annee = a.annee AND list_contains($communes, t.commune)) AS attributions
FROM annees AS a
ORDER BY a.annee;
