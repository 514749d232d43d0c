"""The publication built at import runs its queries on several cursors at once
(dashboard/importer/__init__.py, `publish_into`), batched on a small database
(dashboard/batched.py): the tables it writes are those of the same queries run one after the
other, one statement per parameter set."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from dashboard import publication
from dashboard.importer import models_into, publish
from dashboard.importer.store import write_atomically
from dashboard.settings import get_settings


def _tables(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            name
            for (name,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'pub\\_%' ESCAPE '\\'"
                " AND table_name <> ? ORDER BY 1",
                [publication.META],  # holds the time of the build
            ).fetchall()
        ]
        return {
            name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for name in names
        }
    finally:
        con.close()


def test_the_publication_on_several_cursors_is_the_one_built_on_one(demo_db, tmp_path):
    settings = get_settings()
    assert settings.fils >= 2  # else both builds would take the same path
    parallel, sequential = tmp_path / "plusieurs.duckdb", tmp_path / "un.duckdb"
    shutil.copyfile(demo_db, parallel)
    shutil.copyfile(demo_db, sequential)
    publish(parallel, settings)

    def one_by_one(con: duckdb.DuckDBPyConnection) -> None:
        models_into(con, settings)
        publication.build(con, settings)  # no readers: every query on `con`

    write_atomically(sequential, one_by_one, label="avant-publication")
    built, reference = _tables(parallel), _tables(sequential)
    assert len(reference) > 20
    assert built.keys() == reference.keys()
    for name, rows in reference.items():
        assert built[name] == rows, name


def test_the_batched_publication_is_the_one_run_query_by_query(demo_db, tmp_path, monkeypatch):
    # the demo is under BATCH_MAX_DEMANDS: its publication runs each query once for all its
    # parameter sets (dashboard/batched.py); with the bound at 0, once per set
    settings = get_settings()
    batched, one_by_one = tmp_path / "lots.duckdb", tmp_path / "requetes.duckdb"
    shutil.copyfile(demo_db, batched)
    shutil.copyfile(demo_db, one_by_one)
    publish(batched, settings)
    monkeypatch.setattr(publication, "BATCH_MAX_DEMANDS", 0)
    publish(one_by_one, settings)
    built, reference = _tables(batched), _tables(one_by_one)
    assert len(reference) > 20
    assert built.keys() == reference.keys()
    for name, rows in reference.items():
        assert built[name] == rows, name
