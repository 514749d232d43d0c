-- Mutations par commune et par typologie, année par année, de $premiere_annee (ou $annee si
-- elle est antérieure) à $annee : part des demandes de mutation dans la file active au
-- 31 décembre et part des mutations dans les attributions de l'année.
-- Grain : une ligne par (année, axe, modalité), même sans demande ni attribution : axe
-- 'commune' (chaque commune de $communes), 'typologie' (C et T1, T2, T3, T4, T5 et plus).
-- Une demande compte dans la commune qu'elle souhaite en premier et la typologie qu'elle
-- souhaite, une attribution dans la commune et la typologie du logement attribué.
-- Définitions : voir mutations/evolution.
WITH annees AS (
    SELECT range AS annee
    FROM range(least($premiere_annee::INTEGER, $annee::INTEGER), $annee::INTEGER + 1)
),
modalites AS (
    SELECT 'commune' AS axe, insee AS code, nom AS modalite, ordre
    FROM ref_communes
    WHERE list_contains($communes, insee)
    UNION ALL
    SELECT DISTINCT 'typologie', typologie_groupe, typologie_groupe, ordre_groupe
    FROM ref_typologies
),
actives AS (
    SELECT annee_file AS annee, commune_principale AS commune, typologie_groupe, est_mutation
    FROM files_actives(least($premiere_annee::INTEGER, $annee::INTEGER), $annee::INTEGER)
    WHERE list_contains($communes, commune_principale)
),
attribuees AS (
    SELECT annee, commune, typologie_groupe, mutation
    FROM stg_attributions
    WHERE annee BETWEEN least($premiere_annee::INTEGER, $annee::INTEGER) AND $annee
      AND list_contains($communes, commune)
),
demandes AS (
    SELECT annee, 'commune' AS axe, commune AS code, est_mutation FROM actives
    UNION ALL
    SELECT annee, 'typologie', typologie_groupe, est_mutation FROM actives
),
attributions AS (
    SELECT annee, 'commune' AS axe, commune AS code, mutation FROM attribuees
    UNION ALL
    SELECT annee, 'typologie', typologie_groupe, mutation FROM attribuees
),
comptes_demandes AS (
    SELECT
        annee,
        axe,
        code,
        count(*) AS demandes_actives,
        count(*) FILTER (WHERE est_mutation) AS demandes_mutation
    FROM demandes
    GROUP BY ALL
),
comptes_attributions AS (
    SELECT
        annee,
        axe,
        code,
        count(*) AS attributions,
        count(*) FILTER (WHERE mutation) AS attributions_mutation
    FROM attributions
    GROUP BY ALL
)
SELECT
    a.annee,
    m.axe,
    m.code,
    m.modalite,
    coalesce(d.demandes_actives, 0) AS demandes_actives,
    coalesce(d.demandes_mutation, 0) AS demandes_mutation,
    coalesce(d.demandes_actives - d.demandes_mutation, 0) AS demandes_primo,
    coalesce(t.attributions, 0) AS attributions,
    coalesce(t.attributions_mutation, 0) AS attributions_mutation,
    coalesce(t.attributions - t.attributions_mutation, 0) AS attributions_primo,
    d.demandes_mutation / nullif(d.demandes_actives, 0) AS part_mutation_demandes,
    t.attributions_mutation / nullif(t.attributions, 0) AS part_mutation_attributions
FROM annees AS a
CROSS JOIN modalites AS m
LEFT JOIN comptes_demandes AS d ON d.annee = a.annee AND d.axe = m.axe AND d.code = m.code
LEFT JOIN comptes_attributions AS t ON t.annee = a.annee AND t.axe = m.axe AND t.code = m.code
ORDER BY a.annee, m.axe, m.ordre;
