-- Ancienneté des demandes de la file active au 31/12/$annee, par tranche.
-- Grain : une ligne par tranche (toujours les cinq) : moins d'un an, 1 à 2 ans, 2 à 3 ans,
-- 3 à 5 ans, 5 ans et plus.
-- File active : déposée au plus tard le 31/12/$annee, non radiée ce jour-là, commune souhaitée
-- en premier dans $communes. Ancienneté : mois révolus du dépôt au 31/12/$annee (une demande
-- déposée le 31/12/2023 a 24 mois au 31/12/2025 et tombe dans « 2 à 3 ans »).
-- n : demandes ; part = n / file active.
WITH actives AS (
    SELECT date_sub('month', date_depot, make_date($annee::INTEGER, 12, 31)) AS mois
    FROM demandes_actives(make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
tranches AS (
    SELECT *
    FROM (
        VALUES
            (0, 'Moins d''un an', 0, 12),
            (1, '1 à 2 ans', 12, 24),
            (2, '2 à 3 ans', 24, 36),
            (3, '3 à 5 ans', 36, 60),
            (4, '5 ans et plus', 60, NULL)
    ) AS t (ordre, tranche, mois_min, mois_max)
)
SELECT
    t.ordre,
    t.tranche,
    count(a.mois) AS n,
    count(a.mois) / nullif((SELECT count(*) FROM actives), 0) AS part
FROM tranches AS t
LEFT JOIN actives AS a
    ON a.mois >= t.mois_min AND (t.mois_max IS NULL OR a.mois < t.mois_max)
GROUP BY t.ordre, t.tranche
ORDER BY t.ordre;
