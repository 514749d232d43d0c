-- Délai d'attente des ménages logés en $annee selon leur tranche de note dans la grille $grille
-- (définitions : delai_tranches.yml). Une ligne par (public, tranche de 20 points), puis le
-- public 'ensemble' par tranche. Baux signés en $annee pour un logement de $communes, dont la
-- note est connue ; délai : mois révolus du dépôt de la demande à la signature du bail (ou
-- l'ancienneté de l'extrait), voir stg_attributions.
WITH notees AS (
    SELECT public, score, delai_mois
    FROM cotation_attributions($grille)
    WHERE annee = $annee
      AND list_contains($communes, commune)
      AND score IS NOT NULL
),
tranches AS (SELECT range AS tranche_ordre FROM range(0, 6)),
publics AS (SELECT unnest(['primo', 'mutation', 'ensemble']) AS public)
SELECT
    p.public,
    lp.libelle AS public_libelle,
    $grille AS grille,
    t.tranche_ordre,
    cotation_tranche(t.tranche_ordre * 20) AS tranche,
    count(n.score) AS attributions_notees,
    count(n.delai_mois) AS n,
    count(n.score) - count(n.delai_mois) AS sans_delai,
    median(n.delai_mois) AS delai_median,
    avg(n.delai_mois) AS delai_moyen
FROM publics AS p
CROSS JOIN tranches AS t
JOIN ref_libelles AS lp ON lp.liste = 'public_cotation' AND lp.code = p.public
LEFT JOIN notees AS n
    ON (p.public = 'ensemble' OR n.public = p.public)
   AND cotation_tranche_ordre(n.score) = t.tranche_ordre
GROUP BY p.public, lp.libelle, t.tranche_ordre
ORDER BY CASE p.public WHEN 'primo' THEN 0 WHEN 'mutation' THEN 1 ELSE 2 END, t.tranche_ordre;
