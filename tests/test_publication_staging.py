"""The publication reads the staging views computed once into tables (for speed): inside, the
tables hold exactly the views' rows; after, even after a failure, the views are back and no
table is left behind."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from dashboard import queries
from dashboard.db import prepare_cursor
from dashboard.publication import staging_as_tables
from dashboard.settings import get_settings
from tests.builders import build_db

DEMANDES = [
    {"demande_id": "D1", "date_depot": date(2024, 3, 1)},
    {"demande_id": "D2", "date_depot": date(2025, 2, 1), "typologie": "T3"},
    {
        "demande_id": "D3",
        "date_depot": date(2025, 5, 1),
        "date_radiation": date(2025, 9, 1),
        "motif_radiation": "RADABA",
    },
]


def kinds(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    views = con.execute("SELECT view_name FROM duckdb_views() WHERE temporary").fetchall()
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()
    return {n: "vue" for (n,) in views} | {n: "table" for (n,) in tables}


@pytest.fixture
def con(tmp_path):
    db = build_db(tmp_path, demandes=DEMANDES)
    path = db.path
    db.close()
    connection = duckdb.connect(str(path))
    prepare_cursor(connection, get_settings())
    yield connection
    connection.close()


def test_tables_hold_the_views_rows_then_the_views_come_back(con):
    names = queries.staging_view_names()
    assert "stg_demandes" in names and "stg_attributions" in names
    before = con.execute("SELECT * FROM stg_demandes ORDER BY ALL").df()
    with staging_as_tables(con):
        inside = kinds(con)
        assert all(inside[name] == "table" for name in names)
        assert con.execute("SELECT * FROM stg_demandes ORDER BY ALL").df().equals(before)
    after = kinds(con)
    assert all(after[name] == "vue" for name in names)
    assert not any(name.endswith("__vue") for name in after)
    assert con.execute("SELECT * FROM stg_demandes ORDER BY ALL").df().equals(before)


def test_a_failure_inside_gives_the_views_back(con):
    with pytest.raises(RuntimeError), staging_as_tables(con):
        raise RuntimeError("requête en échec")
    after = kinds(con)
    assert all(after[name] == "vue" for name in queries.staging_view_names())
