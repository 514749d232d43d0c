-- Délai d'attente de référence (simulateur « Positionner une demande ») : délai des ménages
-- logés récemment dans un logement du groupe de typologie $typologie_groupe de la commune
-- $commune. Récemment : attributions décidées de $annee - 2 à $annee (trois ans, pour des
-- effectifs suffisants). Délai : mois révolus du dépôt de la demande à l'attribution.
-- Grain : une ligne. n : attributions au délai connu ; delai_median ; delai_q1, delai_q3 :
-- 25e et 75e centiles (interpolés) ; annee_debut, annee_fin : la période.
SELECT
    count(delai_mois) AS n,
    median(delai_mois) AS delai_median,
    quantile_cont(delai_mois, 0.25) AS delai_q1,
    quantile_cont(delai_mois, 0.75) AS delai_q3,
    $annee::INTEGER - 2 AS annee_debut,
    $annee::INTEGER AS annee_fin
FROM stg_attributions
WHERE annee BETWEEN $annee::INTEGER - 2 AND $annee::INTEGER
  AND typologie_groupe = $typologie_groupe
  AND commune = $commune;
