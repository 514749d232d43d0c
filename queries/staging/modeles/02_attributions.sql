-- mod_attributions : stg_attributions calculée une fois (groupe de réservataires, année du bail,
-- délai d'attente de chaque attribution).
SELECT * FROM stg_attributions
