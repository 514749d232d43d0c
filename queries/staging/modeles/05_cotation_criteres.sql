-- mod_cotation_criteres : les critères de chaque demande active au 31 décembre de chaque année
-- de $annee_debut à $annee_fin (cotation_codes_jours : ils ne dépendent que du jour, pas de la
-- grille), toutes les années en une passe : le détail de la note devient une jointure et un
-- GROUP BY. Triée par jour seulement (une requête ne lit que les blocs de son année) : trier
-- aussi par demande et critère doublait le temps de construction sans servir à aucune requête.
SELECT jour_note, demande_id, public, code
FROM cotation_codes_jours(cotation_jours_notes($annee_debut, $annee_fin))
ORDER BY jour_note
