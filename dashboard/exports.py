"""Exports of tables and charts: CSV for French Excel, formatted XLSX, PNG and SVG images.

Tables are exported as they are displayed: already masked (statistical secrecy), with « < 11 »
and « secret » where values are hidden; every other cell of a numeric column is a number,
with a number format from the kind of its value (dashboard/formatting.py): a share in %, a
year without thousands separator, months, an evolution signed in the unit of its value (a
share changes in points). A table whose rows hold different kinds (the mid-term evaluation)
takes each row's kind from one of its columns. Text cells that a spreadsheet would run as a
formula (starting with =, +, -, @, or a tab / carriage return) are neutralised with a
leading quote.
"""

from __future__ import annotations

import atexit
import datetime as dt
import io
import re
import shutil
import threading
import warnings
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.charts import rewrap_title, title_chars
from dashboard.formatting import fmt, kind_of
from dashboard.masking import FLAG, SECONDARY_FLAG, SECRET, display, masked_label

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# In `formats`, a column whose kind is its row's, read from the column named by `row_kind`.
BY_ROW = "par_ligne"
UNIT_COLUMN = "Unité"
UNITS = {
    "count": "nombre",
    "share": "%",
    "ratio": "rapport",
    "months": "mois",
    "year": "année",
    "points": "points",
    "euros": "€",
    "date": "date",
    "text": "",
}
# Number formats of the XLSX cells (Excel codes; the spreadsheet's locale gives the decimal
# and thousands separators). A share is stored as a fraction, a change of a share in points.
NUMBER_FORMATS = {
    "count": "#,##0",
    "share": "0.0 %",
    "ratio": "#,##0.0",
    "months": '0.0 "mois"',
    "year": "0",
    "points": '#,##0.0 "points"',
    "euros": "#,##0.00 €",
    "date": "DD/MM/YYYY",
}
SIGNED_FORMATS = {
    "count": "+#,##0;-#,##0;0",
    "share": '+0.0 "pt";-0.0 "pt";0.0 "pt"',
    "ratio": "+#,##0.0;-#,##0.0;0.0",
    "months": '+0.0 "mois";-0.0 "mois";0.0 "mois"',
    "year": "+0;-0;0",
    "points": '+#,##0.0 "points";-#,##0.0 "points";0.0 "points"',
    "euros": "+#,##0.00 €;-#,##0.00 €;0.00 €",
}
SHEET_NAME_MAX = 31  # Excel's limit
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")


def neutralise(value: object) -> object:
    """A text that a spreadsheet would evaluate becomes plain text (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class ExportTable:
    """A table ready for CSV and XLSX: the displayed headers, each cell's value (a number in
    the unit of its kind, a date, or text: secrecy labels, neutralised strings) and its kind
    (« text » for text). `signed` names the columns that hold changes; `columns` gives each
    column's declared kind (BY_ROW when it is its rows')."""

    frame: pd.DataFrame
    kinds: pd.DataFrame
    signed: frozenset[str] = field(default_factory=frozenset)
    columns: Mapping[str, str] = field(default_factory=dict)

    def number_format(self, row: int, column: str) -> str | None:
        kind = self.kinds.iloc[row][column]
        formats = SIGNED_FORMATS if column in self.signed else NUMBER_FORMATS
        return formats.get(kind)


def _number(value: Any, kind: str, signed: bool) -> Any:
    """The value stored in the export for its kind, rounded as displayed; None if missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if kind == "date":
        stamp = pd.Timestamp(value)
        return stamp.date()
    if isinstance(value, str):
        return neutralise(value) if value else None
    if kind == "text":
        return neutralise(str(value))
    number = float(value)
    if kind in ("count", "year"):
        return round(number)
    if kind == "share":  # a change of a share is written in points of percentage
        return round(number * 100, 1) if signed else round(number, 3)
    if kind == "euros":
        return round(number, 2)
    return round(number, 1)


