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
    refused: bool = False  # the file broke a rule (else the import could not be done)


def import_target() -> Path:
    """Where imports go: the database named by CIL_DB, else the real database, as the
    dashboard shows it as soon as it exists (the demo database is never written to)."""
    return Path(os.environ["CIL_DB"]) if os.environ.get("CIL_DB") else REAL_DB


def parse_date(text: str) -> dt.date | None:
    """A date typed in the import form, « jj/mm/aaaa » (or « aaaa-mm-jj », as `cil import`
    reads it); None when left empty. A ValueError says, in French, what is expected."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(
        f"Date d'extraction « {text} » non reconnue : écrivez-la jj/mm/aaaa "
        "(par exemple 15/01/2026). Rien n'a été importé."
    )


UPLOAD_KEY = "fichier_extrait"  # the import page's file field
UPLOAD_TYPES = ["csv", "txt", "xlsx", "xlsm"]


def uploader_css(key: str, types: list[str]) -> str:
    """Streamlit writes its file field in English (« Upload », « 200MB per file », « Drag and
    drop a file here »): the field of key `key` says it in French. Static text from the code
    only (the size limit is in the field's label)."""
    scope = f".st-key-{key}"
    zone = f'{scope} [data-testid="stFileUploaderDropzone"]'
    kinds = ", ".join(t.upper() for t in types[:-1]) + f" ou {types[-1].upper()}"
    swaps = {
        f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p': (
            "Choisir un fichier",
            "1rem",
        ),
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span': (
            f"{kinds}, ou déposez-le ici",
            "0.875rem",
        ),
        # shown while a file is dragged over the field
        f"{zone} > div:not([data-testid]):not(:has([data-testid])) span": (
            "Déposez le fichier ici",
            "1rem",
        ),
    }
    rules = [
        f"{selector} {{ visibility: hidden; font-size: 0; }}\n"
        f'{selector}::after {{ content: "{text}"; visibility: visible; font-size: {size}; }}'
        for selector, (text, size) in swaps.items()
    ]
    # the chosen file's size is written « 8.0KB »: its name is enough
    rules.append(f'{scope} [data-testid="stFileChipName"] + div {{ display: none; }}')
    return "<style>\n" + "\n".join(rules) + "\n</style>"


UPLOADER_CSS = uploader_css(UPLOAD_KEY, UPLOAD_TYPES)


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
            return Outcome(False, exc.message(), refused=True)
        except ImportFailed as exc:
            return Outcome(False, f"Import impossible : {exc} La base n'a pas été modifiée.")
    lines = report.summary().splitlines()
    return Outcome(True, lines[0], report.warnings)
