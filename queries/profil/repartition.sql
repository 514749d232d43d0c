-- Profil de la demande sur le territoire : la file active au 31 décembre et les
-- enregistrements de $annee et de $annee - 1, répartis comme le fait l'infocentre national du
-- SNE (tableau des demandes en cours) : âge du demandeur, taille du ménage, typologie
-- souhaitée, logement actuel, motif principal, commune souhaitée en premier. Seules comptent
-- les demandes dont la commune souhaitée en premier est dans $communes.
-- Grain : une ligne par (année, dimension, modalité) ; toutes les modalités, même à zéro.
-- Âge : l'extrait donne l'âge à sa date d'extraction ; l'âge au 31 décembre (file active) ou
-- au dépôt (enregistrements) en retire les années révolues jusqu'à l'extraction.
-- Tranches d'âge : moins de 25 ans, 25-29 ans (les moins de 30 ans ont un critère de cotation),
-- 30-39, 40-49, 50-64, 65-74, 75 ans ou plus (vieillissement), âge non renseigné.
-- rang : l'ordre des modalités ; logement actuel et motif, du plus au moins fréquent dans la
-- file active de $annee (à égalité, le code le plus petit), le même pour les deux années ;
-- dix_premiers : la modalité est l'un des dix premiers rangs (les motifs montrés) ;
-- la_plus_frequente : la modalité qui compte le plus de demandes actives de l'année dans sa
-- dimension (à égalité, la première par rang).
WITH extraction AS (
    SELECT max_by(date_extraction, import_id) AS date_extraction
    FROM import_log
    WHERE kind = 'demandes' AND action = 'import'
),
annees AS (
    SELECT unnest([$annee::INTEGER - 1, $annee::INTEGER]) AS annee
),
demandes AS (
    SELECT * FROM stg_demandes WHERE list_contains($communes, commune_principale)
),
populations AS (
    SELECT d.*, a.annee, 'actives' AS champ, make_date(a.annee, 12, 31) AS jour
    FROM annees AS a
    JOIN demandes AS d
        ON d.date_depot <= make_date(a.annee, 12, 31)
       AND (d.date_radiation IS NULL OR d.date_radiation > make_date(a.annee, 12, 31))
    UNION ALL
    SELECT d.*, d.annee_depot, 'enregistrements', d.date_depot
    FROM demandes AS d
    WHERE d.annee_depot IN (SELECT annee FROM annees)
),
agees AS (
    SELECT p.*, cotation_age(p.age_demandeur, e.date_extraction, p.jour) AS age
    FROM populations AS p
    CROSS JOIN extraction AS e
),
valeurs AS (
    SELECT
        'age' AS dimension,
        CASE
            WHEN age IS NULL THEN 'inconnu'
            WHEN age < 25 THEN 'moins_25'
            WHEN age < 30 THEN '25_29'
            WHEN age < 40 THEN '30_39'
            WHEN age < 50 THEN '40_49'
            WHEN age < 65 THEN '50_64'
            WHEN age < 75 THEN '65_74'
            ELSE '75_plus'
        END AS code,
        champ,
        annee
    FROM agees
    UNION ALL
    SELECT 'taille_menage', least(taille_menage, 6)::VARCHAR, champ, annee FROM agees
    UNION ALL
    SELECT 'typologie', typologie_groupe, champ, annee FROM agees
    UNION ALL
    SELECT 'logement_actuel', logement_actuel, champ, annee FROM agees
    UNION ALL
    SELECT 'motif', motif, champ, annee FROM agees
    UNION ALL
    SELECT 'commune', commune_principale, champ, annee FROM agees
),
comptes AS (
    SELECT
        annee,
        dimension,
        code,
        count(*) FILTER (WHERE champ = 'actives') AS actives,
        count(*) FILTER (WHERE champ = 'enregistrements') AS enregistrements
    FROM valeurs
    GROUP BY ALL
),
modalites AS (
    SELECT 'age' AS dimension, code, modalite, ordre
    FROM (VALUES
        ('moins_25', 'Moins de 25 ans', 1),
        ('25_29', '25 à 29 ans', 2),
        ('30_39', '30 à 39 ans', 3),
        ('40_49', '40 à 49 ans', 4),
        ('50_64', '50 à 64 ans', 5),
        ('65_74', '65 à 74 ans', 6),
        ('75_plus', '75 ans ou plus', 7),
        ('inconnu', 'Âge non renseigné', 8)
    ) AS t(code, modalite, ordre)
    UNION ALL
    SELECT
        'taille_menage',
        n::VARCHAR,
        CASE n WHEN 1 THEN '1 personne' WHEN 6 THEN '6 personnes ou plus'
            ELSE n::VARCHAR || ' personnes' END,
        n
    FROM range(1, 7) AS t(n)
    UNION ALL
    SELECT DISTINCT 'typologie', typologie_groupe, typologie_groupe, ordre_groupe
    FROM ref_typologies
    UNION ALL
    -- logement actuel et motif : du plus fréquent au moins fréquent (rang ci-dessous)
    SELECT 'logement_actuel', code, libelle, NULL FROM ref_libelles WHERE liste = 'logement_actuel'
    UNION ALL
    SELECT 'motif', code, libelle, NULL FROM ref_libelles WHERE liste = 'motif'
    UNION ALL
    SELECT 'commune', insee, nom, ordre FROM ref_communes WHERE list_contains($communes, insee)
),
rangs AS (
    SELECT
        m.dimension,
        m.code,
        m.modalite,
        CASE WHEN m.ordre IS NULL
            THEN row_number() OVER (
                PARTITION BY m.dimension ORDER BY coalesce(c.actives, 0) DESC, m.code
            )
            ELSE m.ordre END AS rang
    FROM modalites AS m
    LEFT JOIN comptes AS c
        ON c.dimension = m.dimension AND c.code = m.code AND c.annee = $annee
),
lignes AS (
    SELECT
        a.annee,
        r.dimension,
        r.code,
        r.modalite,
        dense_rank() OVER (PARTITION BY a.annee, r.dimension ORDER BY r.rang) AS rang,
        coalesce(c.actives, 0) AS actives,
        coalesce(c.enregistrements, 0) AS enregistrements
    FROM annees AS a
    CROSS JOIN rangs AS r
    LEFT JOIN comptes AS c
        ON c.annee = a.annee AND c.dimension = r.dimension AND c.code = r.code
)
SELECT
    annee,
    dimension,
    CASE dimension
        WHEN 'age' THEN 'Âge du demandeur'
        WHEN 'taille_menage' THEN 'Taille du ménage'
        WHEN 'typologie' THEN 'Typologie souhaitée'
        WHEN 'logement_actuel' THEN 'Logement actuel'
        WHEN 'motif' THEN 'Motif principal'
        WHEN 'commune' THEN 'Commune souhaitée'
    END AS repartition,
    code,
    modalite,
    rang,
    rang <= 10 AS dix_premiers,
    row_number() OVER (PARTITION BY annee, dimension ORDER BY actives DESC, rang) = 1
        AS la_plus_frequente,
    actives,
    actives / nullif(sum(actives) OVER w, 0) AS part_actives,
    enregistrements,
    enregistrements / nullif(sum(enregistrements) OVER w, 0) AS part_enregistrements
FROM lignes
WINDOW w AS (PARTITION BY annee, dimension)
ORDER BY
    annee,
    list_position(
        ['age', 'taille_menage', 'typologie', 'logement_actuel', 'motif', 'commune'], dimension
    ),
    rang;
