"""Models materialised at import, dbt style: each staging view that costs at every request is
computed once, inside the import's write, into a table the queries read in its place.

A model is a SELECT in `queries/staging/modeles/NN_<name>.sql`, with its spec beside it. It is
stored as table `mod_<name>` and, on every cursor, view `stg_<name>` is redefined as a plain
read of that table: the indicator queries keep reading the staging names and do not change.
The two cotation views `stg_cotation_notes*` are empty without models; the `cotation` macros
then compute each score on demand, with the same rules.

The models are used only while they match what they were built from (`mod_meta`): the same
staging SQL, the same reference tables (the settings), the same last import. Otherwise the
cursor keeps the views, which give the same figures, only slower, until the next import or
`cil publier` rebuilds the models.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import pandas as pd

from dashboard import publication, queries
from dashboard.duck import execute, quoted, scalar
from dashboard.importer.errors import ImportFailed
from dashboard.schema import SCHEMA_VERSION
from dashboard.settings import QUERIES_DIR, Settings

MODELS_DIR = QUERIES_DIR / "staging" / "modeles"
META = "mod_meta"


@dataclass(frozen=True)
class Model:
    table: str  # mod_<name>, stored in the database
    view: str  # stg_<name>, the staging view the table replaces on every cursor
    sql: str

    @property
    def parameters(self) -> frozenset[str]:
        return queries.parameters_in(self.sql)


@lru_cache(maxsize=1)
def models() -> tuple[Model, ...]:
    """The models in file order (a model may read the tables of the ones before it)."""
    out = []
    for path in sorted(MODELS_DIR.glob("*.sql")):
        name = re.sub(r"^\d+_", "", path.stem)
        out.append(Model(f"mod_{name}", f"stg_{name}", path.read_text(encoding="utf-8")))
    return tuple(out)


def digest(reference: Mapping[str, pd.DataFrame]) -> str:
    """What the models are computed from, apart from the data: the schema, the staging and
    model SQL, and the reference tables the settings give (communes, guichets, grilles…)."""
    h = hashlib.sha256(f"schema {SCHEMA_VERSION}".encode())
    for sql in (*queries.staging_views(), *(m.sql for m in models())):
        h.update(sql.encode())
    for name in sorted(reference):
        h.update(name.encode())
        h.update(reference[name].to_csv(index=False).encode())
    return h.hexdigest()


def _last_import(con: duckdb.DuckDBPyConnection) -> int | None:
    # an undo adds an « annulation » row to the archive it puts back: its models still hold
    return scalar(con, "SELECT max(import_id) FROM import_log WHERE action = 'import'")


def years(con: duckdb.DuckDBPyConnection, settings: Settings) -> tuple[int, int]:
    """The years whose 31 December is scored at import: those the pages offer, and the one
    before the first (the evaluation's starting point)."""
    offered = publication.available_years(con, settings) or [settings.premiere_annee]
    return min(offered) - 1, max(offered)


def build(con: duckdb.DuckDBPyConnection, settings: Settings, fingerprint: str) -> None:
    """Builds every model in `con` (prepared without models, inside the import's write), each
    view pointed at its table as soon as it is built, then records what they were built from."""
    first, last = years(con, settings)
    given = {"annee_debut": first, "annee_fin": last}
    for model in models():
        params = {k: v for k, v in given.items() if k in model.parameters}
        try:
            execute(con, f"CREATE OR REPLACE TABLE {model.table} AS {model.sql}", params)
        except duckdb.Error as exc:
            first_line = str(exc).splitlines()[0] if str(exc) else repr(exc)
            raise ImportFailed(
                f"Calcul des modèles impossible ({model.table} : {first_line}). La base n'a "
                "pas été modifiée ; signalez ce message à l'équipe qui maintient l'observatoire."
            ) from exc
        _point_view(con, model)
    execute(
        con,
        f"CREATE OR REPLACE TABLE {META} AS SELECT ? AS empreinte, ? AS import_id,"
        " current_localtimestamp() AS construits, ?::INTEGER AS premiere_annee_notee,"
        " ?::INTEGER AS derniere_annee_notee,"
        " (SELECT list(DISTINCT version ORDER BY version) FROM ref_grilles) AS grilles_notees",
        [fingerprint, _last_import(con), first, last],
    )
    use(con)  # the publication, next in the write, reads the models too


def drop(con: duckdb.DuckDBPyConnection) -> None:
    """Removes the models (an import that leaves the publication to a later one: the tables
    would describe the data before it)."""
    execute(con, f"DROP TABLE IF EXISTS {META}")
    for model in models():
        execute(con, f"DROP TABLE IF EXISTS {model.table}")


def current(con: duckdb.DuckDBPyConnection, fingerprint: str) -> bool:
    """The database holds models built from this SQL, these settings and its last import."""
    try:
        rows = execute(con, f"SELECT empreinte, import_id FROM {META}")
    except duckdb.CatalogException:
        return False
    return bool(rows) and rows[0] == (fingerprint, _last_import(con))


def use(con: duckdb.DuckDBPyConnection) -> None:
    """Points each staging view at its model's table (on a prepared cursor), and tells the
    cotation macros which grilles and 31 Decembers were scored at import."""
    for model in models():
        _point_view(con, model)
    first, last, grilles = execute(
        con, f"SELECT premiere_annee_notee, derniere_annee_notee, grilles_notees FROM {META}"
    )[0]
    # Written as constants, not read from a table: DuckDB then settles the condition while
    # planning, and never runs the scoring of the branch it rules out (a subquery would not).
    # The values are those mod_meta recorded at import (the settings' grilles), never a user's.
    scored = f"grille IN ({', '.join(quoted(v) for v in grilles)})" if grilles else "false"
    execute(con, f"CREATE OR REPLACE TEMP MACRO cotation_grille_notee(grille) AS {scored}")
    execute(
        con,
        "CREATE OR REPLACE TEMP MACRO cotation_notee(grille, jour) AS cotation_grille_notee(grille)"
        f" AND year(jour) BETWEEN {int(first)} AND {int(last)}"
        " AND month(jour) = 12 AND day(jour) = 31",
    )


def _point_view(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    execute(con, f"CREATE OR REPLACE TEMP VIEW {model.view} AS SELECT * FROM {model.table}")


def in_use(con: duckdb.DuckDBPyConnection) -> bool:
    """The cursor reads the models (its staging views are reads of their tables)."""
    model = models()[0]
    sql = scalar(
        con,
        "SELECT sql FROM duckdb_views() WHERE temporary AND view_name = ?",
        [model.view],
    )
    return bool(sql) and model.table in sql
