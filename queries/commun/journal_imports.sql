-- Journal des imports et des annulations, du plus récent au plus ancien.
-- Grain : une ligne par opération.
SELECT import_id, importe_le, action, kind, millesime, fichier, lignes, date_extraction,
       sha256, demo, avertissements
FROM import_log
ORDER BY import_id DESC;
