-- Schéma initial : une table par extrait, le journal des imports et les métadonnées.
-- Les tables gardent les codes bruts des extraits ; les regroupements (guichets, réservataires,
-- situations CIA) viennent des paramètres du territoire au moment de la requête.

CREATE TABLE IF NOT EXISTS meta (
    cle VARCHAR PRIMARY KEY,
    valeur VARCHAR
);

CREATE TABLE IF NOT EXISTS import_log (
    import_id INTEGER,
    kind VARCHAR NOT NULL,          -- demandes, attributions, logements, commissions, actions
    action VARCHAR NOT NULL,        -- import ou annulation
    fichier VARCHAR,
    sha256 VARCHAR,
    lignes BIGINT,
    millesime SMALLINT,             -- logements (RPLS) seulement
    date_extraction DATE,
    importe_le TIMESTAMP NOT NULL,
    demo BOOLEAN NOT NULL DEFAULT false,
    avertissements VARCHAR
);

CREATE TABLE IF NOT EXISTS demandes (
    demande_id VARCHAR NOT NULL,
    date_depot DATE NOT NULL,
    date_renouvellement DATE,
    date_radiation DATE,
    motif_radiation VARCHAR,
    guichet VARCHAR NOT NULL,
    commune_residence VARCHAR,
    communes_souhaitees VARCHAR[] NOT NULL,
    typologie VARCHAR NOT NULL,
    taille_menage SMALLINT NOT NULL,
    age_demandeur SMALLINT,
    logement_actuel VARCHAR NOT NULL,
    motif VARCHAR NOT NULL,
    quartile_1 BOOLEAN,
    prioritaire BOOLEAN,
    dalo BOOLEAN,
    criteres_cotation VARCHAR[]
);

CREATE TABLE IF NOT EXISTS attributions (
    attribution_id VARCHAR NOT NULL,
    demande_id VARCHAR,
    date_attribution DATE NOT NULL,
    date_bail DATE,
    commune VARCHAR NOT NULL,
    typologie VARCHAR NOT NULL,
    financement VARCHAR NOT NULL,
    bailleur VARCHAR NOT NULL,
    contingent VARCHAR NOT NULL,
    qpv BOOLEAN NOT NULL,
    mutation BOOLEAN NOT NULL,
    prioritaire BOOLEAN NOT NULL,
    dalo BOOLEAN NOT NULL,
    quartile_1 BOOLEAN NOT NULL,
    relogement_anru BOOLEAN,
    logement_actuel VARCHAR,
    motif VARCHAR,
    anciennete_mois SMALLINT,
    score_cotation DOUBLE
);

CREATE TABLE IF NOT EXISTS commissions (
    date_commission DATE NOT NULL,
    dossier_id VARCHAR NOT NULL,
    commune_souhaitee VARCHAR,
    typologie VARCHAR,
    issue VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS actions (
    action_id INTEGER NOT NULL,
    axe VARCHAR NOT NULL,
    thematique VARCHAR NOT NULL,
    objectif VARCHAR NOT NULL,
    mise_en_oeuvre VARCHAR NOT NULL,
    partenaires VARCHAR,
    statut VARCHAR NOT NULL,
    annee_realisation SMALLINT
);

-- RPLS : un instantané par millésime (colonne millesime), les autres millésimes sont gardés.
CREATE TABLE IF NOT EXISTS logements (
    millesime SMALLINT NOT NULL,
    ligne INTEGER NOT NULL,         -- ligne du fichier RPLS, pour le rapport d'import
    depcom VARCHAR NOT NULL,
    libcom VARCHAR,
    adresse VARCHAR,
    codepostal VARCHAR,
    x DOUBLE,
    y DOUBLE,
    epsg VARCHAR,
    lon DOUBLE,
    lat DOUBLE,
    nbpiece SMALLINT,
    typologie VARCHAR,
    surfhab DOUBLE,
    construct SMALLINT,
    finan_code VARCHAR,
    financement VARCHAR,
    qpv BOOLEAN,
    qpv_libelle VARCHAR,
    dpe VARCHAR,
    typeconst VARCHAR
);
