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

from dashboard import publication, queries
from dashboard.catalogue import entry
from dashboard.db import Database, DatabaseUnavailable, FileIdentity, file_identity, resolve_db_path
from dashboard.results import Result, flagged
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


def _frozen(params: dict[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _settings_mtime() -> int:
    pinned = st.session_state.get(PINNED)
    return pinned[1] if pinned is not None else settings_path().stat().st_mtime_ns


def query(name: str, **params: Any) -> pd.DataFrame:
    """Runs queries/<name>.sql with bound parameters (cached)."""
    db = database()
    frame = _cached(db.identity, _settings_mtime(), name, _frozen(params))
    return frame.copy()


@st.cache_data(max_entries=4000, show_spinner=False)
def _published(
    identity: FileIdentity, settings_mtime: int, name: str, params: tuple
) -> pd.DataFrame:
    db = _open(identity, settings_mtime)
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    with db.cursor() as cursor:
        return publication.lookup(cursor, entry(name), bound)


def fetch(name: str, optional: bool = False, **params: Any) -> Result | None:
    """The figures of queries/<name>.sql with their catalogue entry: exact for members, from
    the publication (masked as a whole) for the public (entries with `secret: false` are read
    from the extracts for everyone). A view the publication does not hold
    (several communes, several years) stops the page with a message saying why, or gives
    None when `optional` (the year before the first one, for a comparison)."""
    from dashboard.ui import access

    settings = get_settings()
    threshold = access.threshold(settings)
    spec = entry(name)
    wanted = queries.parameters_of(name)
    bound = {k: v for k, v in params.items() if k in wanted}
    db = database()
    if threshold <= 0 or not spec.secret:  # nothing to protect: the extracts, for everyone
        frame = _cached(db.identity, _settings_mtime(), name, _frozen(bound))
    else:
        try:
            frame = _published(db.identity, _settings_mtime(), name, _frozen(bound))
        except publication.NotPublished as exc:
            if optional:
                return None
            st.info(str(exc), icon=":material/info:")
            st.stop()
    return Result(spec, {**params, **bound}, flagged(frame.copy(), spec), threshold)


def publication_problem() -> str | None:
    """Why the public cannot be shown figures now (publication missing or built for other
    settings), or None."""
    db = database()
    with db.cursor() as cursor:
        try:
            publication.check_current(cursor, get_settings())
        except publication.NotPublished as exc:
            return str(exc)
    return None


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


def fetch_live(name: str, tables: dict[str, pd.DataFrame], **params: Any) -> Result:
    """An entry about no household (`secret: false`: the plan's actions and the dates of its
    reports) over what the app records (tables registered for this call, see `query_live`),
    with its catalogue entry: exact and uncached, for members and the public alike."""
    spec = entry(name)
    if spec.secret:
        raise ValueError(f"{name} compte des ménages : il se lit par fetch, pas fetch_live")
    wanted = queries.parameters_of(name)
    bound = {k: v for k, v in params.items() if k in wanted}
    frame = query_live(name, tables, **bound)
    return Result(spec, {**params, **bound}, flagged(frame, spec), 0)


__all__ = [
    "DatabaseUnavailable",
    "database",
    "fetch",
    "fetch_live",
    "pin_database",
    "publication_problem",
    "query",
    "query_live",
    "settings",
]
