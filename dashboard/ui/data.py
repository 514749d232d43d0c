"""Data access for the pages: the open database and cached query results.

Query results are cached per (database file identity, settings, query, parameters): a rerun
with the same filters costs nothing, and an import (a new file) invalidates everything.

`pin_database()`, called by app.py at the top of every run, fixes the file that run reads: an
import that swaps the file in the middle of a run does not change it, so a page shows the old
data or the new, never a mix. The next run reads the new file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.db import Database, DatabaseUnavailable, FileIdentity, file_identity, resolve_db_path
from dashboard.settings import Settings, get_settings, settings_path

PINNED = "_base_de_ce_passage"


class _Swapped(Exception):
    """The file was replaced between reading its identity and opening it (not cached)."""


# Room for the file of runs still going on and the new one, even after two quick imports.
@st.cache_resource(max_entries=4, show_spinner=False)
def _open(identity: FileIdentity, settings_mtime: int) -> Database:
    db = Database(Path(identity.path), get_settings())
    if db.identity != identity:  # never cache a file under another file's identity
        db.close()
        raise _Swapped
    return db


def _current() -> Database:
    for _attempt in range(5):
        try:
            return _open(file_identity(resolve_db_path()), settings_path().stat().st_mtime_ns)
        except _Swapped:
            continue
    raise DatabaseUnavailable(
        "La base de données est en train d'être remplacée par un import : rechargez la page."
    )


def pin_database() -> Database:
    """The current database, fixed for the rest of this run (see the module's docstring)."""
    db = _current()
    st.session_state[PINNED] = (db.identity, settings_path().stat().st_mtime_ns)
    return db


def database() -> Database:
    """The database of this run; raises DatabaseUnavailable with a French message."""
    pinned = st.session_state.get(PINNED)
    if pinned is None:
        return _current()
    try:
        return _open(*pinned)
    except _Swapped:  # this run's file left the cache and was replaced since: the new one
        return pin_database()


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
    pinned = st.session_state.get(PINNED)
    settings_mtime = pinned[1] if pinned is not None else settings_path().stat().st_mtime_ns
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    frame = _cached(db.identity, settings_mtime, name, frozen)
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


__all__ = ["DatabaseUnavailable", "database", "pin_database", "query", "query_live", "settings"]
