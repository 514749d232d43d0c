-- Délai d'attente des ménages logés de $annee_debut à $annee_fin, mutations contre
-- primo-demandeurs.
-- Grain : une ligne par public : 'mutation', 'primo', 'ensemble' (toujours les trois).
-- Baux signés de $annee_debut à $annee_fin pour un logement situé dans $communes ;
-- mutation : colonne « mutation » de l'extrait. Délai : mois révolus du dépôt de la demande
-- liée à la signature du bail, ou l'ancienneté fournie par l'extrait (stg_attributions).
-- attributions : toutes ; n : celles dont le délai est connu ; moyenne, p10, q1, mediane, q3,
-- p90 : en mois (centiles interpolés), sur les délais connus.
WITH attribuees AS (
    SELECT CASE WHEN mutation THEN 'mutation' ELSE 'primo' END AS public, delai_mois
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin AND list_contains($communes, commune)
),
publics AS (
    SELECT unnest(['mutation', 'primo', 'ensemble']) AS public,
           unnest(['Demandeurs en mutation', 'Primo-demandeurs', 'Ensemble']) AS libelle,
           unnest([0, 1, 2]) AS ordre
)
SELECT
    p.public,
    p.libelle AS public_libelle,
    count(a.public) AS attributions,
    count(a.delai_mois) AS n,
    avg(a.delai_mois) AS moyenne,
    quantile_cont(a.delai_mois, 0.1) AS p10,
    quantile_cont(a.delai_mois, 0.25) AS q1,
    quantile_cont(a.delai_mois, 0.5) AS mediane,
    quantile_cont(a.delai_mois, 0.75) AS q3,
    quantile_cont(a.delai_mois, 0.9) AS p90
FROM publics AS p
LEFT JOIN attribuees AS a ON p.public = 'ensemble' OR a.public = p.public
GROUP BY p.public, p.libelle, p.ordre
ORDER BY p.ordre;
