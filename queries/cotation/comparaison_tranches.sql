-- Passages d'une tranche de note à l'autre entre la grille $grille et la grille
-- $grille_comparee, pour la file active au 31/12/$annee (commune souhaitée principale dans
-- $communes). Grain : une ligne par (public, tranche avec $grille, tranche avec
-- $grille_comparee) non vide ; n : demandes.
WITH deux AS (
    SELECT a.public, a.score AS score_a, b.score AS score_b
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31)) AS a
    JOIN cotation($grille_comparee, make_date($annee::INTEGER, 12, 31)) AS b USING (demande_id)
    WHERE list_contains($communes, a.commune_principale)
)
SELECT
    public,
    cotation_tranche_ordre(score_a) AS tranche_ordre,
    cotation_tranche(score_a) AS tranche,
    cotation_tranche_ordre(score_b) AS tranche_comparee_ordre,
    cotation_tranche(score_b) AS tranche_comparee,
    count(*) AS n
FROM deux
GROUP BY public, tranche_ordre, tranche, tranche_comparee_ordre, tranche_comparee
ORDER BY CASE public WHEN 'primo' THEN 0 ELSE 1 END, tranche_ordre, tranche_comparee_ordre;
