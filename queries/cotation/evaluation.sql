-- Évaluation de la grille $grille en $annee : la cotation fait-elle ressortir et loger les
-- ménages les plus prioritaires ? (définitions : evaluation.yml). Une ligne par public, puis
-- 'ensemble' (sommes des deux publics, chaque ménage jugé dans la file de son public).
-- File active : demandes actives au 31/12/$annee (commune souhaitée en premier dans $communes),
-- notées à cette date ; attributions : baux signés en $annee pour un logement de $communes,
-- notés au jour de la décision (cotation_attributions).
-- Chaque sous-ensemble affiché a son complément (hors_quart, hors_decile…) : le total moins la
-- partie est un effectif aussi, que le secret doit couvrir (evaluation.yml, « sums »).
WITH actives AS (
    SELECT public, score, prioritaire_ou_dalo
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
publics AS (SELECT unnest(['primo', 'mutation']) AS public),
seuils AS (
    SELECT
        p.public,
        quantile_cont(a.score, 0.75) AS seuil_quart,
        quantile_cont(a.score, 0.9) AS seuil_decile
    FROM publics AS p
    LEFT JOIN actives AS a USING (public)
    GROUP BY p.public
),
file AS (
    SELECT
        s.public,
        count(a.score) AS demandes,
        count(a.score) FILTER (WHERE a.prioritaire_ou_dalo) AS demandes_prioritaires,
        count(a.score) FILTER (WHERE a.score >= s.seuil_quart) AS file_quart,
        count(a.score) FILTER (WHERE a.score >= s.seuil_decile) AS demandes_decile,
        count(a.score) FILTER (
            WHERE a.score >= s.seuil_decile AND a.prioritaire_ou_dalo
        ) AS decile_prioritaires
    FROM seuils AS s
    LEFT JOIN actives AS a USING (public)
    GROUP BY s.public
),
attribuees AS (
    SELECT
        s.public,
        count(t.attribution_id) AS attributions,
        count(t.score) AS attributions_notees,
        count(t.score) FILTER (WHERE t.score >= s.seuil_quart) AS attributions_quart
    FROM seuils AS s
    LEFT JOIN cotation_attributions($grille) AS t
        ON t.public = s.public
       AND t.annee = $annee
       AND list_contains($communes, t.commune)
    GROUP BY s.public
),
par_public AS (
    SELECT s.public, s.seuil_quart, s.seuil_decile, f.* EXCLUDE (public), t.* EXCLUDE (public)
    FROM seuils AS s
    JOIN file AS f USING (public)
    JOIN attribuees AS t USING (public)
),
lignes AS (
    SELECT *, CASE public WHEN 'primo' THEN 0 ELSE 1 END AS ordre FROM par_public
    UNION ALL
    SELECT
        'ensemble', NULL, NULL,
        sum(demandes), sum(demandes_prioritaires), sum(file_quart), sum(demandes_decile),
        sum(decile_prioritaires), sum(attributions), sum(attributions_notees),
        sum(attributions_quart), 2
    FROM par_public
)
SELECT
    l.public,
    lp.libelle AS public_libelle,
    $grille AS grille,
    l.seuil_quart,
    l.seuil_decile,
    l.demandes::BIGINT AS demandes,
    l.demandes_prioritaires::BIGINT AS demandes_prioritaires,
    (l.demandes - l.demandes_prioritaires)::BIGINT AS demandes_non_prioritaires,
    l.file_quart::BIGINT AS file_quart,
    (l.demandes - l.file_quart)::BIGINT AS file_hors_quart,
    l.demandes_decile::BIGINT AS demandes_decile,
    (l.demandes - l.demandes_decile)::BIGINT AS demandes_hors_decile,
    l.decile_prioritaires::BIGINT AS decile_prioritaires,
    (l.demandes_decile - l.decile_prioritaires)::BIGINT AS decile_non_prioritaires,
    l.attributions::BIGINT AS attributions,
    l.attributions_notees::BIGINT AS attributions_notees,
    (l.attributions - l.attributions_notees)::BIGINT AS attributions_sans_note,
    l.attributions_quart::BIGINT AS attributions_quart,
    (l.attributions_notees - l.attributions_quart)::BIGINT AS attributions_hors_quart,
    l.attributions_quart / nullif(l.attributions_notees, 0) AS part_quart,
    l.file_quart / nullif(l.demandes, 0) AS part_file_quart,
    l.decile_prioritaires / nullif(l.demandes_decile, 0) AS part_prioritaires_decile,
    l.demandes_prioritaires / nullif(l.demandes, 0) AS part_prioritaires_file
FROM lignes AS l
JOIN ref_libelles AS lp ON lp.liste = 'public_cotation' AND lp.code = l.public
ORDER BY l.ordre;
