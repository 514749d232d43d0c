-- Publics de la demande : dans la file active au 31 décembre et parmi les enregistrements,
-- de $annee et de $annee - 1, la part des ménages du premier quartile de ressources, des ménages
-- prioritaires et des ménages DALO, pour chaque commune souhaitée principale de $communes et
-- pour leur ensemble.
-- Grain : une ligne par (champ, année, commune) ; champ 'actives' ou 'enregistrements' ;
--   commune NULL : ensemble des communes de $communes.
-- demandes : actives au 31/12 (déposées au plus tard ce jour, non radiées ce jour-là) ou
--   déposées dans l'année ;
-- quartile_1 : ressources déclarées dans le premier quartile ; prioritaires : ménage reconnu
--   prioritaire (L441-1 du CCH) ou DALO ; dalo : reconnu prioritaire et urgent DALO ; un champ
--   vide compte comme « non » ; part_* = nombre / demandes.
WITH annees AS (
    SELECT unnest([$annee::INTEGER - 1, $annee::INTEGER]) AS annee
),
demandes AS (
    SELECT * FROM stg_demandes WHERE list_contains($communes, commune_principale)
),
populations AS (
    SELECT d.*, a.annee, 'actives' AS champ
    FROM annees AS a
    JOIN demandes AS d
        ON d.date_depot <= make_date(a.annee, 12, 31)
       AND (d.date_radiation IS NULL OR d.date_radiation > make_date(a.annee, 12, 31))
    UNION ALL
    SELECT d.*, d.annee_depot, 'enregistrements'
    FROM demandes AS d
    WHERE d.annee_depot IN (SELECT annee FROM annees)
),
cadre AS (
    -- chaque (champ, année, commune), même sans demande
    SELECT champ, annee, insee AS commune, nom AS commune_nom, ordre
    FROM (VALUES ('actives'), ('enregistrements')) AS c(champ)
    CROSS JOIN annees
    CROSS JOIN (
        SELECT insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
        UNION ALL
        SELECT NULL, 'Ensemble', 999
    )
),
comptes AS (
    SELECT
        c.champ,
        c.annee,
        c.commune,
        c.commune_nom,
        c.ordre,
        count(p.demande_id) AS demandes,
        count(p.demande_id) FILTER (WHERE p.quartile_1) AS quartile_1,
        count(p.demande_id) FILTER (WHERE p.prioritaire OR p.dalo) AS prioritaires,
        count(p.demande_id) FILTER (WHERE p.dalo) AS dalo
    FROM cadre AS c
    LEFT JOIN populations AS p
        ON p.champ = c.champ
       AND p.annee = c.annee
       AND (c.commune IS NULL OR p.commune_principale = c.commune)
    GROUP BY ALL
)
SELECT
    champ,
    annee,
    commune,
    commune_nom,
    demandes,
    quartile_1,
    prioritaires,
    dalo,
    quartile_1 / nullif(demandes, 0) AS part_quartile_1,
    prioritaires / nullif(demandes, 0) AS part_prioritaires,
    dalo / nullif(demandes, 0) AS part_dalo
FROM comptes
ORDER BY champ, annee, ordre;
