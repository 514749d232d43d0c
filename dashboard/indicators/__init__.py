"""`cil indicateurs`: the key figures of a year, as one JSON object.

Each page's issue adds a module here (listed in MODULES) whose functions, decorated with
@indicator, return the keys that page publishes. They read the same SQL files as the pages.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from dashboard import queries
from dashboard.db import Database
from dashboard.settings import Settings

MODULES = [
    "accueil",
    "enregistrements",
    "profil",
    "mutations",
    "delais",
    "attributions",
    "cotation",
    "parc",
]


@dataclass
class Context:
    cursor: duckdb.DuckDBPyConnection
    annee: int
    communes: list[str]
    settings: Settings

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        defaults = {
            "annee": self.annee,
            "communes": self.communes,
            "premiere_annee": self.settings.premiere_annee,
        }
        return queries.run(self.cursor, name, **{**defaults, **params})


_REGISTRY: list[Callable[[Context], dict[str, Any]]] = []


def indicator(func: Callable[[Context], dict[str, Any]]) -> Callable[[Context], dict[str, Any]]:
    _REGISTRY.append(func)
    return func


def _load_modules() -> None:
    for name in MODULES:
        importlib.import_module(f"dashboard.indicators.{name}")


def compute_indicators(database: Database, annee: int, communes: list[str] | None) -> dict:
    settings = database.settings
    chosen = communes or settings.insee_codes
    unknown = sorted(set(chosen) - set(settings.insee_codes))
    if unknown:
        raise ValueError(
            f"Commune inconnue du territoire : {', '.join(unknown)} (communes : "
            + ", ".join(f"{c.insee} {c.nom}" for c in settings.communes)
            + ")"
        )
    _load_modules()
    values: dict[str, Any] = {"annee": annee, "communes": chosen}
    with database.cursor() as cursor:
        context = Context(cursor, annee, chosen, settings)
        for func in _REGISTRY:
            values.update(func(context))
    return values


def plain(value: Any) -> Any:
    """JSON-friendly scalars: NaN and NA become None, numpy numbers become Python ones."""
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def to_csv_rows(values: dict, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from to_csv_rows(value, name + ".")
        elif isinstance(value, list):
            yield name, "|".join(str(v) for v in value)
        else:
            yield name, "" if value is None else value
