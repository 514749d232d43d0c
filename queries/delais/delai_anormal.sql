-- Demandes de la file active au 31/12/$annee (demande sur le territoire : commune souhaitée en
-- premier dans $communes) qui attendent depuis plus longtemps que le délai anormalement long
-- ($mois mois, fixé par arrêté préfectoral ; paramètres du territoire), par commune et par
-- typologie souhaitées.
-- Grain : une ligne par (commune, typologie), chaque commune de $communes et chaque groupe de
-- typologie même vides, plus les totaux (commune NULL : toutes les communes choisies ;
-- typologie_groupe NULL : toutes les typologies).
-- Au-delà du délai : dépôt + $mois mois antérieur au 31/12/$annee (une demande déposée le
-- 31/12/2022 atteint 36 mois le 31/12/2025 : pas au-delà de 36 mois). Sans délai fixé ($mois
-- à 0), au_dela et part sont vides : rien n'est compté.
WITH actives AS (
    SELECT
        commune_principale AS commune,
        typologie_groupe,
        date_depot + to_months($mois::INTEGER) < make_date($annee::INTEGER, 12, 31) AS au_dela
    FROM demandes_actives(make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
comptes AS (
    SELECT commune, typologie_groupe, count(*) AS demandes, count(*) FILTER (WHERE au_dela) AS n
    FROM actives
    GROUP BY CUBE (commune, typologie_groupe)
),
communes AS (
    SELECT insee AS commune, nom AS commune_nom, ordre AS commune_ordre
    FROM ref_communes
    WHERE list_contains($communes, insee)
    UNION ALL
    SELECT NULL, 'Ensemble', 999
),
typologies AS (
    SELECT DISTINCT typologie_groupe, ordre_groupe AS typologie_ordre FROM ref_typologies
    UNION ALL
    SELECT NULL, 999
)
SELECT
    c.commune,
    c.commune_nom,
    t.typologie_groupe,
    coalesce(t.typologie_groupe, 'Toutes typologies') AS typologie,
    coalesce(k.demandes, 0) AS demandes_actives,
    CASE WHEN $mois > 0 THEN coalesce(k.n, 0) END AS au_dela,
    CASE WHEN $mois > 0 THEN coalesce(k.n, 0) / nullif(k.demandes, 0) END AS part
FROM communes AS c
CROSS JOIN typologies AS t
LEFT JOIN comptes AS k
    ON k.commune IS NOT DISTINCT FROM c.commune
   AND k.typologie_groupe IS NOT DISTINCT FROM t.typologie_groupe
ORDER BY c.commune_ordre, t.typologie_ordre;
