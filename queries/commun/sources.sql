-- Les extraits actuellement chargés : le dernier import de chaque type (et de chaque millésime
-- RPLS), avec sa date d'extraction. Grain : une ligne par extrait en vigueur.
WITH extraits (kind, extrait, ordre) AS (
    VALUES ('demandes', 'Demandes (SNE)', 1), ('attributions', 'Attributions (SNE)', 2),
           ('logements', 'Parc social (RPLS)', 3), ('commissions', 'Commissions de coordination', 4),
           ('actions', 'Plan d''actions', 5)
)
SELECT
    j.kind,
    coalesce(e.extrait, j.kind) AS extrait,
    j.millesime,
    j.fichier,
    j.lignes,
    j.date_extraction,
    j.importe_le,
    j.demo
FROM import_log AS j
LEFT JOIN extraits AS e USING (kind)
WHERE j.action = 'import'
QUALIFY row_number() OVER (PARTITION BY j.kind, j.millesime ORDER BY j.import_id DESC) = 1
ORDER BY coalesce(e.ordre, 9), j.millesime;
