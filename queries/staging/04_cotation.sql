-- Cotation des demandes : les critères d'une demande à une date, et sa note dans une grille.
-- Les grilles sont des données (ref_grilles, lues de data/grilles_cotation.csv) : une note est
-- la somme des points des critères distincts de la demande dans la grille de son public
-- (grille « mutation » si le logement actuel est HLM, « primo » sinon). Un critère absent de
-- cette grille compte 0 point (l'import le signale).

-- Les critères d'une demande au jour `jour` = ses critères déclarés ∪ ses critères dérivés,
-- sans doublon (cotation_liste) : un critère déclaré et dérivé ne compte qu'une fois.
-- cotation_declares(criteres) : les codes de `criteres_cotation`, sauf l'ancienneté, toujours
--   recalculée (elle dépend du jour ; ainsi jamais « plus de 3 ans » et « 1 à 3 ans » à la fois).
CREATE OR REPLACE TEMP MACRO cotation_declares(criteres) AS list_filter(
    criteres, lambda c: c NOT IN ('anciennete_plus_3_ans', 'anciennete_1_3_ans')
);

-- cotation_derives(...) : les critères dérivés au jour `jour` :
--   anciennete_plus_3_ans : jour > date_depot + 3 ans (le lendemain du 3e anniversaire) ;
--   anciennete_1_3_ans : date_depot + 1 an <= jour <= date_depot + 3 ans (du 1er anniversaire
--     au 3e inclus) ; un dépôt du 29 février a son anniversaire le 28 février ;
--   premier_quartile : quartile_1 ; dalo : dalo ; habite_epci : résidence dans le territoire ;
--   jeune_moins_30_ans : âge au jour `jour` de moins de 30 ans (la grille mutation ne le
--     compte pas : il n'y figure pas).
-- (Une chaîne découpée plutôt qu'une liste littérale : bien plus rapide sur des millions de
-- demandes.)
CREATE OR REPLACE TEMP MACRO cotation_derives(depot, jour, q1, est_dalo, reside_epci, age) AS
string_split(nullif(concat_ws(
    '|',
    CASE WHEN jour > depot + INTERVAL 3 YEAR THEN 'anciennete_plus_3_ans'
         WHEN jour >= depot + INTERVAL 1 YEAR THEN 'anciennete_1_3_ans' END,
    CASE WHEN q1 THEN 'premier_quartile' END,
    CASE WHEN est_dalo THEN 'dalo' END,
    CASE WHEN reside_epci THEN 'habite_epci' END,
    CASE WHEN age < 30 THEN 'jeune_moins_30_ans' END
), ''), '|');

-- stg_cotation_demandes : une ligne par demande, avec ce dont la cotation a besoin.
-- public : 'mutation' (logement actuel HLM) ou 'primo'.
-- age_demandeur est l'âge à la date d'extraction (dernier import des demandes) : l'âge au jour
-- J en retire les années révolues entre J et l'extraction (âge inchangé si elle est inconnue).
CREATE OR REPLACE TEMP VIEW stg_cotation_demandes AS
WITH extraction AS (
    SELECT max_by(date_extraction, import_id) AS date_extraction
    FROM import_log
    WHERE kind = 'demandes' AND action = 'import'
)
SELECT
    d.demande_id,
    d.date_depot,
    d.date_radiation,
    CASE WHEN d.est_mutation THEN 'mutation' ELSE 'primo' END AS public,
    d.commune_principale,
    d.typologie,
    d.typologie_groupe,
    d.typologie_groupe_ordre,
    coalesce(d.prioritaire, false) OR coalesce(d.dalo, false) AS prioritaire_ou_dalo,
    d.criteres_cotation,
    coalesce(d.quartile_1, false) AS quartile_1,
    coalesce(d.dalo, false) AS dalo,
    c.insee IS NOT NULL AS habite_epci,
    d.age_demandeur,
    e.date_extraction
FROM stg_demandes AS d
CROSS JOIN extraction AS e
LEFT JOIN ref_communes AS c ON c.insee = d.commune_residence;

-- cotation_age(age, extraction, jour) : âge estimé au jour `jour` (voir ci-dessus).
CREATE OR REPLACE TEMP MACRO cotation_age(age, extraction, jour) AS
    age - CASE WHEN extraction > jour THEN date_sub('year', jour, extraction) ELSE 0 END;

-- cotation_liste(criteres, depot, jour, q1, est_dalo, reside_epci, age) : les critères
-- distincts d'une demande au jour `jour`, déclarés et dérivés ; un critère déclaré et dérivé ne
-- compte qu'une fois (list_distinct : chaque demande à part, sans hacher toute la file).
CREATE OR REPLACE TEMP MACRO cotation_liste(criteres, depot, jour, q1, est_dalo, reside_epci, age)
AS list_distinct(list_concat(
    cotation_declares(criteres),
    cotation_derives(depot, jour, q1, est_dalo, reside_epci, age)
));

-- cotation_jours_notes(debut, fin) : les 31 décembre des années debut à fin, ceux que l'import
-- note (queries/staging/modeles/).
CREATE OR REPLACE TEMP MACRO cotation_jours_notes(debut, fin) AS list_transform(
    range(debut::INTEGER, fin::INTEGER + 1), lambda a: make_date(a::INTEGER, 12, 31)
);

-- cotation_actives_jours(jours) : la file active à chacun des jours de la liste `jours`, une
-- ligne par (jour_note, demande active ce jour-là : déposée au plus tard ce jour, non radiée ce
-- jour-là). Tous les jours en une passe sur les demandes, plutôt qu'une par jour ; la première
-- condition, sur les seules bornes de la liste, écarte avant la jointure les demandes actives à
-- aucun de ces jours (un seul jour : la jointure ne voit que sa file active).
CREATE OR REPLACE TEMP MACRO cotation_actives_jours(jours) AS TABLE
WITH j AS (SELECT unnest(jours::DATE[]) AS jour_note)
SELECT j.jour_note, d.*
FROM stg_cotation_demandes AS d
JOIN j
    ON d.date_depot <= j.jour_note
   AND (d.date_radiation IS NULL OR d.date_radiation > j.jour_note)
WHERE d.date_depot <= list_max(jours::DATE[])
  AND (d.date_radiation IS NULL OR d.date_radiation > list_min(jours::DATE[]));

-- cotation_codes_jours(jours) : une ligne par (jour de la liste, demande active ce jour-là,
-- critère distinct qu'elle remplit), quelle que soit la grille : déclarés dans l'extrait et
-- dérivés ce jour-là.
CREATE OR REPLACE TEMP MACRO cotation_codes_jours(jours) AS TABLE
SELECT
    jour_note,
    demande_id,
    public,
    unnest(cotation_liste(
        criteres_cotation, date_depot, jour_note, quartile_1, dalo, habite_epci,
        cotation_age(age_demandeur, date_extraction, jour_note)
    )) AS code
FROM cotation_actives_jours(jours);

-- cotation_codes(jour) : la même chose au seul jour `jour`, sans la colonne du jour.
CREATE OR REPLACE TEMP MACRO cotation_codes(jour) AS TABLE
SELECT demande_id, public, code FROM cotation_codes_jours([jour::DATE]);

-- stg_cotation_criteres : les critères (distincts) de chaque demande active au 31 décembre de
-- chaque année, quelle que soit la grille (ils ne dépendent que du jour) ; la grille donne
-- ensuite leurs points (cotation_detail).
CREATE OR REPLACE TEMP VIEW stg_cotation_criteres AS
SELECT
    NULL::DATE AS jour_note,
    NULL::VARCHAR AS demande_id,
    NULL::VARCHAR AS public,
    NULL::VARCHAR AS code
WHERE false;

-- cotation_notee(grille, jour) : la grille et ce jour ont leurs notes calculées à l'import.
-- Faux sans modèle ; les modèles le redéfinissent avec leurs grilles et leurs années
-- (dashboard/models.py) : une condition sur les seuls arguments, que DuckDB évalue avant
-- d'exécuter la requête, si bien que la branche écartée de cotation_detail, cotation et
-- cotation_attributions ne coûte rien.
CREATE OR REPLACE TEMP MACRO cotation_notee(grille, jour) AS false;
CREATE OR REPLACE TEMP MACRO cotation_grille_notee(grille) AS false;

-- cotation_detail(grille, jour) : une ligne par (demande active au jour `jour`, critère), avec
-- ses points dans la grille `grille` du public de la demande (0 et dans_grille = false pour un
-- critère qui n'y est pas). Les critères sont ceux de l'import quand ce jour et cette grille y
-- sont notés, sinon calculés ici (cotation_codes).
CREATE OR REPLACE TEMP MACRO cotation_detail(grille, jour) AS TABLE
WITH criteres AS (
    SELECT demande_id, public, code
    FROM stg_cotation_criteres
    WHERE cotation_notee(grille, jour) AND jour_note = jour
    UNION ALL
    SELECT demande_id, public, code
    FROM cotation_codes(jour)
    WHERE NOT cotation_notee(grille, jour)
)
SELECT
    c.demande_id,
    c.public,
    c.code,
    g.libelle,
    coalesce(g.points, 0) AS points,
    g.code IS NOT NULL AS dans_grille,
    g.categorie,
    coalesce(g.prioritaire, false) AS critere_prioritaire
FROM criteres AS c
LEFT JOIN ref_grilles AS g
    ON g.version = grille AND g.public = c.public AND g.code = c.code;

-- cotation_calculee(grille, jour) : la file active au jour `jour` (déposée au plus tard ce
-- jour, non radiée ce jour-là), une ligne par demande, avec sa note dans la grille `grille`,
-- calculée critère par critère.
CREATE OR REPLACE TEMP MACRO cotation_calculee(grille, jour) AS TABLE
SELECT d.*, coalesce(s.score, 0) AS score
FROM stg_cotation_demandes AS d
LEFT JOIN (
    SELECT demande_id, sum(points) AS score
    FROM cotation_detail(grille, jour)
    GROUP BY demande_id
) AS s USING (demande_id)
WHERE d.date_depot <= jour
  AND (d.date_radiation IS NULL OR d.date_radiation > jour);

-- cotation_attributions_calculees(grille) : une ligne par attribution, avec la note du ménage :
-- score_cotation de l'extrait s'il est renseigné (source 'extrait'), sinon la note de la
-- demande liée au jour de la décision dans la grille `grille` (source 'calculee') ; NULL pour
-- une attribution sans note ni demande liée. public : celui de la demande liée, sinon la
-- colonne mutation de l'attribution.
CREATE OR REPLACE TEMP MACRO cotation_attributions_calculees(grille) AS TABLE
WITH liees AS (
    SELECT a.attribution_id, a.date_attribution, d.*
    FROM stg_attributions AS a
    JOIN stg_cotation_demandes AS d USING (demande_id)
    WHERE a.score_cotation IS NULL
),
criteres AS (
    SELECT
        attribution_id,
        public,
        unnest(cotation_liste(
            criteres_cotation, date_depot, date_attribution, quartile_1, dalo, habite_epci,
            cotation_age(age_demandeur, date_extraction, date_attribution)
        )) AS code
    FROM liees
),
calculees AS (
    SELECT c.attribution_id, sum(coalesce(g.points, 0)) AS score
    FROM criteres AS c
    LEFT JOIN ref_grilles AS g
        ON g.version = grille AND g.public = c.public AND g.code = c.code
    GROUP BY c.attribution_id
)
SELECT
    a.*,
    coalesce(d.public, CASE WHEN a.mutation THEN 'mutation' ELSE 'primo' END) AS public,
    CASE
        WHEN a.score_cotation IS NOT NULL THEN a.score_cotation
        WHEN d.demande_id IS NOT NULL THEN coalesce(c.score, 0)
    END AS score,
    CASE
        WHEN a.score_cotation IS NOT NULL THEN 'extrait'
        WHEN d.demande_id IS NOT NULL THEN 'calculee'
    END AS score_source
FROM stg_attributions AS a
LEFT JOIN stg_cotation_demandes AS d USING (demande_id)
LEFT JOIN calculees AS c USING (attribution_id);

-- Les notes calculées une fois à l'import (queries/staging/modeles/, dashboard/models.py) :
-- sans modèle à jour, ces deux vues sont vides et chaque note est calculée à la demande.
-- stg_cotation_notes : la note de chaque demande active au 31 décembre de chaque année, dans
-- chaque grille ; stg_cotation_notes_attributions : celle de chaque attribution, par grille.
CREATE OR REPLACE TEMP VIEW stg_cotation_notes AS
SELECT
    NULL::VARCHAR AS version,
    NULL::DATE AS jour_note,
    NULL::VARCHAR AS demande_id,
    NULL::HUGEINT AS score
WHERE false;

CREATE OR REPLACE TEMP VIEW stg_cotation_notes_attributions AS
SELECT
    NULL::VARCHAR AS version,
    NULL::VARCHAR AS attribution_id,
    NULL::VARCHAR AS public,
    NULL::HUGEINT AS score,
    NULL::VARCHAR AS score_source
WHERE false;

-- cotation(grille, jour) : la file active au jour `jour`, une ligne par demande, avec sa note
-- dans la grille `grille` : la note calculée à l'import quand ce jour et cette grille y sont,
-- sinon calculée ici (mêmes règles, cotation_calculee).
CREATE OR REPLACE TEMP MACRO cotation(grille, jour) AS TABLE
SELECT d.*, n.score
FROM stg_cotation_notes AS n
JOIN stg_cotation_demandes AS d USING (demande_id)
WHERE cotation_notee(grille, jour) AND n.version = grille AND n.jour_note = jour
UNION ALL
SELECT *
FROM cotation_calculee(grille, jour)
WHERE NOT cotation_notee(grille, jour);

-- cotation_attributions(grille) : une ligne par attribution, avec la note du ménage (voir
-- cotation_attributions_calculees) : calculée à l'import pour cette grille, sinon ici.
CREATE OR REPLACE TEMP MACRO cotation_attributions(grille) AS TABLE
SELECT a.*, n.public, n.score, n.score_source
FROM stg_cotation_notes_attributions AS n
JOIN stg_attributions AS a USING (attribution_id)
WHERE cotation_grille_notee(grille) AND n.version = grille
UNION ALL
SELECT *
FROM cotation_attributions_calculees(grille)
WHERE NOT cotation_grille_notee(grille);

-- cotation_tranche(score) : la tranche de note (20 points), libellé et ordre, la même sur
-- toutes les pages : « 0 à 19 », « 20 à 39 », … « 100 et plus ».
CREATE OR REPLACE TEMP MACRO cotation_tranche_ordre(score) AS
    least(floor(score / 20), 5)::INTEGER;
CREATE OR REPLACE TEMP MACRO cotation_tranche(score) AS
    CASE WHEN cotation_tranche_ordre(score) = 5 THEN '100 et plus'
         ELSE format('{} à {}', cotation_tranche_ordre(score) * 20,
                     cotation_tranche_ordre(score) * 20 + 19) END;

-- cotation_profil(grille, public, criteres, depot, jour) : les critères d'un profil saisi
-- (simulateur, `cil score`), selon les mêmes règles que les demandes de l'extrait : une ligne
-- par critère distinct, avec ses points dans la grille du public (0 hors de la grille).
CREATE OR REPLACE TEMP MACRO cotation_profil(grille, public, criteres, depot, jour) AS TABLE
WITH codes AS (
    SELECT unnest(cotation_liste(
        criteres::VARCHAR[], depot::DATE, jour::DATE, false, false, false, NULL
    )) AS code
)
SELECT
    c.code,
    coalesce(g.libelle, c.code) AS libelle,
    coalesce(g.points, 0) AS points,
    g.categorie,
    coalesce(g.prioritaire, false) AS prioritaire,
    g.code IS NOT NULL AS dans_grille,
    g.ordre,
    c.code IN ('anciennete_plus_3_ans', 'anciennete_1_3_ans') AS derive
FROM codes AS c
LEFT JOIN ref_grilles AS g ON g.version = grille AND g.public = public AND g.code = c.code;
