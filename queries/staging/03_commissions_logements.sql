-- stg_commissions : les dossiers examinés en commission de coordination, avec leur année.
CREATE OR REPLACE TEMP VIEW stg_commissions AS
SELECT c.*, year(c.date_commission) AS annee, c.issue = 'bail_signe' AS bail_signe
FROM commissions AS c;

-- stg_logements : le parc RPLS, avec le groupe de typologie des pages demande et attribution.
CREATE OR REPLACE TEMP VIEW stg_logements AS
SELECT l.*, t.typologie_groupe, l.lon IS NOT NULL AS geolocalise
FROM logements AS l
LEFT JOIN ref_typologies AS t ON t.typologie = l.typologie;
