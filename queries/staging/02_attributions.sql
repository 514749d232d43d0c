-- stg_attributions : une ligne par attribution, avec son groupe de réservataires (paramètres),
-- son caractère effectif (bail signé) et le délai d'attente du ménage en mois révolus
-- (ancienneté fournie, sinon du dépôt de la demande liée à la décision d'attribution).
CREATE OR REPLACE TEMP VIEW stg_attributions AS
SELECT
    a.*,
    year(a.date_attribution) AS annee,
    a.date_bail IS NOT NULL AS effective,
    coalesce(grp.groupe, 'non_classe') AS groupe,
    coalesce(grp.groupe_nom, 'Non classé') AS groupe_nom,
    grp.objectif,
    coalesce(grp.ordre, 99) AS groupe_ordre,
    coalesce(
        a.anciennete_mois,
        date_sub('month', d.date_depot, a.date_attribution)
    ) AS delai_mois,
    t.typologie_groupe,
    t.ordre_groupe AS typologie_groupe_ordre
FROM attributions AS a
LEFT JOIN demandes AS d ON d.demande_id = a.demande_id
LEFT JOIN ref_groupes AS grp ON grp.contingent = a.contingent
LEFT JOIN ref_typologies AS t ON t.typologie = a.typologie;
