"""Small DuckDB helpers shared by the importer, the schema and the read side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def execute(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | dict | None = None
) -> list[tuple]:
    """Runs a statement and drains its result.

    DuckDB 2 refuses the next statement on a connection whose previous result was not fully
    fetched, so every statement whose rows we do not need goes through here."""
    return con.execute(sql, params if params is not None else []).fetchall()


def scalar(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | dict | None = None
) -> Any:
    rows = execute(con, sql, params)
    return rows[0][0] if rows else None


def quoted(text: str) -> str:
    """A SQL string literal, for the few statements that cannot bind a parameter (ATTACH, a
    macro's body)."""
    return "'" + text.replace("'", "''") + "'"
