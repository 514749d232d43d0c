-- Par guichet : chaque année de $premiere_annee (ou $annee si elle est plus ancienne) à $annee,
-- les demandes enregistrées par chaque guichet et les demandes actives au 31 décembre qu'il a
-- enregistrées, pour les demandes dont la commune souhaitée principale (la première des
-- communes souhaitées) est dans $communes.
-- Grain : une ligne par (année, guichet des paramètres), même à zéro.
-- Le guichet d'une demande est celui qui l'a enregistrée ; un code de guichet inconnu des
--   paramètres va au guichet par défaut (« Autres guichets »).
-- enregistrements : demandes dont la date de dépôt tombe dans l'année ;
-- demandes_actives : déposées au plus tard le 31 décembre et non radiées ce jour-là (une
--   demande radiée le 31 décembre n'en fait plus partie) ;
-- part_enregistrements, part_actives : part du guichet dans l'année, tous guichets confondus.
WITH annees AS (
    SELECT range AS annee
    FROM range(least($premiere_annee, $annee)::INTEGER, $annee::INTEGER + 1)
),
guichets AS (
    SELECT DISTINCT guichet, guichet_nom, couleur, en_ligne, ordre FROM ref_guichets
),
demandes AS (
    SELECT * FROM stg_demandes WHERE list_contains($communes, commune_principale)
),
enregistrees AS (
    SELECT annee_depot AS annee, guichet_code AS guichet, count(*) AS enregistrements
    FROM demandes
    WHERE annee_depot BETWEEN least($premiere_annee, $annee) AND $annee
    GROUP BY ALL
),
actives AS (
    SELECT a.annee, d.guichet_code AS guichet, count(*) AS demandes_actives
    FROM annees AS a
    JOIN demandes AS d
        ON d.date_depot <= make_date(a.annee, 12, 31)
       AND (d.date_radiation IS NULL OR d.date_radiation > make_date(a.annee, 12, 31))
    GROUP BY ALL
),
comptes AS (
    SELECT
        a.annee,
        g.guichet,
        g.guichet_nom,
        g.couleur,
        g.en_ligne,
        g.ordre,
        coalesce(e.enregistrements, 0) AS enregistrements,
        coalesce(act.demandes_actives, 0) AS demandes_actives
    FROM annees AS a
    CROSS JOIN guichets AS g
    LEFT JOIN enregistrees AS e ON e.annee = a.annee AND e.guichet = g.guichet
    LEFT JOIN actives AS act ON act.annee = a.annee AND act.guichet = g.guichet
)
SELECT
    annee,
    guichet,
    guichet_nom,
    couleur,
    en_ligne,
    enregistrements,
    demandes_actives,
    enregistrements / nullif(sum(enregistrements) OVER (PARTITION BY annee), 0)
        AS part_enregistrements,
    demandes_actives / nullif(sum(demandes_actives) OVER (PARTITION BY annee), 0) AS part_actives
FROM comptes
ORDER BY annee, ordre;
