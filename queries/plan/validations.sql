-- Les dates du bilan annuel de chaque année : l'avis de la CIL puis l'approbation du conseil
-- communautaire (article R441-2-12 du CCH), telles que la dernière saisie les donne (chaque
-- saisie est gardée : la plus récente est en vigueur, avec son auteur).
-- Table `validations_bilan` (dashboard/plan_store.py), enregistrée sur le curseur par l'appelant.
SELECT
    annee::INTEGER AS annee,
    avis_cil::DATE AS avis_cil,
    approbation_conseil::DATE AS approbation_conseil,
    auteur::VARCHAR AS auteur,
    saisi_le::TIMESTAMP AS saisi_le
FROM validations_bilan
QUALIFY row_number() OVER (PARTITION BY annee ORDER BY validation_id DESC) = 1
ORDER BY annee;
