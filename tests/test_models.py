"""The models built at import (dashboard/models.py) give the figures of the staging views they
replace: every `cil indicateurs` key and every query of the catalogue, with and without
models, on the demo and on a small database drawn at random. They are used only while they
match their data and settings, and a failure while building them leaves the database as it
was, byte for byte."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import models, publication, queries
from dashboard.catalogue import entries
from dashboard.db import Database
from dashboard.demo import EXTRACTION, write_extracts
from dashboard.importer import import_file, models_into
from dashboard.importer.errors import ImportFailed
from dashboard.importer.store import write_atomically
from dashboard.indicators import compute_indicators
from dashboard.settings import get_settings
from tests.builders import write_extract

SEED = random.SystemRandom().randrange(1, 10**6)  # said in every failure message


@pytest.fixture(scope="module")
def random_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tenth of the territory's volumes, drawn with a new seed at each run, imported one
    extract after the other, then its models built (the publication is not needed here)."""
    folder = tmp_path_factory.mktemp("aleatoire")
    path = folder / "aleatoire.duckdb"
    settings = get_settings()
    files = write_extracts(folder / "extraits", 0.1, SEED, settings, None, None)
    extraction = dt.date.fromisoformat(str(EXTRACTION))
    for kind in ("demandes", "attributions", "commissions", "actions", "logements"):
        for extract in files[kind]:
            import_file(kind, extract, path, extraction_date=extraction, publish=False)
    write_atomically(path, lambda con: models_into(con, settings), label="avant-modeles")
    return path


@pytest.fixture(params=["demo", "aleatoire"])
def pair(request, demo_db: Path, random_db: Path):
    """The same file opened twice: reading the models, and reading the staging views."""
    path = demo_db if request.param == "demo" else random_db
    with_models, with_views = Database(path), Database(path, use_models=False)
    yield request.param, with_models, with_views
    with_models.close()
    with_views.close()


def _label(name: str) -> str:
    return f"{name} (graine {SEED})" if name == "aleatoire" else name


def test_the_import_builds_models_the_cursors_read(pair):
    name, with_models, with_views = pair
    with with_models.cursor() as cursor:
        assert models.in_use(cursor), _label(name)
        for model in models.models():
            count = cursor.execute(f"SELECT count(*) FROM {model.table}").fetchone()[0]
            assert count > 0, f"{model.table} vide ({_label(name)})"
    with with_views.cursor() as cursor:
        assert not models.in_use(cursor)


def test_every_cli_key_is_the_same_from_models_and_from_views(pair):
    name, with_models, with_views = pair
    settings = get_settings()
    with with_models.cursor() as cursor:
        years = publication.available_years(cursor, settings)
    assert len(years) >= 5
    for year in (years[0], years[-2], years[-1]):
        for communes in (None, settings.insee_codes[2:4]):
            expected = compute_indicators(with_views, year, communes)
            actual = compute_indicators(with_models, year, communes)
            assert actual == expected, f"{_label(name)}, {year}, {communes}"


def _runs():
    settings = get_settings()
    for entry in entries().values():
        # the plan's queries read the app's own store, not the extracts (no model there)
        if entry.params and not entry.name.startswith("plan/"):
            yield from publication.runs(entry, settings, [2021, 2025])


def test_every_query_of_the_catalogue_is_the_same_from_models_and_from_views(pair):
    name, with_models, with_views = pair
    checked = 0
    with with_models.cursor() as a, with_views.cursor() as b:
        for run in _runs():
            expected = queries.run(b, run.entry.name, **run.params)
            actual = queries.run(a, run.entry.name, **run.params)
            pd.testing.assert_frame_equal(
                actual, expected, obj=f"{run.entry.name} {run.params} ({_label(name)})"
            )
            checked += 1
    assert checked >= 400


def test_scores_outside_the_scored_years_are_computed_on_demand(demo_db):
    """A day the import did not score (not a 31 December) reads the computed scores."""
    with Database(demo_db).cursor() as a, Database(demo_db, use_models=False).cursor() as b:
        sql = "SELECT demande_id, score FROM cotation('ppgdid-2026', DATE '2025-06-30') ORDER BY 1"
        expected = b.execute(sql).df()
        assert len(expected) > 100
        pd.testing.assert_frame_equal(a.execute(sql).df(), expected)


