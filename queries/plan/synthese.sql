-- Synthèse de l'avancement du plan par axe, comme le tableau de synthèse des bilans annuels :
-- nombre d'actions non faites, partiellement faites, faites, et réalisées dans l'année $annee.
-- Grain : une ligne par axe, plus une ligne « Ensemble du plan ». Même règle de statut en
-- vigueur que plan/actions ; table `suivi_actions` enregistrée par l'appelant.
WITH derniere_saisie AS (
    SELECT *
    FROM suivi_actions
    QUALIFY row_number() OVER (PARTITION BY action_cle ORDER BY changement_id DESC) = 1
),
import_liste AS (
    SELECT max(importe_le) AS importe_le FROM import_log
    WHERE kind = 'actions' AND action = 'import'
),
en_vigueur AS (
    SELECT
        a.axe,
        CASE WHEN s.modifie_le > i.importe_le THEN s.statut ELSE a.statut END AS statut,
        CASE WHEN s.modifie_le > i.importe_le THEN s.annee_realisation
             ELSE a.annee_realisation END AS annee_realisation
    FROM stg_actions AS a
    CROSS JOIN import_liste AS i
    LEFT JOIN derniere_saisie AS s USING (action_cle)
),
par_axe AS (
    SELECT
        axe,
        count(*) AS actions,
        count(*) FILTER (WHERE statut = 'non_fait') AS non_fait,
        count(*) FILTER (WHERE statut = 'partiellement_fait') AS partiellement_fait,
        count(*) FILTER (WHERE statut = 'fait') AS fait,
        count(*) FILTER (WHERE statut = 'fait' AND annee_realisation = $annee) AS realisees_annee
    FROM en_vigueur
    GROUP BY GROUPING SETS ((axe), ())
)
SELECT coalesce(axe, 'Ensemble du plan') AS axe, axe IS NULL AS est_total, actions, non_fait,
       partiellement_fait, fait, realisees_annee, fait / actions AS part_fait
FROM par_axe
ORDER BY axe IS NULL, axe;
