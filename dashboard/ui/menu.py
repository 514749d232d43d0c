"""The sidebar's menu, drawn by the app under the filters (Streamlit's own menu would sit above
them: at 768 px the filters were out of reach). One link per page, grouped by section; the
current page is highlighted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st


def draw(sections: Mapping[str, Sequence[st.Page]]) -> None:
    with st.sidebar.container(key="menu", gap=None):
        for section, pages in sections.items():
            st.caption(f"**{section}**")
            for page in pages:
                st.page_link(page, width="stretch")
