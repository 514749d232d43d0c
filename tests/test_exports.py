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
    frame = exports.export_frame(sample(), FORMATS, 11, LABELS)
    assert frame["Commune"].tolist() == [
        "Brignais",
        '\'=HYPERLINK("http://x")',
        "'@Millery",
        "'-Vourles",
    ]
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(frame)))
    cells = [c.value for c in workbook.active["A"]][1:]
    assert cells[1].startswith("'=") and all(c.data_type != "f" for c in workbook.active["A"])


def test_xlsx_has_a_formatted_header_numbers_and_widths():
    frame = exports.export_frame(sample(), FORMATS, 11, LABELS)
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(frame, title="Attributions 2025")))
    ws = workbook.active
    assert ws["A1"].value == "Attributions 2025"
    assert [c.value for c in ws[3]] == ["Commune", "Attributions", "delai", "Part prioritaire (%)"]
    assert ws["A3"].font.bold
    assert ws["B4"].value == 1234 and ws["B4"].number_format == "#,##0"
    assert ws["B5"].value == "< 11" and ws["D5"].value == "secret"
    assert ws["D4"].value == pytest.approx(40.5) and ws["C4"].value == pytest.approx(24.6)
    assert ws.column_dimensions["A"].width >= len('=HYPERLINK("http://x")')


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
