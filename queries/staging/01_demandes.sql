-- stg_demandes_extrait : une ligne par demande de l'extrait, nettoyée une fois pour toutes les
-- pages, quelles que soient les communes souhaitées. Seule l'activité des guichets la lit.
-- commune_principale : la première commune souhaitée (le filtre « communes » porte sur elle).
-- sur_le_territoire : la commune souhaitée en premier est une commune du territoire (la
--   « demande sur le territoire » : profil, pression, mutations, cotation…).
-- guichet_code : le guichet des paramètres ; un code inconnu va au guichet « par défaut ».
-- guichet_du_territoire : enregistrée par un guichet du territoire (un guichet des paramètres
--   qui n'est ni la demande en ligne, ni le guichet par défaut « Autres guichets ») : son
--   « activité », quelles que soient les communes souhaitées.
-- est_mutation : le ménage loue déjà un logement social (logement actuel HLM).
CREATE OR REPLACE TEMP VIEW stg_demandes_extrait AS
WITH defaut AS (
    SELECT guichet, guichet_nom, ordre FROM ref_guichets WHERE par_defaut LIMIT 1
)
SELECT
    d.*,
    d.communes_souhaitees[1] AS commune_principale,
    d.communes_souhaitees[1] IN (SELECT insee FROM ref_communes) AS sur_le_territoire,
    coalesce(g.guichet, defaut.guichet) AS guichet_code,
    coalesce(g.guichet_nom, defaut.guichet_nom) AS guichet_nom,
    coalesce(g.ordre, defaut.ordre) AS guichet_ordre,
    coalesce(NOT g.en_ligne AND NOT g.par_defaut, false) AS guichet_du_territoire,
    d.logement_actuel = 'HLM' AS est_mutation,
    year(d.date_depot) AS annee_depot,
    t.typologie_groupe,
    t.ordre_groupe AS typologie_groupe_ordre
FROM demandes AS d
CROSS JOIN defaut
LEFT JOIN ref_guichets AS g ON g.code_source = d.guichet
LEFT JOIN ref_typologies AS t ON t.typologie = d.typologie;

-- stg_demandes : la demande sur le territoire, celle que lisent toutes les pages sauf
-- l'activité des guichets : les demandes dont la commune souhaitée en premier est une commune
-- du territoire. Une demande enregistrée par un guichet du territoire pour une commune hors du
-- territoire n'y est pas (l'import le signale) ; le filtre des communes de chaque requête
-- choisit ensuite parmi les communes du territoire.
CREATE OR REPLACE TEMP VIEW stg_demandes AS
SELECT * FROM stg_demandes_extrait WHERE sur_le_territoire;

-- demandes_actives(d) : la file active au jour d (déposée au plus tard ce jour, non radiée
-- ce jour-là : une demande radiée le jour d ne compte plus).
CREATE OR REPLACE TEMP MACRO demandes_actives(jour) AS TABLE
SELECT *
FROM stg_demandes
WHERE date_depot <= jour
  AND (date_radiation IS NULL OR date_radiation > jour);

-- files_actives(debut, fin) : la file active au 31 décembre de chaque année de debut à fin,
-- une ligne par (année, demande active ce jour-là), l'année dans annee_file (même règle que
-- demandes_actives : déposée au plus tard le 31/12, non radiée ce jour-là).
CREATE OR REPLACE TEMP MACRO files_actives(debut, fin) AS TABLE
SELECT a.range AS annee_file, d.*
FROM range(debut::INTEGER, fin::INTEGER + 1) AS a
JOIN stg_demandes AS d
    ON d.date_depot <= make_date(a.range::INTEGER, 12, 31)
   AND (d.date_radiation IS NULL OR d.date_radiation > make_date(a.range::INTEGER, 12, 31));
