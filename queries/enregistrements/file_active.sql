-- File active par guichet : demandes actives au 31 décembre de chaque année de $premiere_annee
-- (ou $annee si elle est plus ancienne) à $annee, dont la commune souhaitée principale est dans
-- $communes, par guichet qui les a enregistrées.
-- Grain : une ligne par (année, guichet des paramètres), même sans demande.
-- demandes_actives : déposées au plus tard le 31 décembre et non radiées ce jour-là (une demande
--   radiée le 31 décembre n'en fait plus partie) ;
-- part = demandes_actives / demandes actives de l'année, tous guichets.
WITH annees AS (
    SELECT range AS annee
    FROM range(least($premiere_annee, $annee)::INTEGER, $annee::INTEGER + 1)
),
guichets AS (
    SELECT DISTINCT guichet, guichet_nom, couleur, ordre FROM ref_guichets
),
comptes AS (
    SELECT a.annee, d.guichet_code AS guichet, count(*) AS demandes_actives
    FROM annees AS a
    JOIN stg_demandes AS d
        ON d.date_depot <= make_date(a.annee, 12, 31)
       AND (d.date_radiation IS NULL OR d.date_radiation > make_date(a.annee, 12, 31))
    WHERE list_contains($communes, d.commune_principale)
    GROUP BY ALL
)
SELECT
    a.annee,
    g.guichet,
    g.guichet_nom,
    g.couleur,
    coalesce(c.demandes_actives, 0) AS demandes_actives,
    coalesce(c.demandes_actives, 0)
        / nullif(sum(coalesce(c.demandes_actives, 0)) OVER (PARTITION BY a.annee), 0) AS part
FROM annees AS a
CROSS JOIN guichets AS g
LEFT JOIN comptes AS c ON c.annee = a.annee AND c.guichet = g.guichet
ORDER BY a.annee, g.ordre;
