-- Attributions aux publics prioritaires par bailleur : les baux signés du 1er janvier
-- $annee_debut au 31 décembre $annee_fin (année du bail), pour un logement situé dans
-- $communes, et ceux de ménages prioritaires, face à l'objectif d'ensemble de la CIA (l'effort
-- « partagé entre les différents réservataires » : chaque bailleur est mesuré à la part
-- visée pour tous les réservataires ensemble).
-- Grain : une ligne par bailleur qui a des attributions dans la période (les bailleurs font le
-- total des attributions), du plus grand au plus petit nombre d'attributions.
-- taux = prioritaires / attributions ; ecart, atteint, statut : voir staging/04_objectifs.sql.
WITH baux AS (
    SELECT bailleur, prioritaire, dalo
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
comptes AS (
    SELECT
        bailleur,
        count(*) AS attributions,
        count(*) FILTER (WHERE prioritaire) AS prioritaires,
        count(*) FILTER (WHERE dalo) AS dalo
    FROM baux
    GROUP BY bailleur
)
SELECT
    c.bailleur,
    c.attributions,
    c.prioritaires,
    c.dalo,
    c.prioritaires / c.attributions AS taux,
    p.objectif_prioritaires_total AS objectif,
    ecart_objectif(p.objectif_prioritaires_total, c.attributions, c.prioritaires) AS ecart,
    objectif_atteint(p.objectif_prioritaires_total, c.attributions, c.prioritaires) AS atteint,
    objectif_statut(p.objectif_prioritaires_total, c.attributions, c.prioritaires) AS statut
FROM comptes AS c
CROSS JOIN ref_parametres AS p
ORDER BY c.attributions DESC, c.bailleur;
