"""Builds small databases for tests from rows written in the test, through the real import.

Only the columns a test cares about need to be given; the others take the neutral defaults
below. Dates are written JJ/MM/AAAA as in real extracts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.db import Database
from dashboard.importer import import_file

DEFAULTS: dict[str, dict[str, Any]] = {
    "demandes": {
        "date_renouvellement": "",
        "date_radiation": "",
        "motif_radiation": "",
        "guichet": "CCVG",
        "commune_residence": "69027",
        "communes_souhaitees": "69027",
        "typologie": "T2",
        "taille_menage": 2,
        "age_demandeur": 40,
        "logement_actuel": "LP",
        "motif": "09",
        "quartile_1": "non",
        "prioritaire": "non",
        "dalo": "non",
        "criteres_cotation": "",
    },
    "attributions": {
        "demande_id": "",
        "date_bail": "",
        "commune": "69027",
        "typologie": "T2",
        "financement": "PLUS",
        "bailleur": "Bailleur A",
        "contingent": "AUCUN",
        "qpv": "non",
        "mutation": "non",
        "prioritaire": "non",
        "dalo": "non",
        "quartile_1": "non",
        "relogement_anru": "non",
        "logement_actuel": "LP",
        "motif": "09",
        "anciennete_mois": "",
    },
    "commissions": {"commune_souhaitee": "69027", "typologie": "T2"},
    "actions": {"partenaires": "CCVG", "annee_realisation": ""},
}


def _cell(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "oui" if value else "non"
    return value


def write_extract(folder: Path, kind: str, rows: list[dict[str, Any]]) -> Path:
    frame = pd.DataFrame([{**DEFAULTS.get(kind, {}), **row} for row in rows])
    frame = frame.map(_cell)
    path = folder / f"{kind}.csv"
    frame.to_csv(path, sep=";", index=False)
    return path


def build_db(folder: Path, **extracts: list[dict[str, Any]]) -> Database:
    """`build_db(tmp_path, demandes=[...], attributions=[...])`: imports each extract given
    (in the usual order, demands before attributions) and opens the database read-only."""
    db_path = folder / "test.duckdb"
    for kind in ("demandes", "attributions", "commissions", "actions"):
        if kind in extracts:
            path = write_extract(folder, kind, extracts[kind])
            import_file(kind, path, db_path, extraction_date=dt.date(2026, 1, 15))
    if "logements" in extracts:
        frame = pd.DataFrame(extracts["logements"])
        path = folder / "rpls_2025.csv"
        frame.to_csv(path, sep=";", index=False)
        import_file("logements", path, db_path, millesime=2025)
    return Database(db_path)
