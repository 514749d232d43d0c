-- Années proposées dans le filtre : de $premiere_annee à la dernière année couverte par les
-- extraits (dépôts de demandes ou décisions d'attribution). Grain : une ligne par année.
WITH bornes AS (
    SELECT greatest(
        (SELECT max(year(date_depot)) FROM demandes),
        (SELECT max(year(date_attribution)) FROM attributions)
    ) AS derniere
)
SELECT range AS annee
FROM bornes, range($premiere_annee::INTEGER, coalesce(bornes.derniere, $premiere_annee) + 1)
ORDER BY annee;
