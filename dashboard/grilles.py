"""Cotation grids as data: data/grilles_cotation.csv, one row per version, public and criterion.

A grid is rows, not code: loading another version (a previous plan's, another EPCI's) is adding
rows to the file. The file is checked row by row when the settings are read, so a mistake in it
stops the dashboard with a French message naming the line, instead of skewing every score.
The scoring itself is SQL (queries/staging/04_cotation.sql); the criteria it derives from the
demand's columns are listed in DERIVED, the others are declared in `criteres_cotation`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("version", "public", "code", "libelle", "points", "categorie", "prioritaire")
PUBLICS: dict[str, str] = {"primo": "Primo-demandeurs", "mutation": "Demandeurs en mutation"}
CATEGORIES: dict[str, str] = {
    "obligatoire": "Critères obligatoires (article L441-1 du CCH)",
    "facultatif_local": "Critères facultatifs et locaux",
    "facultatif": "Critères facultatifs",
    "local": "Critères locaux",
}
# The labels the queries read (ref_libelles): a code carried outside its public's grid, and
# both publics together.
HORS_GRILLE = "hors_grille"
CATEGORIES_LIBELLES = {**CATEGORIES, HORS_GRILLE: "Hors de la grille (0 point)"}
PUBLICS_LIBELLES = {**PUBLICS, "ensemble": "Ensemble"}
# Criteria the scoring derives from a column of the demand (a declared one counts once with its
# derived twin). Seniority is derived only: it depends on the reference date (04_cotation.sql).
DERIVED: dict[str, str] = {
    "anciennete_plus_3_ans": "date_depot",
    "anciennete_1_3_ans": "date_depot",
    "premier_quartile": "quartile_1",
    "dalo": "dalo",
    "habite_epci": "commune_residence",
    "jeune_moins_30_ans": "age_demandeur",
}
SENIORITY = ("anciennete_1_3_ans", "anciennete_plus_3_ans")
_VERSION = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_YES = {"oui": True, "non": False}


@dataclass(frozen=True)
class Critere:
    version: str
    public: str
    code: str
    libelle: str
    points: int
    categorie: str
    prioritaire: bool  # a priority criterion of L441-1 CCH (or DALO): the demand is prioritaire
    ordre: int  # the row's rank in its grid, as the plan lists it


class GrilleError(ValueError):
    """The grid file is unreadable or a row breaks a rule; the message is in French."""


def read_grilles(path: Path) -> tuple[Critere, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GrilleError(f"grilles de cotation introuvables : {path}") from None
    except UnicodeDecodeError:
        raise GrilleError(f"{Path(path).name} : le fichier doit être encodé en UTF-8") from None
    reader = csv.DictReader(text.splitlines(), delimiter=";")
    header = tuple(reader.fieldnames or ())
    if sorted(header) != sorted(COLUMNS):
        raise GrilleError(
            f"{Path(path).name} : colonnes attendues {';'.join(COLUMNS)} "
            f"(trouvées : {';'.join(header) or 'aucune'})"
        )
    criteres: list[Critere] = []
    problems: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    ordre: dict[tuple[str, str], int] = {}
    for line, row in enumerate(reader, start=2):
        values = {k: (row.get(k) or "").strip() for k in COLUMNS}
        found = _row_problems(values)
        key = (values["version"], values["public"], values["code"])
        if key in seen:
            found.append(f"critère en double dans la grille {key[0]} {key[1]} : {key[2]}")
        seen.add(key)
        if found:
            problems += [f"ligne {line} : {p}" for p in found]
            continue
        grid = (values["version"], values["public"])
        ordre[grid] = ordre.get(grid, 0) + 1
        criteres.append(
            Critere(
                version=values["version"],
                public=values["public"],
                code=values["code"],
                libelle=values["libelle"],
                points=int(values["points"]),
                categorie=values["categorie"],
                prioritaire=_YES[values["prioritaire"].lower()],
                ordre=ordre[grid],
            )
        )
    for version in dict.fromkeys(c.version for c in criteres):
        missing = [p for p in PUBLICS if (version, p) not in ordre]
        if missing:
            problems.append(f"la version {version} n'a pas de grille {' ni '.join(missing)}")
    if not criteres and not problems:
        problems.append("aucun critère")
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:10])
        more = f"\n  … et {len(problems) - 10} autres" if len(problems) > 10 else ""
        raise GrilleError(f"{Path(path).name} : grille de cotation invalide\n{shown}{more}")
    return tuple(criteres)


def _row_problems(values: dict[str, str]) -> list[str]:
    problems = []
    if not _VERSION.match(values["version"]):
        problems.append(f"version invalide « {values['version']} » (ex. ppgdid-2026)")
    if values["public"] not in PUBLICS:
        problems.append(f"public « {values['public']} » inconnu (attendu : primo ou mutation)")
    if not _CODE.match(values["code"]):
        problems.append(f"code « {values['code']} » invalide (minuscules, chiffres et _)")
    if not values["libelle"]:
        problems.append("libellé vide")
    if not re.fullmatch(r"\d{1,4}", values["points"]):
        problems.append(f"points « {values['points']} » : nombre entier positif attendu")
    if values["categorie"] not in CATEGORIES:
        problems.append(
            f"catégorie « {values['categorie']} » inconnue (attendu : {', '.join(CATEGORIES)})"
        )
    if values["prioritaire"].lower() not in _YES:
        problems.append(f"prioritaire « {values['prioritaire']} » : oui ou non attendu")
    return problems


def versions(criteres: tuple[Critere, ...]) -> list[str]:
    """The versions in the order of the file (the last one is the most recent)."""
    return list(dict.fromkeys(c.version for c in criteres))


ANCIENNETES = ("moins_1_an", "1_3_ans", "plus_3_ans")


def depot_pour_anciennete(anciennete: str, jour: dt.date) -> dt.date:
    """A filing date that gives this seniority band on `jour` (for the simulator, which asks for
    a band, not a date): the day itself, two years before, four years before."""
    years = {"moins_1_an": 0, "1_3_ans": 2, "plus_3_ans": 4}[anciennete]
    day = 28 if (jour.month, jour.day) == (2, 29) else jour.day  # 29 February may not exist
    return jour.replace(year=jour.year - years, day=day)