def export_frame(
    frame: pd.DataFrame,
    formats: Mapping[str, str],
    threshold: int,
    labels: Mapping[str, str] | None = None,
    *,
    row_kind: str | None = None,
    signed: Collection[str] = (),
) -> ExportTable:
    """The (masked) table with numbers kept as numbers, the displayed column names, and each
    hidden cell as it is displayed (« < 11 », « secret »). A column of kind BY_ROW takes each
    row's kind from the column `row_kind` (which is not exported; a « Unité » column is put
    before the first such column); `signed` names the columns (of `frame`) holding changes."""
    labels = labels or {}
    flag_prefixes = (FLAG, SECONDARY_FLAG)
    kept = [c for c in frame.columns if not c.startswith(flag_prefixes) and c != row_kind]
    flags = [c for c in frame.columns if c.startswith(flag_prefixes)]
    # Hidden cells read exactly as on the page (the display decides « < 11 » or « secret »).
    shown = display(
        frame[kept + flags],
        {c: ("text" if k == BY_ROW else k) for c, k in formats.items()},
        threshold,
        labels,
    )
    row_kinds = [kind_of(str(k)) for k in frame[row_kind]] if row_kind is not None else None
    values: dict[str, list[Any]] = {}
    kinds: dict[str, list[str]] = {}
    declared_kinds: dict[str, str] = {}
    for column in kept:
        declared = formats.get(column, "text")
        if declared == BY_ROW:
            if row_kinds is None:
                raise ValueError(f"colonne {column!r} : « {BY_ROW} » sans row_kind")
            if UNIT_COLUMN not in values:
                values[UNIT_COLUMN] = [UNITS[k] for k in row_kinds]
                kinds[UNIT_COLUMN] = ["text"] * len(frame)
                declared_kinds[UNIT_COLUMN] = "text"
            column_kinds = row_kinds
        else:
            column_kinds = [kind_of(declared)] * len(frame)
        name = labels.get(column, column)
        declared_kinds[name] = declared if declared == BY_ROW else kind_of(declared)
        is_signed = column in signed
        hidden = pd.Series(False, index=frame.index)
        for prefix in flag_prefixes:
            if prefix + column in frame:
                hidden |= frame[prefix + column].fillna(False).astype(bool)
        cells, cell_kinds = [], []
        for i, (value, kind) in enumerate(zip(frame[column], column_kinds, strict=True)):
            if hidden.iloc[i]:
                if declared == BY_ROW:
                    cells.append(masked_label(threshold) if kind == "count" else SECRET)
                else:
                    cells.append(shown[name].iloc[i])
                cell_kinds.append("text")
                continue
            cell = _number(value, kind, is_signed)
            cells.append(cell)
            cell_kinds.append("text" if isinstance(cell, str) else kind)
        values[name] = cells
        kinds[name] = cell_kinds
    signed_names = frozenset(labels.get(c, c) for c in signed)
    return ExportTable(
        pd.DataFrame(values, dtype=object),
        pd.DataFrame(kinds, dtype=object),
        signed_names,
        declared_kinds,
    )


def text_table(frame: pd.DataFrame) -> ExportTable:
    """A table of text only (a table displayed without its numbers)."""
    cells = frame.astype(object).map(lambda v: None if v is None else neutralise(str(v)))
    return ExportTable(cells.reset_index(drop=True), frame.map(lambda v: "text"))


