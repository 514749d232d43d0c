-- Chiffres clés de l'accueil : les effectifs de l'année $annee (définitions dans
-- chiffres_cles.yml). Les parts, la pression et les délais viennent de leur propre requête
-- (mutations/evolution, delais/pression, delais/delais, prioritaires/quotas).
-- Quatre sous-requêtes scalaires plutôt que quatre CTE jointes : la même requête, que la
-- publication peut aussi lancer pour toutes les années et communes à la fois
-- (dashboard/batched.py ; DuckDB ne lie pas les agrégats de CTE jointes sous LATERAL).
SELECT
    $annee::INTEGER AS annee,
    (
        SELECT count(*)
        FROM demandes_actives(make_date($annee::INTEGER, 12, 31))
        WHERE list_contains($communes, commune_principale)
    ) AS demandes_actives,
    (
        SELECT count(*)
        FROM stg_demandes
        WHERE annee_depot = $annee AND list_contains($communes, commune_principale)
    ) AS enregistrements,
    (
        SELECT count(*)
        FROM stg_attributions
        WHERE annee = $annee AND list_contains($communes, commune)
    ) AS attributions,
    (
        SELECT count(*)
        FROM stg_attributions
        WHERE annee_decision = $annee AND list_contains($communes, commune)
    ) AS decisions;
