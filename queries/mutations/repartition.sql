-- Mutations de $annee_debut à $annee_fin par commune et par typologie : file active au 31/12
-- et attributions, mutations et primo-demandeurs (sur une seule année : la file active au
-- 31/12 de l'année et les attributions de l'année).
-- Grain : une ligne par (axe, modalité) : axe 'ensemble' (une ligne), 'commune' (chaque commune
-- de $communes, même sans demande), 'typologie' (C et T1, T2, T3, T4, T5 et plus).
-- Une demande compte dans la commune qu'elle souhaite en premier et la typologie qu'elle
-- souhaite ; une attribution dans la commune et la typologie du logement attribué.
-- Mutation : logement actuel HLM (demandes), colonne « mutation » (attributions).
-- demandes_* : file active moyenne au 31/12 des années de la période (la file de l'année sur
-- une seule année) ; attributions_* : total de la période.
-- part_mutation_demandes = demandes_mutation / demandes_actives ;
-- part_mutation_attributions = attributions_mutation / attributions ;
-- taux_satisfaction_* = attributions par an / file active moyenne, du même public.
WITH periode AS (
    SELECT ($annee_fin::INTEGER - $annee_debut::INTEGER + 1)::DOUBLE AS annees
),
actives AS (
    SELECT commune_principale AS commune, typologie_groupe, est_mutation AS mutation
    FROM files_actives($annee_debut, $annee_fin)
    WHERE list_contains($communes, commune_principale)
),
attribuees AS (
    SELECT commune, typologie_groupe, mutation
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin AND list_contains($communes, commune)
),
valeurs AS (
    -- une ligne par demande active (et année) ou attribution, et par axe
    SELECT 'ensemble' AS axe, 'ensemble' AS code, 'demande' AS source, mutation FROM actives
    UNION ALL
    SELECT 'commune', commune, 'demande', mutation FROM actives
    UNION ALL
    SELECT 'typologie', typologie_groupe, 'demande', mutation FROM actives
    UNION ALL
    SELECT 'ensemble', 'ensemble', 'attribution', mutation FROM attribuees
    UNION ALL
    SELECT 'commune', commune, 'attribution', mutation FROM attribuees
    UNION ALL
    SELECT 'typologie', typologie_groupe, 'attribution', mutation FROM attribuees
),
modalites AS (
    SELECT 'ensemble' AS axe, 'ensemble' AS code, 'Ensemble' AS modalite, 0 AS ordre
    UNION ALL
    SELECT 'commune', insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
    UNION ALL
    SELECT DISTINCT 'typologie', typologie_groupe, typologie_groupe, ordre_groupe
    FROM ref_typologies
),
comptes AS (
    SELECT
        m.axe,
        m.code,
        m.modalite,
        m.ordre,
        count(v.source) FILTER (WHERE v.source = 'demande') AS demandes,
        count(v.source) FILTER (WHERE v.source = 'demande' AND v.mutation) AS demandes_mut,
        count(v.source) FILTER (WHERE v.source = 'attribution') AS attributions,
        count(v.source) FILTER (WHERE v.source = 'attribution' AND v.mutation)
            AS attributions_mutation
    FROM modalites AS m
    LEFT JOIN valeurs AS v ON v.axe = m.axe AND v.code = m.code
    GROUP BY ALL
)
SELECT
    c.axe,
    c.code,
    c.modalite,
    c.demandes / p.annees AS demandes_actives,
    c.demandes_mut / p.annees AS demandes_mutation,
    (c.demandes - c.demandes_mut) / p.annees AS demandes_primo,
    c.attributions,
    c.attributions_mutation,
    c.attributions - c.attributions_mutation AS attributions_primo,
    c.demandes_mut / nullif(c.demandes, 0) AS part_mutation_demandes,
    c.attributions_mutation / nullif(c.attributions, 0) AS part_mutation_attributions,
    c.attributions_mutation / nullif(c.demandes_mut, 0) AS taux_satisfaction_mutation,
    (c.attributions - c.attributions_mutation) / nullif(c.demandes - c.demandes_mut, 0)
        AS taux_satisfaction_primo
FROM comptes AS c
CROSS JOIN periode AS p
ORDER BY list_position(['ensemble', 'commune', 'typologie'], c.axe), c.ordre;
