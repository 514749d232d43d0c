-- Attributions décidées du 1er janvier $annee_debut au 31 décembre $annee_fin, pour un
-- logement situé dans $communes, réparties par commune, groupe de réservataires, typologie,
-- financement, QPV / hors QPV et bailleur : la répartition d'ensemble et celle de chaque
-- bailleur (le bilan annuel des attributions que chaque bailleur présente à la CIL).
-- Grain : une ligne par (dimension, modalité, bailleur) ;
--   bailleur NULL : tous les bailleurs, chaque modalité présente même sans attribution
--   (communes de $communes, groupes des paramètres, typologies, financements, QPV) ;
--   bailleur renseigné : les modalités où ce bailleur a des attributions (dimension 'bailleur'
--   exclue).
-- dimension : commune, groupe, typologie (groupes de typologie), financement, qpv, bailleur.
-- attributions : décisions d'attribution ; baux_signes : celles qui ont abouti à un bail ;
-- part = attributions / attributions du même bailleur (ou de tous) dans la dimension.
WITH periode AS (
    SELECT *
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
valeurs AS (
    -- une ligne par attribution et par dimension
    SELECT 'commune' AS dimension, commune AS code, bailleur, effective FROM periode
    UNION ALL
    SELECT 'groupe', groupe, bailleur, effective FROM periode
    UNION ALL
    SELECT 'typologie', typologie_groupe, bailleur, effective FROM periode
    UNION ALL
    SELECT 'financement', financement, bailleur, effective FROM periode
    UNION ALL
    SELECT 'qpv', CASE WHEN qpv THEN 'qpv' ELSE 'hors_qpv' END, bailleur, effective FROM periode
    UNION ALL
    SELECT 'bailleur', bailleur, bailleur, effective FROM periode
),
modalites AS (
    SELECT 'commune' AS dimension, insee AS code, nom AS modalite, ordre
    FROM ref_communes
    WHERE list_contains($communes, insee)
    UNION
    SELECT DISTINCT 'groupe', groupe, groupe_nom, ordre FROM ref_groupes
    UNION
    SELECT DISTINCT 'groupe', groupe, groupe_nom, groupe_ordre FROM periode
    UNION
    SELECT DISTINCT 'typologie', typologie_groupe, typologie_groupe, ordre_groupe
    FROM ref_typologies
    UNION
    -- ordre des financements : du plus social au moins social (codes nationaux), puis « autre »
    SELECT
        'financement',
        code,
        libelle,
        coalesce(list_position(['PLAI', 'PLUS', 'PLS', 'PLI'], code), 5)
    FROM ref_libelles
    WHERE liste = 'financement'
    UNION
    SELECT 'qpv', 'qpv', 'En QPV', 0
    UNION
    SELECT 'qpv', 'hors_qpv', 'Hors QPV', 1
    UNION
    SELECT DISTINCT 'bailleur', bailleur, bailleur, 0 FROM periode
),
tous AS (
    SELECT
        m.dimension,
        m.code,
        m.modalite,
        m.ordre,
        NULL::VARCHAR AS bailleur,
        count(v.code) AS attributions,
        count(v.code) FILTER (WHERE v.effective) AS baux_signes
    FROM modalites AS m
    LEFT JOIN valeurs AS v ON v.dimension = m.dimension AND v.code = m.code
    GROUP BY ALL
),
par_bailleur AS (
    SELECT
        m.dimension,
        m.code,
        m.modalite,
        m.ordre,
        v.bailleur,
        count(*) AS attributions,
        count(*) FILTER (WHERE v.effective) AS baux_signes
    FROM valeurs AS v
    JOIN modalites AS m ON m.dimension = v.dimension AND m.code = v.code
    WHERE v.dimension <> 'bailleur'
    GROUP BY ALL
),
lignes AS (
    SELECT * FROM tous
    UNION ALL
    SELECT * FROM par_bailleur
)
SELECT
    *,
    attributions / nullif(sum(attributions) OVER (PARTITION BY dimension, bailleur), 0) AS part
FROM lignes
ORDER BY
    list_position(['commune', 'groupe', 'typologie', 'financement', 'qpv', 'bailleur'], dimension),
    bailleur IS NOT NULL,
    -- les bailleurs du plus grand au plus petit nombre d'attributions dans la période
    sum(attributions) OVER (PARTITION BY dimension, bailleur) DESC,
    bailleur,
    ordre,
    attributions DESC,
    modalite;
