-- stg_actions : le plan d'actions importé, avec une clé stable (md5 des textes normalisés) qui
-- relie chaque action à l'historique des statuts saisis dans l'application
-- (dashboard/plan_store.py calcule la même clé).
CREATE OR REPLACE TEMP VIEW stg_actions AS
SELECT
    a.*,
    md5(concat_ws('|',
        nfc_normalize(lower(trim(a.axe))),
        nfc_normalize(lower(trim(a.objectif))),
        nfc_normalize(lower(trim(a.mise_en_oeuvre)))
    ))[1:16] AS action_cle
FROM actions AS a;
