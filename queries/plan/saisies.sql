-- L'historique des saisies du plan d'actions, de la plus récente à la plus ancienne : chaque
-- changement de statut fait dans l'application, avec son auteur (l'adresse de connexion).
-- Table `suivi_actions` (dashboard/plan_store.py), enregistrée sur le curseur par l'appelant.
-- Une saisie dont l'action n'est plus dans la liste importée est gardée (objectif vide).
SELECT
    s.changement_id,
    s.modifie_le::TIMESTAMP AS modifie_le,
    a.objectif,
    s.statut,
    l.libelle AS statut_libelle,
    s.annee_realisation::INTEGER AS annee_realisation,
    s.commentaire::VARCHAR AS commentaire,
    s.auteur::VARCHAR AS auteur
FROM suivi_actions AS s
LEFT JOIN stg_actions AS a USING (action_cle)
LEFT JOIN ref_libelles AS l ON l.liste = 'statut_action' AND l.code = s.statut
ORDER BY s.changement_id DESC;
