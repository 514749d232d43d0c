-- Évolution du parc social entre les millésimes RPLS chargés, par commune et pour l'ensemble
-- (insee NULL, « Ensemble »). Filtres $communes, $financements, $typologies, $periodes comme
-- parc/communes (liste vide : pas de filtre).
-- variation : logements du millésime − logements du millésime chargé précédent (NULL pour le
-- premier). Grain : une ligne par millésime et commune (ou ensemble).
WITH parc AS (
    SELECT *
    FROM logements_filtres(
        NULL, $communes::VARCHAR[], $financements::VARCHAR[], $typologies::VARCHAR[],
        $periodes::VARCHAR[]
    )
),
millesimes AS (
    SELECT DISTINCT millesime FROM logements
),
grille AS (
    SELECT m.millesime, c.insee, c.nom, c.ordre
    FROM millesimes AS m
    CROSS JOIN ref_communes AS c
    WHERE list_contains($communes, c.insee)
),
comptes AS (
    SELECT g.millesime, g.insee, grouping(g.insee) = 1 AS ensemble, count(p.depcom) AS logements
    FROM grille AS g
    LEFT JOIN parc AS p ON p.millesime = g.millesime AND p.depcom = g.insee
    GROUP BY GROUPING SETS ((g.millesime, g.insee), (g.millesime))
)
SELECT
    k.millesime,
    k.insee,
    coalesce(c.nom, 'Ensemble') AS commune,
    coalesce(c.ordre, 999) AS commune_ordre,
    k.logements,
    k.logements - lag(k.logements) OVER (PARTITION BY k.insee ORDER BY k.millesime)
        AS variation
FROM comptes AS k
LEFT JOIN ref_communes AS c ON c.insee = k.insee
ORDER BY commune_ordre, k.millesime;
