"""The plan actions' statuses as the project lead updates them in the app, with their history.

The analytical database is read-only for the app and replaced whole at each import, so what
users edit lives in a store of its own beside it (`<base>.suivi.sqlite`). SQLite in WAL mode
takes concurrent writers from several threads and processes; every change is a new row
(nothing is overwritten), so two simultaneous changes are both kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import unicodedata
from pathlib import Path

import pandas as pd

from dashboard.codes import STATUTS_ACTION

SCHEMA = """
CREATE TABLE IF NOT EXISTS suivi_actions (
    changement_id INTEGER PRIMARY KEY AUTOINCREMENT,
    action_cle TEXT NOT NULL,
    statut TEXT NOT NULL,
    annee_realisation INTEGER,
    commentaire TEXT,
    auteur TEXT,
    modifie_le TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS suivi_actions_cle ON suivi_actions (action_cle, changement_id);
"""
COLUMNS = [
    "changement_id",
    "action_cle",
    "statut",
    "annee_realisation",
    "commentaire",
    "auteur",
    "modifie_le",
]


def store_path_for(db_path: Path) -> Path:
    return Path(db_path).with_suffix(".suivi.sqlite")


def action_key(axe: str, objectif: str, mise_en_oeuvre: str) -> str:
    """A key that survives a new import of the action list (row order may change).

    The same formula is in queries/staging/04_actions.sql (md5 of the NFC-normalised, trimmed,
    lower-case texts); tests/test_plan_store.py checks that both agree."""
    text = "|".join(
        unicodedata.normalize("NFC", (v or "").strip(" ").lower())
        for v in (axe, objectif, mise_en_oeuvre)
    )
    return hashlib.md5(text.encode("utf-8")).hexdigest()[:16]


class ActionStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA busy_timeout=30000")
        con.executescript(SCHEMA)
        return con

    def record(
        self,
        key: str,
        statut: str,
        commentaire: str = "",
        auteur: str = "",
        annee_realisation: int | None = None,
        when: dt.datetime | None = None,
    ) -> None:
        if statut not in STATUTS_ACTION:
            raise ValueError(f"Statut inconnu « {statut} » (attendu : {', '.join(STATUTS_ACTION)})")
        moment = (when or dt.datetime.now()).isoformat(sep=" ")
        con = self._connect()
        try:
            con.execute(
                "INSERT INTO suivi_actions (action_cle, statut, annee_realisation, commentaire, "
                "auteur, modifie_le) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    key,
                    statut,
                    annee_realisation,
                    commentaire.strip() or None,
                    auteur.strip() or None,
                    moment,
                ),
            )
        finally:
            con.close()

    def history(self) -> pd.DataFrame:
        """Every change, oldest first (an empty frame with the columns if none yet)."""
        if not self.path.exists():
            return pd.DataFrame(columns=COLUMNS).astype(
                {"changement_id": "int64", "annee_realisation": "Int64"}
            )
        con = self._connect()
        try:
            frame = pd.read_sql_query(
                f"SELECT {', '.join(COLUMNS)} FROM suivi_actions ORDER BY changement_id", con
            )
        finally:
            con.close()
        frame["annee_realisation"] = frame["annee_realisation"].astype("Int64")
        frame["modifie_le"] = pd.to_datetime(frame["modifie_le"], format="ISO8601")
        return frame
