"""What the CIL records in the app, with its history: the plan actions' statuses as the project
lead updates them, and for each year's report the dates of the CIL's avis and of the conseil
communautaire's approval (article R441-2-12 du CCH: « après avis de la conférence
intercommunale du logement, le bilan … est soumis, une fois par an, à l'organe délibérant »).

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
CREATE TABLE IF NOT EXISTS validations_bilan (
    validation_id INTEGER PRIMARY KEY AUTOINCREMENT,
    annee INTEGER NOT NULL,
    avis_cil TEXT,
    approbation_conseil TEXT,
    auteur TEXT,
    saisi_le TEXT NOT NULL
);
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


APPROVAL_COLUMNS = [
    "validation_id",
    "annee",
    "avis_cil",
    "approbation_conseil",
    "auteur",
    "saisi_le",
]


class ApprovalError(ValueError):
    """Dates that cannot be those of a report's avis and approval (French message)."""


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
        self._insert(
            "suivi_actions",
            action_cle=key,
            statut=statut,
            annee_realisation=annee_realisation,
            commentaire=commentaire.strip() or None,
            auteur=auteur.strip() or None,
            modifie_le=(when or dt.datetime.now()).isoformat(sep=" "),
        )

    def record_approval(
        self,
        annee: int,
        avis_cil: dt.date | None,
        approbation_conseil: dt.date | None,
        auteur: str,
        when: dt.datetime | None = None,
    ) -> None:
        """Records the dates of a year's report (a new row: the latest one is in force)."""
        if avis_cil is None and approbation_conseil is None:
            raise ApprovalError("Indiquez au moins une date : l'avis de la CIL ou l'approbation.")
        start = dt.date(annee, 1, 1)
        for label, day in (("L'avis de la CIL", avis_cil), ("L'approbation", approbation_conseil)):
            if day is not None and day < start:
                raise ApprovalError(
                    f"{label} du bilan {annee} ({day:%d/%m/%Y}) ne peut précéder l'année {annee}."
                )
        if avis_cil and approbation_conseil and approbation_conseil < avis_cil:
            raise ApprovalError(
                "Le conseil communautaire approuve le bilan après l'avis de la CIL (article "
                f"R441-2-12 du CCH) : approbation le {approbation_conseil:%d/%m/%Y}, avis le "
                f"{avis_cil:%d/%m/%Y}."
            )
        self._insert(
            "validations_bilan",
            annee=int(annee),
            avis_cil=avis_cil.isoformat() if avis_cil else None,
            approbation_conseil=approbation_conseil.isoformat() if approbation_conseil else None,
            auteur=auteur.strip() or None,
            saisi_le=(when or dt.datetime.now()).isoformat(sep=" "),
        )

    def _insert(self, table: str, **values: object) -> None:
        """One new row (nothing is ever overwritten: the history is the table)."""
        names = ", ".join(values)
        marks = ", ".join("?" * len(values))
        con = self._connect()
        try:
            con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(values.values()))
        finally:
            con.close()

    def approvals(self) -> pd.DataFrame:
        """Every entry of the reports' dates, oldest first (typed, even when empty)."""
        frame = self._read("validations_bilan", APPROVAL_COLUMNS, "validation_id")
        frame = frame.astype({"validation_id": "int64", "annee": "int64"})
        for column in ("avis_cil", "approbation_conseil"):
            frame[column] = pd.to_datetime(frame[column], format="ISO8601")
        frame["saisi_le"] = pd.to_datetime(frame["saisi_le"], format="ISO8601")
        return frame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The store's tables, as the queries of queries/plan/ read them (registered on the
        cursor under these names)."""
        return {"suivi_actions": self.history(), "validations_bilan": self.approvals()}

    def _read(self, table: str, columns: list[str], order: str) -> pd.DataFrame:
        if not self.path.exists():
            return pd.DataFrame(columns=columns)
        con = self._connect()
        try:
            return pd.read_sql_query(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}", con
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
