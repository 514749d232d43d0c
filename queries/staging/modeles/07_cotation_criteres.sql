-- mod_cotation_criteres : les critères de chaque demande active au 31 décembre de chaque année
-- de $annee_debut à $annee_fin (cotation_codes : ils ne dépendent que du jour, pas de la
-- grille) : le détail de la note devient une jointure et un GROUP BY. Triée par jour : une
-- requête ne lit que les blocs de son année.
SELECT j.jour_note, c.demande_id, c.public, c.code
FROM (
    SELECT make_date(a.range::INTEGER, 12, 31) AS jour_note
    FROM range($annee_debut::INTEGER, $annee_fin::INTEGER + 1) AS a
) AS j,
LATERAL (SELECT demande_id, public, code FROM cotation_codes(j.jour_note)) AS c
ORDER BY j.jour_note, c.demande_id, c.code
