"""Territory settings (data/territoire.toml): everything that varies between EPCIs.

Nothing territory-specific lives in code; pages, queries and the importer read it from here.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dashboard.access import AccessList, parse_access
from dashboard.grilles import Critere, GrilleError, read_grilles, versions

REPO_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_DIR / "data"
QUERIES_DIR = REPO_DIR / "queries"
DEFAULT_SETTINGS_FILE = DATA_DIR / "territoire.toml"
DEMO_DB = DATA_DIR / "demo.duckdb"
REAL_DB = DATA_DIR / "cil.duckdb"


# Map backgrounds: none by default, so the map draws with no internet access at all.
FONDS_CARTE = ("aucun", "osm", "plan_ign")


@dataclass(frozen=True)
class Commune:
    insee: str
    nom: str
    population: int
    couleur: str


@dataclass(frozen=True)
class Permanence:
    lieu: str
    creneau: str


@dataclass(frozen=True)
class Guichet:
    code: str
    nom: str
    codes: tuple[str, ...]
    adresse: str
    horaires: str
    couleur: str
    en_ligne: bool = False
    par_defaut: bool = False
    permanences: tuple[Permanence, ...] = ()


@dataclass(frozen=True)
class GroupeReservataire:
    code: str
    nom: str
    objectif: float
    contingents: tuple[str, ...]
    # The group's priorities in the plan's words, shown to the public beside its figures.
    priorites: str = ""


@dataclass(frozen=True)
class SituationCIA:
    code: str
    nom: str
    logement_actuel: tuple[str, ...]
    motifs: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    epci_nom: str
    epci_nom_court: str
    epci_siren: str
    departement: str
    plan: str
    plan_debut: int
    plan_fin: int
    premiere_annee: int
    communes: tuple[Commune, ...]
    guichets: tuple[Guichet, ...]
    groupes_reservataires: tuple[GroupeReservataire, ...]
    objectif_prioritaires_total: float
    situations_cia: tuple[SituationCIA, ...]
    objectif_situations_cia: float
    objectif_q1_hors_qpv: float
    seuil_secret: int
    delai_anormalement_long_mois: int
    delai_anormalement_long_source: str
    contours_file: Path
    # Cotation grids (data/grilles_cotation.csv) and the version the pages open on.
    grilles: tuple[Critere, ...] = ()
    grille_cotation: str = ""
    fond_carte: str = "aucun"  # map background: aucun, osm or plan_ign (see FONDS_CARTE)
    # Members of the CIL allowed to sign in ([acces], see dashboard/access.py): empty = nobody.
    acces: AccessList = field(default_factory=AccessList)
    # Maximum delay for a demander to be received after registration (L441-2-8 CCH), in words.
    delai_reception: str = ""
    # QPV rule (L441-1 CCH): share of leases in QPV to households outside the first quartile.
    objectif_hors_q1_en_qpv: float = 0.5
    # Commissions de coordination a quarter (the plan: « une fois par trimestre »).
    commissions_par_trimestre: int = 1
    # What refusing an offer does, told to the public beside the cotation ([cotation]
    # effets_refus, written from the plan and the CCH), in words.
    effets_refus: str = ""
    # DuckDB's memory and threads ([serveur]): the dashboard's read side, and imports.
    memoire: str = "1GB"
    fils: int = 2
    memoire_import: str = "4GB"
    source_file: Path = field(compare=False, default=DEFAULT_SETTINGS_FILE)

    def duckdb_config(self, write: bool = False) -> dict[str, str | int]:
        """The DuckDB configuration of a connection: bounded memory, what does not fit is
        spilled to a temporary folder (a national extract imports without exhausting RAM)."""
        return {
            "memory_limit": self.memoire_import if write else self.memoire,
            "threads": self.fils,
            "temp_directory": str(Path(tempfile.gettempdir()) / "observatoire-cil-duckdb"),
        }

    @property
    def insee_codes(self) -> list[str]:
        return [c.insee for c in self.communes]

    def commune_nom(self, insee: str) -> str:
        return next((c.nom for c in self.communes if c.insee == insee), insee)

    @property
    def commune_couleurs(self) -> dict[str, str]:
        return {c.nom: c.couleur for c in self.communes}

    @property
    def guichet_couleurs(self) -> dict[str, str]:
        return {g.nom: g.couleur for g in self.guichets}

    @property
    def guichet_par_code_source(self) -> dict[str, str]:
        """Maps every code found in an extract's `guichet` column to the guichet's code."""
        return {source: g.code for g in self.guichets for source in g.codes}

    @property
    def guichet_autre(self) -> Guichet:
        """The guichet that receives every unknown code (marked `par_defaut`)."""
        return next(g for g in self.guichets if g.par_defaut)

    @property
    def groupe_par_contingent(self) -> dict[str, str]:
        return {c: g.code for g in self.groupes_reservataires for c in g.contingents}


class SettingsError(ValueError):
    """The settings file is missing or malformed; the message is in French for the user."""


def settings_path() -> Path:
    return Path(os.environ.get("CIL_TERRITOIRE", DEFAULT_SETTINGS_FILE))


@lru_cache(maxsize=4)
def _load(path: Path) -> Settings:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SettingsError(f"Fichier de paramètres du territoire introuvable : {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"Fichier de paramètres illisible ({path}) : {exc}") from exc
    try:
        return _parse(raw, path)
    except GrilleError as exc:
        raise SettingsError(str(exc)) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise SettingsError(f"Paramètre manquant ou invalide dans {path} : {exc}") from exc


def _parse(raw: dict, path: Path) -> Settings:
    epci = raw["epci"]
    guichets = tuple(
        Guichet(
            code=g["code"],
            nom=g["nom"],
            codes=tuple(g.get("codes", [g["code"]])),
            adresse=g.get("adresse", ""),
            horaires=g.get("horaires", ""),
            couleur=g.get("couleur", "#929292"),
            en_ligne=bool(g.get("en_ligne", False)),
            par_defaut=bool(g.get("par_defaut", False)),
            permanences=tuple(Permanence(**p) for p in g.get("permanences", [])),
        )
        for g in raw["guichets"]
    )
    reservataires = raw["reservataires"]
    cia = raw["cia"]
    delai = raw.get("delai_anormalement_long", {})
    cotation = raw.get("cotation", {})
    serveur = raw.get("serveur", {})
    grilles = read_grilles(path.parent / cotation.get("grilles", "grilles_cotation.csv"))
    settings = Settings(
        epci_nom=epci["nom"],
        epci_nom_court=epci["nom_court"],
        epci_siren=str(epci["siren"]),
        departement=str(epci["departement"]),
        plan=epci["plan"],
        plan_debut=int(epci["plan_debut"]),
        plan_fin=int(epci["plan_fin"]),
        premiere_annee=int(epci["premiere_annee"]),
        communes=tuple(
            Commune(str(c["insee"]), c["nom"], int(c["population"]), c["couleur"])
            for c in raw["communes"]
        ),
        guichets=guichets,
        groupes_reservataires=tuple(
            GroupeReservataire(
                g["code"],
                g["nom"],
                float(g["objectif"]),
                tuple(g["contingents"]),
                " ".join(str(g.get("priorites", "")).split()),
            )
            for g in reservataires["groupes"]
        ),
        objectif_prioritaires_total=float(reservataires["objectif_total"]),
        situations_cia=tuple(
            SituationCIA(
                s["code"],
                s["nom"],
                tuple(s.get("logement_actuel", [])),
                tuple(s.get("motifs", [])),
            )
            for s in cia["situations"]
        ),
        objectif_situations_cia=float(cia["objectif_situations"]),
        objectif_q1_hors_qpv=float(cia["objectif_q1_hors_qpv"]),
        seuil_secret=int(raw["secret_statistique"]["seuil"]),
        delai_anormalement_long_mois=int(delai.get("mois", 0)),
        delai_anormalement_long_source=delai.get("source", ""),
        contours_file=path.parent / epci["contours"],
        grilles=grilles,
        grille_cotation=cotation.get("grille") or versions(grilles)[-1],
        fond_carte=str(raw.get("carte", {}).get("fond", "aucun")),
        acces=parse_access(raw.get("acces", {})),
        delai_reception=str(raw.get("accueil", {}).get("delai_reception", "")),
        objectif_hors_q1_en_qpv=float(cia.get("objectif_hors_q1_en_qpv", 0.5)),
        commissions_par_trimestre=int(raw.get("commissions", {}).get("par_trimestre", 1)),
        effets_refus=" ".join(str(cotation.get("effets_refus", "")).split()),
        memoire=_size(serveur, "memoire", "1GB"),
        fils=int(serveur.get("fils", 2)),
        memoire_import=_size(serveur, "memoire_import", "4GB"),
        source_file=path,
    )
    if settings.fils < 1:
        raise ValueError(f"[serveur] fils = {settings.fils} : au moins 1")
    if settings.grille_cotation not in versions(grilles):
        raise ValueError(
            f"[cotation] grille = « {settings.grille_cotation} » absente des grilles "
            f"(versions : {', '.join(versions(grilles))})"
        )
    if settings.fond_carte not in FONDS_CARTE:
        raise ValueError(
            f"[carte] fond = « {settings.fond_carte} » inconnu (attendu : {', '.join(FONDS_CARTE)})"
        )
    if not settings.communes:
        raise ValueError("aucune commune déclarée dans [[communes]]")
    if sum(g.par_defaut for g in guichets) != 1:
        raise ValueError("un et un seul guichet doit porter par_defaut = true")
    return settings


_SIZE = re.compile(r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")


def _size(section: dict, key: str, default: str) -> str:
    value = str(section.get(key, default)).strip()
    if not _SIZE.match(value):
        raise ValueError(f"[serveur] {key} = « {value} » : une taille comme « 1GB » ou « 512MB »")
    return value


def get_settings() -> Settings:
    return _load(settings_path().resolve())
