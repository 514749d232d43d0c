-- Le détail de la note d'un profil (simulateur « Positionner une demande », `cil score`) :
-- ses critères, selon les mêmes règles que les demandes de l'extrait (macro cotation_profil).
-- Paramètres : $grille, $public ('primo' ou 'mutation'), $criteres (codes déclarés), $date_depot
-- (vide : pas d'ancienneté), $jour (date de référence de l'ancienneté). La note elle-même :
-- cotation/note. Un code hors de la grille du public garde le libellé d'une autre grille.
SELECT
    p.code,
    coalesce(
        CASE WHEN p.dans_grille THEN p.libelle END,
        (SELECT arg_max(g.libelle, g.version_ordre) FROM ref_grilles AS g WHERE g.code = p.code),
        'Critère inconnu des grilles'
    ) AS libelle,
    p.points,
    p.categorie,
    p.prioritaire,
    p.dans_grille,
    p.derive
FROM cotation_profil($grille, $public, $criteres, $date_depot, $jour) AS p
ORDER BY NOT p.dans_grille, p.ordre, p.code;
