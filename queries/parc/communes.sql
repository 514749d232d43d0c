-- Le parc social par commune pour le millésime $millesime (NULL : celui de l'année $annee,
-- parc_millesime), et l'ensemble de la sélection (ligne insee NULL, commune « Ensemble ») ;
-- aucune ligne quand aucun millésime ne va avec l'année (définitions : communes.yml).
-- Communes $communes ; financements $financements,
-- groupes de typologie $typologies, périodes de construction $periodes (liste vide : pas de
-- filtre). Une commune choisie sans logement a une ligne à zéro.
-- part_epci : logements de la commune / logements de toutes les communes de l'EPCI (mêmes
--   filtres de financement, typologie et période) ; rang_logements : 1 pour la commune qui a
--   le plus de logements (à égalité, la première des paramètres), NULL pour l'ensemble.
-- logements_pour_1000 : logements pour 1 000 habitants (population des paramètres).
-- residences : résidences distinctes (voir stg_logements) ; geolocalises : logements placés
--   sur la carte (sans_coordonnees : les autres) ; construct_median : année de construction
--   médiane des logements.
-- part_dpe_f_g : logements en classe énergie F ou G / logements ayant une classe énergie ;
--   part_dpe_inconnu : logements sans classe énergie / logements.
-- Grain : une ligne par commune choisie, plus la ligne d'ensemble (en dernier).
WITH choix AS (
    SELECT coalesce($millesime::INTEGER, parc_millesime($annee::INTEGER)) AS millesime
),
choisies AS (
    SELECT insee, nom, population, ordre FROM ref_communes WHERE list_contains($communes, insee)
),
parc AS (
    SELECT *
    FROM logements_filtres(
        (SELECT millesime FROM choix), $communes::VARCHAR[], $financements::VARCHAR[],
        $typologies::VARCHAR[], $periodes::VARCHAR[]
    )
),
epci AS (
    SELECT count(*) AS logements
    FROM logements_filtres(
        (SELECT millesime FROM choix), (SELECT list(insee) FROM ref_communes),
        $financements::VARCHAR[], $typologies::VARCHAR[], $periodes::VARCHAR[]
    )
),
comptes AS (
    SELECT
        c.insee,
        grouping(c.insee) = 1 AS ensemble,
        count(p.depcom) AS logements,
        count(DISTINCT p.residence_id) AS residences,
        count(p.depcom) FILTER (WHERE p.geolocalise) AS geolocalises,
        median(p.construct) AS construct_median,
        count(p.depcom) FILTER (WHERE p.qpv) AS logements_qpv,
        count(p.dpe) AS dpe_connu,
        count(p.depcom) FILTER (WHERE p.dpe IN ('F', 'G')) AS dpe_f_g
    FROM choisies AS c
    LEFT JOIN parc AS p ON p.depcom = c.insee
    GROUP BY GROUPING SETS ((c.insee), ())
),
populations AS (
    SELECT insee, grouping(insee) = 1 AS ensemble, sum(population) AS population,
           min(ordre) AS ordre
    FROM choisies
    GROUP BY GROUPING SETS ((insee), ())
)
SELECT
    choix.millesime,
    k.insee,
    coalesce(c.nom, 'Ensemble') AS commune,
    k.logements,
    k.logements / nullif(epci.logements, 0) AS part_epci,
    CASE WHEN NOT k.ensemble THEN
        row_number() OVER (PARTITION BY k.ensemble ORDER BY k.logements DESC, pop.ordre)
    END AS rang_logements,
    pop.population,
    1000.0 * k.logements / nullif(pop.population, 0) AS logements_pour_1000,
    k.residences,
    k.geolocalises,
    k.logements - k.geolocalises AS sans_coordonnees,
    k.construct_median,
    k.logements_qpv,
    k.logements_qpv / nullif(k.logements, 0) AS part_qpv,
    k.dpe_connu,
    k.dpe_f_g,
    k.dpe_f_g / nullif(k.dpe_connu, 0) AS part_dpe_f_g,
    (k.logements - k.dpe_connu) / nullif(k.logements, 0) AS part_dpe_inconnu
FROM comptes AS k
JOIN populations AS pop ON pop.ensemble = k.ensemble AND pop.insee IS NOT DISTINCT FROM k.insee
LEFT JOIN choisies AS c ON c.insee = k.insee
CROSS JOIN epci
CROSS JOIN choix
WHERE choix.millesime IS NOT NULL
ORDER BY k.ensemble, pop.ordre;
