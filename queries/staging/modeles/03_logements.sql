-- mod_logements : stg_logements calculée une fois (période de construction et résidence de
-- chaque logement, millions de lignes à l'échelle d'une région).
SELECT * FROM stg_logements
