-- Le poids de chaque critère de la grille $grille dans les notes de la file active au
-- 31/12/$annee (commune souhaitée en premier dans $communes), par public : les points qu'il
-- apporte (demandes qui le portent × ses points), leur part dans la somme des notes et le rang
-- du critère (définitions : poids_criteres.yml). Pour les membres : rapportés aux effectifs
-- publiés, ces points donneraient un effectif masqué.
WITH actives AS (
    SELECT demande_id
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
portes AS (
    SELECT d.public, d.code, count(*) AS nb_demandes
    FROM cotation_detail($grille, make_date($annee::INTEGER, 12, 31)) AS d
    JOIN actives USING (demande_id)
    GROUP BY d.public, d.code
),
lignes AS (
    SELECT
        g.public,
        g.code,
        g.libelle,
        g.points,
        g.ordre,
        coalesce(p.nb_demandes, 0) * g.points AS points_apportes
    FROM ref_grilles AS g
    LEFT JOIN portes AS p USING (public, code)
    WHERE g.version = $grille
)
SELECT
    l.public,
    lp.libelle AS public_libelle,
    l.code,
    l.libelle,
    CASE WHEN length(l.libelle) > 48 THEN rtrim(left(l.libelle, 47)) || '…' ELSE l.libelle END
        AS libelle_court,
    l.points,
    l.ordre,
    l.points_apportes,
    l.points_apportes
        / nullif(sum(l.points_apportes) OVER (PARTITION BY l.public), 0) AS part_points,
    rank() OVER (PARTITION BY l.public ORDER BY l.points_apportes DESC) AS rang_points
FROM lignes AS l
JOIN ref_libelles AS lp ON lp.liste = 'public_cotation' AND lp.code = l.public
ORDER BY CASE l.public WHEN 'primo' THEN 0 ELSE 1 END, l.ordre, l.code;
