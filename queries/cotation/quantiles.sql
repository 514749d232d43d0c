-- Notes de la file active au 31/12/$annee dans la grille $grille (définitions : quantiles.yml).
-- Une ligne par (axe, public, modalité) : axe 'ensemble' (tout le public), 'commune' (par
-- commune souhaitée en premier, parmi $communes), 'typologie' (par groupe de typologie
-- souhaitée). Pas de moyenne : avec l'effectif, elle donnerait la somme des notes, et avec les
-- critères portés (cotation/criteres) un effectif masqué.
WITH actives AS (
    SELECT c.*, rc.nom AS commune_nom, rc.ordre AS commune_ordre
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31)) AS c
    JOIN ref_communes AS rc ON rc.insee = c.commune_principale
    WHERE list_contains($communes, c.commune_principale)
),
par_axe AS (
    SELECT
        CASE WHEN GROUPING(commune_principale) = 0 THEN 'commune'
             WHEN GROUPING(typologie_groupe) = 0 THEN 'typologie'
             ELSE 'ensemble' END AS axe,
        public,
        commune_principale AS commune,
        typologie_groupe,
        CASE WHEN GROUPING(commune_principale) = 0 THEN min(commune_nom)
             ELSE coalesce(typologie_groupe, 'Ensemble') END AS modalite,
        CASE WHEN GROUPING(commune_principale) = 0 THEN min(commune_ordre)
             WHEN GROUPING(typologie_groupe) = 0 THEN min(typologie_groupe_ordre)
             ELSE 0 END AS ordre,
        count(*) AS n,
        -- one aggregate for the five quantiles: the notes are held once per group, not five
        -- times (at national scale, five copies exceeded the server's 1 GB)
        quantile_cont(score, [0.1, 0.25, 0.5, 0.75, 0.9]) AS q
    FROM actives
    GROUP BY GROUPING SETS ((public), (public, commune_principale), (public, typologie_groupe))
),
cadre AS (
    -- un public sans demande active a quand même sa ligne « ensemble » (effectif 0)
    SELECT 'ensemble' AS axe, unnest(['primo', 'mutation']) AS public, 'Ensemble' AS modalite
)
SELECT
    coalesce(p.axe, f.axe) AS axe,
    coalesce(p.public, f.public) AS public,
    l.libelle AS public_libelle,
    p.commune,
    p.typologie_groupe,
    coalesce(p.modalite, f.modalite) AS modalite,
    coalesce(p.ordre, 0) AS ordre,
    coalesce(p.n, 0) AS n,
    p.q[1] AS p10, p.q[2] AS q1, p.q[3] AS mediane, p.q[4] AS q3, p.q[5] AS p90
FROM par_axe AS p
FULL JOIN cadre AS f USING (axe, public, modalite)
JOIN ref_libelles AS l ON l.liste = 'public_cotation' AND l.code = coalesce(p.public, f.public)
ORDER BY axe, CASE coalesce(p.public, f.public) WHEN 'primo' THEN 0 ELSE 1 END, ordre, modalite;
