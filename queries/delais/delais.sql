-- Délai d'attente des ménages logés de $annee_debut à $annee_fin, par commune et par typologie
-- du logement attribué (indicateur du PPGDID : « délai d'attente moyen selon les communes et
-- les types de logement »).
-- Grain : une ligne par (axe, modalité) : axe 'ensemble' (une ligne), 'commune' (chaque
-- commune de $communes, même sans attribution), 'typologie' (C et T1, T2, T3, T4, T5 et plus).
-- commune, typologie_groupe : la modalité de la ligne sur son axe (NULL sur les autres axes :
-- la ligne compte toutes les communes, ou toutes les typologies).
-- Baux signés de $annee_debut à $annee_fin pour un logement situé dans $communes (comme le
-- SNE : une attribution compte l'année de son bail ; une décision sans bail ne compte pas).
-- Délai : mois révolus du dépôt de la demande liée à la signature du bail, ou l'ancienneté
-- fournie par l'extrait (voir stg_attributions).
-- attributions : toutes ; n : celles dont le délai est connu ; moyenne, p10, q1, mediane, q3,
-- p90 : en mois (centiles interpolés), sur les délais connus.
WITH attribuees AS (
    SELECT commune, typologie_groupe, delai_mois
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin AND list_contains($communes, commune)
),
valeurs AS (
    SELECT 'ensemble' AS axe, 'ensemble' AS code, delai_mois FROM attribuees
    UNION ALL
    SELECT 'commune', commune, delai_mois FROM attribuees
    UNION ALL
    SELECT 'typologie', typologie_groupe, delai_mois FROM attribuees
),
modalites AS (
    SELECT 'ensemble' AS axe, 'ensemble' AS code, 'Ensemble' AS modalite, 0 AS ordre
    UNION ALL
    SELECT 'commune', insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
    UNION ALL
    SELECT DISTINCT 'typologie', typologie_groupe, typologie_groupe, ordre_groupe
    FROM ref_typologies
)
SELECT
    m.axe,
    m.code,
    m.modalite,
    CASE WHEN m.axe = 'commune' THEN m.code END AS commune,
    CASE WHEN m.axe = 'typologie' THEN m.code END AS typologie_groupe,
    count(v.axe) AS attributions,
    count(v.delai_mois) AS n,
    avg(v.delai_mois) AS moyenne,
    quantile_cont(v.delai_mois, 0.1) AS p10,
    quantile_cont(v.delai_mois, 0.25) AS q1,
    quantile_cont(v.delai_mois, 0.5) AS mediane,
    quantile_cont(v.delai_mois, 0.75) AS q3,
    quantile_cont(v.delai_mois, 0.9) AS p90
FROM modalites AS m
LEFT JOIN valeurs AS v ON v.axe = m.axe AND v.code = m.code
GROUP BY m.axe, m.code, m.modalite, m.ordre
ORDER BY list_position(['ensemble', 'commune', 'typologie'], m.axe), m.ordre;
