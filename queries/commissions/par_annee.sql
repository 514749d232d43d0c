-- Commissions de coordination : dossiers examinés et suite donnée aux dossiers, par année de
-- commission (la date de l'examen, non celle d'un éventuel bail), de $annee_debut à
-- $annee_fin. Les commissions réunies sont dans commissions/rythme.
-- Grain : une ligne par année de la période (même sans commission), plus une ligne annee NULL
-- pour la période entière (cumul : la période en toutes lettres, NULL sur les lignes d'une
-- année ; le public ne lit que les années, une à une).
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
)
SELECT
    annee,
    coalesce(annee::VARCHAR, $annee_debut::VARCHAR || '-' || $annee_fin::VARCHAR) AS periode,
    CASE WHEN annee IS NULL THEN $annee_debut::VARCHAR || '-' || $annee_fin::VARCHAR END
        AS cumul,
    dossiers,
    proposition,
    bail_signe,
    refus,
    sans_suite,
    en_cours,
    bail_signe / nullif(dossiers, 0) AS part_bail_signe
FROM comptes
ORDER BY annee NULLS LAST;
