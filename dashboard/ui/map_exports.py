"""The Parc page's map, exported for members: as an image (the static map of the annual
report, dashboard/figures/carte.py carte_statique) and as GeoJSON of the residences shown
(aggregated by address, never a dwelling), for a GIS."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard import exports
from dashboard.figures import carte
from dashboard.ui import access


def map_downloads(
    contours: dict,
    residences: pd.DataFrame,
    communes: Mapping[str, str],
    millesime: int,
    caption: str,
) -> None:
    if not access.exports_allowed():  # detailed exports are for members
        return
    title = f"Résidences du parc social au 1er janvier {millesime}"

    def png() -> bytes:
        figure = carte.carte_statique(contours, residences, communes, title)
        return exports.figure_image(figure, "png", caption, width=1100, height=1000)

    def geojson() -> bytes:
        collection = carte.residences_geojson(residences, millesime)
        return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")

    with st.container(horizontal=True):
        if exports.chromium_available():
            st.download_button(
                "Carte PNG",
                data=png,
                file_name=f"carte_parc_social_{millesime}.png",
                mime="image/png",
                key="carte_png",
                on_click="ignore",
                icon=":material/image:",
            )
        st.download_button(
            "Résidences GeoJSON",
            data=geojson,
            file_name=f"residences_parc_social_{millesime}.geojson",
            mime="application/geo+json",
            key="carte_geojson",
            on_click="ignore",
            icon=":material/map:",
        )
