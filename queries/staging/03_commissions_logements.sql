-- stg_commissions : les dossiers examinés en commission de coordination, avec leur année.
CREATE OR REPLACE TEMP VIEW stg_commissions AS
SELECT c.*, year(c.date_commission) AS annee, c.issue = 'bail_signe' AS bail_signe
FROM commissions AS c;

-- stg_logements : le parc RPLS, avec le groupe de typologie des pages demande et attribution.
-- periode : période de construction, bornée par les réglementations thermiques (la première en
--   1974, la RT 2000, la RT 2012), qui expliquent une bonne part des classes énergie.
-- residence_id : une résidence = les logements d'une même adresse dans la commune ; sans
--   adresse, ceux placés dans le même carré de 10 m (coordonnées du fichier, en mètres) ; ni
--   adresse ni coordonnées : NULL (le logement n'est rattaché à aucune résidence).
CREATE OR REPLACE TEMP VIEW stg_logements AS
SELECT
    l.*,
    t.typologie_groupe,
    t.ordre_groupe AS typologie_groupe_ordre,
    l.lon IS NOT NULL AS geolocalise,
    CASE
        WHEN l.construct IS NULL THEN NULL
        WHEN l.construct < 1975 THEN 'Avant 1975'
        WHEN l.construct < 2000 THEN '1975-1999'
        WHEN l.construct < 2013 THEN '2000-2012'
        ELSE '2013 et après'
    END AS periode,
    CASE
        WHEN l.construct IS NULL THEN 9
        WHEN l.construct < 1975 THEN 1
        WHEN l.construct < 2000 THEN 2
        WHEN l.construct < 2013 THEN 3
        ELSE 4
    END AS periode_ordre,
    CASE
        WHEN l.adresse IS NOT NULL THEN l.depcom || '|' || upper(l.adresse)
        WHEN l.lon IS NOT NULL
            THEN l.depcom || '|xy|' || l.epsg || '|' || round(l.x / 10)::BIGINT || '|'
                 || round(l.y / 10)::BIGINT
    END AS residence_id
FROM logements AS l
LEFT JOIN ref_typologies AS t ON t.typologie = l.typologie;

-- logements_filtres(m, communes, financements, groupes, periodes) : le parc du millésime m (de
-- tous les millésimes si m est NULL) dans les communes données, restreint aux financements,
-- groupes de typologie et périodes de construction choisis. Une liste vide ne filtre pas (elle garde aussi les valeurs inconnues).
CREATE OR REPLACE TEMP MACRO logements_filtres(m, communes, financements, groupes, periodes)
AS TABLE
SELECT *
FROM stg_logements
WHERE (m IS NULL OR millesime = m)
  AND list_contains(communes, depcom)
  AND (len(financements) = 0 OR list_contains(financements, financement))
  AND (len(groupes) = 0 OR list_contains(groupes, typologie_groupe))
  AND (len(periodes) = 0 OR list_contains(periodes, periode));

-- parc_millesime(annee) : le millésime RPLS qui décrit le parc de la fin de l'année `annee`,
-- le même pour les pages, le bilan et `cil indicateurs` (parc/millesime.yml). Le millésime M
-- décrit le parc au 1er janvier M : l'année A lit le plus récent millésime chargé jusqu'à
-- A + 1 ; NULL si aucun n'est aussi ancien (pas de chiffre, plutôt qu'un parc plus récent
-- présenté comme celui de l'année).
CREATE OR REPLACE TEMP MACRO parc_millesime(annee) AS (
    SELECT max(millesime) FROM logements WHERE millesime <= annee + 1
);
