-- Commissions de coordination : commissions réunies, dossiers examinés et suite donnée aux
-- dossiers, par année de commission, de $annee_debut à $annee_fin.
-- Grain : une ligne par année de la période (même sans commission), plus une ligne annee NULL
-- pour la période entière.
-- commissions : dates de commission distinctes de l'année, toutes communes (une commission
--   réunit les dossiers de tout le territoire ; ce n'est pas un effectif de ménages) ;
-- dossiers : dossiers examinés dont la commune souhaitée est dans $communes (tous les dossiers,
--   y compris sans commune renseignée, quand $communes couvre tout le territoire : voir
--   staging/05_commissions.sql) ;
-- proposition, bail_signe, refus, sans_suite, en_cours : dossiers selon leur suite ;
-- part_bail_signe = bail_signe / dossiers (dossiers ayant abouti à la signature d'un bail).
WITH annees AS (
    SELECT range AS annee FROM range($annee_debut::INTEGER, $annee_fin::INTEGER + 1)
),
dossiers AS (
    SELECT * FROM dossiers_examines($annee_debut, $annee_fin, $communes)
),
comptes AS (
    SELECT
        a.annee,
        count(d.dossier_id) AS dossiers,
        count(d.dossier_id) FILTER (WHERE d.issue = 'proposition') AS proposition,
        count(d.dossier_id) FILTER (WHERE d.issue = 'bail_signe') AS bail_signe,
        count(d.dossier_id) FILTER (WHERE d.issue = 'refus') AS refus,
        count(d.dossier_id) FILTER (WHERE d.issue = 'sans_suite') AS sans_suite,
        count(d.dossier_id) FILTER (WHERE d.issue = 'en_cours') AS en_cours
    FROM annees AS a
    LEFT JOIN dossiers AS d ON d.annee = a.annee
    GROUP BY GROUPING SETS ((a.annee), ())
),
reunions AS (
    SELECT a.annee, count(DISTINCT c.date_commission) AS commissions
    FROM annees AS a
    LEFT JOIN stg_commissions AS c ON c.annee = a.annee
    GROUP BY GROUPING SETS ((a.annee), ())
)
SELECT
    k.annee,
    r.commissions,
    k.dossiers,
    k.proposition,
    k.bail_signe,
    k.refus,
    k.sans_suite,
    k.en_cours,
    k.bail_signe / nullif(k.dossiers, 0) AS part_bail_signe
FROM comptes AS k
JOIN reunions AS r ON r.annee IS NOT DISTINCT FROM k.annee
ORDER BY k.annee NULLS LAST;
