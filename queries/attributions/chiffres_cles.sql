-- Attributions : chiffres clés par année de décision, de $annee_debut à $annee_fin, pour les
-- logements situés dans $communes.
-- Grain : une ligne par année de la période (même sans attribution), plus une ligne annee NULL
-- pour la période entière.
-- attributions : décisions d'attribution (CALEOL) de l'année ; baux_signes : celles qui ont
-- abouti à un bail (attributions effectives) ; sans_bail : les autres (refus après la
-- décision, bail non encore signé) ; en_qpv : logements situés en quartier
-- prioritaire de la ville ; mutations : ménages déjà locataires du parc social ;
-- part_qpv = en_qpv / attributions ; part_mutations = mutations / attributions ;
-- part_baux_signes = baux_signes / attributions.
WITH annees AS (
    SELECT range AS annee FROM range($annee_debut::INTEGER, $annee_fin::INTEGER + 1)
),
comptes AS (
    SELECT
        a.annee,
        count(t.attribution_id) AS attributions,
        count(t.attribution_id) FILTER (WHERE t.effective) AS baux_signes,
        count(t.attribution_id) FILTER (WHERE t.qpv) AS en_qpv,
        count(t.attribution_id) FILTER (WHERE t.mutation) AS mutations
    FROM annees AS a
    LEFT JOIN stg_attributions AS t
        ON t.annee = a.annee AND list_contains($communes, t.commune)
    GROUP BY GROUPING SETS ((a.annee), ())
)
SELECT
    annee,
    attributions,
    baux_signes,
    attributions - baux_signes AS sans_bail,
    en_qpv,
    mutations,
    baux_signes / nullif(attributions, 0) AS part_baux_signes,
    en_qpv / nullif(attributions, 0) AS part_qpv,
    mutations / nullif(attributions, 0) AS part_mutations
FROM comptes
ORDER BY annee NULLS LAST;
