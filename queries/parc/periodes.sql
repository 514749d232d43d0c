-- Périodes de construction présentes dans le parc (pour le filtre de la page), dans l'ordre
-- chronologique. Grain : une ligne par période. Sans paramètre.
SELECT DISTINCT periode, periode_ordre
FROM stg_logements
WHERE periode IS NOT NULL
ORDER BY periode_ordre;
