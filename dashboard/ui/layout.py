"""Page furniture: header with the filters in words, definitions, secret-aware tables."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.masking import FLAG, display
from dashboard.settings import Settings
from dashboard.ui.filters import Filters

PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def header(title: str, filters: Filters | None, settings: Settings, intro: str = "") -> None:
    st.title(title)
    if filters is not None:
        st.caption(filters.libelle(settings))
    if intro:
        st.markdown(intro)


def definition(text: str) -> None:
    """The definition under a chart or table, in plain French."""
    st.caption(f"**Définition.** {text}")


def chart(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key)


def table(
    frame: pd.DataFrame,
    formats: Mapping[str, str],
    threshold: int,
    labels: Mapping[str, str] | None = None,
    key: str | None = None,
) -> pd.DataFrame:
    """Shows a (masked) frame as French text; notes the secrecy rule when it applied."""
    shown = display(frame, formats, threshold, labels)
    st.dataframe(shown, hide_index=True, width="stretch", key=key)
    if any(c.startswith(FLAG) and frame[c].any() for c in frame.columns):
        st.caption(
            f"« < {threshold} » : effectif inférieur à {threshold}, masqué (secret statistique) ;"
            " « secret » : part calculée sur un tel effectif, masquée elle aussi."
        )
    return shown
