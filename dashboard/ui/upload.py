"""The import page's work: a file sent from the browser goes through the same atomic importer
as `cil import` (dashboard/importer), from a private temporary copy."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.importer import ImportFailed, ImportRefused, import_file
from dashboard.settings import REAL_DB


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str
    warnings: list[str] = field(default_factory=list)


def import_target() -> Path:
    """Where imports go: the database named by CIL_DB, else the real database, as the
    dashboard shows it as soon as it exists (the demo database is never written to)."""
    return Path(os.environ["CIL_DB"]) if os.environ.get("CIL_DB") else REAL_DB


def safe_name(name: str) -> str:
    """The uploaded file's own name without any folder part (the browser chooses it)."""
    return Path(name.replace("\\", "/")).name or "extrait"


def import_upload(
    kind: str,
    name: str,
    content: bytes,
    extraction_date: dt.date | None = None,
    millesime: int | None = None,
) -> Outcome:
    """Imports one uploaded extract; refused or failed imports leave the database untouched
    and come back as a French message."""
    name = safe_name(name)
    with tempfile.TemporaryDirectory(prefix="cil-upload-") as folder:
        path = Path(folder) / name  # the name carries the format and the RPLS millésime
        path.write_bytes(content)
        try:
            report = import_file(
                kind,
                path,
                import_target(),
                extraction_date=extraction_date,
                millesime=millesime,
                display_name=name,
            )
        except ImportRefused as exc:
            return Outcome(False, exc.message())
        except ImportFailed as exc:
            return Outcome(False, f"Import impossible : {exc} La base n'a pas été modifiée.")
    lines = report.summary().splitlines()
    return Outcome(True, lines[0], report.warnings)
