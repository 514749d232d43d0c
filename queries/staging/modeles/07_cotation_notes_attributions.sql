-- mod_cotation_notes_attributions : la note de chaque attribution dans chaque grille
-- (cotation_attributions_calculees : celle de l'extrait, sinon celle de la demande liée au
-- jour de la décision).
SELECT v.version, c.attribution_id, c.public, c.score, c.score_source
FROM (SELECT DISTINCT version FROM ref_grilles) AS v,
LATERAL (
    SELECT attribution_id, public, score, score_source
    FROM cotation_attributions_calculees(v.version)
) AS c
ORDER BY v.version, c.attribution_id
