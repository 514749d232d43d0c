"""The data contract: the five extracts the product imports, column by column.

The README documents the same contract for users; `tests/test_contract_doc.py` checks that the
two agree. Validation (dashboard.importer.validate) is generated from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dashboard import codes

ColumnType = Literal[
    "id",  # anonymised identifier, free text without spaces
    "text",
    "date",
    "int",
    "number",
    "bool",
    "code",  # one value of `allowed`
    "codes",  # several values of `allowed` separated by |
    "insee",  # a commune INSEE code
    "insee_list",  # INSEE codes separated by |
    "year",
]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    required: bool = True  # the column must be in the file
    nullable: bool = False  # a row may leave it empty
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    # Codes compared without case (SNE codes are upper case; a few contract codes are lower case).
    case_insensitive: bool = True


@dataclass(frozen=True)
class Extract:
    kind: str
    label: str
    grain: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


BOOL_TRUE = ("1", "oui", "o", "vrai", "true", "x", "yes", "y")
BOOL_FALSE = ("0", "non", "n", "faux", "false", "no")

DEMANDES = Extract(
    kind="demandes",
    label="Demandes (SNE)",
    grain="une ligne par demande, historique complet (actives et radiées)",
    columns=(
        Column("demande_id", "id", "identifiant anonymisé de la demande", unique=True),
        Column("date_depot", "date", "date de dépôt (enregistrement) de la demande"),
        Column("date_renouvellement", "date", "date du dernier renouvellement", nullable=True),
        Column(
            "date_radiation",
            "date",
            "date de radiation, vide si la demande est active",
            nullable=True,
        ),
        Column(
            "motif_radiation",
            "code",
            "motif de radiation",
            nullable=True,
            allowed=tuple(codes.MOTIFS_RADIATION),
        ),
        Column("guichet", "text", "guichet qui a enregistré la demande (code des paramètres)"),
        Column(
            "commune_residence",
            "insee",
            "commune de résidence actuelle (code INSEE)",
            nullable=True,
        ),
        Column(
            "communes_souhaitees",
            "insee_list",
            "communes souhaitées, codes INSEE séparés par |, la première est le choix principal",
        ),
        Column("typologie", "code", "typologie souhaitée", allowed=tuple(codes.TYPOLOGIES)),
        Column("taille_menage", "int", "nombre de personnes du ménage", minimum=1, maximum=20),
        Column(
            "age_demandeur",
            "int",
            "âge du demandeur à la date de l'extrait",
            minimum=16,
            maximum=110,
            nullable=True,
        ),
        Column(
            "logement_actuel",
            "code",
            "logement actuel (modeleLogement SNE ; HLM = mutation)",
            allowed=tuple(codes.LOGEMENT_ACTUEL),
        ),
        Column(
            "motif",
            "code",
            "motif principal de la demande (motifDemande SNE, 01 à 23)",
            allowed=tuple(codes.MOTIFS_DEMANDE),
        ),
        Column(
            "quartile_1", "bool", "ressources du ménage dans le premier quartile", nullable=True
        ),
        Column("prioritaire", "bool", "ménage reconnu prioritaire (L441-1 CCH)", nullable=True),
        Column("dalo", "bool", "ménage reconnu prioritaire et urgent DALO", nullable=True),
        Column(
            "criteres_cotation",
            "codes",
            "critères de cotation déclarés, codes séparés par | (voir la grille)",
            required=False,
            nullable=True,
        ),
    ),
)

ATTRIBUTIONS = Extract(
    kind="attributions",
    label="Attributions (SNE)",
    grain="une ligne par attribution",
    columns=(
        Column("attribution_id", "id", "identifiant anonymisé de l'attribution", unique=True),
        Column(
            "demande_id",
            "id",
            "demande satisfaite (lien facultatif)",
            required=False,
            nullable=True,
        ),
        Column("date_attribution", "date", "date de la décision d'attribution (CALEOL)"),
        Column(
            "date_bail",
            "date",
            "date de signature du bail, vide si aucun bail signé",
            nullable=True,
        ),
        Column(
            "motif_sans_bail",
            "code",
            "pourquoi la décision n'a pas (encore) de bail, quand l'extrait le dit",
            required=False,
            nullable=True,
            allowed=tuple(codes.MOTIFS_SANS_BAIL),
        ),
        Column("commune", "insee", "commune du logement attribué"),
        Column(
            "typologie",
            "code",
            "typologie du logement attribué",
            allowed=tuple(codes.TYPOLOGIES_LOGEMENT_ATTRIBUE),
        ),
        Column("financement", "code", "financement du logement", allowed=tuple(codes.FINANCEMENTS)),
        Column("bailleur", "text", "bailleur du logement"),
        Column(
            "contingent",
            "code",
            "contingent de réservation (typeReservataire SNE)",
            allowed=tuple(codes.CONTINGENTS),
        ),
        Column("qpv", "bool", "logement situé en quartier prioritaire de la ville"),
        Column("mutation", "bool", "le ménage était déjà locataire du parc social"),
        Column("prioritaire", "bool", "ménage prioritaire (L441-1 CCH)"),
        Column("dalo", "bool", "ménage DALO"),
        Column("quartile_1", "bool", "ménage du premier quartile de ressources"),
        Column(
            "relogement_anru", "bool", "relogement au titre du renouvellement urbain", nullable=True
        ),
        Column(
            "relogement_copro_degradee",
            "bool",
            "relogement d'un ménage d'une copropriété dégradée (requalification)",
            required=False,
            nullable=True,
        ),
        Column(
            "logement_actuel",
            "code",
            "logement du ménage avant l'attribution",
            allowed=tuple(codes.LOGEMENT_ACTUEL),
            nullable=True,
        ),
        Column(
            "motif",
            "code",
            "motif principal de la demande",
            allowed=tuple(codes.MOTIFS_DEMANDE),
            nullable=True,
        ),
        Column(
            "anciennete_mois",
            "int",
            "ancienneté de la demande à l'attribution, en mois",
            required=False,
            nullable=True,
            minimum=0,
            maximum=600,
        ),
        Column(
            "score_cotation",
            "number",
            "note de cotation à l'attribution",
            required=False,
            nullable=True,
            minimum=0,
            maximum=2000,
        ),
    ),
)

COMMISSIONS = Extract(
    kind="commissions",
    label="Commissions de coordination",
    grain="une ligne par dossier examiné en commission",
    columns=(
        Column("date_commission", "date", "date de la commission de coordination"),
        Column("dossier_id", "id", "identifiant anonymisé du dossier"),
        Column("commune_souhaitee", "insee", "commune souhaitée (code INSEE)", nullable=True),
        Column(
            "typologie",
            "code",
            "typologie souhaitée",
            allowed=tuple(codes.TYPOLOGIES),
            nullable=True,
        ),
        Column("issue", "code", "suite donnée au dossier", allowed=tuple(codes.ISSUES_COMMISSION)),
    ),
)

ACTIONS = Extract(
    kind="actions",
    label="Plan d'actions",
    grain="une ligne par action du plan",
    columns=(
        Column("axe", "text", "axe du plan"),
        Column("thematique", "text", "thématique"),
        Column("objectif", "text", "objectif opérationnel"),
        Column("mise_en_oeuvre", "text", "modalités de mise en œuvre"),
        Column("partenaires", "text", "partenaires associés", nullable=True),
        Column("statut", "code", "état d'avancement", allowed=tuple(codes.STATUTS_ACTION)),
        Column(
            "annee_realisation",
            "year",
            "année de réalisation",
            nullable=True,
            minimum=2000,
            maximum=2100,
        ),
    ),
)

# RPLS, as published by the SDES. Alternatives name the same column in other millésimes.
RPLS_COLUMNS: dict[str, tuple[str, ...]] = {
    "depcom": ("DEPCOM", "DEPCOM_CODE"),
    "x": ("X",),
    "y": ("Y",),
    "nbpiece": ("NBPIECE",),
    "surfhab": ("SURFHAB",),
    "construct": ("CONSTRUCT",),
    "finan_code": ("FINAN_CODE", "FINAN"),
    "qpv_code": ("QPV_CODE", "QPV"),
    "dpeenergie": ("DPEENERGIE",),
}
RPLS_OPTIONAL: dict[str, tuple[str, ...]] = {
    # Absent from some older files, whose X/Y are Lambert-93: EPSG 2154 is then assumed.
    "epsg": ("EPSG",),
    "libcom": ("LIBCOM", "DEPCOM_LIBELLE"),
    "numvoie": ("NUMVOIE",),
    "indrep": ("INDREP",),
    "typvoie": ("TYPVOIE",),
    "nomvoie": ("NOMVOIE",),
    "codepostal": ("CODEPOSTAL",),
    "qpv_libelle": ("QPV_LIBELLE",),
    "typeconst": ("TYPECONST_CODE", "TYPECONST"),
    "dpedate": ("DPEDATE",),
}

EXTRACTS: dict[str, Extract] = {e.kind: e for e in (DEMANDES, ATTRIBUTIONS, COMMISSIONS, ACTIONS)}
KINDS = ("demandes", "attributions", "logements", "commissions", "actions")

# Columns (and values) that identify a person are refused by dashboard/importer/identifying.py.
