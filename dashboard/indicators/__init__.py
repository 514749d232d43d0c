"""`cil indicateurs`: the key figures of a year, as one JSON object.

Every key is a column of the catalogue that says `publishes: <key>` (queries/*.yml): the CLI
runs that entry's query for the year and the communes (its `params`), reads the rows its
`publish_where` names and writes each published column under its key, `{column}`
placeholders filled from the row. The same value as the page and the report, by construction.
With `public`, the values are those of the publication (masked as a whole; a hidden figure is
null and listed under `masques`).

The modules in MODULES hold the keys not yet described by the catalogue.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from dashboard import publication, queries
from dashboard.catalogue import Entry, entries, published_keys
from dashboard.db import Database
from dashboard.results import Result, fetch
from dashboard.settings import Settings

MODULES = []


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


def compute_indicators(
    database: Database,
    annee: int,
    communes: list[str] | None,
    public: bool = False,
    definitions: bool = False,
) -> dict:
    settings = database.settings
    chosen = communes or settings.insee_codes
    unknown = sorted(set(chosen) - set(settings.insee_codes))
    if unknown:
        raise ValueError(
            f"Commune inconnue du territoire : {', '.join(unknown)} (communes : "
            + ", ".join(f"{c.insee} {c.nom}" for c in settings.communes)
            + ")"
        )
    if public and communes and len(communes) > 1:
        raise ValueError("Les chiffres publics portent sur tout le territoire ou une commune.")
    _load_modules()
    values: dict[str, Any] = {"annee": annee, "communes": chosen}
    hidden: list[str] = []
    threshold = settings.seuil_secret if public else 0
    with database.cursor() as cursor:
        for spec in publishing_entries():
            territory_only = (spec.publication or {}).get("perimeters") == "territoire"
            if public and communes and territory_only:
                continue  # published for the whole territory only
            for params in publication.resolve(spec, settings, annee, chosen, single_grid=True):
                try:
                    result = fetch(cursor, spec.name, threshold, **params)
                except publication.NotPublished as exc:
                    raise ValueError(str(exc)) from None
                _publish(result, values, hidden)
        if not public:  # keys not yet in the catalogue: not published for the public
            context = Context(cursor, annee, chosen, settings)
            for func in _REGISTRY:
                values.update(func(context))
    if public:
        values["masques"] = sorted(hidden)
    if definitions:
        values["definitions"] = key_definitions()
    return values


def publishing_entries() -> list[Entry]:
    return [e for e in entries().values() if any(c.publishes for c in e.columns.values())]


def _selected(result: Result) -> pd.DataFrame:
    rows = result.frame
    for column, wanted in result.entry.publish_where.items():
        if isinstance(wanted, str) and wanted.startswith("$"):
            wanted = result.params[wanted[1:]]
        rows = rows[rows[column].isna()] if wanted is None else rows[rows[column] == wanted]
    return rows


def _publish(result: Result, values: dict[str, Any], hidden: list[str]) -> None:
    for _, row in _selected(result).iterrows():
        names = {**result.params, **{k: plain(v) for k, v in row.items()}}
        for column in result.entry.columns.values():
            if not column.publishes:
                continue
            # the template is split first: a value holding a dot (« S.A. HLM ») stays one key
            path = [part.format(**names) for part in column.publishes.split(".")]
            target = values
            for part in path[:-1]:
                target = target.setdefault(part, {})
            value = plain(result.value(row, column.name))
            if column.is_count and isinstance(value, float) and value.is_integer():
                value = int(value)  # a count read from a masked (float) column
            target[path[-1]] = value
            if result.hidden(row, column.name):
                hidden.append(".".join(path))


def key_definitions() -> dict[str, dict[str, str]]:
    """Each key (its template) with the label, definition, source and query it comes from."""
    return {
        key: {
            "libelle": column.label,
            "definition": column.definition,
            "source": column.source or spec.source,
            "requete": spec.name,
        }
        for key, (spec, column) in published_keys().items()
    }


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
