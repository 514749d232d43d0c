-- Règle locale de la CIA : parmi les attributions suivies d'un bail signé à des ménages
-- prioritaires, la part faite à des ménages relevant d'au moins une des situations locales
-- (paramètres [cia] : sans logement propre, logement trop cher, problématique de santé).
-- Un ménage relève d'une situation par son logement actuel ou par le motif de sa demande :
-- ceux de l'attribution, à défaut ceux de la demande liée.
-- Période : baux signés du 1er janvier $annee_debut au 31 décembre $annee_fin (année du bail,
-- comme le SNE), logement situé dans $communes.
-- Grain : une ligne par situation des paramètres (ménages qui en relèvent ; un ménage peut
-- relever de plusieurs situations), plus une ligne situation = 'ensemble' (ménages relevant
-- d'au moins une situation, chacun compté une fois, face à l'objectif). Les situations se
-- recouvrent : aucune ligne n'est leur somme ; le dénominateur est sur chaque ligne.
-- attributions : attributions prioritaires de la ligne ; prioritaires : toutes les
-- attributions prioritaires, sur chaque ligne ; part = attributions / prioritaires ;
-- objectif, ecart, atteint, statut : sur la ligne « ensemble » seulement.
WITH prioritaires AS (
    SELECT
        a.attribution_id,
        coalesce(a.logement_actuel, d.logement_actuel) AS logement_actuel,
        coalesce(a.motif, d.motif) AS motif
    FROM stg_attributions AS a
    LEFT JOIN demandes AS d ON d.demande_id = a.demande_id
    WHERE a.prioritaire
      AND a.annee BETWEEN $annee_debut AND $annee_fin
      AND list_contains($communes, a.commune)
),
correspondances AS (
    SELECT DISTINCT p.attribution_id, s.situation
    FROM prioritaires AS p
    JOIN ref_situations_cia AS s
      ON (s.critere = 'logement_actuel' AND s.valeur = p.logement_actuel)
      OR (s.critere = 'motif' AND s.valeur = p.motif)
),
par_situation AS (
    SELECT s.situation, s.situation_nom, s.ordre, count(c.attribution_id) AS attributions
    FROM (SELECT DISTINCT situation, situation_nom, ordre FROM ref_situations_cia) AS s
    LEFT JOIN correspondances AS c USING (situation)
    GROUP BY ALL
),
lignes AS (
    SELECT situation, situation_nom, ordre, attributions, NULL::DOUBLE AS objectif
    FROM par_situation
    UNION ALL
    SELECT
        'ensemble',
        'Au moins une des situations',
        1000,
        (SELECT count(DISTINCT attribution_id) FROM correspondances),
        (SELECT objectif_situations_cia FROM ref_parametres)
)
SELECT
    l.situation,
    l.situation_nom,
    l.ordre,
    l.attributions,
    t.prioritaires,
    l.attributions / nullif(t.prioritaires, 0) AS part,
    l.objectif,
    CASE WHEN l.objectif IS NOT NULL
         THEN ecart_objectif(l.objectif, t.prioritaires, l.attributions) END AS ecart,
    objectif_atteint(l.objectif, t.prioritaires, l.attributions) AS atteint,
    objectif_statut(l.objectif, t.prioritaires, l.attributions) AS statut
FROM lignes AS l
CROSS JOIN (SELECT count(*) AS prioritaires FROM prioritaires) AS t
ORDER BY l.ordre;
