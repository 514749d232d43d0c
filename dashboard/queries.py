"""Indicators are SQL files in queries/, loaded by name and run with bound parameters.

A query's name is its path under queries/ without `.sql` (for example
`accueil/chiffres_cles`). Parameters are DuckDB named parameters (`$annee`, `$communes`): values
are always bound, never formatted into the SQL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import duckdb
import pandas as pd

from dashboard.settings import QUERIES_DIR

PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)", re.IGNORECASE)


class UnknownQuery(KeyError):
    pass


@lru_cache(maxsize=512)
def load_sql(name: str) -> str:
    path = (QUERIES_DIR / f"{name}.sql").resolve()
    if QUERIES_DIR.resolve() not in path.parents or not path.exists():
        raise UnknownQuery(f"requête inconnue : {name}")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=512)
def parameters_of(name: str) -> frozenset[str]:
    return parameters_in(load_sql(name))


def parameters_in(sql: str) -> frozenset[str]:
    """The named parameters of `sql`, comments apart."""
    return frozenset(PARAMETER.findall(re.sub(r"--[^\n]*", "", sql)))


def bound_parameters(name: str, params: Mapping[str, object]) -> dict[str, object]:
    """The parameters of `params` that queries/<name>.sql takes; a missing one fails."""
    wanted = parameters_of(name)
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"{name} : paramètres manquants {sorted(missing)}")
    return {k: v for k, v in params.items() if k in wanted}


def run(cursor: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Runs queries/<name>.sql; parameters it does not use are dropped, missing ones fail."""
    return cursor.execute(load_sql(name), bound_parameters(name, params)).df()


@lru_cache(maxsize=1)
def staging_views() -> tuple[str, ...]:
    """The staging views, in file-name order (a view may use the ones before it)."""
    files = sorted((QUERIES_DIR / "staging").glob("*.sql"))
    return tuple(f.read_text(encoding="utf-8") for f in files)
