"""Streamlit widgets that draw catalogue results: key-figure cards, tables, definitions.

A page names the entries and the columns it shows; every label, format, definition and
secrecy marker comes from the entry's spec (queries/*.yml) through `Result`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.results import Result
from dashboard.ui import layout


@dataclass(frozen=True)
class Figure:
    """One figure for a card: a column of the row of `result` matching `where`, compared
    with the row of `previous` matching `previous_where` (another year) when given."""

    result: Result
    column: str
    where: dict[str, Any] = field(default_factory=dict)
    previous: Result | None = None
    previous_where: dict[str, Any] | None = None

    def row(self) -> pd.Series:
        return self.result.row(**self.where)

    def before(self) -> pd.Series | None:
        if self.previous is None:
            return None
        rows = self.previous.where(**(self.previous_where or self.where)).frame
        return rows.iloc[0] if len(rows) == 1 else None


def figure(
    result: Result,
    column: str,
    where: dict[str, Any] | None = None,
    previous: Result | None = None,
    previous_where: dict[str, Any] | None = None,
) -> Figure:
    return Figure(result, column, where or {}, previous, previous_where)


def _help(item: Figure) -> str:
    spec = item.result.entry.column(item.column)
    full = item.result.label(item.column)
    parts = [full] if spec.short else []
    if spec.definition:
        parts.append(spec.definition)
    if spec.note:
        parts.append(spec.note)
    return "\n\n".join(parts)


def cards(figures: Sequence[Figure], per_row: int = 4) -> None:
    """Key-figure cards, `per_row` to a row: value (or « < 11 » / « secret »), change from
    the previous year in the unit of the figure, the definition in the help."""
    for start in range(0, len(figures), per_row):
        columns = st.columns(per_row)
        for slot, item in zip(columns, figures[start : start + per_row], strict=False):
            row, before = item.row(), item.before()
            with slot:
                st.metric(
                    item.result.label(item.column, short=True),
                    item.result.text(row, item.column),
                    delta=item.result.delta(row, before, item.column),
                    delta_color="off",
                    help=_help(item),
                    border=True,
                )


def table(
    result: Result, columns: Sequence[str], title: str = "", key: str | None = None
) -> pd.DataFrame:
    """The columns of `result` as a French table with its exports (members), headed by the
    catalogue's labels; `title` names one of the entry's titles (its main title by default)."""
    return layout.table(
        result.columns_of(columns),
        result.kinds(columns),
        result.threshold,
        labels={c: result.label(c) for c in columns},
        key=key,
        title=result.title(title),
    )


def prepared(frame: pd.DataFrame, title: str, key: str | None = None) -> pd.DataFrame:
    """A table another module already wrote in French and headed (the evaluation's rows, each
    in its own unit, dashboard/evaluation.py), with its exports for members."""
    return layout.table(frame, {}, 0, key=key, title=title)


def definitions(results: Iterable[tuple[Result, Sequence[str]]], extra: str = "") -> None:
    """The definitions of the columns shown, under a chart or a table, each once."""
    seen: dict[str, str] = {}
    for result, columns in results:
        for column in columns:
            text = result.definition(column)
            if text and text not in seen.values():
                seen[result.label(column)] = text
    if not seen and not extra:
        return
    lines = [f"**{label}** : {text}" for label, text in seen.items()]
    if extra:
        lines.append(extra)
    st.caption("  \n".join(lines))
