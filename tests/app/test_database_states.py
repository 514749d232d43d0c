"""The app in the database states a user can meet: file missing, locked by another program,
of an older schema, or replaced by an import while the app is open. A French message says
what to do; never a traceback; after an import the app reads the new file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.importer import import_file
from dashboard.settings import REPO_DIR
from tests.app.test_pages import MEMBER
from tests.builders import write_extract

APP = str(REPO_DIR / "dashboard" / "app.py")


def run_app(page: str | None = None) -> AppTest:
    """The app as a signed-in member (« Sources et imports » is for members)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = dict(MEMBER)
    at.run()
    if page:
        at.switch_page(f"views/{page}")
        at.run()
    return at


def errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


def demandes(folder: Path, n: int) -> Path:
    rows = [{"demande_id": f"D{i}", "date_depot": dt.date(2024, 1, 1 + i)} for i in range(n)]
    return write_extract(folder, "demandes", rows)


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, test_settings: Path) -> Path:
    db = tmp_path / "cil.duckdb"
    import_file("demandes", demandes(tmp_path, 3), db, extraction_date=dt.date(2026, 1, 15))
    monkeypatch.setenv("CIL_DB", str(db))
    monkeypatch.setenv("CIL_TERRITOIRE", str(test_settings))  # its members' list
    return db


def test_missing_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CIL_DB", str(tmp_path / "absente.duckdb"))
    at = run_app()
    assert not at.exception
    assert "Base de données introuvable" in errors(at)
    assert "cil import" in errors(at)


def test_database_locked_by_another_program(base: Path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time\n"
            f"con = duckdb.connect({str(base)!r})\n"  # read-write: takes the file's lock
            "print('verrouillé', flush=True)\n"
            "time.sleep(120)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "verrouillé"
        at = run_app()
        assert not at.exception
        assert "verrouillée par un autre programme" in errors(at)
    finally:
        holder.kill()
        holder.wait()
    at = run_app()  # once the lock is released, the app opens the base
    assert not at.exception and not at.error


def test_database_of_an_older_schema(base: Path):
    con = duckdb.connect(str(base))
    con.execute("DROP TABLE meta")  # a base written before the schema version was stored
    con.close()
    at = run_app()
    assert not at.exception
    assert "format plus ancien" in errors(at) and "cil migrer" in errors(at)
    migrated = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "migrer", "--db", str(base)],
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
    )
    assert migrated.returncode == 0, migrated.stderr
    at = run_app()
    assert not at.exception and not at.error


def test_import_applies_pending_migrations(base: Path, tmp_path: Path):
    con = duckdb.connect(str(base))
    con.execute("DROP TABLE meta")
    con.close()
    import_file("demandes", demandes(tmp_path, 4), base)
    at = run_app()
    assert not at.exception and not at.error


def test_app_reads_the_new_file_after_an_import(base: Path, tmp_path: Path):
    at = run_app("sources.py")
    assert not at.exception
    assert at.dataframe[0].value["Lignes"].tolist() == ["3"]
    new = tmp_path / "nouveau"
    new.mkdir()
    import_file("demandes", demandes(new, 5), base, extraction_date=dt.date(2026, 2, 1))
    at.run()  # the same session's next run
    assert not at.exception
    assert at.dataframe[0].value["Lignes"].tolist() == ["5"]


def test_a_file_replaced_while_opening_is_never_cached_under_the_old_identity(
    base: Path, tmp_path: Path
):
    from dashboard.db import file_identity
    from dashboard.settings import settings_path
    from dashboard.ui import data

    data._open.clear()
    before = file_identity(base)
    new = tmp_path / "nouveau"
    new.mkdir()
    import_file("demandes", demandes(new, 5), base)
    settings_mtime = settings_path().stat().st_mtime_ns
    with pytest.raises(data._Swapped):  # the old file is gone: no entry for it
        data._open(before, settings_mtime)
    db = data._current()
    assert db.identity == file_identity(base) != before
    with db.cursor() as cursor:
        assert cursor.execute("SELECT count(*) FROM demandes").fetchone() == (5,)
