-- Histogramme fin (membres) des notes de la file active au 31/12/$annee dans la grille
-- $grille, par public.
-- Grain : une ligne par (public, classe de 10 points) de 0 à la note la plus haute : classe
-- « 30 » = notes de 30 à 39. Les classes vides sont présentes (effectif 0).
-- Filtre : commune souhaitée principale dans $communes.
WITH actives AS (
    SELECT public, score
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
classes AS (
    SELECT p.public, range AS classe
    FROM (SELECT unnest(['primo', 'mutation']) AS public) AS p,
         range(0, coalesce((SELECT max(score) FROM actives), 0)::INTEGER + 1, 10)
)
SELECT
    c.public,
    lp.libelle AS public_libelle,
    c.classe,
    format('{} à {}', c.classe, c.classe + 9) AS classe_libelle,
    count(a.score) AS n
FROM classes AS c
LEFT JOIN actives AS a
    ON a.public = c.public AND floor(a.score / 10) * 10 = c.classe
JOIN ref_libelles AS lp ON lp.liste = 'public_cotation' AND lp.code = c.public
GROUP BY c.public, lp.libelle, c.classe
ORDER BY CASE c.public WHEN 'primo' THEN 0 ELSE 1 END, c.classe;
