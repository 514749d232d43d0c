-- Dossiers examinés en commission de coordination par commune souhaitée et par typologie
-- souhaitée, du 1er janvier $annee_debut au 31 décembre $annee_fin, et leur suite.
-- Grain : une ligne par (dimension, modalité) ; dimension 'commune' (chaque commune de
-- $communes, même sans dossier, plus « Non renseignée » si des dossiers n'en ont pas) ou
-- 'typologie' (groupes de typologie ; « Non renseignée » s'il y a lieu).
-- dossiers : dossiers examinés ; bail_signe : ceux qui ont abouti à un bail ;
-- part_bail_signe = bail_signe / dossiers ; part = dossiers / dossiers de la dimension.
-- Un dossier sans commune n'est compté que lorsque $communes couvre tout le territoire (voir
-- staging/05_commissions.sql).
WITH dossiers AS (
    SELECT
        c.dossier_id,
        c.bail_signe,
        coalesce(c.commune_souhaitee, '') AS commune,
        coalesce(t.typologie_groupe, '') AS typologie
    FROM dossiers_examines($annee_debut, $annee_fin, $communes) AS c
    LEFT JOIN ref_typologies AS t ON t.typologie = c.typologie
),
modalites AS (
    SELECT 'commune' AS dimension, insee AS code, nom AS modalite, ordre
    FROM ref_communes
    WHERE list_contains($communes, insee)
    UNION ALL
    SELECT DISTINCT 'typologie', typologie_groupe, typologie_groupe, ordre_groupe
    FROM ref_typologies
    UNION ALL
    -- communes hors du territoire ou non renseignées, typologie non renseignée
    SELECT DISTINCT 'commune', commune, 'Autre ou non renseignée', 900
    FROM dossiers
    WHERE commune NOT IN (SELECT insee FROM ref_communes)
    UNION ALL
    SELECT DISTINCT 'typologie', '', 'Non renseignée', 900 FROM dossiers WHERE typologie = ''
),
valeurs AS (
    SELECT 'commune' AS dimension, commune AS code, bail_signe FROM dossiers
    UNION ALL
    SELECT 'typologie', typologie, bail_signe FROM dossiers
),
comptes AS (
    SELECT
        m.dimension,
        m.modalite,
        min(m.ordre) AS ordre,
        count(v.code) AS dossiers,
        count(v.code) FILTER (WHERE v.bail_signe) AS bail_signe
    FROM modalites AS m
    LEFT JOIN valeurs AS v ON v.dimension = m.dimension AND v.code = m.code
    GROUP BY m.dimension, m.modalite
)
SELECT
    dimension,
    modalite,
    ordre,
    dossiers,
    bail_signe,
    bail_signe / nullif(dossiers, 0) AS part_bail_signe,
    dossiers / nullif(sum(dossiers) OVER (PARTITION BY dimension), 0) AS part
FROM comptes
ORDER BY dimension, ordre, modalite;
