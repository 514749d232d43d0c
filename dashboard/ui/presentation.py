"""Presentation mode, for CIL meetings: large type, sidebar folded, one chart per screen, the
filters written under each chart. Switched on in the sidebar or with `?presentation=1`."""

from __future__ import annotations

import streamlit as st

KEY = "mode_presentation"

# Static CSS only (no data value ever goes into HTML).
_CSS = """
<style>
html { font-size: 22px; }
[data-testid="stMetricValue"] { font-size: 3.2rem; }
[data-testid="stMetricLabel"] p { font-size: 1.1rem; white-space: normal; }
[data-testid="stMetricLabel"] div { overflow: visible; }
h1 { font-size: 2.6rem !important; }
/* below the app's top bar (3.75rem high): the demo banner is never under it */
[data-testid="stMainBlockContainer"] { padding-top: 5rem; max-width: 100%; }
[data-testid="stMetricDelta"] { font-size: 1.1rem; }
</style>
"""


def requested_in_url() -> bool:
    return st.query_params.get("presentation") == "1"


def is_on() -> bool:
    if KEY not in st.session_state:
        return requested_in_url()
    return bool(st.session_state[KEY])


def switch() -> None:
    """The sidebar toggle; keeps the URL in step so the link opens in the same mode."""
    if KEY not in st.session_state:
        st.session_state[KEY] = requested_in_url()
    st.sidebar.toggle(
        "Mode présentation",
        key=KEY,
        help="Grands caractères, un graphique par écran, pour la projection",
    )
    if st.session_state[KEY]:
        st.query_params["presentation"] = "1"
        st.html(_CSS)
    elif "presentation" in st.query_params:
        del st.query_params["presentation"]
