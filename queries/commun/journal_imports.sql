-- Journal des imports et des annulations, du plus récent au plus ancien.
-- Grain : une ligne par opération. L'empreinte est abrégée à ses 16 premiers caractères (de
-- quoi reconnaître un fichier) ; l'heure est à part de la date.
WITH extraits (kind, extrait) AS (
    VALUES ('demandes', 'Demandes (SNE)'), ('attributions', 'Attributions (SNE)'),
           ('logements', 'Parc social (RPLS)'), ('commissions', 'Commissions de coordination'),
           ('actions', 'Plan d''actions'), ('base', 'Base entière')
)
SELECT
    j.import_id,
    j.importe_le::DATE AS date_import,
    strftime(j.importe_le, '%H:%M') AS heure_import,
    CASE j.action WHEN 'import' THEN 'Import' WHEN 'annulation' THEN 'Annulation'
                  ELSE j.action END AS operation,
    j.kind,
    coalesce(e.extrait, j.kind) AS extrait,
    j.millesime,
    j.fichier,
    j.lignes,
    j.date_extraction,
    left(j.sha256, 16) AS empreinte,
    j.demo,
    coalesce(j.avertissements, '') AS avertissements
FROM import_log AS j
LEFT JOIN extraits AS e USING (kind)
ORDER BY j.import_id DESC;
