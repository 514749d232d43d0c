-- Notes des ménages logés dans l'année face à celles de la file active (grille $grille).
-- Grain : une ligne par (public, population) :
--   'attribues' : attributions décidées en $annee pour un logement de $communes, dont la note
--     est connue (score_cotation de l'extrait, sinon la note de la demande liée au jour de la
--     décision) ;
--   'file_active' : demandes actives au 31/12/$annee dont la commune souhaitée principale est
--     dans $communes, notées à cette date.
-- n, moyenne et centiles (10e, 25e, médiane, 75e, 90e ; interpolés) des notes.
WITH notes AS (
    SELECT public, 'attribues' AS population, score
    FROM cotation_attributions($grille)
    WHERE annee = $annee AND list_contains($communes, commune) AND score IS NOT NULL
    UNION ALL
    SELECT public, 'file_active', score
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
cadre AS (
    SELECT public, population
    FROM (SELECT unnest(['primo', 'mutation']) AS public),
         (SELECT unnest(['attribues', 'file_active']) AS population)
)
SELECT
    c.public,
    c.population,
    count(n.score) AS n,
    avg(n.score) AS moyenne,
    quantile_cont(n.score, 0.1) AS p10,
    quantile_cont(n.score, 0.25) AS q1,
    quantile_cont(n.score, 0.5) AS mediane,
    quantile_cont(n.score, 0.75) AS q3,
    quantile_cont(n.score, 0.9) AS p90
FROM cadre AS c
LEFT JOIN notes AS n USING (public, population)
GROUP BY c.public, c.population
ORDER BY CASE c.public WHEN 'primo' THEN 0 ELSE 1 END, c.population;
