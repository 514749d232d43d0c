"""Reshaping masked frames for `layout.table`: the secrecy flags follow their cells."""

from __future__ import annotations

import pandas as pd

from dashboard.masking import FLAG, SECONDARY_FLAG, marker
from dashboard.results import Result


def pivot_masked(
    masked: pd.DataFrame, index: str, columns: str, value: str, order: str | None = None
) -> pd.DataFrame:
    """One row per `index`, one column per value of `columns` (as text), holding `value`;
    a cell hidden by `mask` stays flagged so that `layout.table` writes « secret » there."""
    rows = masked.sort_values(order) if order else masked
    keys = list(dict.fromkeys(rows[index]))
    wide = rows.pivot(index=index, columns=columns, values=value).reindex(keys)
    out = wide.rename(columns=str)
    for prefix in (FLAG, SECONDARY_FLAG):
        if prefix + value not in rows.columns:
            continue
        flags = rows.pivot(index=index, columns=columns, values=prefix + value).reindex(keys)
        for column in wide.columns:
            out[prefix + str(column)] = flags[column].fillna(False).astype(bool)
    return out.reset_index()


def columns_of(masked: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The given columns, in this order, with their secrecy flags (for `layout.table`)."""
    flags = [FLAG + c for c in columns if FLAG + c in masked.columns]
    return masked[columns + flags]


def wide_counts(
    long: pd.DataFrame, index: str, columns: str, value: str, column_order: list[str]
) -> pd.DataFrame:
    """Counts from a long frame as one row per `index` and one column per `columns` value
    (in `column_order`); a combination absent from the long frame is a true zero."""
    keys = list(dict.fromkeys(long[index]))
    wide = long.pivot_table(index=index, columns=columns, values=value, aggfunc="first")
    wide = wide.reindex(index=keys, columns=column_order).fillna(0).astype("int64")
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index()


def long_counts(result: Result, index: str, columns: list[str]) -> pd.DataFrame:
    """Counts of a result as one row per (`index`, column), the column under its catalogue
    label in `indicateur`, the value in `nombre` (NaN where secrecy hid it, its marker then in
    `cache`), for line and bar charts."""
    frame = result.frame
    long = frame.melt(id_vars=index, value_vars=columns, var_name="indicateur", value_name="nombre")
    # how a hidden count reads (« < 11 » or « secret »), empty where it is shown
    records = frame.to_dict("records")
    long["cache"] = [
        marker(row, column, result.threshold) or "" for column in columns for row in records
    ]
    labels = {c: result.label(c) for c in columns}
    long["indicateur"] = long["indicateur"].map(labels)
    return long


def years_side_by_side(now: Result, before: Result | None, columns: list[str]) -> pd.DataFrame:
    """One row per figure of a one-row result (its label in `indicateur`), one column per year
    (the year before, when known, then the year), secrecy flags following their cells."""
    year = int(now.params["annee"])
    rows: dict[str, list] = {"indicateur": [now.label(c, short=True) for c in columns]}
    for result, label in ((before, str(year - 1)), (now, str(year))):
        if result is None:
            continue
        row = result.frame.iloc[0]
        rows[label] = [row[c] for c in columns]
        rows[FLAG + label] = [bool(row.get(FLAG + c, False)) for c in columns]
        rows[SECONDARY_FLAG + label] = [bool(row.get(SECONDARY_FLAG + c, False)) for c in columns]
    return pd.DataFrame(rows)


def years_wide(
    result: Result, index: list[str], columns: list[str], years: list[int]
) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """A result holding one row per (year, category) as one row per category and, for each
    year, its columns side by side (`actives_2024`, `part_actives_2024`, `actives_2025`…),
    secrecy flags following their cells; with the kinds and the labels (« Demandes actives
    2024 ») of the new columns, for tables and compared bars."""
    frame = result.frame
    keys = frame[frame["annee"] == years[-1]][index].drop_duplicates()
    out, kinds, labels = keys.reset_index(drop=True), {}, {}
    for year in years:
        rows = frame[frame["annee"] == year]
        picked = [c for c in frame.columns if c in columns] + [
            prefix + c
            for c in columns
            for prefix in (FLAG, SECONDARY_FLAG)
            if prefix + c in frame.columns
        ]
        renamed = rows[index + picked].rename(
            columns={c: _suffixed(c, columns, year) for c in picked}
        )
        out = out.merge(renamed, on=index, how="left")
        for column in columns:
            name = f"{column}_{year}"
            kinds[name] = result.entry.column(column).kind
            labels[name] = f"{result.label(column, short=True)} {year}"
    for column in index:
        labels[column] = result.label(column)
        kinds[column] = result.entry.column(column).kind
    return out, kinds, labels


def _suffixed(column: str, columns: list[str], year: int) -> str:
    for prefix in (FLAG, SECONDARY_FLAG, ""):
        if column.startswith(prefix) and column[len(prefix) :] in columns:
            return f"{prefix}{column[len(prefix) :]}_{year}"
    return column


def grid(result: Result, index: str, columns: str, value: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A long result as a grid (one row per `index`, one column per `columns`, in the order of
    the rows) and the grid of its secrecy flags, for a heat table."""
    wide = pivot_masked(result.frame, index, columns, value).set_index(index)
    names = [str(c) for c in dict.fromkeys(result.frame[columns])]
    flags = wide[[FLAG + c for c in names]].set_axis(names, axis=1)
    return wide[names], flags.astype(bool)


def stacked(parts: list[tuple[str, pd.DataFrame]], column: str) -> pd.DataFrame:
    """Frames one under the other, each named in `column` (the series of a chart drawn from
    two catalogue entries, e.g. the scores of housed households and of the active file)."""
    return pd.concat([frame.assign(**{column: name}) for name, frame in parts], ignore_index=True)
