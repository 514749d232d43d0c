-- Attributions : le motif d'une décision sans bail (refus du ménage, bail en attente…) et les
-- relogements de copropriétés dégradées, comptés avec les relogements ANRU dans la règle du
-- premier quartile hors QPV (article L441-1 du CCH). Deux colonnes facultatives du contrat.
ALTER TABLE attributions ADD COLUMN IF NOT EXISTS motif_sans_bail VARCHAR;
ALTER TABLE attributions ADD COLUMN IF NOT EXISTS relogement_copro_degradee BOOLEAN;
