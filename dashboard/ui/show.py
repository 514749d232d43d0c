"""Streamlit widgets that draw catalogue results: key-figure cards, tables, definitions.

A page names the entries and the columns it shows; every label, format, definition and
secrecy marker comes from the entry's spec (queries/*.yml) through `Result`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import exports
from dashboard.reshape import pivot_masked, wide_counts, years_wide
from dashboard.results import Result
from dashboard.ui import layout
from dashboard.ui.objectifs import target_metric


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


def _qualifier(item: Figure) -> str:
    """« (T3) » after the label of a card showing another row than the published figure's
    (the delay of one typology, not of all): the same label never names two figures."""
    published = item.result.entry.publish_where
    if not any(k in published and published[k] != v for k, v in item.where.items()):
        return ""
    extra = [str(v) for k, v in item.where.items() if k not in published and v is not None]
    return f" ({', '.join(extra)})" if extra else ""


def cards(figures: Sequence[Figure], per_row: int = 4) -> None:
    """Key-figure cards, `per_row` to a row: value (or « < 11 » / « secret »), change from
    the previous year in the unit of the figure, the definition in the help."""
    for start in range(0, len(figures), per_row):
        columns = st.columns(per_row)
        for slot, item in zip(columns, figures[start : start + per_row], strict=False):
            row, before = item.row(), item.before()
            delta = item.result.delta(row, before, item.column)
            with slot:
                st.metric(
                    item.result.label(item.column, short=True) + _qualifier(item),
                    item.result.text(row, item.column),
                    delta=delta,
                    delta_color="off",
                    delta_arrow="off" if unchanged(delta) else "auto",  # no arrow for « +0 »
                    help=_help(item),
                    border=True,
                )


def unchanged(delta: str | None) -> bool:
    """A change written as zero in its unit (« +0 », « +0,0 pt », « 0 mois »)."""
    return delta is not None and re.fullmatch(r"[+\-−]?0(,0+)?(\s.*)?", delta.strip()) is not None


def targets(figures: Sequence[Figure], per_row: int = 4) -> None:
    """Share-against-target cards: the share (or « secret »), and under it « ✓ atteint » or
    « ✗ non atteint » with the target (the row's `objectif` and `statut` columns)."""
    for start in range(0, len(figures), per_row):
        columns = st.columns(per_row)
        for slot, item in zip(columns, figures[start : start + per_row], strict=False):
            with slot:
                target_metric(
                    item.result.label(item.column, short=True),
                    item.row(),
                    item.column,
                    _help(item),
                )


def pivot(
    result: Result, index: str, columns: str, value: str, order: str | None = None, key=None
) -> pd.DataFrame:
    """`value` as a table with one row per `index` and one column per value of `columns` (a
    year…), secrecy markers following their cells; headed by the catalogue's labels."""
    wide = pivot_masked(result.frame, index, columns, value, order=order)
    kind = result.entry.column(value).kind
    return layout.table(
        wide,
        {c: kind for c in wide.columns if c != index and not c.startswith("_")},
        result.threshold,
        labels={index: result.label(index)},
        key=key,
        title=result.title(),
    )


def table(
    result: Result, columns: Sequence[str], title: str = "", key: str | None = None
) -> pd.DataFrame:
    """The columns of `result` as a French table with its exports (members), headed by the
    catalogue's labels; `title` names one of the entry's titles (its main title by default).
    A column's caveat (`note`) is written under the table and into the exported title."""
    notes = _notes(result, columns)
    shown = layout.table(
        result.columns_of(columns),
        result.kinds(columns),
        result.threshold,
        labels={c: result.label(c) for c in columns},
        key=key,
        title=" — ".join([result.title(title), *notes]),
    )
    _caveats(notes)
    return shown


def table_by_year(
    result: Result,
    index: Sequence[str],
    columns: Sequence[str],
    years: Sequence[int],
    title: str = "",
    key: str | None = None,
) -> pd.DataFrame:
    """A result of one row per (year, category) as one row per category, the columns of each
    year side by side (« Radiations 2024 », « Radiations 2025 »)."""
    wide, kinds, labels = years_wide(result, list(index), list(columns), list(years))
    notes = _notes(result, columns)
    shown = layout.table(
        wide,
        kinds,
        result.threshold,
        labels=labels,
        key=key,
        title=" — ".join([result.title(title), *notes]),
    )
    _caveats(notes)
    return shown


def _notes(result: Result, columns: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for c in columns if (n := result.entry.column(c).note)))


def _caveats(notes: Iterable[str]) -> None:
    """Each caveat once a page (the set of this run's keys is emptied at every run)."""
    seen: set[str] = st.session_state.setdefault(layout.KEYS_OF_THIS_RUN, set())
    for note in notes:
        if f"note {note}" not in seen:
            seen.add(f"note {note}")
            st.caption(f":material/warning: {note}")


def scope(result: Result) -> None:
    """Which demands a section counts (the entry's own definition: « Demande sur le
    territoire : … », « Activité des guichets : … »), under its heading."""
    name, _, rest = result.entry.definition.partition(" : ")
    if rest:
        st.caption(f":material/filter_alt: **{name}** : {rest}")
    elif name:
        st.caption(f":material/filter_alt: {name}")


def notes(result: Result, heading: str, text: str) -> None:
    """A text column of the rows as a list under a table (long texts a table cell would cut:
    each réservataire's priorities), each row headed by its `heading` column."""
    lines = [
        f"- **{result.text(row, heading)}** : {result.text(row, text)}"
        for _, row in result.frame.iterrows()
        if not result.hidden(row, text) and isinstance(row[text], str) and row[text]
    ]
    if lines:
        st.markdown("\n".join(lines))


def crosstab(
    result: Result, index: str, columns: str, value: str, order: str, key: str | None = None
) -> pd.DataFrame:
    """Exact counts (members) of `value` as one row per `index` and one column per value of
    `columns`, columns in the order of `order`; a missing combination is a true zero."""
    if result.threshold > 0:
        raise ValueError(f"{result.entry.name} : tableau croisé réservé aux chiffres exacts")
    frame = result.frame
    heads = list(dict.fromkeys(frame.sort_values(order)[columns].astype(str)))
    wide = wide_counts(frame.astype({columns: str}), index, columns, value, heads)
    kind = result.entry.column(value).kind
    return layout.table(
        wide,
        {index: "text", **dict.fromkeys(heads, kind)},
        0,
        labels={index: result.label(index)},
        key=key,
    )


def prepared(
    frame: pd.DataFrame,
    title: str,
    key: str | None = None,
    export: exports.ExportTable | None = None,
) -> pd.DataFrame:
    """A table another module already wrote in French and headed (the evaluation's rows, each
    in its own unit, dashboard/evaluation.py), with its exports for members (`export`: its
    numbers as numbers)."""
    return layout.table(frame, {}, 0, key=key, title=title, export=export)


def definitions(results: Iterable[tuple[Result, Sequence[str]]], extra: str = "") -> None:
    """The definitions of the columns shown, under a chart or a table, each once, and their
    caveats (`note`)."""
    seen: dict[str, str] = {}
    notes: list[str] = []
    for result, columns in results:
        for column in columns:
            text = result.definition(column)
            if text and text not in seen.values():
                seen[result.label(column)] = text
        notes += [n for n in _notes(result, columns) if n not in notes]
    if not seen and not extra and not notes:
        return
    lines = [f"**{label}** : {text}" for label, text in seen.items()]
    if extra:
        lines.append(extra)
    if lines:
        st.caption("  \n".join(lines))
    _caveats(notes)
