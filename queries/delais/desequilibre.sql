-- Déséquilibre par typologie de $annee_debut à $annee_fin : la pression sur les petits
-- logements (C, T1 et T2) rapportée à la pression sur l'ensemble des logements, pour
-- l'ensemble des communes choisies puis pour chacune.
-- Grain : une ligne pour l'ensemble (commune NULL), puis une par commune de $communes.
-- Pression (voir delais/pression) : file active moyenne au 31/12 (commune et typologie
-- souhaitées en premier) / baux signés par an (commune et typologie du logement attribué).
-- demandes_petits, attributions_petits : C, T1 et T2 ; pression_petits : leur pression ;
-- pression : celle de toutes les typologies ;
-- desequilibre = pression_petits / pression (au-dessus de 1 : les petits logements sont plus
-- demandés, rapportés à ce qui s'attribue, que l'ensemble des logements).
WITH periode AS (
    SELECT ($annee_fin::INTEGER - $annee_debut::INTEGER + 1)::DOUBLE AS annees
),
petits AS (
    SELECT unnest(['C et T1', 'T2']) AS typologie_groupe
),
actives AS (
    SELECT
        commune_principale AS commune,
        typologie_groupe IN (SELECT typologie_groupe FROM petits) AS petit
    FROM files_actives($annee_debut, $annee_fin)
    WHERE list_contains($communes, commune_principale)
),
attribuees AS (
    SELECT commune, typologie_groupe IN (SELECT typologie_groupe FROM petits) AS petit
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin AND list_contains($communes, commune)
),
valeurs AS (
    SELECT NULL::VARCHAR AS commune, 'demande' AS source, petit FROM actives
    UNION ALL
    SELECT commune, 'demande', petit FROM actives
    UNION ALL
    SELECT NULL, 'attribution', petit FROM attribuees
    UNION ALL
    SELECT commune, 'attribution', petit FROM attribuees
),
communes AS (
    SELECT NULL::VARCHAR AS commune, 'Ensemble' AS commune_nom, -1 AS ordre
    UNION ALL
    SELECT insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
),
comptes AS (
    SELECT
        c.commune,
        c.commune_nom,
        c.ordre,
        count(v.source) FILTER (WHERE v.source = 'demande' AND v.petit) AS demandes_petits,
        count(v.source) FILTER (WHERE v.source = 'attribution' AND v.petit)
            AS attributions_petits,
        count(v.source) FILTER (WHERE v.source = 'demande') AS demandes,
        count(v.source) FILTER (WHERE v.source = 'attribution') AS attributions
    FROM communes AS c
    LEFT JOIN valeurs AS v ON v.commune IS NOT DISTINCT FROM c.commune
    GROUP BY ALL
)
SELECT
    c.commune,
    c.commune_nom,
    c.demandes_petits / p.annees AS demandes_petits,
    c.attributions_petits,
    c.demandes_petits / nullif(c.attributions_petits, 0) AS pression_petits,
    c.demandes / p.annees AS demandes_actives,
    c.attributions,
    c.demandes / nullif(c.attributions, 0) AS pression,
    (c.demandes_petits / nullif(c.attributions_petits, 0))
        / nullif(c.demandes / nullif(c.attributions, 0), 0) AS desequilibre
FROM comptes AS c
CROSS JOIN periode AS p
ORDER BY c.ordre;
