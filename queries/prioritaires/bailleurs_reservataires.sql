-- Attributions aux publics prioritaires par bailleur et groupe de réservataires : les baux
-- signés du 1er janvier $annee_debut au 31 décembre $annee_fin (année du bail), pour un
-- logement situé dans $communes, chacun face à l'objectif de son groupe (paramètres
-- [reservataires]) : les engagements de la CIA se prennent par bailleur et par réservataire
-- (article L441-1 du CCH).
-- Grain : une ligne par (bailleur, groupe) qui a des attributions dans la période ; les
-- bailleurs du plus grand au plus petit nombre d'attributions, les groupes dans l'ordre des
-- paramètres (« Non classé » en dernier, sans objectif).
WITH baux AS (
    SELECT bailleur, groupe, groupe_nom, groupe_ordre, objectif, prioritaire, dalo
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
comptes AS (
    SELECT
        bailleur,
        groupe,
        groupe_nom,
        groupe_ordre AS ordre,
        any_value(objectif) AS objectif,
        count(*) AS attributions,
        count(*) FILTER (WHERE prioritaire) AS prioritaires,
        count(*) FILTER (WHERE dalo) AS dalo
    FROM baux
    GROUP BY ALL
)
SELECT
    bailleur,
    groupe,
    groupe_nom,
    ordre,
    attributions,
    prioritaires,
    dalo,
    prioritaires / attributions AS taux,
    objectif,
    ecart_objectif(objectif, attributions, prioritaires) AS ecart,
    objectif_atteint(objectif, attributions, prioritaires) AS atteint,
    objectif_statut(objectif, attributions, prioritaires) AS statut
FROM comptes
ORDER BY sum(attributions) OVER (PARTITION BY bailleur) DESC, bailleur, ordre;
