-- Note d'un profil (simulateur « Positionner une demande », commande `cil score`) : les mêmes
-- règles que pour les demandes de l'extrait (macros cotation_declares et cotation_derives).
-- Paramètres : $grille, $public ('primo' ou 'mutation'), $criteres (codes déclarés), $date_depot
-- (vide : pas d'ancienneté), $jour (date de référence de l'ancienneté).
-- Grain : une ligne par critère distinct du profil, dans l'ordre de la grille (les codes hors
-- de la grille du public à la fin, 0 point). total : la note ; profil_prioritaire : au moins
-- un critère de priorité (article L441-1 du CCH ou DALO) ; derive : critère recalculé (ici,
-- l'ancienneté) ; tranche_ordre, tranche : la tranche de 20 points de la note (celle que le
-- simulateur situe dans cotation/tranches pour le public).
WITH criteres AS (
    SELECT unnest(cotation_declares($criteres::VARCHAR[])) AS code
    UNION
    SELECT unnest(cotation_derives($date_depot::DATE, $jour::DATE, false, false, false, NULL))
)
SELECT
    c.code,
    coalesce(g.libelle, c.code) AS libelle,
    coalesce(g.points, 0) AS points,
    g.categorie,
    coalesce(g.prioritaire, false) AS prioritaire,
    g.code IS NOT NULL AS dans_grille,
    c.code IN ('anciennete_plus_3_ans', 'anciennete_1_3_ans') AS derive,
    sum(coalesce(g.points, 0)) OVER ()::INTEGER AS total,
    bool_or(coalesce(g.prioritaire, false)) OVER () AS profil_prioritaire,
    cotation_tranche_ordre(sum(coalesce(g.points, 0)) OVER ()) AS tranche_ordre,
    cotation_tranche(sum(coalesce(g.points, 0)) OVER ()) AS tranche
FROM criteres AS c
LEFT JOIN ref_grilles AS g
    ON g.version = $grille AND g.public = $public AND g.code = c.code
ORDER BY g.code IS NULL, g.ordre, c.code;
