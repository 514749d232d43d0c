"""A page's queries replayed directly, without Streamlit: cold (a fresh connection, DuckDB's
buffers empty; the file may still be in the system's page cache) and warm (the same
connection again). The Streamlit cache is out of the picture: these are DuckDB's times."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bench.pages import Call, median
from dashboard import queries
from dashboard.db import Database


@dataclass
class Replay:
    open_seconds: float  # opening the file and preparing a cursor (views, reference tables)
    cold: float  # the page's queries on that fresh cursor
    warm: float  # the same queries again, median of the repeats
    slowest: tuple[str, float]  # the slowest query when warm
    warm_cpu: float = float("nan")  # CPU time of the warm pass (all DuckDB threads)


def _run_all(cursor, calls: list[Call]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    times: dict[str, float] = {}
    for call in calls:
        for table, frame in call.tables.items():
            cursor.register(table, frame)
        started = time.perf_counter()
        queries.run(cursor, call.name, **call.params)
        times[call.name] = times.get(call.name, 0.0) + time.perf_counter() - started
        for table in call.tables:
            cursor.unregister(table)
    return times


def replay(db: Path, calls: list[Call], repeats: int) -> Replay:
    opened, colds, warms, per_query, cpus = [], [], [], [], []
    for i in range(repeats + 1):
        started = time.perf_counter()
        database = Database(db)
        with database.cursor() as cursor:
            ready = time.perf_counter()
            cold = sum(_run_all(cursor, calls).values())
            cpu = time.process_time()
            warm_times = _run_all(cursor, calls)
            cpu = time.process_time() - cpu
        database.close()
        if i:  # the first round warms the system's file cache and Python's imports
            opened.append(ready - started)
            colds.append(cold)
            warms.append(sum(warm_times.values()))
            per_query.append(warm_times)
            cpus.append(cpu)
    by_query = {name: median([run[name] for run in per_query]) for name in per_query[-1]}
    slow = max(by_query.items(), key=lambda kv: kv[1]) if calls else ("", 0.0)
    return Replay(median(opened), median(colds), median(warms), slow, median(cpus))
