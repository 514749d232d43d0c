-- Répartition du parc social de chaque commune et de l'ensemble (insee NULL, « Ensemble »)
-- selon quatre dimensions : typologie (groupes des pages demande et attribution), financement
-- d'origine (PLAI, PLUS, PLS, PLI, autre), classe énergie du DPE (A à G) et période de
-- construction. Millésime $millesime (NULL : celui de l'année $annee) ; filtres $communes,
-- $financements, $typologies, $periodes comme parc/communes. Une valeur absente du fichier
-- est « Non renseigné(e) ».
-- part : logements de la modalité / logements de la commune (même dimension).
-- Grain : une ligne par dimension, commune (ou ensemble) et modalité présente.
WITH parc AS (
    SELECT *
    FROM logements_filtres(
        -- aucun millésime pour l'année : -1, aucune ligne (NULL voudrait dire tous)
        coalesce($millesime::INTEGER, parc_millesime($annee::INTEGER), -1),
        $communes::VARCHAR[], $financements::VARCHAR[], $typologies::VARCHAR[],
        $periodes::VARCHAR[]
    )
),
modalites AS (
    SELECT 'typologie' AS dimension, depcom,
           coalesce(typologie_groupe, 'Non renseignée') AS modalite,
           coalesce(typologie_groupe_ordre, 99) AS ordre
    FROM parc
    UNION ALL
    SELECT 'financement', depcom, financement,
           CASE financement WHEN 'PLAI' THEN 1 WHEN 'PLUS' THEN 2 WHEN 'PLS' THEN 3
                            WHEN 'PLI' THEN 4 ELSE 5 END
    FROM parc
    UNION ALL
    SELECT 'dpe', depcom, coalesce(dpe, 'Non renseigné'), coalesce(ascii(dpe) - 64, 99)
    FROM parc
    UNION ALL
    SELECT 'periode', depcom, coalesce(periode, 'Non renseignée'), periode_ordre
    FROM parc
),
comptes AS (
    SELECT dimension, depcom AS insee, modalite, min(ordre) AS ordre, count(*) AS logements
    FROM modalites
    GROUP BY GROUPING SETS ((dimension, depcom, modalite), (dimension, modalite))
)
SELECT
    k.dimension,
    k.insee,
    coalesce(c.nom, 'Ensemble') AS commune,
    coalesce(c.ordre, 999) AS commune_ordre,
    k.modalite,
    k.ordre,
    k.logements,
    k.logements / sum(k.logements) OVER (PARTITION BY k.dimension, k.insee) AS part
FROM comptes AS k
LEFT JOIN ref_communes AS c ON c.insee = k.insee
ORDER BY k.dimension, commune_ordre, k.ordre;
