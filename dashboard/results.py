"""A query's result with its catalogue entry: the figures, how to name, write and mask them.

`fetch` is the one way pages, the report and the CLI get figures: members (threshold 0) read the
extracts through the query itself, exact; the public (and everything handed out) reads the
publication (dashboard/publication.py), already masked across the whole set. A `Result` then
knows, from the spec, each column's label, kind and definition, and which cells are hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from dashboard import publication, queries
from dashboard.catalogue import Entry, entry
from dashboard.formatting import fmt, fmt_delta
from dashboard.masking import (
    FLAG,
    SECONDARY_FLAG,
    SECRET,
    display,
    masked_label,
    with_flags,
)

SMALL_WORDS = "moins de {threshold}"
HIDDEN_WORDS = "non publiable (effectif trop faible)"


@dataclass(frozen=True)
class Result:
    entry: Entry
    params: Mapping[str, Any]
    frame: pd.DataFrame  # values, and FLAG/SECONDARY_FLAG columns where secrecy applied
    threshold: int  # 0: exact figures (members); else the public's rule was applied

    # --- rows -----------------------------------------------------------------------------
    def where(self, **values: Any) -> Result:
        """The rows whose columns hold these values (None matches NULL, a total row)."""
        keep = pd.Series(True, index=self.frame.index)
        for column, value in values.items():
            series = self.frame[column]
            keep &= series.isna() if value is None else series == value
        return Result(self.entry, self.params, self.frame[keep], self.threshold)

    def excluding(self, **values: Any) -> Result:
        """The rows that `where(**values)` leaves out."""
        matched = self.where(**values).frame.index
        return Result(self.entry, self.params, self.frame.drop(matched), self.threshold)

    def among(self, column: str, values: Iterable[Any]) -> Result:
        """The rows whose `column` holds one of `values` (None matches NULL)."""
        wanted = list(values)
        series = self.frame[column]
        keep = series.isin([v for v in wanted if v is not None])
        if None in wanted:
            keep |= series.isna()
        return Result(self.entry, self.params, self.frame[keep], self.threshold)

    def row(self, **values: Any) -> pd.Series:
        rows = self.where(**values).frame
        if len(rows) != 1:
            raise LookupError(
                f"{self.entry.name} : {len(rows)} lignes pour {values or 'la requête'}, "
                "une attendue"
            )
        return rows.iloc[0]

    @property
    def empty(self) -> bool:
        return self.frame.empty

    # --- secrecy ----------------------------------------------------------------------------
    def hidden(self, row: pd.Series, column: str) -> bool:
        return bool(row.get(FLAG + column, False))

    def marker(self, row: pd.Series, column: str) -> str:
        """« < 11 » for a small count, « secret » for a cell hidden to protect another one or
        for a share resting on a hidden count."""
        if self.entry.column(column).is_count and not bool(row.get(SECONDARY_FLAG + column)):
            return masked_label(self.threshold)
        return SECRET

    # --- words ------------------------------------------------------------------------------
    def label(self, column: str, short: bool = False) -> str:
        return self.entry.column(column).label_for(self.params, short=short)

    def title(self, which: str = "") -> str:
        return self.entry.title_for(self.params, which)

    def definition(self, column: str) -> str:
        return self.entry.column(column).definition

    def text(self, row: pd.Series, column: str) -> str:
        """A cell in French, or its secrecy marker."""
        if self.hidden(row, column):
            return self.marker(row, column)
        return fmt(row[column], self.entry.column(column).kind)

    def words(self, row: pd.Series, column: str) -> str:
        """A cell for a sentence of the report: « moins de 11 » / « non publiable » when
        hidden."""
        if not self.hidden(row, column):
            return fmt(row[column], self.entry.column(column).kind)
        if self.marker(row, column) == SECRET:
            return HIDDEN_WORDS
        return SMALL_WORDS.format(threshold=self.threshold)

    def delta(self, row: pd.Series, before: pd.Series | None, column: str) -> str | None:
        """The change from `before` (another year's row) in the unit of the column; None when
        either is hidden or missing."""
        if before is None or self.hidden(row, column) or self.hidden(before, column):
            return None
        return fmt_delta(row[column], before[column], self.entry.column(column).kind)

    def value(self, row: pd.Series, column: str) -> Any:
        """The number, or None when hidden or missing."""
        if self.hidden(row, column) or pd.isna(row[column]):
            return None
        raw = row[column]
        return raw.item() if hasattr(raw, "item") else raw

    # --- tables -----------------------------------------------------------------------------
    def columns_of(self, columns: Sequence[str]) -> pd.DataFrame:
        """The given columns with their secrecy flags (display, exports)."""
        flags = [
            prefix + c
            for c in columns
            for prefix in (FLAG, SECONDARY_FLAG)
            if prefix + c in self.frame.columns
        ]
        return self.frame[list(columns) + flags]

    def display(self, columns: Sequence[str]) -> pd.DataFrame:
        """French text, headed by the labels, with the secrecy markers."""
        labels = {c: self.label(c) for c in columns}
        return display(self.columns_of(columns), self.kinds(columns), self.threshold, labels)

    def kinds(self, columns: Iterable[str]) -> dict[str, str]:
        return {c: self.entry.column(c).kind for c in columns}

    def any_hidden(self, columns: Iterable[str]) -> bool:
        return any(
            FLAG + c in self.frame.columns and self.frame[FLAG + c].astype(bool).any()
            for c in columns
        )


def fetch(cursor: duckdb.DuckDBPyConnection, name: str, threshold: int, **params: Any) -> Result:
    """The figures of queries/<name>.sql: exact for members (threshold 0), from the
    publication otherwise; an entry with nothing secret (`secret: false`: dwellings, a
    grid's points) is read from the extracts for everyone."""
    spec = entry(name)
    wanted = queries.parameters_of(name)
    bound = {k: v for k, v in params.items() if k in wanted}
    if threshold <= 0 or not spec.secret:
        frame = queries.run(cursor, name, **bound)
    else:
        frame = publication.lookup(cursor, spec, bound)
    return Result(spec, {**params, **bound}, flagged(frame, spec), threshold)


def flagged(frame: pd.DataFrame, spec: Entry) -> pd.DataFrame:
    """Every count and every figure resting on counts carries its secrecy flags (false for
    exact figures), so that figures and tables read members' and public results alike."""
    return with_flags(frame, [*spec.counts, *spec.derived])
