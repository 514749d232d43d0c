"""Shared fixtures. Tests never read ../shared: everything they need is in the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard import queries
from dashboard.db import Database
from dashboard.settings import REPO_DIR
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


@pytest.fixture
def demo_env(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points the app at the session's demo database."""
    monkeypatch.setenv("CIL_DB", str(demo_db))
    return demo_db


def chromium_path() -> str | None:
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )
