"""Data access for the pages: the open database and cached query results.

Query results are cached per (database file identity, settings, query, parameters): a rerun
with the same filters costs nothing, and an import (a new file) invalidates everything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.db import Database, DatabaseUnavailable, FileIdentity, file_identity, resolve_db_path
from dashboard.settings import Settings, get_settings, settings_path


@st.cache_resource(max_entries=2, show_spinner=False)
def _open(identity: FileIdentity, settings_mtime: int) -> Database:
    return Database(Path(identity.path), get_settings())


def database() -> Database:
    """The current database; raises DatabaseUnavailable with a French message."""
    identity = file_identity(resolve_db_path())
    return _open(identity, settings_path().stat().st_mtime_ns)


def settings() -> Settings:
    return get_settings()


@st.cache_data(max_entries=2000, show_spinner=False)
def _cached(identity: FileIdentity, settings_mtime: int, name: str, params: tuple) -> pd.DataFrame:
    db = _open(identity, settings_mtime)
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    with db.cursor() as cursor:
        return queries.run(cursor, name, **bound)


def query(name: str, **params: Any) -> pd.DataFrame:
    """Runs queries/<name>.sql with bound parameters (cached)."""
    db = database()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    frame = _cached(db.identity, settings_path().stat().st_mtime_ns, name, frozen)
    return frame.copy()


def query_live(name: str, tables: dict[str, pd.DataFrame], **params: Any) -> pd.DataFrame:
    """Runs a query over extra tables registered for this call only, without caching: for
    what changes without an import (the plan actions' statuses saved in the app)."""
    db = database()
    with db.cursor() as cursor:
        for table, frame in tables.items():
            cursor.register(table, frame)
        try:
            return queries.run(cursor, name, **params)
        finally:
            for table in tables:
                cursor.unregister(table)


__all__ = ["DatabaseUnavailable", "database", "query", "query_live", "settings"]
