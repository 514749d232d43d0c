-- Le plan d'actions avec l'état d'avancement en vigueur : le dernier statut saisi dans
-- l'application s'il est postérieur à l'import de la liste, sinon celui de la liste importée.
-- Table `suivi_actions` : l'historique des saisies (dashboard/plan_store.py), enregistrée sur
-- le curseur par l'appelant. statut_libelle : le statut en mots (liste statut_action).
WITH derniere_saisie AS (
    SELECT *
    FROM suivi_actions
    QUALIFY row_number() OVER (PARTITION BY action_cle ORDER BY changement_id DESC) = 1
),
import_liste AS (
    SELECT max(importe_le) AS importe_le
    FROM import_log
    WHERE kind = 'actions' AND action = 'import'
),
en_vigueur AS (
    SELECT
        a.action_id,
        a.action_cle,
        a.axe,
        a.thematique,
        a.objectif,
        a.mise_en_oeuvre,
        a.partenaires,
        s.modifie_le IS NOT NULL AND s.modifie_le > i.importe_le AS saisie_en_vigueur,
        CASE WHEN s.modifie_le > i.importe_le THEN s.statut ELSE a.statut END AS statut,
        CASE WHEN s.modifie_le > i.importe_le THEN s.annee_realisation
             ELSE a.annee_realisation END AS annee_realisation,
        s.commentaire AS dernier_commentaire,
        s.modifie_le AS derniere_saisie,
        s.auteur AS dernier_auteur
    FROM stg_actions AS a
    CROSS JOIN import_liste AS i
    LEFT JOIN derniere_saisie AS s USING (action_cle)
)
SELECT e.*, l.libelle AS statut_libelle
FROM en_vigueur AS e
LEFT JOIN ref_libelles AS l ON l.liste = 'statut_action' AND l.code = e.statut
ORDER BY e.action_id;
