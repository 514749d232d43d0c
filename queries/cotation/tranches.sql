-- Les notes de la file active au 31/12/$annee dans la grille $grille par tranche de 20 points
-- (cotation_tranche : « 0 à 19 » … « 100 et plus »), pour chaque public et chaque groupe de
-- typologie souhaitée, et pour toutes les typologies (typologie_groupe NULL) ; commune
-- souhaitée en premier dans $communes (définitions : tranches.yml). Une ligne par (public,
-- typologie), les tranches en colonnes : tranche_k (demandes de la tranche k) et comparables
-- (toutes). C'est ce que le public lit pour situer une note (simulateur) et voir la
-- distribution : des effectifs publiés avec leurs totaux, que le secret couvre, plutôt qu'un
-- rang calculé sur une note saisie (un rang ou des cumuls situeraient des effectifs masqués).
WITH actives AS (
    SELECT public, typologie_groupe, cotation_tranche_ordre(score) AS tranche
    FROM cotation($grille, make_date($annee::INTEGER, 12, 31))
    WHERE list_contains($communes, commune_principale)
),
cadre AS (
    SELECT p.public, g.typologie_groupe, g.ordre
    FROM (SELECT unnest(['primo', 'mutation']) AS public) AS p
    CROSS JOIN (
        SELECT DISTINCT typologie_groupe, ordre_groupe AS ordre FROM ref_typologies
        UNION ALL
        SELECT NULL, 99
    ) AS g
),
comptes AS (
    SELECT
        public,
        typologie_groupe,
        count(*) FILTER (WHERE tranche = 0) AS n0,
        count(*) FILTER (WHERE tranche = 1) AS n1,
        count(*) FILTER (WHERE tranche = 2) AS n2,
        count(*) FILTER (WHERE tranche = 3) AS n3,
        count(*) FILTER (WHERE tranche = 4) AS n4,
        count(*) FILTER (WHERE tranche = 5) AS n5,
        count(*) AS total
    FROM actives
    GROUP BY GROUPING SETS ((public, typologie_groupe), (public))
)
SELECT
    c.public,
    lp.libelle AS public_libelle,
    c.typologie_groupe,
    coalesce(c.typologie_groupe, 'Toutes typologies') AS typologie,
    $grille AS grille,
    coalesce(k.n0, 0) AS tranche_0,
    coalesce(k.n1, 0) AS tranche_1,
    coalesce(k.n2, 0) AS tranche_2,
    coalesce(k.n3, 0) AS tranche_3,
    coalesce(k.n4, 0) AS tranche_4,
    coalesce(k.n5, 0) AS tranche_5,
    coalesce(k.total, 0) AS comparables
FROM cadre AS c
LEFT JOIN comptes AS k
    ON k.public = c.public AND k.typologie_groupe IS NOT DISTINCT FROM c.typologie_groupe
JOIN ref_libelles AS lp ON lp.liste = 'public_cotation' AND lp.code = c.public
ORDER BY CASE c.public WHEN 'primo' THEN 0 ELSE 1 END, c.ordre;
