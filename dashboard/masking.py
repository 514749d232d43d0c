"""Statistical secrecy: small counts are hidden in every displayed table, chart and export.

A count strictly between 0 and the threshold (11 by default, as the national SNE publications
do) is shown « < 11 », and every share computed from it is hidden too, since a share and its
denominator give the count back. Zero is shown: it points at no household.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.formatting import FORMATTERS

FLAG = "_masque_"  # FLAG + column: the cell is hidden by secrecy
SECONDARY_FLAG = "_secondaire_"  # hidden although not small, so that a small one stays hidden
SECRET = "secret"


def is_small(values: pd.Series, threshold: int) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    return (numbers > 0) & (numbers < threshold)


def mask(
    frame: pd.DataFrame,
    counts: Iterable[str],
    shares: Mapping[str, Iterable[str]] | None = None,
    threshold: int = 11,
) -> pd.DataFrame:
    """Returns a copy where small counts, and the shares derived from them, are missing.

    `shares` maps a share column to the count columns it is computed from. For each masked
    column `c`, a boolean column `_masque_c` records which cells were hidden by secrecy (as
    opposed to missing), so that displays can write « < 11 » there."""
    out = frame.copy()
    flags: dict[str, pd.Series] = {}
    for column in counts:
        small = is_small(out[column], threshold) if threshold > 0 else pd.Series(False, out.index)
        flags[column] = small.fillna(False).astype(bool)
    for share, sources in (shares or {}).items():
        hidden = pd.Series(False, index=out.index)
        for source in sources:
            hidden |= flags[source] if source in flags else is_small(out[source], threshold)
        flags[share] = hidden.fillna(False).astype(bool)
    for column, hidden in flags.items():
        out[column] = out[column].astype("float64").mask(hidden)
        out[FLAG + column] = hidden
    return out


def masked_label(threshold: int) -> str:
    return f"< {threshold}"


def marker(row: Mapping, column: str, threshold: int, count: bool = True) -> str | None:
    """How a hidden cell reads: « < 11 » for a small count, « secret » for a count hidden to
    protect another one or for a share resting on a hidden count; None when shown."""
    if not bool(row.get(FLAG + column, False)):
        return None
    if count and not bool(row.get(SECONDARY_FLAG + column, False)):
        return masked_label(threshold)
    return SECRET


def with_flags(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """`frame` with a (false) secrecy flag for each of `columns` that has none: exact figures
    read the same way as masked ones."""
    missing = {
        prefix + c: False
        for c in columns
        for prefix in (FLAG, SECONDARY_FLAG)
        if c in frame.columns and prefix + c not in frame.columns
    }
    return frame.assign(**missing) if missing else frame


def display(
    frame: pd.DataFrame,
    formats: Mapping[str, str],
    threshold: int = 11,
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Text version of a (masked) frame for st.dataframe and exports: French formats,
    « < 11 » where secrecy hid a count, « secret » where it hid a share computed from one,
    « — » where there is no value."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        if column.startswith((FLAG, SECONDARY_FLAG)):
            continue
        kind = formats.get(column, "text")
        text = frame[column].map(FORMATTERS[kind])
        flag = frame.get(FLAG + column)
        if flag is not None:
            label = masked_label(threshold) if kind in ("int", "count") else SECRET
            text = text.mask(flag.astype(bool), label)
            secondary = frame.get(SECONDARY_FLAG + column)
            if secondary is not None:
                text = text.mask(secondary.astype(bool), SECRET)
        name = (labels or {}).get(column, column)
        if (
            name in out.columns
        ):  # two columns under one heading: one would silently replace the other
            raise ValueError(f"Deux colonnes portent le même intitulé : {name!r}")
        out[name] = text
    return out
