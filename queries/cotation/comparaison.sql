-- Comparaison de deux grilles ($grille et $grille_comparee) sur la même file active, au
-- 31/12/$annee (commune souhaitée principale dans $communes).
-- Grain : une ligne par public, puis 'ensemble' (effectifs sommés ; pas de corrélation : les
-- rangs se comparent dans la file d'un même public).
-- n : demandes ; change_tranche : demandes dont la tranche de 20 points diffère d'une grille à
-- l'autre (monte : tranche plus haute avec $grille_comparee ; descend : plus basse) ;
-- moyenne, moyenne_comparee : note moyenne dans chaque grille ;
-- correlation_rangs : corrélation de Spearman des rangs (rangs moyens des ex aequo) ; NULL si
-- toutes les notes d'une grille sont égales.
WITH deux AS (
    SELECT a.demande_id, a.public, a.score AS score_a, b.score AS score_b
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31)) AS a
    JOIN cotation($grille_comparee, make_date($annee::INTEGER, 12, 31)) AS b USING (demande_id)
    WHERE list_contains($communes, a.commune_principale)
),
-- le rang moyen de chaque note distincte dans chaque grille (rang du premier ex aequo +
-- (ex aequo - 1) / 2), calculé sur les quelques notes distinctes plutôt que demande par demande
notes AS (
    SELECT public, 'a' AS grille, score_a AS score FROM deux
    UNION ALL
    SELECT public, 'b', score_b FROM deux
),
rangs_notes AS (
    SELECT
        public,
        grille,
        score,
        (sum(count(*)) OVER (PARTITION BY public, grille ORDER BY score) - count(*) + 1)::BIGINT
            + (count(*) - 1) / 2 AS rang
    FROM notes
    GROUP BY public, grille, score
),
rangs AS (
    SELECT d.*, a.rang AS rang_a, b.rang AS rang_b
    FROM deux AS d
    JOIN rangs_notes AS a ON a.grille = 'a' AND a.public = d.public AND a.score = d.score_a
    JOIN rangs_notes AS b ON b.grille = 'b' AND b.public = d.public AND b.score = d.score_b
),
publics AS (SELECT unnest(['primo', 'mutation']) AS public),
par_public AS (
    SELECT
        p.public,
        count(r.demande_id) AS n,
        count(r.demande_id) FILTER (
            WHERE cotation_tranche_ordre(r.score_b) > cotation_tranche_ordre(r.score_a)
        ) AS monte,
        count(r.demande_id) FILTER (
            WHERE cotation_tranche_ordre(r.score_b) < cotation_tranche_ordre(r.score_a)
        ) AS descend,
        sum(r.score_a) AS total_a,
        sum(r.score_b) AS total_b,
        corr(r.rang_a, r.rang_b) AS correlation_rangs
    FROM publics AS p
    LEFT JOIN rangs AS r USING (public)
    GROUP BY p.public
),
lignes AS (
    SELECT *, CASE public WHEN 'primo' THEN 0 ELSE 1 END AS ordre FROM par_public
    UNION ALL
    SELECT 'ensemble', sum(n), sum(monte), sum(descend), sum(total_a), sum(total_b), NULL, 2
    FROM par_public
)
SELECT
    l.public,
    lp.libelle AS public_libelle,
    n::BIGINT AS n,
    (monte + descend)::BIGINT AS change_tranche,
    (monte + descend) / nullif(n, 0) AS part_change_tranche,
    monte::BIGINT AS monte,
    descend::BIGINT AS descend,
    total_a / nullif(n, 0) AS moyenne,
    total_b / nullif(n, 0) AS moyenne_comparee,
    correlation_rangs
FROM lignes AS l
JOIN ref_libelles AS lp ON lp.liste = 'public_cotation' AND lp.code = l.public
ORDER BY ordre;
