-- ecart_objectif(objectif, effectif, realise) : combien d'unités manquent à `realise` pour
-- atteindre la part `objectif` de `effectif` (par exemple les attributions prioritaires qui
-- manquent à un réservataire), soit ceil(objectif × effectif) − realise, jamais négatif.
-- L'arrondi à 9 décimales avant ceil évite qu'une imprécision de calcul en virgule flottante
-- (0,425 × 40 = 17,000000000000004) ne compte une attribution de trop.
-- L'objectif est atteint quand l'écart vaut 0 (et qu'il y a au moins une attribution).
CREATE OR REPLACE TEMP MACRO ecart_objectif(objectif, effectif, realise) AS
    greatest(ceil(round(objectif * effectif, 9)) - realise, 0)::INTEGER;

-- objectif_atteint(objectif, effectif, realise) : vrai si l'objectif est atteint, NULL s'il n'y
-- a rien à mesurer (aucune attribution) ou pas d'objectif.
CREATE OR REPLACE TEMP MACRO objectif_atteint(objectif, effectif, realise) AS
    CASE WHEN effectif > 0 AND objectif IS NOT NULL
         THEN ecart_objectif(objectif, effectif, realise) = 0 END;

-- objectif_statut(objectif, effectif, realise) : l'atteinte en mots, pour les tableaux et les
-- graphiques (jamais la couleur seule) : « ✓ atteint », « ✗ non atteint », « — » (rien à
-- mesurer ou pas d'objectif).
CREATE OR REPLACE TEMP MACRO objectif_statut(objectif, effectif, realise) AS
    CASE objectif_atteint(objectif, effectif, realise)
        WHEN true THEN '✓ atteint'
        WHEN false THEN '✗ non atteint'
        ELSE '—'
    END;
