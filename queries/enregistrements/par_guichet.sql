-- Enregistrements par guichet : demandes enregistrées chaque année par chaque guichet, de
-- $premiere_annee (ou $annee si elle est plus ancienne) à $annee, dont la commune souhaitée
-- principale (la première des communes souhaitées) est dans $communes.
-- Grain : une ligne par (année, guichet des paramètres), même sans enregistrement.
-- enregistrements : demandes dont la date de dépôt tombe dans l'année, comptées au guichet qui
--   les a enregistrées (un code de guichet inconnu des paramètres va au guichet par défaut,
--   « Autres guichets ») ;
-- part = enregistrements / enregistrements de l'année, tous guichets confondus.
WITH annees AS (
    SELECT range AS annee
    FROM range(least($premiere_annee, $annee)::INTEGER, $annee::INTEGER + 1)
),
guichets AS (
    SELECT DISTINCT guichet, guichet_nom, couleur, en_ligne, ordre FROM ref_guichets
),
comptes AS (
    SELECT annee_depot AS annee, guichet_code AS guichet, count(*) AS enregistrements
    FROM stg_demandes
    WHERE annee_depot BETWEEN least($premiere_annee, $annee) AND $annee
      AND list_contains($communes, commune_principale)
    GROUP BY ALL
)
SELECT
    a.annee,
    g.guichet,
    g.guichet_nom,
    g.couleur,
    g.en_ligne,
    coalesce(c.enregistrements, 0) AS enregistrements,
    coalesce(c.enregistrements, 0)
        / nullif(sum(coalesce(c.enregistrements, 0)) OVER (PARTITION BY a.annee), 0) AS part
FROM annees AS a
CROSS JOIN guichets AS g
LEFT JOIN comptes AS c ON c.annee = a.annee AND c.guichet = g.guichet
ORDER BY a.annee, g.ordre;
