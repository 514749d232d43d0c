"""The import of a large demand extract through `cil import`, timed, with its sizes."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from dashboard.settings import REPO_DIR


@dataclass
class ImportRun:
    rows: int
    csv_mb: float
    db_mb: float
    seconds: float


def import_demandes(csv: Path, workdir: Path, rows: int) -> ImportRun:
    """`cil import demandes` of the scale's extract into an empty database."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    db = workdir / "import.duckdb"
    command = [sys.executable, "-m", "dashboard.cli", "import", "demandes", str(csv)]
    command += ["--db", str(db), "--date-extraction", "15/01/2026"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO_DIR, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"cil import a échoué :\n{done.stderr[-2000:]}")
    run = ImportRun(rows, csv.stat().st_size / 1e6, db.stat().st_size / 1e6, seconds)
    shutil.rmtree(workdir)
    return run
