"""Shared fixtures. Tests never read ../shared: everything they need is in the repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard import queries
from dashboard.db import Database
from dashboard.settings import DATA_DIR, DEFAULT_SETTINGS_FILE, REPO_DIR
from tests.builders import build_db

ARTIFACTS = REPO_DIR / "artifacts"


@pytest.fixture
def make_db(tmp_path: Path) -> Iterator[Callable[..., Database]]:
    opened: list[Database] = []

    def factory(**extracts: list[dict[str, Any]]) -> Database:
        db = build_db(tmp_path, **extracts)
        opened.append(db)
        return db

    yield factory
    for db in opened:
        db.close()


@pytest.fixture
def run_query() -> Callable[..., Any]:
    """`run_query(db, "accueil/chiffres_cles", annee=2025, ...)` -> DataFrame."""

    def run(db: Database, name: str, **params: Any):
        with db.cursor() as cursor:
            return queries.run(cursor, name, **params)

    return run


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per test session through `cil demo`."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "demo", "--db", str(path)],
        check=True,
        capture_output=True,
        cwd=REPO_DIR,
    )
    return path


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# The members' list of the test settings (data/territoire.toml's own list may change with the
# CIL's members; tests never depend on it). A test signs in as MEMBER_EMAIL to be a member.
MEMBER_EMAIL = "cheffe.projet@membres-cil.test"
MEMBER_ADDRESS = "elu.referent@mairie-exemple.fr"  # allowed one by one
REFUSED_EMAIL = "curieux@exemple.org"
TEST_ACCES = f"""
[acces]
adresses = ["{MEMBER_ADDRESS}"]
domaines = ["membres-cil.test"]
"""


def write_test_settings(folder: Path, acces: str = TEST_ACCES) -> Path:
    """data/territoire.toml with its [acces] table replaced, in `folder`, beside links to the
    other data files it names (grids, contours)."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in DATA_DIR.iterdir():
        if item.is_file() and item.suffix in {".csv", ".geojson", ".json", ".toml"}:
            target = folder / item.name
            if not target.exists():
                target.symlink_to(item)
    text = DEFAULT_SETTINGS_FILE.read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^\[acces\]\n.*?(?=^\[|\Z)", "", text)
    path = folder / "territoire.toml"
    path.unlink(missing_ok=True)
    path.write_text(text + acces, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def test_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_test_settings(tmp_path_factory.mktemp("territoire"))


@pytest.fixture
def demo_env(demo_db: Path, test_settings: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points the app at the session's demo database and at the test settings (known
    members' list)."""
    monkeypatch.setenv("CIL_DB", str(demo_db))
    monkeypatch.setenv("CIL_TERRITOIRE", str(test_settings))
    return demo_db


def chromium_path() -> str | None:
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked `long` first (a stable sort): with two workers, a long test taken
    last would leave one worker running it alone at the end of `make test`."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
