-- Chiffres clés de l'accueil : les effectifs de l'année $annee (définitions dans
-- chiffres_cles.yml). Les parts, la pression et les délais viennent de leur propre requête
-- (mutations/evolution, delais/pression, delais/delais, prioritaires/quotas).
WITH actives AS (
    SELECT count(*) AS demandes_actives
    FROM demandes_actives(make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
enregistrees AS (
    SELECT count(*) AS enregistrements
    FROM stg_demandes
    WHERE annee_depot = $annee AND list_contains($communes, commune_principale)
),
attribuees AS (
    SELECT count(*) AS attributions
    FROM stg_attributions
    WHERE annee = $annee AND list_contains($communes, commune)
),
decidees AS (
    SELECT count(*) AS decisions
    FROM stg_attributions
    WHERE annee_decision = $annee AND list_contains($communes, commune)
)
SELECT
    $annee::INTEGER AS annee,
    actives.demandes_actives,
    enregistrees.enregistrements,
    attribuees.attributions,
    decidees.decisions
FROM actives, enregistrees, attribuees, decidees;
