"""One query run for many parameter sets in a single statement (the publication's runs).

The publication runs each published query once per (year, perimeter, grid): dozens of small
statements per query, each paying its planning and its scans. Written as a LATERAL join over a
table of parameter sets, the same query runs once for all of them: DuckDB decorrelates it into
joins and scans the models once. Only queries of a simple shape are rewritten (a final
top-level SELECT … FROM, an optional final ORDER BY, no top-level set operation); the others
run one by one, as before. tests/test_batched.py checks, on every published query, that the
batched result equals the one-by-one results, rows and order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from dashboard import queries

LOT = "_lot"  # the index of the parameter set a row answers
RANK = "_rang_lot"  # the row's place in the query's own ORDER BY
_COMMENT = re.compile(r"--[^\n]*")
_SET_OPERATION = re.compile(r"^(UNION|INTERSECT|EXCEPT)\b", re.MULTILINE)
_FINAL_SELECT = re.compile(r"^SELECT\b(?!\s+DISTINCT)", re.MULTILINE)
_FINAL_FROM = re.compile(r"^FROM\b", re.MULTILINE)
_FINAL_ORDER = re.compile(r"^ORDER BY\b", re.MULTILINE)
_TRAILING = re.compile(r"^(LIMIT|OFFSET)\b", re.MULTILINE)
_POSITIONAL = re.compile(r"^\s*(\d+|ALL)\b", re.IGNORECASE)
_counter = itertools.count()


@cache
def batched_sql(name: str) -> str | None:
    """The query `name` rewritten to run for every row of a parameter table `{table}` (a
    template: the caller names the table), or None when its shape is not one we rewrite."""
    sql = _COMMENT.sub("", queries.load_sql(name)).strip().rstrip(";").rstrip()
    if _SET_OPERATION.search(sql) or _TRAILING.search(sql):
        return None
    selects = list(_FINAL_SELECT.finditer(sql))
    if not selects or len(re.findall(r"^SELECT\b", sql, re.MULTILINE)) != len(selects):
        return None  # no final SELECT, or a SELECT DISTINCT at the top level
    final = selects[-1].start()
    order = [m for m in _FINAL_ORDER.finditer(sql) if m.start() > final]
    rank = ""
    if order:
        clause = sql[order[-1].end() :].strip()
        if _has_positional(clause):
            return None  # ORDER BY 1, 2 means constants in a window
        froms = [m for m in _FINAL_FROM.finditer(sql) if final < m.start() < order[-1].start()]
        if not froms:
            return None
        body = sql[: order[-1].start()].rstrip()
        at = froms[0].start()
        body = f"{body[:at]}    , row_number() OVER (ORDER BY {clause}) AS {RANK}\n{body[at:]}"
        rank = f", _q.{RANK}"
    else:
        body = sql
    correlated = queries.PARAMETER.sub(r"_p.\1", body)
    return (
        f"SELECT _p.{LOT}, _q.* FROM {{table}} AS _p, LATERAL (\n{correlated}\n) AS _q"
        f" ORDER BY _p.{LOT}{rank}"
    )


def _has_positional(clause: str) -> bool:
    return any(_POSITIONAL.match(part) for part in clause.split(","))


def batchable(name: str) -> bool:
    return batched_sql(name) is not None


def run_many(
    cursor: duckdb.DuckDBPyConnection, name: str, sets: Sequence[Mapping[str, Any]]
) -> list[pd.DataFrame]:
    """queries.run(cursor, name, **params) for each parameter set, in order, in one statement
    when the query allows it."""
    template = batched_sql(name)
    wanted = queries.parameters_of(name)
    if template is None or len(sets) < 2 or not wanted:
        return [queries.run(cursor, name, **params) for params in sets]
    bound = [queries.bound_parameters(name, params) for params in sets]
    table = f"_lots_{next(_counter)}"
    cursor.register(table, _parameter_table(bound, sorted(wanted)))
    try:
        result = cursor.execute(template.format(table=table)).df()
    finally:
        cursor.unregister(table)
    bounds = np.searchsorted(result[LOT].to_numpy(), np.arange(len(sets) + 1))
    parts = result.drop(columns=[LOT, RANK], errors="ignore")
    return [
        parts.iloc[start:stop].reset_index(drop=True) for start, stop in itertools.pairwise(bounds)
    ]


def _parameter_table(sets: Sequence[Mapping[str, Any]], names: list[str]) -> pd.DataFrame:
    """One row per set, typed as DuckDB types a bound value: a Python int is an INTEGER when
    it fits (so `$annee AS annee` keeps its type), a list a LIST."""
    columns: dict[str, Any] = {LOT: np.arange(len(sets), dtype=np.int64)}
    for name in names:
        values = [params[name] for params in sets]
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            fits = all(-(2**31) <= v < 2**31 for v in values)
            columns[name] = np.array(values, dtype=np.int32 if fits else np.int64)
        elif any(isinstance(v, list | tuple) for v in values):
            column = np.empty(len(values), dtype=object)
            column[:] = [list(v) for v in values]
            columns[name] = column
        else:
            columns[name] = values
    return pd.DataFrame(columns)
