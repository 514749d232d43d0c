-- Notes des ménages logés en $annee (baux signés dans l'année pour un logement de $communes),
-- dans la grille $grille : score_cotation de l'extrait, sinon la note de la demande liée au
-- jour de la décision (définitions : evaluation_notes.yml). Une ligne par public. Les notes
-- de la file active, auxquelles la page les compare, sont celles de cotation/quantiles.
WITH notes AS (
    SELECT public, score
    FROM cotation_attributions($grille)
    WHERE annee = $annee AND list_contains($communes, commune) AND score IS NOT NULL
)
SELECT
    p.public,
    lp.libelle AS public_libelle,
    count(n.score) AS n,
    quantile_cont(n.score, 0.1) AS p10,
    quantile_cont(n.score, 0.25) AS q1,
    quantile_cont(n.score, 0.5) AS mediane,
    quantile_cont(n.score, 0.75) AS q3,
    quantile_cont(n.score, 0.9) AS p90
FROM (SELECT unnest(['primo', 'mutation']) AS public) AS p
LEFT JOIN notes AS n USING (public)
JOIN ref_libelles AS lp ON lp.liste = 'public_cotation' AND lp.code = p.public
GROUP BY p.public, lp.libelle
ORDER BY CASE p.public WHEN 'primo' THEN 0 ELSE 1 END;
