"""Exports open in the tools users have, keep the figures and the secrecy, and cannot carry
a formula into a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from dashboard import exports
from dashboard.masking import mask

FORMATS = {"commune": "text", "attributions": "int", "part": "pct", "delai": "num"}
LABELS = {"commune": "Commune", "attributions": "Attributions", "part": "Part prioritaire"}


def sample() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "commune": ["Brignais", '=HYPERLINK("http://x")', "@Millery", "-Vourles"],
            "attributions": [1234, 5, 40, 12],
            "prioritaires": [500, 2, 20, 12],
            "delai": [24.56, 10.0, 31.25, 12.0],
        }
    ).assign(part=lambda f: f["prioritaires"] / f["attributions"])
    masked = mask(
        frame,
        ["attributions", "prioritaires"],
        {"part": ["prioritaires", "attributions"]},
        threshold=11,
    )
    return masked.drop(columns=["prioritaires", "_masque_prioritaires"])


def test_csv_reads_back_in_french_excel_conventions():
    data = exports.to_csv(exports.export_frame(sample(), FORMATS, 11, LABELS))
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype=str)
    assert back.columns.tolist() == ["Commune", "Attributions", "delai", "Part prioritaire (%)"]
    # 500 / 1234 = 40.5 %; 5 and 2 are hidden; 20 / 40 = 50 %; 12 / 12 = 100 %
    assert back["Attributions"].tolist() == ["1234", "< 11", "40", "12"]
    assert back["Part prioritaire (%)"].tolist() == ["40,5", "secret", "50,0", "100,0"]
    assert back["delai"].tolist() == ["24,6", "10,0", "31,2", "12,0"]


def test_formula_injection_is_neutralised():
    table = exports.export_frame(sample(), FORMATS, 11, LABELS)
    assert table.frame["Commune"].tolist() == [
        "Brignais",
        '\'=HYPERLINK("http://x")',
        "'@Millery",
        "'-Vourles",
    ]
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(table)))
    cells = [c.value for c in workbook.active["A"]][1:]
    assert cells[1].startswith("'=") and all(c.data_type != "f" for c in workbook.active["A"])


def test_xlsx_has_one_header_row_number_formats_widths_and_print_setup():
    table = exports.export_frame(sample(), FORMATS, 11, LABELS)
    data = exports.to_xlsx(table, title="Attributions 2025", filters="Année 2025 · Brignais")
    ws = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[1]] == ["Commune", "Attributions", "delai", "Part prioritaire"]
    assert ws["A1"].font.bold and ws.freeze_panes == "A2"
    assert ws["B2"].value == 1234 and ws["B2"].number_format == "#,##0"
    assert ws["B3"].value == "< 11" and ws["D3"].value == "secret"
    # a share is a fraction shown in %: 500 / 1234 = 40.5 %
    assert ws["D2"].value == pytest.approx(0.405) and ws["D2"].number_format == "0.0 %"
    assert ws["C2"].value == pytest.approx(24.6) and ws["C2"].number_format == "#,##0.0"
    assert ws.column_dimensions["A"].width >= len('=HYPERLINK("http://x")')
    # printed: landscape, one page wide, header row on every page, title and filters on top
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.left.text == "Attributions 2025"
    assert ws.oddHeader.right.text == "Année 2025 · Brignais"


def test_each_kind_has_its_number_format():
    frame = pd.DataFrame(
        {
            "annee": [1988.0],
            "delai": [24.0],
            "variation": [-12],
            "evolution_part": [0.033],
            "date": [pd.Timestamp("2026-01-15")],
        }
    )
    formats = {"annee": "year", "delai": "months", "variation": "count"}
    formats |= {"evolution_part": "share", "date": "date"}
    table = exports.export_frame(frame, formats, 11, signed=["variation", "evolution_part"])
    ws = load_workbook(io.BytesIO(exports.to_xlsx(table))).active
    assert (ws["A2"].value, ws["A2"].number_format) == (1988, "0")  # never « 1 988 »
    assert ws["B2"].number_format == '0.0 "mois"'
    assert (ws["C2"].value, ws["C2"].number_format) == (-12, "+#,##0;-#,##0;0")
    # a share's change is written in points of percentage
    assert ws["D2"].value == pytest.approx(3.3) and ws["D2"].number_format.startswith('+0.0 "pt"')
    assert ws["E2"].is_date and ws["E2"].number_format == "DD/MM/YYYY"
    back = exports.to_csv(table).decode("utf-8-sig").splitlines()
    assert back[1] == "1988;24,0;-12;3,3;15/01/2026"


def test_rows_of_different_kinds():
    frame = pd.DataFrame(
        {
            "indicateur": ["Demandes actives", "Part des mutations", "Délai médian"],
            "format": ["int", "pct", "mois"],
            "valeur": [2464.0, 0.429, None],
            "evolution": [-69.0, 0.012, None],
            "_masque_valeur": [False, False, True],
        }
    )
    table = exports.export_frame(
        frame,
        {"valeur": exports.BY_ROW, "evolution": exports.BY_ROW},
        11,
        {"indicateur": "Indicateur", "valeur": "2025", "evolution": "Évolution"},
        row_kind="format",
        signed=["evolution"],
    )
    assert table.frame.columns.tolist() == ["Indicateur", "Unité", "2025", "Évolution"]
    ws = load_workbook(io.BytesIO(exports.to_xlsx(table))).active
    assert [ws[f"C{r}"].number_format for r in (2, 3)] == ["#,##0", "0.0 %"]
    assert (ws["C2"].value, ws["C3"].value, ws["C4"].value) == (2464, 0.429, "secret")
    assert ws["D3"].value == pytest.approx(1.2) and '"pt"' in ws["D3"].number_format
    assert ws["D2"].value == -69 and ws["D2"].number_format.startswith("+#,##0")
    csv = exports.to_csv(table).decode("utf-8-sig").splitlines()
    assert csv[0] == "Indicateur;Unité;2025;Évolution"
    assert csv[2] == "Part des mutations;%;42,9;1,2"


def test_sheet_names_follow_one_rule():
    assert exports.sheet_name("Chiffres clés 2024 et 2025", 1) == "01 Chiffres clés 2024 et 2025"
    long = "Attributions aux publics prioritaires par réservataire, 2025"
    name = exports.sheet_name(long, 12)
    assert name == "12 Attributions aux publics" and len(name) <= 31
    assert exports.sheet_name("Délais : [médiane]/moyenne?", 3) == "03 Délais médiane moyenne"


def test_chart_png_and_svg():  # make test installs Chromium: this test never skips
    fig = go.Figure(go.Bar(x=["A", "B"], y=[1, 2]))
    png = exports.figure_image(fig, "png", caption="Année 2025 · Brignais")
    assert png.startswith(b"\x89PNG")
    svg = exports.figure_image(fig, "svg")
    assert b"<svg" in svg[:500]


def test_image_export_without_chromium_explains(monkeypatch):
    monkeypatch.setattr(exports.shutil, "which", lambda name: None)
    with pytest.raises(exports.ImageExportUnavailable, match="Chromium"):
        exports.figure_image(go.Figure())
