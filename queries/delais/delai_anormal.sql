-- Demandes de la file active au 31/12/$annee qui attendent depuis plus longtemps que le délai
-- anormalement long ($mois mois, fixé par arrêté préfectoral ; paramètres du territoire).
-- Grain : une ligne pour l'ensemble, puis une par commune de $communes (même sans demande).
-- File active : déposée au plus tard le 31/12/$annee, non radiée ce jour-là, commune souhaitée
-- en premier dans $communes. Au-delà du délai : dépôt + $mois mois antérieur au 31/12/$annee
-- (une demande déposée le 31/12/2022 atteint 36 mois le 31/12/2025 : pas au-delà de 36 mois).
-- demandes_actives : file active ; au_dela : celles au-delà du délai ; part = au_dela / file.
WITH actives AS (
    SELECT
        commune_principale AS commune,
        date_depot + to_months($mois::INTEGER) < make_date($annee::INTEGER, 12, 31) AS au_dela
    FROM demandes_actives(make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
modalites AS (
    SELECT 'ensemble' AS axe, NULL::VARCHAR AS code, 'Ensemble' AS modalite, 0 AS ordre
    UNION ALL
    SELECT 'commune', insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
)
SELECT
    m.axe,
    m.code,
    m.modalite,
    count(a.au_dela) AS demandes_actives,
    count(a.au_dela) FILTER (WHERE a.au_dela) AS au_dela,
    count(a.au_dela) FILTER (WHERE a.au_dela) / nullif(count(a.au_dela), 0) AS part
FROM modalites AS m
LEFT JOIN actives AS a ON m.axe = 'ensemble' OR a.commune = m.code
GROUP BY m.axe, m.code, m.modalite, m.ordre
ORDER BY m.axe = 'commune', m.ordre;
