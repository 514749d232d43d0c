"""The benchmark of the models' build (bench/construction.py) runs: every model built once on
a copy, in file order, with the rows the import gave; the cached base is left untouched."""

from __future__ import annotations

import hashlib

import duckdb

from bench import construction
from dashboard import models


def test_every_model_is_built_on_a_copy_with_the_rows_of_the_import(demo_db):
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    rows, (first, last) = construction.build_times(demo_db)
    assert [r[0] for r in rows] == [m.table for m in models.models()]
    assert first < last
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        for table, seconds, _cpu, count in rows:
            assert seconds > 0
            assert count == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
    finally:
        con.close()
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before
    assert not list(demo_db.parent.glob("bench-construction-*"))
