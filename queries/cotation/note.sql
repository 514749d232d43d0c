-- La note d'un profil (simulateur « Positionner une demande », `cil score`) : la somme des
-- points de ses critères (macro cotation_profil) dans la grille $grille du public $public,
-- son caractère prioritaire et sa tranche de 20 points (définitions : note.yml). Une ligne,
-- même sans critère (0 point).
SELECT
    coalesce(sum(p.points), 0)::INTEGER AS total,
    coalesce(bool_or(p.prioritaire), false) AS profil_prioritaire,
    CASE WHEN coalesce(bool_or(p.prioritaire), false) THEN 'oui' ELSE 'non' END
        AS demande_prioritaire,
    cotation_tranche_ordre(coalesce(sum(p.points), 0)) AS tranche_ordre,
    cotation_tranche(coalesce(sum(p.points), 0)) AS tranche
FROM cotation_profil($grille, $public, $criteres, $date_depot, $jour) AS p;
