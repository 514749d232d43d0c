"""Page furniture: header with the filters in words, definitions, secret-aware tables and
charts, each with its exports (CSV, XLSX, PNG, SVG)."""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import exports
from dashboard.figures.charts import enlarge
from dashboard.masking import FLAG, display
from dashboard.settings import Settings
from dashboard.ui import access, presentation
from dashboard.ui.filters import Filters, current_filters

# No « Download plot as png » in plotly's mode bar: the product's own image exports (members
# only, under each chart) are the only way out.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "toImage"],
}
KEYS_OF_THIS_RUN = "_cles_exports"


def start_run() -> None:
    """Called by app.py at the top of every run: export keys are unique within a run."""
    st.session_state[KEYS_OF_THIS_RUN] = set()


def _unique_key(key: str | None, prefix: str) -> str:
    if key is None:  # the call site is stable from one rerun to the next
        frame = inspect.currentframe()
        caller = frame.f_back.f_back if frame and frame.f_back else None
        key = f"{Path(caller.f_code.co_filename).stem}_{caller.f_lineno}" if caller else prefix
    seen: set[str] = st.session_state.setdefault(KEYS_OF_THIS_RUN, set())
    candidate, n = f"{prefix}_{key}", 1
    while candidate in seen:
        n += 1
        candidate = f"{prefix}_{key}_{n}"
    seen.add(candidate)
    return candidate


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:60] or "export"


def _filters_caption() -> str:
    from dashboard.ui import data

    settings = data.settings()
    try:
        return current_filters(settings).libelle(settings)
    except KeyError:  # outside a page (tests calling helpers directly)
        return ""


def header(title: str, filters: Filters | None, settings: Settings, intro: str = "") -> None:
    st.title(title)
    if filters is not None:
        st.caption(filters.libelle(settings))
    if intro:
        st.markdown(intro)


def definition(text: str) -> None:
    """The definition under a chart or table, in plain French."""
    st.caption(f"**Définition.** {text}")


def chart(fig: go.Figure, key: str | None = None) -> None:
    widget_key = _unique_key(key, "graphique")
    caption = _filters_caption()
    if presentation.is_on():  # type 1.5 times larger, the title wrapped for a wide half
        height = fig.layout.height or 440
        fig = enlarge(fig, 1.5, chars=50)
        fig.update_layout(height=round(min(max(height * 1.5, 600), 1000)))
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=widget_key)
    if presentation.is_on() and caption:
        st.caption(caption)
    if not access.exports_allowed():  # detailed exports are for members
        return
    title = fig.layout.title.text or "graphique"
    name = slug(title)
    if not exports.chromium_available():
        st.caption("Export d'image indisponible : Chromium n'est pas installé sur le serveur.")
        return
    # A horizontal container, not columns: buttons keep their full label in narrow columns.
    with st.container(horizontal=True):
        for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(
                f"Image {fmt.upper()}",
                data=lambda fig=fig, fmt=fmt: exports.figure_image(fig, fmt, caption),
                file_name=f"{name}.{fmt}",
                mime=mime,
                key=f"{widget_key}_{fmt}",
                on_click="ignore",
                icon=":material/image:",
            )


def pinned(shown: pd.DataFrame) -> dict:
    """The key columns stay on screen when a wide table scrolls: the first, and the second
    too when the first only groups rows (its values repeat, as « Commune » / « Typologie »)."""
    if shown.shape[1] < 2:
        return {}
    keys = [shown.columns[0]]
    widest = shown.iloc[:, :2].astype(str).map(len).max().sum()  # characters, both columns
    if shown.shape[1] > 3 and shown.iloc[:, 0].duplicated().any() and widest <= 48:
        keys.append(shown.columns[1])
    return {name: st.column_config.Column(pinned=True) for name in keys}


# The grid sizes each column to its header and values, about 8 px a character plus its padding
# (and at most 500 px); the page's main column is about 880 px wide on a 1366 px screen.
CHAR_PX, CELL_PADDING_PX, CELL_MAX_PX, PAGE_PX = 8, 30, 500, 880


def wider_than_the_page(shown: pd.DataFrame) -> bool:
    widths = [
        min(
            CELL_MAX_PX,
            CELL_PADDING_PX
            + CHAR_PX * max([len(str(name)), *(len(str(v)) for v in shown[name].tolist())]),
        )
        for name in shown.columns
    ]
    return sum(widths) > PAGE_PX


def table(
    frame: pd.DataFrame,
    formats: Mapping[str, str],
    threshold: int,
    labels: Mapping[str, str] | None = None,
    key: str | None = None,
    title: str | None = None,
    export: exports.ExportTable | None = None,
) -> pd.DataFrame:
    """Shows a (masked) frame as French text, with CSV and XLSX exports of the same figures
    (`export`, when the table is shown as text: its numbers, built by exports.export_frame);
    notes the secrecy rule when it applied."""
    widget_key = _unique_key(key, "tableau")
    shown = display(frame, formats, threshold, labels)
    st.dataframe(
        shown, hide_index=True, width="stretch", key=widget_key, column_config=pinned(shown)
    )
    if wider_than_the_page(shown):  # the grid's scroll bar only shows under the mouse
        st.caption(
            ":material/swap_horiz: Tableau plus large que la page : faites-le défiler vers la "
            "droite (la première colonne reste affichée)."
        )
    if any(c.startswith(FLAG) and frame[c].any() for c in frame.columns):
        st.caption(
            f"« < {threshold} » : effectif inférieur à {threshold}, masqué (secret statistique) ;"
            " « secret » : chiffre masqué lui aussi, pour qu'un tel effectif ne se retrouve pas "
            "par différence, ou part calculée sur un effectif masqué."
        )
    if not access.exports_allowed():  # detailed exports are for members
        return shown
    name = slug(title or key or widget_key)
    caption = title or ""
    filters = _filters_caption()

    def table_export() -> exports.ExportTable:
        return export or exports.export_frame(frame, formats, threshold, labels)

    with st.container(horizontal=True):
        st.download_button(
            "CSV",
            data=lambda: exports.to_csv(table_export()),
            file_name=f"{name}.csv",
            mime="text/csv",
            key=f"{widget_key}_csv",
            on_click="ignore",
            icon=":material/download:",
        )
        st.download_button(
            "Excel",
            data=lambda: exports.to_xlsx(table_export(), title=caption, filters=filters),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{widget_key}_xlsx",
            on_click="ignore",
            icon=":material/table:",
        )
    return shown
