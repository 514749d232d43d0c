-- Attributions aux publics prioritaires par groupe de réservataires, face aux objectifs de la
-- CIA (paramètres du territoire : [reservataires]).
-- Compte les attributions EFFECTIVES (bail signé) décidées entre le 1er janvier $annee_debut et
-- le 31 décembre $annee_fin, pour un logement situé dans $communes. Le groupe est celui auquel
-- les paramètres rattachent le contingent SNE de l'attribution.
-- Grain : une ligne par (année, groupe) de la période, plus les totaux :
--   groupe = 'total' : tous les groupes ensemble, face à l'objectif global ;
--   annee NULL : la période entière (la même que l'année quand $annee_debut = $annee_fin).
-- Chaque groupe des paramètres a sa ligne, même sans attribution (taux NULL, affiché « — ») ;
-- le groupe « Non classé » (contingent absent des paramètres, sans objectif) n'a de ligne que
-- s'il a des attributions dans la période.
-- attributions : attributions effectives ; prioritaires : celles à des ménages prioritaires ;
-- dalo : celles à des ménages reconnus au titre du DALO ;
-- taux = prioritaires / attributions ; objectif : part visée ;
-- ecart : attributions prioritaires qui ont manqué pour atteindre l'objectif (voir
--   staging/04_objectifs.sql) ; atteint : écart nul (NULL sans attribution).
WITH annees AS (
    SELECT range AS annee FROM range($annee_debut::INTEGER, $annee_fin::INTEGER + 1)
),
effectives AS (
    SELECT annee, groupe, groupe_nom, groupe_ordre, prioritaire, dalo
    FROM stg_attributions
    WHERE effective
      AND annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
groupes AS (
    SELECT DISTINCT groupe, groupe_nom, objectif, ordre FROM ref_groupes
    UNION
    SELECT DISTINCT groupe, groupe_nom, NULL::DOUBLE, groupe_ordre
    FROM effectives
    WHERE groupe NOT IN (SELECT groupe FROM ref_groupes)
),
comptes AS (
    SELECT
        a.annee,
        g.groupe,
        grouping(g.groupe) = 1 AS est_total,
        count(e.groupe) AS attributions,
        count(e.groupe) FILTER (WHERE e.prioritaire) AS prioritaires,
        count(e.groupe) FILTER (WHERE e.dalo) AS dalo
    FROM annees AS a
    CROSS JOIN groupes AS g
    LEFT JOIN effectives AS e ON e.annee = a.annee AND e.groupe = g.groupe
    GROUP BY GROUPING SETS ((a.annee, g.groupe), (a.annee), (g.groupe), ())
),
avec_objectif AS (
    SELECT
        c.*,
        CASE WHEN c.est_total THEN p.objectif_prioritaires_total ELSE g.objectif END AS objectif
    FROM comptes AS c
    CROSS JOIN ref_parametres AS p
    LEFT JOIN groupes AS g ON g.groupe = c.groupe
)
SELECT
    o.annee,
    CASE WHEN o.est_total THEN 'total' ELSE o.groupe END AS groupe,
    CASE WHEN o.est_total THEN 'Tous réservataires' ELSE g.groupe_nom END AS groupe_nom,
    CASE WHEN o.est_total THEN 1000 ELSE g.ordre END AS ordre,
    o.attributions,
    o.prioritaires,
    o.dalo,
    o.prioritaires / nullif(o.attributions, 0) AS taux,
    o.objectif,
    ecart_objectif(o.objectif, o.attributions, o.prioritaires) AS ecart,
    objectif_atteint(o.objectif, o.attributions, o.prioritaires) AS atteint
FROM avec_objectif AS o
LEFT JOIN groupes AS g ON g.groupe = o.groupe
ORDER BY o.annee NULLS LAST, ordre;
