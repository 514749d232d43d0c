-- Le rythme des commissions de coordination face au plan : « La commission de coordination se
-- réunit une fois par trimestre » (paramètres [commissions] par_trimestre), de $annee_debut à
-- $annee_fin.
-- Grain : une ligne par année de la période (même sans commission), plus une ligne annee NULL
-- pour la période entière.
-- commissions : dates de commission distinctes (une commission réunit les dossiers de tout le
-- territoire : ce n'est pas un effectif de ménages) ; t1 … t4 : commissions de chaque
-- trimestre ; trimestres_tenus : trimestres qui ont eu leurs commissions ; objectif :
-- commissions attendues (4 trimestres × par_trimestre, par année) ; trimestres_manques :
-- trimestres sans leurs commissions ; atteint : aucun trimestre manqué.
WITH annees AS (
    SELECT range AS annee FROM range($annee_debut::INTEGER, $annee_fin::INTEGER + 1)
),
reunions AS (
    SELECT DISTINCT date_commission, annee, quarter(date_commission) AS trimestre
    FROM stg_commissions
),
trimestres AS (
    SELECT a.annee, t.range AS trimestre, count(r.date_commission) AS commissions
    FROM annees AS a
    CROSS JOIN range(1, 5) AS t
    LEFT JOIN reunions AS r ON r.annee = a.annee AND r.trimestre = t.range
    GROUP BY ALL
),
comptes AS (
    SELECT
        t.annee,
        sum(t.commissions)::INTEGER AS commissions,
        sum(t.commissions) FILTER (WHERE t.trimestre = 1)::INTEGER AS t1,
        sum(t.commissions) FILTER (WHERE t.trimestre = 2)::INTEGER AS t2,
        sum(t.commissions) FILTER (WHERE t.trimestre = 3)::INTEGER AS t3,
        sum(t.commissions) FILTER (WHERE t.trimestre = 4)::INTEGER AS t4,
        count(*) FILTER (WHERE t.commissions >= p.commissions_par_trimestre) AS trimestres_tenus,
        (count(*) * p.commissions_par_trimestre)::INTEGER AS objectif,
        count(*) AS trimestres
    FROM trimestres AS t
    CROSS JOIN ref_parametres AS p
    GROUP BY GROUPING SETS ((t.annee, p.commissions_par_trimestre), (p.commissions_par_trimestre))
)
SELECT
    annee,
    CASE
        WHEN annee IS NOT NULL THEN annee::VARCHAR
        WHEN $annee_debut = $annee_fin THEN $annee_fin::VARCHAR
        ELSE $annee_debut::VARCHAR || '-' || $annee_fin::VARCHAR
    END AS periode,
    commissions,
    t1,
    t2,
    t3,
    t4,
    trimestres_tenus,
    objectif,
    trimestres - trimestres_tenus AS trimestres_manques,
    trimestres_tenus = trimestres AS atteint,
    CASE WHEN trimestres_tenus = trimestres THEN '✓ atteint' ELSE '✗ non atteint' END AS statut
FROM comptes
ORDER BY annee NULLS LAST;