def test_the_criteria_of_a_scored_31_december_are_read_from_the_model(demo_db):
    """The criteria of a scored 31 December come from mod_cotation_criteres: emptied on this
    cursor, cotation_detail finds none that day, while it still computes another day's."""
    database = Database(demo_db)
    try:
        with database.cursor() as cursor:
            count = "SELECT count(*) FROM cotation_detail('ppgdid-2026', DATE '{}')"
            assert cursor.execute(count.format("2025-12-31")).fetchone()[0] > 100
            cursor.execute(
                "CREATE OR REPLACE TEMP VIEW stg_cotation_criteres AS"
                " SELECT * FROM mod_cotation_criteres WHERE false"
            )
            assert cursor.execute(count.format("2025-12-31")).fetchone()[0] == 0
            assert cursor.execute(count.format("2025-06-30")).fetchone()[0] > 100
    finally:
        database.close()


def test_models_are_left_aside_when_the_settings_change(demo_db):
    """One more point for one criterion: the scores stored at import are no longer those."""
    settings = get_settings()
    first, *others = settings.grilles
    grilles = (dataclasses.replace(first, points=first.points + 1), *others)
    changed = dataclasses.replace(settings, grilles=grilles)
    db = Database(demo_db, settings=changed)
    try:
        with db.cursor() as cursor:
            assert not models.in_use(cursor)
    finally:
        db.close()


def _with_models(tmp_path: Path, rows: list[dict]) -> Path:
    """A database of these demands and its models (without the publication, for speed)."""
    db_path = tmp_path / "cil.duckdb"
    path = write_extract(tmp_path, "demandes", rows)
    import_file("demandes", path, db_path, extraction_date=dt.date(2026, 1, 15), publish=False)
    settings = get_settings()
    write_atomically(db_path, lambda con: models_into(con, settings), label="avant-modeles")
    return db_path


def test_an_import_without_publication_drops_the_models(tmp_path):
    rows = [{"demande_id": "D1", "date_depot": dt.date(2024, 3, 1)}]
    db_path = _with_models(tmp_path, rows)
    with Database(db_path).cursor() as cursor:
        assert models.in_use(cursor)
    rows.append({"demande_id": "D2", "date_depot": dt.date(2025, 3, 1)})
    path = write_extract(tmp_path, "demandes", rows)
    import_file("demandes", path, db_path, extraction_date=dt.date(2026, 2, 15), publish=False)
    with Database(db_path).cursor() as cursor:
        assert not models.in_use(cursor)
        assert cursor.execute("SELECT count(*) FROM stg_demandes").fetchone()[0] == 2
        tables = {r[0] for r in cursor.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert not {m.table for m in models.models()} & tables


def test_a_failure_while_building_the_models_leaves_the_database_byte_identical(
    tmp_path, monkeypatch
):
    rows = [{"demande_id": f"D{i}", "date_depot": dt.date(2024, i, 10)} for i in (1, 2, 3)]
    db_path = _with_models(tmp_path, rows)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    real = models.models()
    broken = models.Model("mod_en_panne", "stg_en_panne", "SELECT 1 / 0 AS x FROM nulle_part")
    # the first models are built, then one fails: the whole write is abandoned
    monkeypatch.setattr(models, "models", lambda: (*real[:3], broken, *real[3:]))
    rows.append({"demande_id": "D4", "date_depot": dt.date(2025, 1, 10)})
    with pytest.raises(ImportFailed, match=r"modèles impossible \(mod_en_panne.*pas été modifiée"):
        import_file(
            "demandes",
            write_extract(tmp_path, "demandes", rows),
            db_path,
            extraction_date=dt.date(2026, 2, 15),
        )
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert not list(tmp_path.glob("*.import-*"))
    monkeypatch.undo()
    with Database(db_path).cursor() as cursor:
        assert models.in_use(cursor)
        assert cursor.execute("SELECT count(*) FROM stg_demandes").fetchone()[0] == 3


def test_model_tables_are_plain_duckdb_tables(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        stored = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        con.close()
    assert {m.table for m in models.models()} | {models.META} <= stored
