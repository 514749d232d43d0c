"""The import of a large demand extract through `cil import`, timed, with its sizes.

The national import takes minutes: its result is kept beside the extract (bench/cache/) and
measured again only when the extract changes or with `--remesurer-import`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from dashboard.settings import REPO_DIR


@dataclass
class ImportRun:
    rows: int
    csv_mb: float
    db_mb: float
    seconds: float
    peak_mb: float  # peak memory of the import process
    date: str


def import_demandes(csv: Path, workdir: Path, rows: int, again: bool = False) -> ImportRun:
    """`cil import demandes` of the scale's extract into an empty database."""
    stat = csv.stat()
    key = {"csv": str(csv), "size": stat.st_size, "mtime": stat.st_mtime_ns}
    kept = workdir.with_suffix(".json")
    if kept.exists() and not again:
        saved = json.loads(kept.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            return ImportRun(**saved["run"])
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    db = workdir / "import.duckdb"
    command = [sys.executable, "-m", "dashboard.cli", "import", "demandes", str(csv)]
    command += ["--db", str(db), "--date-extraction", "15/01/2026"]
    command += ["--taille-max", str(int(stat.st_size / 2**20) + 1)]  # a large extract, on purpose
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=REPO_DIR, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"cil import a échoué :\n{errors.read().decode()[-2000:]}")
    peak = usage.ru_maxrss / 1024
    run = ImportRun(
        rows,
        stat.st_size / 1e6,
        db.stat().st_size / 1e6,
        seconds,
        peak,
        time.strftime("%d/%m/%Y %H:%M"),
    )
    shutil.rmtree(workdir)
    kept.write_text(json.dumps({"key": key, "run": asdict(run)}, indent=2), encoding="utf-8")
    return run


if __name__ == "__main__":  # python -m bench.imports national : measure that import alone
    from bench.scales import CACHE, SCALES

    scale = SCALES[sys.argv[1]]
    csv = scale.extracts / "demandes.csv"
    rows = sum(1 for _ in csv.open("rb")) - 1
    print(import_demandes(csv, CACHE / f"{scale.name}-import", rows, again=True))
