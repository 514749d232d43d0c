-- Motifs des demandes de mutation : les dix motifs principaux (motifDemande du SNE) les plus
-- cités par les demandes de mutation de la file active au 31/12/$annee, et leur poids chez
-- les primo-demandeurs pour comparer.
-- Grain : une ligne par motif, dix au plus, du plus au moins cité par les mutations.
-- File active : déposée au plus tard le 31/12/$annee, non radiée ce jour-là, commune souhaitée
-- en premier dans $communes. Mutation : logement actuel HLM.
-- n_mutation : demandes de mutation de ce motif ; part_mutation = n_mutation / toutes les
-- demandes de mutation ; n_primo, part_primo : de même chez les primo-demandeurs.
WITH actives AS (
    SELECT motif, est_mutation
    FROM demandes_actives(make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
comptes AS (
    SELECT
        motif,
        count(*) FILTER (WHERE est_mutation) AS n_mutation,
        count(*) FILTER (WHERE NOT est_mutation) AS n_primo
    FROM actives
    GROUP BY motif
),
totaux AS (
    SELECT
        count(*) FILTER (WHERE est_mutation) AS mutations,
        count(*) FILTER (WHERE NOT est_mutation) AS primo
    FROM actives
)
SELECT
    c.motif,
    coalesce(l.libelle, c.motif) AS libelle,
    c.n_mutation,
    c.n_mutation / nullif(t.mutations, 0) AS part_mutation,
    t.mutations,
    c.n_primo,
    c.n_primo / nullif(t.primo, 0) AS part_primo,
    t.primo
FROM comptes AS c
CROSS JOIN totaux AS t
LEFT JOIN ref_libelles AS l ON l.liste = 'motif' AND l.code = c.motif
WHERE c.n_mutation > 0
ORDER BY c.n_mutation DESC, c.motif
LIMIT 10;
