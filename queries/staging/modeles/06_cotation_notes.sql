-- mod_cotation_notes : la note de chaque demande active au 31 décembre de chaque année de
-- $annee_debut à $annee_fin, dans chaque grille : la règle de cotation_calculee (la somme des
-- points de ses critères dans la grille de son public, 0 sans critère de la grille) appliquée
-- aux critères que le modèle précédent vient de ranger (stg_cotation_criteres lit désormais
-- mod_cotation_criteres) : les critères ne sont pas dérivés une seconde fois. Triée par grille
-- et jour : une requête ne lit que les blocs de son année.
WITH points AS (
    SELECT g.version, c.jour_note, c.demande_id, sum(g.points) AS score
    FROM stg_cotation_criteres AS c
    JOIN ref_grilles AS g ON g.public = c.public AND g.code = c.code
    GROUP BY g.version, c.jour_note, c.demande_id
)
SELECT v.version, a.jour_note, a.demande_id, coalesce(p.score, 0) AS score
FROM cotation_actives_jours(cotation_jours_notes($annee_debut, $annee_fin)) AS a
CROSS JOIN (SELECT DISTINCT version FROM ref_grilles) AS v
LEFT JOIN points AS p
    ON p.version = v.version AND p.jour_note = a.jour_note AND p.demande_id = a.demande_id
ORDER BY v.version, a.jour_note
