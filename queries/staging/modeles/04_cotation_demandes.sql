-- mod_cotation_demandes : stg_cotation_demandes calculée une fois (public, résidence dans le
-- territoire, date d'extraction de chaque demande).
SELECT * FROM stg_cotation_demandes
