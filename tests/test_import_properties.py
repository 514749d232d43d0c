"""Random mutations of good extracts (hypothesis): the importer accepts the file or refuses it
with its own French message; it never raises anything else and never imports part of a file.

Bounded (a fixed number of examples, no deadline per example) so that it runs in well under a
minute on a small machine.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import importer
from dashboard.importer import ImportRefused
from tests.builders import write_extract
from tests.corpus.cases import (
    ATTRIBUTIONS_HEADER,
    DEMANDES_HEADER,
    attribution,
    csv_text,
    demande,
)

# The publication for the public is not what these tests look at (tests/test_public_secrecy.py,
# tests/test_agreement.py, tests/test_import_atomic.py::test_a_failed_publication_changes_nothing):
# built at each import, it would cost each one about 17 s.
import_file = functools.partial(importer.import_file, publish=False)

EXTRACTION = dt.date(2026, 1, 15)
GOOD = {
    "demandes": csv_text(
        DEMANDES_HEADER,
        [
            demande("D10"),
            demande("D11", date_radiation="01/06/2025", motif_radiation="RADATT"),
            demande("D12", typologie="T4", taille_menage="5", criteres_cotation="dalo"),
        ],
    ),
    "attributions": csv_text(
        ATTRIBUTIONS_HEADER,
        [attribution("A10", demande_id="D1"), attribution("A11", date_bail="15/07/2025")],
    ),
}
HOSTILE = [
    "",
    " ",
    ";",
    ",",
    '"',
    "|",
    "\t",
    "\r",
    "\n",
    "\x00",
    "é",
    "Ã©",
    "\ufeff",
    "=1+1",
    "<b>x</b>",
    "'; DROP TABLE demandes; --",
    "-1",
    "1e308",
    "NaN",
    "29/02/2023",
    "2024-02-30",
    "00/00/0000",
    "9" * 40,
    "x" * 5000,
    "T2",
    "69027|",
    "null",
    "None",
]


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def good_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("proprietes")
    db = folder / "cil.duckdb"
    rows = [{"demande_id": f"D{i}", "date_depot": dt.date(2024, i, 10)} for i in (1, 2, 3)]
    import_file("demandes", write_extract(folder, "demandes", rows), db, extraction_date=EXTRACTION)
    return db


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(GOOD)))
    text = GOOD[kind]
    lines = text.splitlines()
    operation = draw(
        st.sampled_from(
            ["cell", "cut", "insert_bytes", "delete_range", "line", "header", "encoding"]
        )
    )
    data: bytes
    if operation == "cell":
        row = draw(st.integers(1, len(lines) - 1))
        cells = lines[row].split(";")
        col = draw(st.integers(0, len(cells) - 1))
        cells[col] = draw(st.sampled_from(HOSTILE) | st.text(max_size=12))
        lines[row] = ";".join(cells)
        data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    elif operation == "cut":
        raw = text.encode()
        data = raw[: draw(st.integers(0, len(raw)))]
    elif operation == "insert_bytes":
        raw = text.encode()
        at = draw(st.integers(0, len(raw)))
        data = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif operation == "delete_range":
        raw = text.encode()
        start = draw(st.integers(0, len(raw) - 1))
        data = raw[:start] + raw[start + draw(st.integers(1, 40)) :]
    elif operation == "line":
        row = draw(st.integers(1, len(lines) - 1))
        action = draw(st.sampled_from(["duplicate", "drop", "crlf", "cr"]))
        if action == "duplicate":
            lines.insert(row, lines[row])
        elif action == "drop":
            del lines[row]
        joiner = {"crlf": "\r\n", "cr": "\r"}.get(action, "\n")
        data = (joiner.join(lines) + joiner).encode()
    elif operation == "header":
        cells = lines[0].split(";")
        col = draw(st.integers(0, len(cells) - 1))
        cells[col] = draw(st.sampled_from(["", "Nom", "NIR", cells[0], cells[col].upper(), "x"]))
        lines[0] = ";".join(cells)
        data = ("\n".join(lines) + "\n").encode()
    else:
        encoding = draw(st.sampled_from(["utf-8-sig", "utf-16", "cp1252", "utf-16-le"]))
        data = text.encode(encoding)
    return kind, data


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutated())
def test_mutated_file_is_accepted_whole_or_refused_cleanly(case, good_base: Path):
    kind, data = case
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "cil.duckdb"
        shutil.copyfile(good_base, db)
        path = Path(folder) / f"{kind}.csv"
        path.write_bytes(data)
        before = checksum(db)
        demandes_before = count(db, "demandes")
        try:
            report = import_file(kind, path, db, extraction_date=EXTRACTION)
        except ImportRefused as refused:
            message = refused.message()
            assert message.startswith("Import refusé"), message
            assert f"{kind}.csv" in message
            assert checksum(db) == before, "un fichier refusé a modifié la base"
            return
        # accepted: the extract is there whole, the other one untouched
        if not report.already_imported:
            assert count(db, kind) == report.rows
        if kind == "attributions":
            assert count(db, "demandes") == demandes_before
