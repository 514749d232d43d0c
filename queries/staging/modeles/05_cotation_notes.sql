-- mod_cotation_notes : la note de chaque demande active au 31 décembre de chaque année de
-- $annee_debut à $annee_fin, dans chaque grille (cotation_calculee) : les pages de la cotation
-- ne notent plus la file active à chaque affichage. Triée par grille et jour : une requête ne
-- lit que les blocs de son année.
SELECT j.version, j.jour_note, c.demande_id, c.score
FROM (
    SELECT v.version, make_date(a.range::INTEGER, 12, 31) AS jour_note
    FROM (SELECT DISTINCT version FROM ref_grilles) AS v,
        range($annee_debut::INTEGER, $annee_fin::INTEGER + 1) AS a
) AS j,
LATERAL (SELECT demande_id, score FROM cotation_calculee(j.version, j.jour_note)) AS c
ORDER BY j.version, j.jour_note, c.demande_id
