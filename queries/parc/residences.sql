-- Résidences du parc social placées sur la carte, pour le millésime $millesime (NULL :
-- celui de l'année $annee).
-- Une résidence = les logements d'une même adresse de la commune (ou du même carré de 10 m
-- sans adresse), voir stg_logements.residence_id. Seuls les logements qui passent les filtres
-- comptent : communes $communes, financements $financements, groupes de typologie
-- $typologies, périodes de construction $periodes (liste vide : pas de filtre).
-- Position : moyenne des positions de ses logements géolocalisés ; une résidence dont aucun
-- logement n'est géolocalisé n'est pas sur la carte.
-- financement, periode, dpe : la modalité la plus fréquente parmi ses logements (à égalité,
-- la première dans l'ordre des listes) ; dpe ignore les logements sans diagnostic.
-- typologies, financements, dpes : la répartition en texte, pour la bulle d'information.
-- Grain : une ligne par résidence, les plus grandes d'abord.
WITH parc AS (
    SELECT *
    FROM logements_filtres(
        -- aucun millésime pour l'année : -1, aucune ligne (NULL voudrait dire tous)
        coalesce($millesime::INTEGER, parc_millesime($annee::INTEGER), -1),
        $communes::VARCHAR[], $financements::VARCHAR[], $typologies::VARCHAR[],
        $periodes::VARCHAR[]
    )
    WHERE residence_id IS NOT NULL
),
residences AS (
    SELECT
        residence_id,
        any_value(depcom) AS insee,
        any_value(adresse) AS adresse,
        avg(lon) AS lon,
        avg(lat) AS lat,
        count(*) AS logements,
        min(construct) AS construct_min,
        max(construct) AS construct_max,
        count(*) FILTER (WHERE qpv) AS logements_qpv,
        any_value(qpv_libelle) FILTER (WHERE qpv) AS qpv_libelle
    FROM parc
    GROUP BY residence_id
    HAVING count(lon) > 0
),
par_modalite AS (
    SELECT residence_id, 'typologie' AS dimension, typologie AS modalite,
           CASE typologie WHEN 'T6P' THEN 6 ELSE try_cast(substr(typologie, 2) AS INTEGER) END
               AS ordre,
           count(*) AS n
    FROM parc WHERE typologie IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT residence_id, 'financement', financement,
           CASE financement WHEN 'PLAI' THEN 1 WHEN 'PLUS' THEN 2 WHEN 'PLS' THEN 3
                            WHEN 'PLI' THEN 4 ELSE 5 END,
           count(*)
    FROM parc GROUP BY ALL
    UNION ALL
    SELECT residence_id, 'dpe', dpe, ascii(dpe) - 64, count(*)
    FROM parc WHERE dpe IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT residence_id, 'periode', periode, periode_ordre, count(*)
    FROM parc WHERE periode IS NOT NULL GROUP BY ALL
),
resume AS (
    SELECT
        residence_id,
        first(modalite ORDER BY n DESC, ordre) FILTER (WHERE dimension = 'financement')
            AS financement,
        first(modalite ORDER BY n DESC, ordre) FILTER (WHERE dimension = 'periode') AS periode,
        first(modalite ORDER BY n DESC, ordre) FILTER (WHERE dimension = 'dpe') AS dpe,
        string_agg(replace(modalite, 'T6P', 'T6+') || ' : ' || n, ' · ' ORDER BY ordre)
            FILTER (WHERE dimension = 'typologie') AS typologies,
        string_agg(modalite || ' : ' || n, ' · ' ORDER BY ordre)
            FILTER (WHERE dimension = 'financement') AS financements,
        string_agg(modalite || ' : ' || n, ' · ' ORDER BY ordre)
            FILTER (WHERE dimension = 'dpe') AS dpes
    FROM par_modalite
    GROUP BY residence_id
)
SELECT
    r.residence_id,
    r.insee,
    c.nom AS commune,
    r.adresse,
    r.lon,
    r.lat,
    r.logements,
    r.construct_min,
    r.construct_max,
    s.periode,
    s.financement,
    s.dpe,
    r.logements_qpv > 0 AS qpv,
    r.qpv_libelle,
    s.typologies,
    s.financements,
    s.dpes
FROM residences AS r
LEFT JOIN resume AS s USING (residence_id)
LEFT JOIN ref_communes AS c ON c.insee = r.insee
ORDER BY r.logements DESC, r.residence_id;
