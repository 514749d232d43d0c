-- Où est la pression : la demande et les attributions rapportées au parc social, par commune
-- et pour l'ensemble (insee NULL, « Ensemble »).
-- logements : parc du millésime $millesime dans la commune ; demandes_actives : demandes
--   actives au 31/12/$annee dont la commune souhaitée principale est la commune ;
--   attributions : décisions d'attribution de l'année $annee pour un logement de la commune.
-- Les trois sont restreints aux groupes de typologie $typologies (liste vide : tous) ; les
-- filtres de financement et de période ne s'appliquent pas (une demande n'en a pas).
-- demandes_pour_100_logements, attributions_pour_100_logements : rapportés au parc ;
-- pression : demandes actives / attributions de l'année.
-- Grain : une ligne par commune de $communes, plus la ligne d'ensemble (en dernier).
WITH choisies AS (
    SELECT insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
),
parc AS (
    SELECT depcom AS insee, count(*) AS logements
    FROM logements_filtres(
        $millesime::INTEGER, $communes::VARCHAR[], []::VARCHAR[], $typologies::VARCHAR[],
        []::VARCHAR[]
    )
    GROUP BY depcom
),
demandes AS (
    SELECT commune_principale AS insee, count(*) AS demandes_actives
    FROM demandes_actives(make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
      AND (len($typologies::VARCHAR[]) = 0
           OR list_contains($typologies::VARCHAR[], typologie_groupe))
    GROUP BY commune_principale
),
attributions AS (
    SELECT commune AS insee, count(*) AS attributions
    FROM stg_attributions
    WHERE annee = $annee::INTEGER
      AND list_contains($communes, commune)
      AND (len($typologies::VARCHAR[]) = 0
           OR list_contains($typologies::VARCHAR[], typologie_groupe))
    GROUP BY commune
),
par_commune AS (
    SELECT
        c.insee,
        grouping(c.insee) = 1 AS ensemble,
        min(c.ordre) AS ordre,
        coalesce(sum(p.logements), 0) AS logements,
        coalesce(sum(d.demandes_actives), 0) AS demandes_actives,
        coalesce(sum(a.attributions), 0) AS attributions
    FROM choisies AS c
    LEFT JOIN parc AS p USING (insee)
    LEFT JOIN demandes AS d USING (insee)
    LEFT JOIN attributions AS a USING (insee)
    GROUP BY GROUPING SETS ((c.insee), ())
)
SELECT
    k.insee,
    coalesce(c.nom, 'Ensemble') AS commune,
    k.logements::BIGINT AS logements,
    k.demandes_actives::BIGINT AS demandes_actives,
    k.attributions::BIGINT AS attributions,
    100.0 * k.demandes_actives / nullif(k.logements, 0) AS demandes_pour_100_logements,
    100.0 * k.attributions / nullif(k.logements, 0) AS attributions_pour_100_logements,
    k.demandes_actives / nullif(k.attributions, 0) AS pression
FROM par_commune AS k
LEFT JOIN choisies AS c ON c.insee = k.insee
ORDER BY k.ensemble, k.ordre;
