-- Les critères de la grille $grille portés par la file active au 31/12/$annee (commune
-- souhaitée en premier dans $communes), par public (définitions : criteres.yml).
-- Une ligne par (public, critère) : tous les critères de la grille du public, même portés par
-- aucune demande, dans l'ordre de la grille, puis les codes portés hors de cette grille
-- (0 point), nommés par le libellé d'une autre grille. Ni rang ni ordre par effectif, ni
-- points apportés : avec les effectifs affichés, ils situeraient ou donneraient un effectif
-- masqué (ceux-là sont pour les membres : cotation/poids_criteres).
WITH actives AS (
    SELECT demande_id, public
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
portes AS (
    SELECT d.public, d.code, count(*) AS nb_demandes
    FROM cotation_detail($grille, make_date($annee::INTEGER, 12, 31)) AS d
    JOIN actives USING (demande_id)
    GROUP BY d.public, d.code
),
grille AS (
    SELECT public, code, libelle, points, categorie, prioritaire, ordre
    FROM ref_grilles
    WHERE version = $grille
),
-- le libellé d'un code dans une grille chargée (la plus récente d'abord)
libelles AS (
    SELECT code, arg_max(libelle, version_ordre * 10 + (public = 'primo')::INTEGER) AS libelle
    FROM ref_grilles
    GROUP BY code
),
effectifs AS (SELECT public, count(*) AS demandes FROM actives GROUP BY public),
lignes AS (
    SELECT
        coalesce(g.public, p.public) AS public,
        coalesce(g.code, p.code) AS code,
        coalesce(g.libelle, l.libelle, 'Critère inconnu des grilles') AS libelle,
        coalesce(g.categorie, 'hors_grille') AS categorie,
        coalesce(g.prioritaire, false) AS prioritaire,
        g.code IS NOT NULL AS dans_grille,
        coalesce(g.points, 0) AS points,
        coalesce(g.ordre, 999) AS ordre,
        coalesce(p.nb_demandes, 0) AS nb_demandes
    FROM grille AS g
    FULL JOIN portes AS p USING (public, code)
    LEFT JOIN libelles AS l ON l.code = coalesce(g.code, p.code)
)
SELECT
    l.public,
    lp.libelle AS public_libelle,
    $grille AS grille,
    l.code,
    l.libelle,
    CASE WHEN length(l.libelle) > 48 THEN rtrim(left(l.libelle, 47)) || '…' ELSE l.libelle END
        AS libelle_court,
    l.categorie,
    lc.libelle AS categorie_libelle,
    l.prioritaire,
    l.dans_grille,
    l.points,
    l.ordre,
    l.nb_demandes,
    l.nb_demandes > 0 AS porte,
    coalesce(e.demandes, 0) AS demandes,
    l.nb_demandes / nullif(e.demandes, 0) AS part_demandes
FROM lignes AS l
LEFT JOIN effectifs AS e USING (public)
JOIN ref_libelles AS lp ON lp.liste = 'public_cotation' AND lp.code = l.public
JOIN ref_libelles AS lc ON lc.liste = 'categorie_cotation' AND lc.code = l.categorie
ORDER BY CASE l.public WHEN 'primo' THEN 0 ELSE 1 END, l.ordre, l.code;
