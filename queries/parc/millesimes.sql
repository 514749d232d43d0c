-- Millésimes RPLS chargés, du plus récent au plus ancien, avec leur nombre de logements dans
-- le territoire. Grain : une ligne par millésime. Sans paramètre.
SELECT millesime, count(*) AS logements
FROM logements
GROUP BY millesime
ORDER BY millesime DESC;
