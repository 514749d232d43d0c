-- Distribution des notes de la file active au 31/12/$annee dans la grille $grille : effectif,
-- moyenne et centiles (10e, 25e, médiane, 75e, 90e ; interpolés) par public.
-- Grain : une ligne par (axe, public, modalité) :
--   axe 'ensemble' : tout le public ; axe 'commune' : par commune souhaitée en premier (celles
--   de $communes) ; axe 'typologie' : par groupe de typologie souhaitée.
-- Filtre : commune souhaitée principale dans $communes.
WITH actives AS (
    SELECT c.*, rc.nom AS commune_nom, rc.ordre AS commune_ordre
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31)) AS c
    JOIN ref_communes AS rc ON rc.insee = c.commune_principale
    WHERE list_contains($communes, c.commune_principale)
),
par_axe AS (
    SELECT
        CASE WHEN GROUPING(commune_nom) = 0 THEN 'commune'
             WHEN GROUPING(typologie_groupe) = 0 THEN 'typologie'
             ELSE 'ensemble' END AS axe,
        public,
        coalesce(commune_nom, typologie_groupe, 'Ensemble') AS modalite,
        coalesce(min(commune_ordre), min(typologie_groupe_ordre), 0) AS ordre,
        count(*) AS n,
        avg(score) AS moyenne,
        quantile_cont(score, 0.1) AS p10,
        quantile_cont(score, 0.25) AS q1,
        quantile_cont(score, 0.5) AS mediane,
        quantile_cont(score, 0.75) AS q3,
        quantile_cont(score, 0.9) AS p90
    FROM actives
    GROUP BY GROUPING SETS ((public), (public, commune_nom), (public, typologie_groupe))
),
cadre AS (
    -- un public sans demande active a quand même sa ligne « ensemble » (effectif 0)
    SELECT 'ensemble' AS axe, unnest(['primo', 'mutation']) AS public, 'Ensemble' AS modalite
)
SELECT
    coalesce(p.axe, f.axe) AS axe,
    coalesce(p.public, f.public) AS public,
    coalesce(p.modalite, f.modalite) AS modalite,
    coalesce(p.ordre, 0) AS ordre,
    coalesce(p.n, 0) AS n,
    p.moyenne, p.p10, p.q1, p.mediane, p.q3, p.p90
FROM par_axe AS p
FULL JOIN cadre AS f USING (axe, public, modalite)
ORDER BY axe, CASE coalesce(p.public, f.public) WHEN 'primo' THEN 0 ELSE 1 END, ordre, modalite;
