-- Attributions : baux signés et décisions d'attribution, par année, de $annee_debut à
-- $annee_fin, pour les logements situés dans $communes (définitions dans chiffres_cles.yml).
-- Comme au SNE, une attribution compte l'année où son bail est signé ; une décision compte
-- l'année de la commission d'attribution (CALEOL), qu'elle soit suivie d'un bail ou non : une
-- décision de décembre dont le bail est signé en janvier est une décision de l'année et une
-- attribution de la suivante.
-- Grain : une ligne par année de la période (même sans attribution), plus une ligne annee NULL
-- pour la période entière.
WITH annees AS (
    SELECT range AS annee FROM range($annee_debut::INTEGER, $annee_fin::INTEGER + 1)
),
choisies AS (
    SELECT * FROM stg_attributions WHERE list_contains($communes, commune)
),
baux AS (
    SELECT
        a.annee,
        count(c.attribution_id) AS attributions,
        count(c.attribution_id) FILTER (WHERE c.annee_decision < c.annee) AS decidees_avant
    FROM annees AS a
    LEFT JOIN choisies AS c ON c.annee = a.annee
    GROUP BY GROUPING SETS ((a.annee), ())
),
decidees AS (
    SELECT
        a.annee,
        count(c.attribution_id) AS decisions,
        count(c.attribution_id) FILTER (WHERE NOT c.effective) AS sans_bail
    FROM annees AS a
    LEFT JOIN choisies AS c ON c.annee_decision = a.annee
    GROUP BY GROUPING SETS ((a.annee), ())
)
SELECT
    b.annee,
    CASE
        WHEN b.annee IS NOT NULL THEN b.annee::VARCHAR
        WHEN $annee_debut = $annee_fin THEN $annee_fin::VARCHAR
        ELSE $annee_debut::VARCHAR || '-' || $annee_fin::VARCHAR
    END AS periode,
    b.attributions,
    b.decidees_avant,
    d.decisions,
    d.decisions - d.sans_bail AS decisions_bail,
    d.sans_bail,
    d.sans_bail / nullif(d.decisions, 0) AS part_sans_bail
FROM baux AS b
JOIN decidees AS d ON d.annee IS NOT DISTINCT FROM b.annee
ORDER BY b.annee NULLS LAST;
