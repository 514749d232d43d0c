"""Which queries each page runs, and the server-side time of a page run (AppTest).

The pages are those of `dashboard.views.PAGES`: a page added to the menu is measured without
touching the benchmark. Its queries are recorded by running it under AppTest with
`dashboard.queries.run` wrapped, the one function every query of the product goes through
(`dashboard.ui.data.query`, `query_live`, the indicators behind the evaluation and the report);
the tables that `query_live` registers for a call are recorded with it so that the replay can
register them again.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from bench import member
from dashboard import queries
from dashboard.settings import REPO_DIR
from dashboard.ui import data
from dashboard.views import PAGES, PageSpec

APP = str(REPO_DIR / "dashboard" / "app.py")


@dataclass
class Call:
    name: str
    params: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


@dataclass
class PageRun:
    spec: PageSpec
    calls: list[Call]
    seconds: list[float]  # server-side page runs, Streamlit's data cache emptied before each
    cached_seconds: list[float]  # the same run again, answered from Streamlit's cache
    errors: list[str]
    cpu_seconds: list[float] = field(default_factory=list)  # CPU time of the timed runs


_live = threading.local()


@contextmanager
def recording() -> Iterator[list[Call]]:
    """Every query run meanwhile (in any thread) is appended to the list it yields."""
    calls: list[Call] = []
    original_run, original_live = queries.run, data.query_live

    def run(cursor, name, **params):  # type: ignore[no-untyped-def]
        tables = getattr(_live, "tables", None) or {}
        calls.append(Call(name, dict(params), dict(tables)))
        return original_run(cursor, name, **params)

    def query_live(name, tables, **params):  # type: ignore[no-untyped-def]
        _live.tables = tables
        try:
            return original_live(name, tables, **params)
        finally:
            _live.tables = None

    queries.run, data.query_live = run, query_live
    try:
        yield calls
    finally:
        queries.run, data.query_live = original_run, original_live


def _open(spec: PageSpec) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=600)
    at.user = dict(member.MEMBER)  # every page, members-only ones included
    at.run()
    return at


def _switch(at: AppTest, spec: PageSpec, cpu: list[float] | None = None) -> float:
    at.switch_page(f"views/{spec.file}")
    started, cpu_started = time.perf_counter(), time.process_time()
    at.run()
    if cpu is not None:
        cpu.append(time.process_time() - cpu_started)
    return time.perf_counter() - started


def run_pages(db: Path, repeats: int, pages: list[PageSpec] | None = None) -> list[PageRun]:
    """For each page: its recorded queries (first run, caches empty), then `repeats` timed
    runs after one warm-up, each with Streamlit's data cache emptied (a new filter state:
    every query really runs, on the warm connection), and as many from the cache."""
    os.environ["CIL_DB"] = str(db)
    member.use_member_settings()
    st.cache_resource.clear()
    results = []
    for spec in pages or PAGES:
        at = _open(spec)
        st.cache_data.clear()
        with recording() as calls:
            cpu_started = time.process_time()
            first = _switch(at, spec)
            first_cpu = time.process_time() - cpu_started
        errors = [str(e.value) for e in at.exception]
        if repeats == 0:  # one run only (national scale): the recording run is the measure
            results.append(PageRun(spec, list(calls), [first], [], errors, [first_cpu]))
            continue
        timed, cached, cpu = [], [], []
        for i in range(repeats + 1):
            st.cache_data.clear()
            seconds = _switch(at, spec, cpu if i else None)
            again = _switch(at, spec)
            if i:  # the first is the warm-up
                timed.append(seconds)
                cached.append(again)
        results.append(PageRun(spec, list(calls), timed, cached, errors, cpu))
    return results


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
