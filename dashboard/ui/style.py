"""The app's own rules on top of Streamlit's look, for a projected screen: key-figure labels
wrap instead of ending in « … » (Streamlit cuts them to one line), and a table wider than
the page shows its horizontal scroll bar. Static CSS only (no data value goes into HTML)."""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
[data-testid="stMetricLabel"] { height: auto; min-height: 2.7em; align-items: flex-start; }
[data-testid="stMetricLabel"] > div,
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] p {
    white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere;
    line-height: 1.3;
}
[data-testid="stDataFrame"] .dvn-scroller {
    scrollbar-width: auto; scrollbar-color: #6A6AF4 #ECECFE;
}
</style>
"""


def apply() -> None:
    st.html(CSS)
