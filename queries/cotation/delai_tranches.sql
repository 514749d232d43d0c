-- Délai d'attente des ménages logés en $annee selon leur tranche de note (grille $grille).
-- Grain : une ligne par (public, tranche de 20 points), puis public 'ensemble' par tranche.
-- Attributions de $annee pour un logement de $communes dont la note et le délai sont connus ;
-- délai : mois révolus du dépôt de la demande à l'attribution (voir stg_attributions).
-- n : attributions ; delai_median, delai_moyen : en mois.
WITH notees AS (
    SELECT public, score, delai_mois
    FROM cotation_attributions($grille)
    WHERE annee = $annee
      AND list_contains($communes, commune)
      AND score IS NOT NULL
      AND delai_mois IS NOT NULL
),
tranches AS (SELECT range AS tranche_ordre FROM range(0, 6)),
publics AS (SELECT unnest(['primo', 'mutation', 'ensemble']) AS public)
SELECT
    p.public,
    t.tranche_ordre,
    cotation_tranche(t.tranche_ordre * 20) AS tranche,
    count(n.score) AS n,
    median(n.delai_mois) AS delai_median,
    avg(n.delai_mois) AS delai_moyen
FROM publics AS p
CROSS JOIN tranches AS t
LEFT JOIN notees AS n
    ON (p.public = 'ensemble' OR n.public = p.public)
   AND cotation_tranche_ordre(n.score) = t.tranche_ordre
GROUP BY p.public, t.tranche_ordre
ORDER BY CASE p.public WHEN 'primo' THEN 0 WHEN 'mutation' THEN 1 ELSE 2 END, t.tranche_ordre;
