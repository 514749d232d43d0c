-- Où est la pression : la demande et les attributions de l'année $annee rapportées au parc
-- social de la fin de l'année (millésime $millesime, NULL : celui de l'année, parc_millesime),
-- par commune de $communes et groupe de typologie (définitions : demande_parc.yml).
-- Une ligne par (commune, typologie), avec les totaux : commune NULL (« Ensemble ») et
-- typologie NULL (toutes). Aucune ligne quand aucun millésime ne va avec l'année.
-- La pression elle-même (demandes par attribution) est celle de delais/pression.
WITH choix AS (
    SELECT coalesce($millesime::INTEGER, parc_millesime($annee::INTEGER)) AS millesime
),
choisies AS (
    SELECT insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
),
groupes AS (
    SELECT DISTINCT typologie_groupe, ordre_groupe AS typologie_ordre FROM ref_typologies
),
parc AS (
    SELECT depcom AS insee, typologie_groupe, count(*) AS logements
    FROM logements_filtres(
        (SELECT millesime FROM choix), $communes::VARCHAR[], []::VARCHAR[], []::VARCHAR[],
        []::VARCHAR[]
    )
    GROUP BY ALL
),
demandes AS (
    SELECT commune_principale AS insee, typologie_groupe, count(*) AS demandes_actives
    FROM demandes_actives(make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
    GROUP BY ALL
),
attributions AS (
    SELECT commune AS insee, typologie_groupe, count(*) AS attributions
    FROM stg_attributions
    WHERE annee = $annee::INTEGER AND list_contains($communes, commune)
    GROUP BY ALL
),
cases AS (
    SELECT
        c.insee,
        g.typologie_groupe,
        c.ordre,
        g.typologie_ordre,
        coalesce(p.logements, 0) AS logements,
        coalesce(d.demandes_actives, 0) AS demandes_actives,
        coalesce(a.attributions, 0) AS attributions
    FROM choisies AS c
    CROSS JOIN groupes AS g
    LEFT JOIN parc AS p USING (insee, typologie_groupe)
    LEFT JOIN demandes AS d USING (insee, typologie_groupe)
    LEFT JOIN attributions AS a USING (insee, typologie_groupe)
),
totaux AS (
    SELECT
        insee,
        typologie_groupe,
        grouping(insee) = 1 AS ensemble,
        min(ordre) AS ordre,
        min(typologie_ordre) AS typologie_ordre,
        sum(logements) AS logements,
        sum(demandes_actives) AS demandes_actives,
        sum(attributions) AS attributions
    FROM cases
    GROUP BY CUBE (insee, typologie_groupe)
)
SELECT
    choix.millesime,
    k.insee,
    coalesce(c.nom, 'Ensemble') AS commune,
    k.typologie_groupe,
    coalesce(k.typologie_groupe, 'Toutes typologies') AS typologie,
    k.logements::BIGINT AS logements,
    k.demandes_actives::BIGINT AS demandes_actives,
    k.attributions::BIGINT AS attributions,
    100.0 * k.demandes_actives / nullif(k.logements, 0) AS demandes_pour_100_logements,
    100.0 * k.attributions / nullif(k.logements, 0) AS attributions_pour_100_logements
FROM totaux AS k
LEFT JOIN choisies AS c ON c.insee = k.insee
CROSS JOIN choix
WHERE choix.millesime IS NOT NULL
ORDER BY k.typologie_groupe IS NULL DESC, k.typologie_ordre, k.ensemble, k.ordre;
