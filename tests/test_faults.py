"""Faults during an import: the process killed (SIGKILL) in the middle, a full disk. The
database keeps its previous content, byte for byte, and still opens; the user reads a French
message, not a traceback."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.db import Database
from dashboard.importer import import_file
from dashboard.settings import REPO_DIR
from tests.builders import write_extract
from tests.corpus.cases import big_file

EXTRACTION = dt.date(2026, 1, 15)


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def demandes_count(db_path: Path) -> int:
    db = Database(db_path)
    try:
        with db.cursor() as cursor:
            return cursor.execute("SELECT count(*) FROM demandes").fetchone()[0]
    finally:
        db.close()


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """Three demands D1 to D3."""
    db = tmp_path / "cil.duckdb"
    rows = [{"demande_id": f"D{i}", "date_depot": dt.date(2024, i, 10)} for i in (1, 2, 3)]
    import_file(
        "demandes", write_extract(tmp_path, "demandes", rows), db, extraction_date=EXTRACTION
    )
    return db


def cil_import(path: Path, db: Path, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dashboard.cli",
            "import",
            "demandes",
            str(path),
            "--db",
            str(db),
            "--date-extraction",
            "15/01/2026",
        ],
        cwd=REPO_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )


def wait_for_copy(db: Path, process: subprocess.Popen, timeout: float = 120) -> Path:
    """Waits until the import writes its copy of the base (the write phase has begun)."""
    copy = db.with_name(f"{db.name}.import-{process.pid}.tmp")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if copy.exists():
            return copy
        if process.poll() is not None:
            pytest.fail("l'import s'est terminé avant d'écrire : fichier trop petit ?")
        time.sleep(0.002)
    pytest.fail("l'import n'a pas commencé à écrire")


@pytest.mark.parametrize("moment", ["pendant la lecture", "pendant l'écriture"])
def test_import_killed_leaves_the_previous_base_intact(base: Path, tmp_path: Path, moment):
    big = tmp_path / "grosses_demandes.csv"
    big_file(6)(big)  # about 70 000 demands: a few seconds of reading, then the write
    before = checksum(base)
    process = cil_import(big, base)
    if moment == "pendant la lecture":
        time.sleep(1.0)
    else:
        wait_for_copy(base, process)
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "l'import s'est terminé avant d'être tué"
    assert checksum(base) == before
    assert demandes_count(base) == 3
    # the next import clears the killed one's leftovers and goes through
    small = write_extract(tmp_path, "demandes", [{"demande_id": "D9", "date_depot": "01/02/2025"}])
    import_file("demandes", small, base, extraction_date=EXTRACTION)
    assert demandes_count(base) == 1
    assert not list(base.parent.glob("*.import-*"))


def _mount_small_tmpfs(folder: Path, size: int) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
    )
    return result.returncode == 0


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("how", ["tmpfs", "rlimit"])
def test_full_disk_gives_a_french_message_and_keeps_the_base(base: Path, tmp_path: Path, how):
    """On a small tmpfs when the machine allows mounting one (root); and with the import's
    file size limited (RLIMIT_FSIZE), which fails writes the same way, everywhere."""
    big = tmp_path / "demandes_3mo.csv"
    big_file(3)(big)
    size = base.stat().st_size
    disk = tmp_path / "petit_disque"
    disk.mkdir()
    # room for the copy, not more
    mounted = how == "tmpfs" and _mount_small_tmpfs(disk, 2 * size + 256 * 1024)
    try:
        target = disk / "cil.duckdb"
        shutil.copyfile(base, target)
        before = checksum(target)
        popen = {} if mounted else {"preexec_fn": _limit_file_size(size + 256 * 1024)}
        process = cil_import(big, target, **popen)
        _, err = process.communicate(timeout=300)
        message = err.decode()
        assert process.returncode == 3, message
        assert "Disque plein" in message and "La base n'a pas été modifiée" in message, message
        assert "Traceback" not in message
        assert checksum(target) == before
        assert demandes_count(target) == 3
        assert not list(disk.glob("*.import-*")), "la copie partielle doit être effacée"
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], check=True)
