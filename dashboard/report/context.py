"""The data a report section reads: the database, the year, the territory, the secrecy rule.

A report is handed out (council, public): counts below the threshold are masked, as in the
public view of the dashboard."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard import queries
from dashboard.catalogue import entry
from dashboard.db import Database
from dashboard.exports import export_frame
from dashboard.masking import display, mask
from dashboard.publication import NotPublished
from dashboard.report.content import Table
from dashboard.reshape import years_side_by_side, years_wide
from dashboard.results import Result, fetch
from dashboard.settings import Settings


@dataclass
class ReportContext:
    database: Database
    annee: int
    settings: Settings
    extra_tables: Mapping[str, pd.DataFrame] | None = None
    # The catalogue entries the sections read, in order (their definitions end the report).
    fetched: list[str] = field(default_factory=list)

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

    def fetch(self, name: str, optional: bool = False, **params: Any) -> Result | None:
        """A catalogue entry's figures as handed out: read from the publication (masked as a
        whole, as the public sees them), for the whole territory. None when the publication
        does not hold them and `optional` (the year before the first one). An entry about no
        household (`secret: false`) that is not published (the plan's actions, the extracts
        loaded) is read as it is."""
        defaults = {"communes": self.communes, "premiere_annee": self.settings.premiere_annee}
        spec = entry(name)
        threshold = 0 if spec.publication is None and not spec.secret else self.threshold
        if name not in self.fetched:
            self.fetched.append(name)
        with self.cursor() as cursor:
            try:
                return fetch(cursor, name, threshold, **{**defaults, **params})
            except NotPublished:
                if optional:
                    return None
                raise

    def table_of(
        self, result: Result, columns: list[str], title: str = "", note: str = ""
    ) -> Table:
        """A report table of catalogue columns: French text for the document, numbers for the
        XLSX version; labels and formats from the spec; the columns' caveats (`note`) as the
        table's note unless one is given."""
        kept = result.columns_of(columns)
        labels = {c: result.label(c) for c in columns}
        return Table(
            result.title(title),
            display(kept, result.kinds(columns), self.threshold, labels),
            export_frame(kept, result.kinds(columns), self.threshold, labels),
            note or _notes(result, columns),
        )

    def table_by_year(
        self, result: Result, index: list[str], columns: list[str], title: str = ""
    ) -> Table:
        """A result of one row per (year, category) as one row per category, the columns of
        the year before and of the year side by side."""
        years = [self.annee - 1, self.annee]
        wide, kinds, labels = years_wide(result, index, columns, years)
        return Table(
            result.title(title),
            display(wide, kinds, self.threshold, labels),
            export_frame(wide, kinds, self.threshold, labels),
            _notes(result, columns),
        )

    def years_table(self, now: Result, before: Result | None, columns: list[str]) -> Table:
        """One row per figure, one column per year (the year before, then the year)."""
        frame = years_side_by_side(now, before, columns)
        kinds = {str(now.params["annee"]): "count", str(now.params["annee"] - 1): "count"}
        labels = {"indicateur": "Indicateur"}
        return Table(
            now.title(),
            display(frame, {"indicateur": "text", **kinds}, self.threshold, labels),
            export_frame(frame, {"indicateur": "text", **kinds}, self.threshold, labels),
        )

    def definitions(self, result: Result, columns: list[str]) -> str:
        """The definitions of the columns, as one paragraph under a chart."""
        seen = dict.fromkeys(result.definition(c) for c in columns if result.definition(c))
        return " ".join(seen)

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


def _notes(result: Result, columns: list[str]) -> str:
    return " ".join(dict.fromkeys(n for c in columns if (n := result.entry.column(c).note)))
