-- Suite donnée aux dossiers examinés en commission de coordination du 1er janvier
-- $annee_debut au 31 décembre $annee_fin : proposition de logement, bail signé, refus, sans
-- suite, en cours.
-- Grain : une ligne par suite possible (liste nationale des codes, même sans dossier), plus une
-- ligne issue NULL pour tous les dossiers examinés de la période.
-- dossiers : dossiers examinés dont la commune souhaitée est dans $communes (tous les dossiers,
--   y compris sans commune renseignée, quand $communes couvre tout le territoire : voir
--   staging/05_commissions.sql) ;
-- ensemble : tous les dossiers examinés de la période ; part = dossiers / ensemble.
WITH dossiers AS (
    SELECT issue FROM dossiers_examines($annee_debut, $annee_fin, $communes)
),
comptes AS (
    SELECT
        l.code AS issue,
        l.libelle,
        list_position(['proposition', 'bail_signe', 'refus', 'sans_suite', 'en_cours'], l.code)
            AS ordre,
        count(d.issue) AS dossiers
    FROM ref_libelles AS l
    LEFT JOIN dossiers AS d ON d.issue = l.code
    WHERE l.liste = 'issue_commission'
    GROUP BY ALL
    UNION ALL
    SELECT NULL, 'Tous les dossiers examinés', 100, count(*) FROM dossiers
)
SELECT
    c.*,
    t.ensemble,
    c.dossiers / nullif(t.ensemble, 0) AS part
FROM comptes AS c
CROSS JOIN (SELECT count(*) AS ensemble FROM dossiers) AS t
ORDER BY c.ordre;
