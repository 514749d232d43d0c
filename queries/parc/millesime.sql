-- Le millésime RPLS qui va avec l'année $annee (macro parc_millesime, définitions :
-- millesime.yml). Une ligne ; millesime NULL si aucun millésime chargé n'est assez ancien.
SELECT $annee::INTEGER AS annee, parc_millesime($annee::INTEGER) AS millesime;
