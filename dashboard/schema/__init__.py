"""Database schema and its migrations.

Each `NNN_name.sql` file is one migration, applied in order; `meta.schema_version` records the
last one applied. Imports apply pending migrations to the copy they write, so a database of an
older schema is brought up to date by the next import (or `cil migrer`).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard.duck import execute, scalar

SCHEMA_DIR = Path(__file__).resolve().parent


def migrations() -> list[tuple[int, Path]]:
    files = sorted(SCHEMA_DIR.glob("[0-9][0-9][0-9]_*.sql"))
    return [(int(f.name[:3]), f) for f in files]


SCHEMA_VERSION = migrations()[-1][0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'")
    if not exists:
        return 0
    value = scalar(con, "SELECT valeur FROM meta WHERE cle = 'schema_version'")
    return int(value) if value is not None else 0


def apply_migrations(con: duckdb.DuckDBPyConnection) -> int:
    """Applies the pending migrations inside the caller's transaction; returns the version."""
    version = current_version(con)
    for number, path in migrations():
        if number > version:
            execute(con, path.read_text(encoding="utf-8"))
            execute(con, "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)])
            version = number
    return version
