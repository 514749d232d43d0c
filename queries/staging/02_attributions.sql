-- stg_attributions : une ligne par décision d'attribution, avec son groupe de réservataires
-- (paramètres), son bail et le délai d'attente du ménage.
-- Une attribution compte, comme au SNE (demandes satisfaites), l'année où son bail est
-- signé : annee = année du bail, NULL pour une décision sans bail (refus du ménage, bail en
-- attente) ; annee_decision = année de la décision (commission d'attribution, CALEOL).
-- effective : un bail a été signé.
-- delai_mois : mois révolus du dépôt de la demande liée à la signature du bail (à défaut, à
-- la décision), ou l'ancienneté fournie par l'extrait.
CREATE OR REPLACE TEMP VIEW stg_attributions AS
SELECT
    a.*,
    year(a.date_bail) AS annee,
    year(a.date_attribution) AS annee_decision,
    a.date_bail IS NOT NULL AS effective,
    coalesce(grp.groupe, 'non_classe') AS groupe,
    coalesce(grp.groupe_nom, 'Non classé') AS groupe_nom,
    grp.objectif,
    coalesce(grp.ordre, 99) AS groupe_ordre,
    coalesce(
        a.anciennete_mois,
        date_sub('month', d.date_depot, coalesce(a.date_bail, a.date_attribution))
    ) AS delai_mois,
    t.typologie_groupe,
    t.ordre_groupe AS typologie_groupe_ordre
FROM attributions AS a
LEFT JOIN demandes AS d ON d.demande_id = a.demande_id
LEFT JOIN ref_groupes AS grp ON grp.contingent = a.contingent
LEFT JOIN ref_typologies AS t ON t.typologie = a.typologie;
