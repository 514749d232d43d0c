"""The Parc page's map, exported for members: as an image (the static map of the annual
report, dashboard/figures/carte.py carte_statique) and as GeoJSON of the residences shown
(aggregated by address, never a dwelling), for a GIS."""

from __future__ import annotations

import json
from collections.abc import Mapping

import geopandas as gpd
import pandas as pd
import streamlit as st

from dashboard import exports
from dashboard.figures import carte
from dashboard.ui import access


def map_downloads(
    contours: gpd.GeoDataFrame,
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

    buttons = [("Résidences GeoJSON", geojson, "geojson", "application/geo+json", "map")]
    if exports.chromium_available():
        buttons.insert(0, ("Carte PNG", png, "png", "image/png", "image"))
    with st.container(horizontal=True):
        for label, data, suffix, mime, icon in buttons:
            st.download_button(
                label,
                data=data,
                file_name=f"{'carte' if suffix == 'png' else 'residences'}_parc_social_"
                f"{millesime}.{suffix}",
                mime=mime,
                key=f"carte_{suffix}",
                on_click="ignore",
                icon=f":material/{icon}:",
            )
