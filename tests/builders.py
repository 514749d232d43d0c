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
    # RPLS, 2025 column names; X/Y: a point of Brignais in Lambert-93
    "logements": {
        "DEPCOM": "69027",
        "NUMVOIE": "",
        "TYPVOIE": "",
        "NOMVOIE": "",
        "EPSG": "2154",
        "X": "836432.8",
        "Y": "6510204.3",
        "NBPIECE": 3,
        "SURFHAB": "60,0",
        "CONSTRUCT": 1990,
        "FINAN_CODE": "13",
        "QPV_CODE": "2",
        "DPEENERGIE": "C",
    },
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


def store_tables(db: Database, given: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The app's own store (dashboard/plan_store.py) of a test database, as the queries of
    queries/plan/ read it: the rows of `suivi_actions` (statuses saved in the app) name their
    action by its row in `actions` (`action: 1` for the first; `modifie_le` omitted: now, after
    the import), those of `validations_bilan` give a year's dates. Written through the store,
    as the app does, then read back."""
    from dashboard.plan_store import ActionStore, action_key, store_path_for

    store = ActionStore(store_path_for(db.path))
    actions = given.get("actions", [])
    for change in given.get("suivi_actions", []):
        action = actions[int(change["action"]) - 1]
        when = change.get("modifie_le")
        store.record(
            action_key(action["axe"], action["objectif"], action["mise_en_oeuvre"]),
            change["statut"],
            change.get("commentaire", ""),
            change.get("auteur", ""),
            change.get("annee_realisation"),
            when=dt.datetime.combine(when, dt.time()) if isinstance(when, dt.date) else when,
        )
    for approval in given.get("validations_bilan", []):
        store.record_approval(
            approval["annee"],
            approval.get("avis_cil"),
            approval.get("approbation_conseil"),
            approval.get("auteur", ""),
        )
    return store.tables()


def build_db(folder: Path, publish: bool = False, **extracts: Any) -> Database:
    """`build_db(tmp_path, demandes=[...], attributions=[...])`: imports each extract given
    (in the usual order, demands before attributions) and opens the database read-only.
    `publish=True` builds the publication for the public too (dashboard/publication.py), as
    a real import does; the query tests go without it, for speed."""
    db_path = folder / "test.duckdb"
    for kind in ("demandes", "attributions", "commissions", "actions"):
        if kind in extracts:
            path = write_extract(folder, kind, extracts[kind])
            import_file(kind, path, db_path, extraction_date=dt.date(2026, 1, 15), publish=False)
    if "logements" in extracts:
        # a list of rows is millésime 2025; a dict gives the rows of each millésime
        logements = extracts["logements"]
        by_millesime = logements if isinstance(logements, dict) else {2025: logements}
        for millesime, rows in by_millesime.items():
            frame = pd.DataFrame([{**DEFAULTS["logements"], **row} for row in rows])
            path = folder / f"rpls_{millesime}.csv"
            frame.to_csv(path, sep=";", index=False)
            import_file("logements", path, db_path, millesime=millesime, publish=False)
    if not db_path.exists():  # nothing imported: an empty database, with its schema
        from dashboard.importer.store import write_atomically

        write_atomically(db_path, lambda con: None, label="vide")
    if publish:
        from dashboard.importer import publish as publish_db

        publish_db(db_path)
    return Database(db_path)
