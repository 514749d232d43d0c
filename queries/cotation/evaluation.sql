-- Évaluation de la grille $grille en $annee : la cotation fait-elle ressortir et loger les
-- ménages les plus prioritaires ? Grain : une ligne par public, puis 'ensemble' (sommes des
-- effectifs des deux publics, chaque ménage jugé dans la file de son public).
-- File active : demandes actives au 31/12/$annee (commune souhaitée principale dans
--   $communes), notées à cette date.
-- seuil_quart : 75e centile (interpolé) des notes de la file active du public ; le « quart
--   supérieur » = note >= ce seuil (les ex aequo au seuil en font partie : part_file_quart, la
--   part de la file active au-dessus du seuil, peut dépasser 25 % et sert de référence).
-- attributions_notees : attributions de $annee pour un logement de $communes dont la note est
--   connue (attributions_sans_note : ni note dans l'extrait, ni demande liée) ; attributions_quart : celles dont la note atteint seuil_quart ; part_quart :
--   attributions_quart / attributions_notees.
-- seuil_decile : 90e centile des notes de la file active ; demandes_decile : demandes actives
--   dont la note l'atteint ; decile_prioritaires : parmi elles, les ménages prioritaires ou
--   DALO ; part_prioritaires_decile : decile_prioritaires / demandes_decile ;
--   part_prioritaires_file : même part dans toute la file active (la référence).
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
        count(t.score) AS attributions_notees,
        count(t.attribution_id) - count(t.score) AS attributions_sans_note,
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
        sum(decile_prioritaires), sum(attributions_notees), sum(attributions_sans_note),
        sum(attributions_quart), 2
    FROM par_public
)
SELECT
    public,
    seuil_quart,
    seuil_decile,
    demandes::BIGINT AS demandes,
    demandes_prioritaires::BIGINT AS demandes_prioritaires,
    file_quart::BIGINT AS file_quart,
    demandes_decile::BIGINT AS demandes_decile,
    decile_prioritaires::BIGINT AS decile_prioritaires,
    attributions_notees::BIGINT AS attributions_notees,
    attributions_sans_note::BIGINT AS attributions_sans_note,
    attributions_quart::BIGINT AS attributions_quart,
    attributions_quart / nullif(attributions_notees, 0) AS part_quart,
    file_quart / nullif(demandes, 0) AS part_file_quart,
    decile_prioritaires / nullif(demandes_decile, 0) AS part_prioritaires_decile,
    demandes_prioritaires / nullif(demandes, 0) AS part_prioritaires_file
FROM lignes
ORDER BY ordre;
