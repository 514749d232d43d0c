"""The data a report section reads: the database, the year, the territory, the secrecy rule.

A report is handed out (council, public): counts below the threshold are masked, as in the
public view of the dashboard."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard import queries
from dashboard.db import Database
from dashboard.exports import export_frame
from dashboard.masking import display, mask
from dashboard.report.content import Table
from dashboard.settings import Settings


@dataclass
class ReportContext:
    database: Database
    annee: int
    settings: Settings
    extra_tables: Mapping[str, pd.DataFrame] | None = None

    @property
    def communes(self) -> list[str]:
        return self.settings.insee_codes

    @property
    def threshold(self) -> int:
        return self.settings.seuil_secret

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        with self.database.cursor() as cursor:
            for name, frame in (self.extra_tables or {}).items():
                cursor.register(name, frame)
            try:
                yield cursor
            finally:
                for name in self.extra_tables or {}:
                    cursor.unregister(name)

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        defaults = {
            "annee": self.annee,
            "communes": self.communes,
            "premiere_annee": self.settings.premiere_annee,
        }
        with self.cursor() as cursor:
            return queries.run(cursor, name, **{**defaults, **params})

    def mask(
        self, frame: pd.DataFrame, counts: list[str], shares: Mapping[str, list[str]] | None = None
    ) -> pd.DataFrame:
        return mask(frame, counts, shares, self.threshold)

    def table(
        self,
        title: str,
        masked: pd.DataFrame,
        formats: Mapping[str, str],
        labels: Mapping[str, str],
        note: str = "",
    ) -> Table:
        """A report table: French text for the document, numbers for the XLSX version."""
        columns = [c for c in labels if c in masked.columns]
        flags = [c for c in masked.columns if c.startswith("_masque_")]
        kept = masked[columns + flags]
        return Table(
            title,
            display(kept, formats, self.threshold, labels),
            export_frame(kept, formats, self.threshold, labels),
            note,
        )
