-- Publics de la demande sur le territoire : dans la file active au 31 décembre et parmi les
-- enregistrements de $annee et de $annee - 1, les ménages du premier quartile de ressources,
-- les ménages prioritaires et les ménages DALO, pour chaque commune souhaitée en premier de
-- $communes et pour leur ensemble (commune NULL).
-- Grain : une ligne par (année, commune), plus l'ensemble de chaque année.
-- Un champ vide de l'extrait compte comme « non » ; prioritaire : L441-1 du CCH ou DALO.
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
    -- chaque (année, commune), même sans demande
    SELECT annee, insee AS commune, nom AS commune_nom, ordre
    FROM annees
    CROSS JOIN (
        SELECT insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
        UNION ALL
        SELECT NULL, 'Ensemble', 999
    )
),
comptes AS (
    SELECT
        c.annee,
        c.commune,
        c.commune_nom,
        c.ordre,
        count(p.demande_id) FILTER (WHERE p.champ = 'actives') AS actives,
        count(p.demande_id) FILTER (WHERE p.champ = 'actives' AND p.quartile_1)
            AS actives_quartile_1,
        count(p.demande_id) FILTER (WHERE p.champ = 'actives' AND (p.prioritaire OR p.dalo))
            AS actives_prioritaires,
        count(p.demande_id) FILTER (WHERE p.champ = 'actives' AND p.dalo) AS actives_dalo,
        count(p.demande_id) FILTER (WHERE p.champ = 'enregistrements') AS enregistrements,
        count(p.demande_id) FILTER (WHERE p.champ = 'enregistrements' AND p.quartile_1)
            AS enregistrements_quartile_1,
        count(p.demande_id) FILTER (
            WHERE p.champ = 'enregistrements' AND (p.prioritaire OR p.dalo)
        ) AS enregistrements_prioritaires,
        count(p.demande_id) FILTER (WHERE p.champ = 'enregistrements' AND p.dalo)
            AS enregistrements_dalo
    FROM cadre AS c
    LEFT JOIN populations AS p
        ON p.annee = c.annee AND (c.commune IS NULL OR p.commune_principale = c.commune)
    GROUP BY ALL
)
SELECT
    annee,
    commune,
    commune_nom,
    actives,
    actives_quartile_1,
    actives_prioritaires,
    actives_dalo,
    actives_quartile_1 / nullif(actives, 0) AS part_actives_quartile_1,
    actives_prioritaires / nullif(actives, 0) AS part_actives_prioritaires,
    actives_dalo / nullif(actives, 0) AS part_actives_dalo,
    enregistrements,
    enregistrements_quartile_1,
    enregistrements_prioritaires,
    enregistrements_dalo,
    enregistrements_quartile_1 / nullif(enregistrements, 0) AS part_enregistrements_quartile_1,
    enregistrements_prioritaires / nullif(enregistrements, 0)
        AS part_enregistrements_prioritaires,
    enregistrements_dalo / nullif(enregistrements, 0) AS part_enregistrements_dalo
FROM comptes
ORDER BY annee, ordre;
