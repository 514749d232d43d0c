"""Every kind of export opened with a real spreadsheet (LibreOffice Calc, headless): a page
table as CSV and XLSX, the annual report's XLSX (every sheet) and the mid-term evaluation's
XLSX. Each is converted back to CSV with text cells quoted and numbers « as shown »: every
numeric column must read back as numbers (masked cells excepted, which stay the text
« < N » or « secret »), with the value and the unit of its kind.

`make test` installs LibreOffice (Debian's libreoffice-calc-nogui): this test never skips."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dashboard import evaluation, exports, queries
from dashboard.db import Database
from dashboard.masking import mask
from dashboard.report import collect, render_xlsx
from dashboard.report.content import Table
from dashboard.report.context import ReportContext

# LibreOffice's CSV filter: `;`, `"`, UTF-8, from line 1, French (1036) for reading, text cells
# quoted, cells « as shown », every sheet (one CSV file per sheet).
CSV_OUT = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,true,false,true,false,false,-1"
CSV_IN = "CSV:59,34,76,1,,1036"
THRESHOLD = 300  # high on purpose: some communes' counts of the demo are masked


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.fail(
            "LibreOffice est introuvable : `make test` l'installe (paquet Debian "
            "libreoffice-calc-nogui)."
        )
    return path


def convert(files: list[Path], out: Path, profile: Path, infilter: str | None = None) -> None:
    """One LibreOffice process (its own profile: two instances sharing one clash)."""
    command = [
        soffice(),
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        CSV_OUT,
        "--outdir",
        str(out),
        *map(str, files),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)


def read_cells(path: Path) -> list[list[tuple[str, bool]]]:
    """The rows of LibreOffice's CSV, each cell as (text, was it quoted)."""
    rows, row, cell, quoted, inside = [], [], [], False, False
    text = path.read_text(encoding="utf-8-sig")
    i = 0
    while i < len(text):
        char = text[i]
        if inside:
            if char == '"' and text[i + 1 : i + 2] == '"':
                cell.append('"')
                i += 1
            elif char == '"':
                inside = False
            else:
                cell.append(char)
        elif char == '"':
            inside = quoted = True
        elif char in ";\n":
            row.append(("".join(cell), quoted))
            cell, quoted = [], False
            if char == "\n":
                rows.append(row)
                row = []
        elif char != "\r":
            cell.append(char)
        i += 1
    if cell or row:
        row.append(("".join(cell), quoted))
        rows.append(row)
    return rows


def shown_number(text: str) -> float:
    """The number of a cell as LibreOffice shows it (English locale): « 1,234 », « 42.9 % »,
    « +3.3 pt », « 24.0 mois »."""
    match = re.fullmatch(r"([+-]?)([\d,]+(?:\.\d+)?)(?: ?(%|pt|mois|points|€))?", text.strip())
    assert match, f"pas un nombre affiché : {text!r}"
    sign = -1 if match.group(1) == "-" else 1
    return sign * float(match.group(2).replace(",", ""))


def expected_number(value: object, kind: str, signed: bool) -> float:
    if kind == "share" and not signed:
        return round(float(value) * 100, 1)
    return float(value)


def check_reads_back(
    table: exports.ExportTable, path: Path, header_in_csv: list[str], from_csv: bool = False
) -> int:
    """Every number of `table` is a number in LibreOffice's reading of the file `path`, every
    masked cell the same text; returns how many numbers were checked."""
    rows = read_cells(path)
    assert [text for text, _ in rows[0]] == header_in_csv, path.name
    assert len(rows) - 1 == len(table.frame), path.name
    checked = 0
    for c, name in enumerate(table.frame.columns):
        kinds = table.kinds[name]
        if all(k == "text" for k in kinds):
            continue  # a text column
        signed = name in table.signed
        for r, (value, kind) in enumerate(zip(table.frame[name], kinds, strict=True)):
            text, quoted = rows[r + 1][c]
            where = f"{path.name}, ligne {r + 2}, colonne {name!r}"
            if value is None:
                assert text == "", where
            elif kind == "text":  # a masked cell (« < 11 », « secret ») stays text
                assert quoted and text == value, where
            else:
                assert not quoted, f"{where} : lu comme du texte ({text!r})"
                if kind == "date":
                    continue
                if kind == "year":
                    assert re.fullmatch(r"\d{4}", text), f"{where} : année affichée {text!r}"
                if kind == "share" and not signed and not from_csv:
                    assert text.endswith("%"), f"{where} : {text!r} sans son format %"
                assert shown_number(text) == pytest.approx(
                    expected_number(value, kind, signed), abs=0.051
                ), where
                checked += 1
    return checked


