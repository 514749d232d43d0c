-- Position d'une note parmi les demandes comparables (simulateur « Positionner une demande ») :
-- demandes actives au 31/12/$annee du même public ($public), du même groupe de typologie
-- souhaitée ($typologie_groupe) et de la même commune souhaitée en premier ($commune), notées
-- dans la grille $grille. Grain : une ligne.
-- comparables : ces demandes ; inferieures : celles dont la note est strictement inférieure à
-- $score ; egales : à égalité ; part_inferieure : inferieures / comparables (« mieux placée que
-- X % des demandes comparables ») ; part_egale : egales / comparables.
SELECT
    count(*) AS comparables,
    count(*) FILTER (WHERE score < $score) AS inferieures,
    count(*) FILTER (WHERE score = $score) AS egales,
    count(*) FILTER (WHERE score < $score) / nullif(count(*), 0) AS part_inferieure,
    count(*) FILTER (WHERE score = $score) / nullif(count(*), 0) AS part_egale,
    median(score) AS mediane
FROM cotation($grille, make_date($annee::INTEGER, 12, 31))
WHERE public = $public
  AND typologie_groupe = $typologie_groupe
  AND commune_principale = $commune;
