-- Les critères de la grille $grille dans la file active au 31/12/$annee, par public : combien
-- de demandes portent chaque critère et combien de points il apporte au total.
-- Grain : une ligne par (public, critère) : tous les critères de la grille (même portés par
-- aucune demande), plus les codes portés hors de la grille (dans_grille = false, 0 point).
-- nb_demandes : demandes actives du public qui portent le critère (déclaré ou dérivé) ;
-- part_demandes : nb_demandes / demandes actives du public ;
-- points_apportes : nb_demandes × points ; part_points : sa part dans la somme des notes ;
-- rang_nombre, rang_points : rangs (1 = le plus fréquent, le plus de points) dans le public.
-- Filtre : commune souhaitée principale dans $communes.
WITH jour AS (SELECT make_date($annee::INTEGER, 12, 31) AS j),
actives AS (
    SELECT demande_id, public
    FROM cotation($grille, (SELECT j FROM jour))
    WHERE list_contains($communes, commune_principale)
),
portes AS (
    SELECT d.public, d.code, count(*) AS nb_demandes
    FROM cotation_detail($grille, (SELECT j FROM jour)) AS d
    JOIN actives USING (demande_id)
    GROUP BY d.public, d.code
),
grille AS (
    SELECT public, code, libelle, points, categorie, prioritaire, ordre
    FROM ref_grilles
    WHERE version = $grille
),
effectifs AS (SELECT public, count(*) AS demandes FROM actives GROUP BY public),
lignes AS (
    SELECT
        coalesce(g.public, p.public) AS public,
        coalesce(g.code, p.code) AS code,
        coalesce(g.libelle, p.code) AS libelle,
        g.categorie,
        coalesce(g.prioritaire, false) AS prioritaire,
        g.code IS NOT NULL AS dans_grille,
        coalesce(g.points, 0) AS points,
        coalesce(g.ordre, 999) AS ordre,
        coalesce(p.nb_demandes, 0) AS nb_demandes
    FROM grille AS g
    FULL JOIN portes AS p USING (public, code)
)
SELECT
    l.*,
    coalesce(e.demandes, 0) AS demandes,
    l.nb_demandes / nullif(e.demandes, 0) AS part_demandes,
    l.nb_demandes * l.points AS points_apportes,
    l.nb_demandes * l.points
        / nullif(sum(l.nb_demandes * l.points) OVER (PARTITION BY l.public), 0) AS part_points,
    rank() OVER (PARTITION BY l.public ORDER BY l.nb_demandes DESC) AS rang_nombre,
    rank() OVER (PARTITION BY l.public ORDER BY l.nb_demandes * l.points DESC) AS rang_points
FROM lignes AS l
LEFT JOIN effectifs AS e USING (public)
ORDER BY CASE l.public WHEN 'primo' THEN 0 ELSE 1 END, rang_nombre, l.ordre;
