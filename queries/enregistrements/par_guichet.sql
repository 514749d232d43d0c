-- Activité des guichets du territoire : chaque année de $premiere_annee (ou $annee si elle est
-- plus ancienne) à $annee, ce que chaque guichet du territoire a enregistré, quelles que soient
-- les communes souhaitées (le guichet de la CCVG est ouvert à tous les usagers, quelle que soit
-- leur commune) : ni le filtre des communes ni la demande sur le territoire ne s'appliquent.
-- Grain : une ligne par (année, guichet du territoire), même à zéro. Guichet du territoire :
-- un guichet des paramètres qui n'est ni la demande en ligne ni « Autres guichets »
-- (stg_demandes_extrait.guichet_du_territoire).
-- Le guichet d'une demande est celui qui l'a enregistrée (colonne guichet de l'extrait).
WITH annees AS (
    SELECT range AS annee
    FROM range(least($premiere_annee, $annee)::INTEGER, $annee::INTEGER + 1)
),
guichets AS (
    SELECT DISTINCT guichet, guichet_nom, couleur, ordre
    FROM ref_guichets
    WHERE NOT en_ligne AND NOT par_defaut
),
demandes AS (
    SELECT * FROM stg_demandes_extrait WHERE guichet_du_territoire
),
comptes AS (
    SELECT
        a.annee,
        g.guichet,
        g.guichet_nom,
        g.couleur,
        g.ordre,
        count(d.demande_id) FILTER (WHERE d.annee_depot = a.annee) AS enregistrements,
        count(d.demande_id) FILTER (WHERE d.annee_depot = a.annee AND NOT d.sur_le_territoire)
            AS enregistrements_hors_territoire,
        count(d.demande_id) FILTER (WHERE year(d.date_renouvellement) = a.annee)
            AS renouvellements,
        count(d.demande_id) FILTER (
            WHERE d.date_depot <= make_date(a.annee, 12, 31)
              AND (d.date_radiation IS NULL OR d.date_radiation > make_date(a.annee, 12, 31))
        ) AS demandes_actives
    FROM annees AS a
    CROSS JOIN guichets AS g
    LEFT JOIN demandes AS d ON d.guichet_code = g.guichet
    GROUP BY ALL
)
SELECT
    annee,
    guichet,
    guichet_nom,
    couleur,
    enregistrements,
    enregistrements_hors_territoire,
    renouvellements,
    demandes_actives
FROM comptes
ORDER BY annee, ordre;
