-- mod_demandes_extrait : stg_demandes_extrait calculée une fois (guichet, commune principale,
-- groupe de typologie de chaque demande) ; stg_demandes la filtre.
SELECT * FROM stg_demandes_extrait
