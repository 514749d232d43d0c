-- Chiffres clés de l'accueil, pour l'année choisie et la précédente (pour l'évolution).
-- Grain : une ligne par année de $annees.
-- demandes_actives : file active au 31 décembre (déposée au plus tard ce jour, non radiée ce
--   jour-là), dont la commune souhaitée principale est dans $communes.
-- enregistrements : demandes déposées dans l'année (même filtre de communes).
-- attributions : décisions d'attribution de l'année pour un logement situé dans $communes ;
--   baux_signes : celles qui ont abouti à un bail (attributions effectives).
-- taux_pression : demandes actives au 31/12 / attributions de l'année.
-- delai_median_mois : délai d'attente médian (mois révolus du dépôt à l'attribution).
-- part_prioritaires : attributions effectives à des ménages prioritaires / baux signés.
WITH annees AS (
    SELECT unnest($annees::INTEGER[]) AS annee
),
actives AS (
    SELECT a.annee,
           count(d.demande_id) AS demandes_actives,
           count(d.demande_id) FILTER (WHERE d.est_mutation) AS demandes_actives_mutation
    FROM annees AS a
    LEFT JOIN stg_demandes AS d
        ON d.date_depot <= make_date(a.annee, 12, 31)
       AND (d.date_radiation IS NULL OR d.date_radiation > make_date(a.annee, 12, 31))
       AND list_contains($communes, d.commune_principale)
    GROUP BY a.annee
),
enregistrements AS (
    SELECT annee_depot AS annee, count(*) AS enregistrements
    FROM stg_demandes
    WHERE annee_depot IN (SELECT annee FROM annees)
      AND list_contains($communes, commune_principale)
    GROUP BY annee_depot
),
attributions AS (
    SELECT annee,
           count(*) AS attributions,
           count(*) FILTER (WHERE effective) AS baux_signes,
           count(*) FILTER (WHERE effective AND prioritaire) AS baux_signes_prioritaires,
           median(delai_mois) AS delai_median_mois
    FROM stg_attributions
    WHERE annee IN (SELECT annee FROM annees)
      AND list_contains($communes, commune)
    GROUP BY annee
)
SELECT
    a.annee,
    act.demandes_actives,
    act.demandes_actives_mutation,
    coalesce(e.enregistrements, 0) AS enregistrements,
    coalesce(t.attributions, 0) AS attributions,
    coalesce(t.baux_signes, 0) AS baux_signes,
    coalesce(t.baux_signes_prioritaires, 0) AS baux_signes_prioritaires,
    t.delai_median_mois,
    act.demandes_actives / nullif(t.attributions, 0) AS taux_pression,
    act.demandes_actives_mutation / nullif(act.demandes_actives, 0) AS part_mutation,
    t.baux_signes_prioritaires / nullif(t.baux_signes, 0) AS part_prioritaires
FROM annees AS a
JOIN actives AS act USING (annee)
LEFT JOIN enregistrements AS e USING (annee)
LEFT JOIN attributions AS t USING (annee)
ORDER BY a.annee;
