-- stg_demandes : une ligne par demande de l'extrait, nettoyée une fois pour toutes les pages.
-- commune_principale : la première commune souhaitée (le filtre « communes » porte sur elle).
-- guichet_code : le guichet des paramètres ; un code inconnu va au guichet « par défaut ».
-- est_mutation : le ménage loue déjà un logement social (logement actuel HLM).
CREATE OR REPLACE TEMP VIEW stg_demandes AS
WITH defaut AS (
    SELECT guichet, guichet_nom, ordre FROM ref_guichets WHERE par_defaut LIMIT 1
)
SELECT
    d.*,
    d.communes_souhaitees[1] AS commune_principale,
    coalesce(g.guichet, defaut.guichet) AS guichet_code,
    coalesce(g.guichet_nom, defaut.guichet_nom) AS guichet_nom,
    coalesce(g.ordre, defaut.ordre) AS guichet_ordre,
    d.logement_actuel = 'HLM' AS est_mutation,
    year(d.date_depot) AS annee_depot,
    t.typologie_groupe,
    t.ordre_groupe AS typologie_groupe_ordre
FROM demandes AS d
CROSS JOIN defaut
LEFT JOIN ref_guichets AS g ON g.code_source = d.guichet
LEFT JOIN ref_typologies AS t ON t.typologie = d.typologie;

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