@pytest.fixture(scope="module")
def demo(demo_db):
    db = Database(demo_db)
    yield db
    db.close()


def page_table(db: Database) -> exports.ExportTable:
    """The Parc page's table of communes (counts, shares, a ratio, a year), masked with a
    high threshold so that some cells are hidden."""
    with db.cursor() as cursor:
        frame = queries.run(
            cursor,
            "parc/communes",
            annee=2025,
            millesime=2025,
            communes=db.settings.insee_codes,
            financements=[],
            typologies=[],
            periodes=[],
        )
    masked = mask(
        frame.drop(columns=["insee"]),
        ["logements_qpv", "dpe_f_g"],
        {"part_qpv": ["logements_qpv"], "part_dpe_f_g": ["dpe_f_g"]},
        THRESHOLD,
    )
    formats = {
        "logements": "int",
        "part_epci": "pct",
        "population": "int",
        "logements_pour_1000": "num",
        "residences": "int",
        "construct_median": "year",
        "logements_qpv": "count",
        "part_qpv": "share",
        "dpe_f_g": "int",
        "part_dpe_f_g": "pct",
    }
    labels = {"commune": "Commune", "construct_median": "Construction (médiane)"}
    return exports.export_frame(masked, formats, THRESHOLD, labels)


def evaluation_table(db: Database) -> exports.ExportTable:
    """The plan's evaluation for 2025 (the baseline year on the demo), as its page and the
    report export it."""
    context = ReportContext(db, 2025, db.settings)
    return evaluation.evaluate(context.fetch, db.settings, 2025).export(threshold=11)


def test_every_export_reads_back_as_numbers_in_libreoffice(demo, tmp_path):
    table = page_table(demo)
    assert any(v in (f"< {THRESHOLD}", "secret") for v in table.frame.to_numpy().ravel())
    files = tmp_path / "exports"
    files.mkdir()
    (files / "parc.csv").write_bytes(exports.to_csv(table))
    (files / "parc.xlsx").write_bytes(exports.to_xlsx(table, "Parc par commune", "Année 2025"))
    mid = evaluation_table(demo)
    (files / "evaluation.xlsx").write_bytes(exports.to_xlsx(mid, "Évaluation", "2025"))
    report = collect(demo, 2025)
    (files / "bilan.xlsx").write_bytes(render_xlsx(report))

    out = tmp_path / "lu"
    convert([files / "parc.csv"], out, tmp_path / "profil-csv", infilter=CSV_IN)
    convert(
        [files / "parc.xlsx", files / "evaluation.xlsx", files / "bilan.xlsx"],
        out,
        tmp_path / "profil-xlsx",
    )

    headers = list(table.frame.columns)
    csv_headers = [
        f"{h} (%)" if h in ("part_epci", "part_qpv", "part_dpe_f_g") else h for h in headers
    ]
    assert check_reads_back(table, out / "parc-parc.csv", csv_headers, from_csv=True) > 30
    assert check_reads_back(table, out / "parc-Données.csv", headers) > 30
    # one year on the demo (the baseline): its figures and the targets
    assert check_reads_back(mid, out / "evaluation-Données.csv", list(mid.frame.columns)) >= 15

    tables = [
        b.export for s in report.sections for b in s.blocks if isinstance(b, Table) and b.export
    ]
    names = [
        exports.sheet_name(b.title, i + 1)
        for i, b in enumerate(b for s in report.sections for b in s.blocks if isinstance(b, Table))
    ]
    assert len(tables) == len(names) >= 10
    numbers = 0
    for name, sheet in zip(names, tables, strict=True):
        numbers += check_reads_back(sheet, out / f"bilan-{name}.csv", list(sheet.frame.columns))
    assert numbers > 200
    summary = read_cells(out / "bilan-Sommaire.csv")
    assert [row[0][0] for row in summary if row[0][0] in names] == names
