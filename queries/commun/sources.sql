-- Les extraits actuellement chargés : le dernier import de chaque type (et de chaque millésime
-- RPLS), avec sa date d'extraction. Grain : une ligne par extrait en vigueur.
SELECT
    kind,
    CASE kind
        WHEN 'demandes' THEN 'Demandes (SNE)'
        WHEN 'attributions' THEN 'Attributions (SNE)'
        WHEN 'logements' THEN 'Parc social (RPLS)'
        WHEN 'commissions' THEN 'Commissions de coordination'
        WHEN 'actions' THEN 'Plan d''actions'
        ELSE kind
    END AS extrait,
    millesime,
    fichier,
    lignes,
    date_extraction,
    importe_le,
    demo
FROM import_log
WHERE action = 'import'
QUALIFY row_number() OVER (PARTITION BY kind, millesime ORDER BY import_id DESC) = 1
ORDER BY CASE kind WHEN 'demandes' THEN 1 WHEN 'attributions' THEN 2 WHEN 'logements' THEN 3
                   WHEN 'commissions' THEN 4 ELSE 5 END, millesime;
