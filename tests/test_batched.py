"""A published query run for many parameter sets in one statement (dashboard/batched.py)
answers, set by set, exactly what the query run alone answers: same columns, same rows,
same order."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import batched, publication, queries
from dashboard.db import Database
from dashboard.settings import get_settings

PUBLISHED = sorted(e.name for e in publication.published_entries())


@pytest.fixture(scope="module")
def demo(demo_db):
    db = Database(demo_db)
    yield db
    db.close()


def test_every_published_query_is_batched():
    # a query that stops being batchable would silently fall back to one statement per set
    assert [name for name in PUBLISHED if not batched.batchable(name)] == []


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT $annee AS annee FROM t\nUNION ALL\nSELECT 1 AS annee FROM t\nORDER BY annee",
        "SELECT DISTINCT commune FROM t WHERE annee = $annee",
        "SELECT commune FROM t WHERE annee = $annee\nORDER BY 1",
        "SELECT commune FROM t WHERE annee = $annee\nORDER BY commune\nLIMIT 3",
    ],
    ids=["union", "distinct", "positional-order", "limit"],
)
def test_a_query_of_another_shape_is_not_rewritten(sql, monkeypatch):
    monkeypatch.setattr(queries, "load_sql", lambda name: sql)
    batched.batched_sql.cache_clear()
    try:
        assert batched.batched_sql("forme") is None
    finally:
        batched.batched_sql.cache_clear()


def test_a_rewritten_query_keeps_its_own_order_and_parameters(monkeypatch):
    sql = (
        "-- $annee in a comment stays out\n"
        "WITH x AS (\n    SELECT 1 AS a\n    UNION ALL\n    SELECT 2\n)\n"
        "SELECT a + $annee AS b\nFROM x\nORDER BY a DESC;\n"
    )
    monkeypatch.setattr(queries, "load_sql", lambda name: sql)
    monkeypatch.setattr(queries, "parameters_of", lambda name: frozenset({"annee"}))
    batched.batched_sql.cache_clear()
    try:
        import duckdb

        con = duckdb.connect()
        frames = batched.run_many(con, "forme", [{"annee": 10}, {"annee": 20}, {"annee": 30}])
        assert [frame["b"].tolist() for frame in frames] == [[12, 11], [22, 21], [32, 31]]
        assert list(frames[0].columns) == ["b"]
    finally:
        batched.batched_sql.cache_clear()


@pytest.mark.parametrize("name", PUBLISHED)
def test_batched_runs_equal_the_runs_one_by_one(name, demo):
    settings = get_settings()
    entry = next(e for e in publication.published_entries() if e.name == name)
    with demo.cursor() as cursor:
        years = publication.available_years(cursor, settings)
        sets = [run.params for run in publication.runs(entry, settings, years)]
        if len(sets) == 1:  # a series published once: the same set twice still batches
            sets = sets * 2
        together = batched.run_many(cursor, name, sets)
        alone = [queries.run(cursor, name, **params) for params in sets]
    assert len(together) == len(alone)
    for params, got, expected in zip(sets, together, alone, strict=True):
        assert list(got.columns) == list(expected.columns), params
        pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=f"{name} {params}")
