-- Attributions aux publics prioritaires par groupe de réservataires, face aux objectifs de la
-- CIA (paramètres du territoire : [reservataires]).
-- Compte les attributions suivies d'un bail signé (article L441-1 du CCH), dans l'année du
-- bail comme le SNE, du 1er janvier $annee_debut au 31 décembre $annee_fin, pour un logement
-- situé dans $communes. Le groupe est celui auquel les paramètres rattachent le contingent SNE
-- de l'attribution.
-- Grain : une ligne par (année, groupe) de la période, plus les totaux :
--   groupe = 'total' : tous les groupes ensemble, face à l'objectif global ;
--   annee NULL : la période entière (la même que l'année quand $annee_debut = $annee_fin).
-- Chaque groupe des paramètres a sa ligne, même sans attribution (taux NULL, affiché « — ») ;
-- le groupe « Non classé » (contingent absent des paramètres, sans objectif) n'a de ligne que
-- s'il a des attributions dans la période.
-- attributions : baux signés ; prioritaires : ceux de ménages prioritaires ; dalo : ceux de
-- ménages reconnus au titre du DALO ; taux = prioritaires / attributions ; objectif : part
-- visée ; ecart : attributions prioritaires qui ont manqué pour atteindre l'objectif (voir
-- staging/04_objectifs.sql) ; atteint : écart nul (NULL sans attribution) ; statut : en mots ;
-- priorites : les priorités du groupe, dans les mots du plan (paramètres).
WITH annees AS (
    SELECT range AS annee FROM range($annee_debut::INTEGER, $annee_fin::INTEGER + 1)
),
baux AS (
    SELECT annee, groupe, groupe_nom, groupe_ordre, prioritaire, dalo
    FROM stg_attributions
    WHERE annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, commune)
),
groupes AS (
    SELECT DISTINCT groupe, groupe_nom, objectif, priorites, ordre FROM ref_groupes
    UNION
    SELECT DISTINCT groupe, groupe_nom, NULL::DOUBLE, NULL::VARCHAR, groupe_ordre
    FROM baux
    WHERE groupe NOT IN (SELECT groupe FROM ref_groupes)
),
comptes AS (
    SELECT
        a.annee,
        g.groupe,
        grouping(g.groupe) = 1 AS est_total,
        count(b.groupe) AS attributions,
        count(b.groupe) FILTER (WHERE b.prioritaire) AS prioritaires,
        count(b.groupe) FILTER (WHERE b.dalo) AS dalo
    FROM annees AS a
    CROSS JOIN groupes AS g
    LEFT JOIN baux AS b ON b.annee = a.annee AND b.groupe = g.groupe
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
    objectif_atteint(o.objectif, o.attributions, o.prioritaires) AS atteint,
    objectif_statut(o.objectif, o.attributions, o.prioritaires) AS statut,
    CASE WHEN NOT o.est_total THEN g.priorites END AS priorites
FROM avec_objectif AS o
LEFT JOIN groupes AS g ON g.groupe = o.groupe
ORDER BY o.annee NULLS LAST, ordre;
