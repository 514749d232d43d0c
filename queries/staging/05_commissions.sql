-- dossiers_examines(annee_debut, annee_fin, communes) : les dossiers examinés en commission de
-- coordination une année de la période, dont la commune souhaitée est dans `communes`.
-- Un dossier sans commune souhaitée (ou hors du territoire) n'est compté que lorsque
-- `communes` couvre tout le territoire : il appartient au bilan d'ensemble, à aucune commune.
CREATE OR REPLACE TEMP MACRO dossiers_examines(annee_debut, annee_fin, communes) AS TABLE
SELECT c.*
FROM stg_commissions AS c
WHERE c.annee BETWEEN annee_debut AND annee_fin
  AND (
      list_contains(communes, c.commune_souhaitee)
      OR (SELECT bool_and(list_contains(communes, insee)) FROM ref_communes)
  );
