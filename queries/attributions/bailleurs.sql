-- Le bilan des attributions que chaque bailleur présente à la CIL : ses baux signés du
-- 1er janvier $annee_debut au 31 décembre $annee_fin (année du bail), pour un logement situé
-- dans $communes, par groupe de réservataires, typologie, financement, QPV / hors QPV et
-- commune.
-- Grain : une ligne par (bailleur, répartition, modalité) où le bailleur a des attributions,
-- plus une ligne « ensemble » par bailleur ; les bailleurs du plus grand au plus petit nombre
-- d'attributions.
-- part = attributions / attributions du bailleur dans la période.
WITH periode AS (
    SELECT *
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
valeurs AS (
    SELECT bailleur, 'reservataire' AS dimension, groupe AS modalite, groupe_ordre AS ordre
    FROM periode
    UNION ALL
    SELECT bailleur, 'typologie', typologie_groupe, typologie_groupe_ordre FROM periode
    UNION ALL
    SELECT
        bailleur,
        'financement',
        financement,
        coalesce(list_position(['PLAI', 'PLUS', 'PLS', 'PLI'], financement), 5)
    FROM periode
    UNION ALL
    SELECT bailleur, 'qpv', CASE WHEN qpv THEN 'qpv' ELSE 'hors_qpv' END, NOT qpv::INTEGER
    FROM periode
    UNION ALL
    SELECT p.bailleur, 'commune', p.commune, c.ordre
    FROM periode AS p
    LEFT JOIN ref_communes AS c ON c.insee = p.commune
    UNION ALL
    SELECT bailleur, 'ensemble', NULL, 0 FROM periode
),
libelles AS (
    SELECT DISTINCT 'reservataire' AS dimension, groupe AS code, groupe_nom AS libelle
    FROM periode
    UNION ALL
    SELECT 'financement', code, libelle FROM ref_libelles WHERE liste = 'financement'
    UNION ALL
    SELECT 'commune', insee, nom FROM ref_communes
    UNION ALL
    SELECT * FROM (VALUES ('qpv', 'qpv', 'En QPV'), ('qpv', 'hors_qpv', 'Hors QPV'))
),
comptes AS (
    SELECT bailleur, dimension, modalite AS code, min(ordre) AS ordre, count(*) AS attributions
    FROM valeurs
    GROUP BY ALL
)
SELECT
    k.bailleur,
    k.dimension,
    k.code,
    CASE
        WHEN k.dimension = 'ensemble' THEN 'Toutes ses attributions'
        ELSE coalesce(l.libelle, k.code)
    END AS modalite,
    k.ordre,
    k.attributions,
    k.attributions
        / sum(k.attributions) FILTER (WHERE k.dimension = 'ensemble')
            OVER (PARTITION BY k.bailleur) AS part
FROM comptes AS k
LEFT JOIN libelles AS l ON l.dimension = k.dimension AND l.code = k.code
ORDER BY
    sum(k.attributions) FILTER (WHERE k.dimension = 'ensemble')
        OVER (PARTITION BY k.bailleur) DESC,
    k.bailleur,
    list_position(
        ['ensemble', 'reservataire', 'typologie', 'financement', 'qpv', 'commune'], k.dimension
    ),
    k.ordre,
    k.code;