def _csv_value(value: Any, kind: str, signed: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if kind == "share" and not signed:
        value = round(value * 100, 1)
    if isinstance(value, float):
        return f"{value:.{1 if kind != 'euros' else 2}f}".replace(".", ",")
    return value


def to_csv(table: ExportTable) -> bytes:
    """`;`, decimal comma, UTF-8 with BOM: what Excel in French opens without a wizard. A
    share is written in % (its header says so), its change in points."""
    columns = {}
    for name in table.frame.columns:
        signed = name in table.signed
        kinds = table.kinds[name]
        header = f"{name} (%)" if table.columns.get(name) == "share" and not signed else name
        columns[header] = [
            _csv_value(v, k, signed) for v, k in zip(table.frame[name], kinds, strict=True)
        ]
    text = pd.DataFrame(columns, dtype=object).to_csv(sep=";", index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


# --- XLSX ------------------------------------------------------------------------------------

HEADER_FILL = "000091"


def _header_text(text: str) -> str:
    """A print header or footer part: « & » starts a code there; Excel stops at 255 chars."""
    return text.replace("&", "&&")[:120]


def print_setup(ws: Any, title: str = "", filters: str = "", header_rows: str = "1:1") -> None:
    """Landscape A4, one page wide, the header row repeated on every page, the table's title
    and its filters in the page header, page numbers in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        ws.print_title_rows = header_rows
    ws.print_options.gridLines = False
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if title:
        ws.oddHeader.left.text = _header_text(title)
        ws.oddHeader.left.size = 11
    if filters:
        ws.oddHeader.right.text = _header_text(filters)
        ws.oddHeader.right.size = 9
    ws.oddFooter.center.text = "Page &P / &N"
    ws.oddFooter.center.size = 9


def write_sheet(ws: Any, table: ExportTable, title: str = "", filters: str = "") -> None:
    """The table on `ws`: one header row (row 1), numbers with their number formats, text as
    text (never a formula), column widths, frozen header, print set-up."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for col, name in enumerate(table.frame.columns, start=1):
        cell = ws.cell(row=1, column=col, value=neutralise(str(name)))
        cell.data_type = "s"
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(str(name)) for name in table.frame.columns]
    for r, row in enumerate(table.frame.itertuples(index=False)):
        for c, value in enumerate(row):
            if value is None:
                continue
            cell = ws.cell(row=r + 2, column=c + 1)
            name = table.frame.columns[c]
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # never a formula, whatever the text
                shown = value
            else:
                cell.value = value.item() if hasattr(value, "item") else value
                cell.number_format = table.number_format(r, name) or "General"
                kind = table.kinds.iloc[r][name]
                shown = f"+{value} pt" if name in table.signed else fmt(value, kind)
            widths[c] = max(widths[c], len(shown))
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = max(min(width + 2, 60), 8)
    ws.freeze_panes = "A2"
    if len(table.frame):
        ws.auto_filter.ref = ws.dimensions
    print_setup(ws, title, filters)


def to_xlsx(
    table: ExportTable, title: str = "", filters: str = "", sheet: str = "Données"
) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet_name(sheet)
    write_sheet(ws, table, title, filters)
    workbook.properties.title = title or None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(title: str, number: int | None = None) -> str:
    """An XLSX sheet name from a title, by one rule: « NN » (the table's number, when given)
    then the title without the characters Excel forbids, cut at the last whole word that
    fits in 31 characters."""
    text = re.sub(r"\s+", " ", SHEET_FORBIDDEN.sub(" ", title)).strip(" -—,;.") or "Tableau"
    prefix = f"{number:02d} " if number is not None else ""
    room = SHEET_NAME_MAX - len(prefix)
    if len(text) > room:
        cut = text[: room + 1].rsplit(" ", 1)[0] if " " in text[: room + 1] else text[:room]
        text = cut[:room].rstrip(" -—,;.")
    return prefix + text


def summary_sheet(
    ws: Any, heading: Sequence[str], rows: Sequence[tuple[str, str, str, str]]
) -> None:
    """The first sheet of a workbook of several tables: a few heading lines, then one row per
    sheet (its name, linked to it, the section, the full title, a note)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    for i, line in enumerate(heading, start=1):
        cell = ws.cell(row=i, column=1, value=neutralise(line))
        cell.data_type = "s"
        cell.font = Font(bold=i == 1, size=14 if i == 1 else 11)
    first = len(heading) + 2
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for col, name in enumerate(("Feuille", "Section", "Tableau", "Note"), start=1):
        cell = ws.cell(row=first, column=col, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
    for r, (sheet, section, title, note) in enumerate(rows, start=first + 1):
        link = ws.cell(row=r, column=1, value=sheet)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!A1", display=sheet)
        link.font = Font(color="000091", underline="single")
        for col, text in enumerate((section, title, note), start=2):
            cell = ws.cell(row=r, column=col, value=neutralise(text) or None)
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (33, 40, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    print_setup(ws, heading[0] if heading else "", "", header_rows=f"{first}:{first}")


class ImageExportUnavailable(RuntimeError):
    """Plotly's static export needs a Chromium; the message says what to install."""


def chromium_available() -> bool:
    return shutil.which("chromium") is not None or shutil.which("chromium-browser") is not None


def figure_image(
    fig: go.Figure,
    fmt: str = "png",
    caption: str | None = None,
    width: int = 1600,
    height: int = 900,
) -> bytes:
    """The chart at slide resolution (1600 × 900, ×2 for PNG), with the filters as a caption.
    A smaller width gives larger type relative to the image (the printed report uses 1000)."""
    if not chromium_available():
        raise ImageExportUnavailable(
            "Export d'image indisponible : Chromium n'est pas installé sur le serveur "
            "(paquet Debian « chromium »)."
        )
    figure = go.Figure(fig)
    size = figure.layout.title.font.size or 20
    rewrap_title(figure, title_chars(width, int(size)))  # the image is wider than a page column
    if caption:  # under the title, where nothing else is drawn
        figure.update_layout(
            title_subtitle={"text": caption, "font": {"size": 13, "color": "#555"}}
        )
    try:
        with _RENDER_LOCK:
            _ensure_image_server()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # « kopts ignored with a server »
                return figure.to_image(
                    format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1
                )
    except Exception as exc:  # kaleido reports a missing or broken browser in many ways
        raise ImageExportUnavailable(f"Export d'image impossible : {exc}") from exc


_RENDER_LOCK = threading.Lock()
_SERVER_STARTED = False


def _ensure_image_server() -> None:
    """One Chromium kept open for all images of the process: the first image takes a few
    seconds, the next ones a few tenths."""
    global _SERVER_STARTED
    if not _SERVER_STARTED:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _SERVER_STARTED = True
