-- Pression de la demande par commune et typologie, de $annee_debut à $annee_fin : demandes
-- actives au 31/12 rapportées aux attributions de l'année, c'est-à-dire aux baux signés dans
-- l'année (sur une seule année : la file active au 31/12/$annee_fin et les baux de $annee_fin).
-- Grain : une ligne par (commune, typologie), chaque commune de $communes et chaque groupe de
-- typologie (C et T1, T2, T3, T4, T5 et plus) même vides, plus les totaux : commune NULL =
-- toutes les communes choisies, typologie_groupe NULL = toutes les typologies.
-- Une demande compte dans la commune qu'elle souhaite en premier et la typologie qu'elle
-- souhaite ; une attribution dans la commune et la typologie du logement attribué.
-- File active : déposée au plus tard le 31/12, non radiée ce jour-là.
-- demandes_actives : file active moyenne au 31/12 des années de la période ; attributions :
-- total de la période ; taux_pression = file active moyenne / attributions par an (vide sans
-- attribution).
WITH periode AS (
    SELECT ($annee_fin::INTEGER - $annee_debut::INTEGER + 1)::DOUBLE AS annees
),
actives AS (
    SELECT commune_principale AS commune, typologie_groupe
    FROM files_actives($annee_debut, $annee_fin)
    WHERE list_contains($communes, commune_principale)
),
attribuees AS (
    SELECT commune, typologie_groupe
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin AND list_contains($communes, commune)
),
demandes AS (
    SELECT commune, typologie_groupe, count(*) AS demandes
    FROM actives
    GROUP BY CUBE (commune, typologie_groupe)
),
attributions AS (
    SELECT commune, typologie_groupe, count(*) AS attributions
    FROM attribuees
    GROUP BY CUBE (commune, typologie_groupe)
),
communes AS (
    SELECT insee AS commune, nom AS commune_nom, ordre AS commune_ordre
    FROM ref_communes
    WHERE list_contains($communes, insee)
    UNION ALL
    SELECT NULL, 'Ensemble', 999
),
typologies AS (
    SELECT DISTINCT typologie_groupe, ordre_groupe AS typologie_ordre FROM ref_typologies
    UNION ALL
    SELECT NULL, 999
)
SELECT
    c.commune,
    c.commune_nom,
    t.typologie_groupe,
    coalesce(t.typologie_groupe, 'Toutes typologies') AS typologie,
    coalesce(d.demandes, 0) / p.annees AS demandes_actives,
    coalesce(a.attributions, 0) AS attributions,
    coalesce(d.demandes, 0) / nullif(a.attributions, 0) AS taux_pression
FROM communes AS c
CROSS JOIN typologies AS t
CROSS JOIN periode AS p
LEFT JOIN demandes AS d
    ON d.commune IS NOT DISTINCT FROM c.commune
   AND d.typologie_groupe IS NOT DISTINCT FROM t.typologie_groupe
LEFT JOIN attributions AS a
    ON a.commune IS NOT DISTINCT FROM c.commune
   AND a.typologie_groupe IS NOT DISTINCT FROM t.typologie_groupe
ORDER BY c.commune_ordre, t.typologie_ordre;
