-- Mutations par commune et par année, de $premiere_annee (ou $annee si elle est antérieure) à
-- $annee : part des demandes de mutation dans la file active au 31 décembre et part des
-- mutations dans les attributions de l'année, pour chaque commune de $communes.
-- Grain : une ligne par (année, commune), même sans demande ni attribution.
-- Une demande compte dans la commune qu'elle souhaite en premier, une attribution dans la
-- commune du logement attribué. Définitions : voir mutations/evolution.
WITH annees AS (
    SELECT range AS annee
    FROM range(least($premiere_annee::INTEGER, $annee::INTEGER), $annee::INTEGER + 1)
),
communes AS (
    SELECT insee AS commune, nom AS commune_nom, ordre
    FROM ref_communes
    WHERE list_contains($communes, insee)
),
actives AS (
    SELECT
        annee_file AS annee,
        commune_principale AS commune,
        count(*) AS demandes_actives,
        count(*) FILTER (WHERE est_mutation) AS demandes_mutation
    FROM files_actives(least($premiere_annee::INTEGER, $annee::INTEGER), $annee::INTEGER)
    WHERE list_contains($communes, commune_principale)
    GROUP BY ALL
),
attribuees AS (
    SELECT
        annee,
        commune,
        count(*) AS attributions,
        count(*) FILTER (WHERE mutation) AS attributions_mutation
    FROM stg_attributions
    WHERE annee BETWEEN least($premiere_annee::INTEGER, $annee::INTEGER) AND $annee
      AND list_contains($communes, commune)
    GROUP BY ALL
)
SELECT
    a.annee,
    c.commune,
    c.commune_nom,
    coalesce(d.demandes_actives, 0) AS demandes_actives,
    coalesce(d.demandes_mutation, 0) AS demandes_mutation,
    coalesce(d.demandes_actives - d.demandes_mutation, 0) AS demandes_primo,
    coalesce(t.attributions, 0) AS attributions,
    coalesce(t.attributions_mutation, 0) AS attributions_mutation,
    coalesce(t.attributions - t.attributions_mutation, 0) AS attributions_primo,
    d.demandes_mutation / nullif(d.demandes_actives, 0) AS part_mutation_demandes,
    t.attributions_mutation / nullif(t.attributions, 0) AS part_mutation_attributions
FROM annees AS a
CROSS JOIN communes AS c
LEFT JOIN actives AS d ON d.annee = a.annee AND d.commune = c.commune
LEFT JOIN attribuees AS t ON t.annee = a.annee AND t.commune = c.commune
ORDER BY a.annee, c.ordre;
