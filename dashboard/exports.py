"""Exports of tables and charts: CSV for French Excel, formatted XLSX, PNG and SVG images.

Tables are exported as they are displayed: already masked (statistical secrecy), with « < 11 »
and « secret » where values are hidden. Text cells that a spreadsheet would run as a formula
(starting with =, +, -, @, or a tab / carriage return) are neutralised with a leading quote.
"""

from __future__ import annotations

import atexit
import io
import shutil
import threading
import warnings
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.masking import FLAG, SECONDARY_FLAG, SECRET, masked_label

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text that a spreadsheet would evaluate becomes plain text (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_frame(
    frame: pd.DataFrame,
    formats: Mapping[str, str],
    threshold: int,
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The table with numbers kept as numbers (shares in %, one decimal), hidden cells as the
    secrecy labels, and the displayed column names."""
    labels = labels or {}
    out = pd.DataFrame(index=frame.index)
    old_names = {"count": "int", "share": "pct", "ratio": "num", "months": "mois"}
    for column in frame.columns:
        if column.startswith((FLAG, SECONDARY_FLAG)):
            continue
        kind = formats.get(column, "text")
        kind = old_names.get(kind, kind)
        values = frame[column]
        name = labels.get(column, column)
        if kind == "pct":
            values = (pd.to_numeric(values, errors="coerce") * 100).round(1)
            name = f"{name} (%)"
        elif kind == "int":
            values = pd.to_numeric(values, errors="coerce").round(0).astype("Int64")
        elif kind in ("num", "mois"):
            values = pd.to_numeric(values, errors="coerce").round(1)
        values = values.astype(object).where(values.notna(), None)
        hidden = frame.get(FLAG + column)
        if hidden is not None:
            label = masked_label(threshold) if kind == "int" else SECRET
            values = values.mask(hidden.astype(bool), label)
            secondary = frame.get(SECONDARY_FLAG + column)
            if secondary is not None:
                values = values.mask(secondary.astype(bool), SECRET)
        out[name] = values.map(neutralise)
    return out.reset_index(drop=True)


def to_csv(frame: pd.DataFrame) -> bytes:
    """`;`, decimal comma, UTF-8 with BOM: what Excel in French opens without a wizard."""
    # Columns mixing numbers and secrecy labels are of object type: pandas' `decimal` does not
    # reach them, so decimals are written by hand.
    french = frame.map(lambda v: str(v).replace(".", ",") if isinstance(v, float) else v)
    text = french.to_csv(sep=";", index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx(frame: pd.DataFrame, sheet: str = "Données", title: str | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet[:31]
    first = 1
    if title:
        ws.cell(row=1, column=1, value=neutralise(title)).font = Font(bold=True, size=13)
        first = 3
    header_fill = PatternFill("solid", fgColor="000091")
    for col, name in enumerate(frame.columns, start=1):
        cell = ws.cell(row=first, column=col, value=neutralise(str(name)))
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, row in enumerate(frame.itertuples(index=False), start=first + 1):
        for c, value in enumerate(row, start=1):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # never a formula, whatever the text
            else:
                cell.value = value.item() if hasattr(value, "item") else value
                name = str(frame.columns[c - 1])
                cell.number_format = (
                    "0.0" if name.endswith("(%)") or isinstance(cell.value, float) else "#,##0"
                )
    for col, name in enumerate(frame.columns, start=1):
        values = [str(name), *(str(v) for v in frame.iloc[:, col - 1].head(500))]
        width = min(max(len(v) for v in values) + 2, 60)
        ws.column_dimensions[get_column_letter(col)].width = max(width, 8)
    ws.freeze_panes = ws.cell(row=first + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
    if caption:
        figure.add_annotation(
            text=caption,
            xref="paper",
            yref="paper",
            x=0,
            y=-0.12,
            showarrow=False,
            xanchor="left",
            font={"size": 13, "color": "#555"},
        )
        figure.update_layout(margin={"b": 90})
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
