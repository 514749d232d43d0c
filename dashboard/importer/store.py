"""Atomic writes to the database file: copy, change the copy, swap it in.

The dashboard keeps the database open read-only, and DuckDB refuses a read-write connection
while another process holds the file. So a write never touches the live file: it copies it,
applies the change to the copy in one transaction, checkpoints, then renames the copy over the
original (an atomic rename on POSIX). Readers see the old file until they reopen; a crash at any
point leaves the old file whole. The replaced file is kept in `archives/` for `cil import
--annuler`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from dashboard.duck import execute
from dashboard.importer.errors import ImportFailed
from dashboard.schema import apply_migrations
from dashboard.settings import get_settings

ARCHIVES_KEPT = 3
LOCK_TIMEOUT_S = 600.0


def archive_dir(db_path: Path) -> Path:
    return db_path.parent / "archives" / db_path.stem


def list_archives(db_path: Path) -> list[Path]:
    folder = archive_dir(db_path)
    return sorted(folder.glob("*.duckdb")) if folder.exists() else []


@contextlib.contextmanager
def write_lock(db_path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """One writer at a time per database file (imports from the CLI and from the app)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db_path.with_name(db_path.name + ".lock")
    with lock_path.open("a") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ImportFailed(
                        f"Un autre import est en cours sur {db_path.name} depuis plus de "
                        f"{int(timeout)} s ; réessayez plus tard."
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_copies(db_path: Path) -> None:
    for stale in db_path.parent.glob(db_path.name + ".import-*.tmp*"):
        pid_text = stale.name.split(".import-")[1].split(".tmp")[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            stale.unlink(missing_ok=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _disk_error(exc: BaseException) -> ImportFailed:
    text = str(exc)
    full = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    if (isinstance(exc, OSError) and exc.errno in full) or any(
        words in text for words in ("No space left", "Disk quota exceeded", "File too large")
    ):
        return ImportFailed(
            "Disque plein (ou taille de fichier limitée par le système) : l'import n'a pas pu "
            "être écrit. La base n'a pas été modifiée ; libérez de la place puis relancez "
            "l'import."
        )
    return ImportFailed(
        f"Écriture impossible ({text.splitlines()[0] if text else exc!r}). "
        "La base n'a pas été modifiée."
    )


def write_atomically(
    db_path: Path,
    change: Callable[[duckdb.DuckDBPyConnection], None],
    *,
    label: str,
    source: Path | None = None,
    archive_current: bool = True,
) -> None:
    """Applies `change` to a copy of `db_path` (or of `source`) and swaps it in.

    `change` runs inside one transaction after pending migrations; any exception it raises
    aborts everything and leaves `db_path` exactly as it was."""
    db_path = db_path.resolve()
    with write_lock(db_path):
        _remove_stale_copies(db_path)
        tmp = db_path.with_name(f"{db_path.name}.import-{os.getpid()}.tmp")
        origin = source if source is not None else db_path
        try:
            if origin.exists():
                shutil.copyfile(origin, tmp)
            con = duckdb.connect(str(tmp), config=get_settings().duckdb_config(write=True))
            try:
                execute(con, "BEGIN TRANSACTION")
                apply_migrations(con)
                change(con)
                execute(con, "COMMIT")
                execute(con, "CHECKPOINT")
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    execute(con, "ROLLBACK")
                raise
            finally:
                con.close()
            _fsync(tmp)
            if db_path.exists() and archive_current:
                _archive(db_path, label)
            os.replace(tmp, db_path)
            _fsync(db_path.parent)
        except (OSError, duckdb.Error) as exc:
            # A full disk surfaces as an OSError, an IOException, or a failed COMMIT
            # (TransactionException) when the WAL cannot be written.
            raise _disk_error(exc) from exc
        finally:
            tmp.unlink(missing_ok=True)
            tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)


def _archive(db_path: Path, label: str) -> None:
    folder = archive_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}_{label}.duckdb"
    try:
        os.link(db_path, target)  # the old inode lives on under this name: no copy needed
    except OSError:
        shutil.copyfile(db_path, target)
    for old in list_archives(db_path)[:-ARCHIVES_KEPT]:
        old.unlink(missing_ok=True)
