-- Mutations : part des demandes de mutation dans la file active au 31 décembre et part des
-- mutations dans les attributions de l'année, de $premiere_annee (ou $annee si elle est
-- antérieure) à $annee ; taux de satisfaction des deux publics.
-- Grain : une ligne par année (même sans demande ni attribution).
-- demandes_actives : file active au 31/12 (déposée au plus tard ce jour, non radiée ce
--   jour-là), dont la commune souhaitée en premier est dans $communes ;
--   demandes_mutation : celles dont le ménage loue déjà un logement social (logement actuel
--   HLM) ; demandes_primo : les autres (primo-demandeurs).
-- attributions : baux signés dans l'année (comme le SNE : une attribution compte l'année de
--   son bail ; une décision sans bail ne compte pas) pour un logement situé dans $communes ;
--   attributions_mutation : colonne « mutation » de l'extrait ; attributions_primo : les autres.
-- part_mutation_demandes = demandes_mutation / demandes_actives ;
-- part_mutation_attributions = attributions_mutation / attributions ;
-- taux_satisfaction_mutation = attributions_mutation / demandes_mutation (idem primo).
WITH annees AS (
    SELECT range AS annee
    FROM range(least($premiere_annee::INTEGER, $annee::INTEGER), $annee::INTEGER + 1)
),
actives AS (
    SELECT
        a.annee,
        count(f.demande_id) AS demandes_actives,
        count(f.demande_id) FILTER (WHERE f.est_mutation) AS demandes_mutation
    FROM annees AS a
    LEFT JOIN files_actives(
        least($premiere_annee::INTEGER, $annee::INTEGER), $annee::INTEGER
    ) AS f
        ON f.annee_file = a.annee AND list_contains($communes, f.commune_principale)
    GROUP BY a.annee
),
attribuees AS (
    SELECT
        a.annee,
        count(t.attribution_id) AS attributions,
        count(t.attribution_id) FILTER (WHERE t.mutation) AS attributions_mutation
    FROM annees AS a
    LEFT JOIN stg_attributions AS t
        ON t.annee = a.annee AND list_contains($communes, t.commune)
    GROUP BY a.annee
),
comptes AS (
    SELECT
        annee,
        demandes_actives,
        demandes_mutation,
        demandes_actives - demandes_mutation AS demandes_primo,
        attributions,
        attributions_mutation,
        attributions - attributions_mutation AS attributions_primo
    FROM actives
    JOIN attribuees USING (annee)
)
SELECT
    *,
    demandes_mutation / nullif(demandes_actives, 0) AS part_mutation_demandes,
    attributions_mutation / nullif(attributions, 0) AS part_mutation_attributions,
    attributions_mutation / nullif(demandes_mutation, 0) AS taux_satisfaction_mutation,
    attributions_primo / nullif(demandes_primo, 0) AS taux_satisfaction_primo
FROM comptes
ORDER BY annee;
