"""The social-stock map (folium), drawn with no internet access at all.

Leaflet and its plugins are served by the app (dashboard/vendor.py puts them under
dashboard/static/vendor/ at install time); every folium element that would load a file from a
CDN is pointed at them. Residences go to the browser as one data array drawn by a small
script (FastMarkerCluster), so thousands of them cost milliseconds server-side; the page never
sends more than MAX_MARQUEURS of them.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import folium
import folium.plugins
import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from branca.element import Element, MacroElement, Template
from shapely.geometry import shape

from dashboard import vendor
from dashboard.formatting import fmt_int, fmt_num
from dashboard.geo import WGS84, communes_frame, metric_crs

MAX_MARQUEURS = 3000
MAX_ZOOM = 18

COULEURS_FINANCEMENT = {
    "PLAI": "#000091",
    "PLUS": "#009081",
    "PLS": "#E4794A",
    "PLI": "#A558A0",
    "autre": "#929292",
}
COULEURS_PERIODE = {
    "Avant 1975": "#5C2D91",
    "1975-1999": "#0063CB",
    "2000-2012": "#00A3A3",
    "2013 et après": "#8DC63F",
}
# The colours of the energy label itself (A dark green to G red).
COULEURS_DPE = {
    "A": "#009C6D",
    "B": "#52B153",
    "C": "#A5CC74",
    "D": "#F4E70F",
    "E": "#F2A541",
    "F": "#EB6A2A",
    "G": "#D7221F",
}
COULEURS_QPV = {"En QPV": "#C9191E", "Hors QPV": "#000091"}
NON_RENSEIGNE = "Non renseigné"
GRIS = "#BDBDBD"
# Light, neutral fills: the coloured markers stay readable on top of them.
CLASSES_CHOROPLETHE = ["#F1F4F8", "#D6E0EC", "#B0C3DB", "#86A3C7", "#5A80B0"]


@dataclass(frozen=True)
class Couche:
    titre: str
    colonne: str
    couleurs: Mapping[str, str]


COUCHES = {
    "financement": Couche("Financement d'origine", "financement", COULEURS_FINANCEMENT),
    "periode": Couche("Période de construction", "periode", COULEURS_PERIODE),
    "dpe": Couche("Classe énergie (DPE) la plus fréquente", "dpe", COULEURS_DPE),
    "qpv": Couche("Quartier prioritaire de la ville", "qpv", COULEURS_QPV),
}
MESURES = {
    "logements": "Logements sociaux",
    "logements_pour_1000": "Logements sociaux pour 1 000 habitants",
}


def vendor_url(path: str) -> str:
    """Where the browser finds a vendored file: Streamlit serves dashboard/static/ at
    <baseUrlPath>/app/static/ on the app's own origin (the map's iframe shares it)."""
    from streamlit import config

    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    return f"{'/' + base if base else ''}/app/static/vendor/{path}"


def fichiers_carte_absents() -> list[Path]:
    return vendor.missing_files()


# --- classes of the choropleth ---------------------------------------------------------


def nice_step(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least `value` (> 0)."""
    exponent = math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * 10**exponent
        if step >= value - 1e-9:
            return step
    return 10 ** (exponent + 1)  # pragma: no cover


def class_breaks(values: Sequence[float], classes: int = 5) -> list[float]:
    """Equal-interval bounds from 0 with a round step: [0, s, 2s, ..., classes × s] where
    classes × s covers the largest value."""
    finite = [float(v) for v in values if v is not None and not pd.isna(v)]
    top = max(finite, default=0.0)
    step = nice_step(top / classes) if top > 0 else 1.0
    return [round(i * step, 6) for i in range(classes + 1)]


def class_of(value: float, breaks: Sequence[float]) -> int:
    """Index of the class of `value`: [b0, b1), [b1, b2), ..., [b(n-1), bn]."""
    for i in range(len(breaks) - 2, -1, -1):
        if value >= breaks[i]:
            return i
    return 0


def _fmt_bound(value: float) -> str:
    return fmt_int(value) if float(value).is_integer() else fmt_num(value)


def class_labels(breaks: Sequence[float]) -> list[str]:
    return [
        f"{_fmt_bound(breaks[i])} à moins de {_fmt_bound(breaks[i + 1])}"
        if i < len(breaks) - 2
        else f"{_fmt_bound(breaks[i])} et plus"
        for i in range(len(breaks) - 1)
    ]


# --- residences --------------------------------------------------------------------------


def rayon(logements: float) -> float:
    """Marker radius in pixels: the area grows with the number of dwellings, capped."""
    return round(min(4 + 2.5 * math.sqrt(max(logements, 1)), 30), 1)


def modalite(residence: Mapping[str, object], couche: Couche) -> str:
    value = residence.get(couche.colonne)
    if couche.colonne == "qpv":
        return "En QPV" if bool(value) else "Hors QPV"
    if value is None or pd.isna(value):
        return NON_RENSEIGNE
    return str(value)


def _annees(residence: Mapping[str, object]) -> str:
    first, last = residence.get("construct_min"), residence.get("construct_max")
    if first is None or pd.isna(first):
        return NON_RENSEIGNE
    return f"{int(first)}" if first == last else f"{int(first)} à {int(last)}"


def _text(value: object, missing: str = NON_RENSEIGNE) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return missing
    return html.escape(str(value))


def popup_html(residence: Mapping[str, object]) -> str:
    """The residence's card: every value from the file is escaped."""
    logements = int(residence["logements"])  # type: ignore[call-overload]
    rows = [
        ("Logements", f"{fmt_int(logements)}"),
        ("Typologies", _text(residence.get("typologies"))),
        ("Construction", html.escape(_annees(residence))),
        ("Financement", _text(residence.get("financements"))),
        ("Classe énergie (DPE)", _text(residence.get("dpes"))),
    ]
    if residence.get("qpv"):
        rows.append(("Quartier prioritaire", _text(residence.get("qpv_libelle"), "oui")))
    cells = "".join(
        f"<tr><th style='text-align:left;padding:2px 8px 2px 0;vertical-align:top'>{k}</th>"
        f"<td style='padding:2px 0'>{v}</td></tr>"
        for k, v in rows
    )
    return (
        "<div style='font-size:15px;line-height:1.35;min-width:240px'>"
        f"<div style='font-weight:700;font-size:16px'>"
        f"{_text(residence.get('adresse'), 'Adresse non renseignée')}</div>"
        f"<div style='color:#555;margin-bottom:6px'>{_text(residence.get('commune'), '')}</div>"
        f"<table>{cells}</table></div>"
    )


def tooltip_text(residence: Mapping[str, object]) -> str:
    logements = int(residence["logements"])  # type: ignore[call-overload]
    where = _text(residence.get("adresse"), "Adresse non renseignée")
    return f"{where} — {fmt_int(logements)} logement{'s' if logements > 1 else ''}"


def residence_rows(residences: pd.DataFrame, couche: Couche) -> list[list[object]]:
    """One array per residence for the browser: lat, lon, radius, colour, popup, tooltip,
    dwellings."""
    rows = []
    for residence in residences.to_dict("records"):
        label = modalite(residence, couche)
        rows.append(
            [
                float(residence["lat"]),
                float(residence["lon"]),
                rayon(residence["logements"]),
                couche.couleurs.get(label, GRIS),
                popup_html(residence),
                tooltip_text(residence),
                int(residence["logements"]),
            ]
        )
    return rows


_MARKER_CALLBACK = """
function (row) {
    var marker = L.circleMarker([row[0], row[1]], {
        radius: row[2], color: "#FFFFFF", weight: 1.5, fillColor: row[3], fillOpacity: 0.9
    });
    marker.bindPopup(row[4], {maxWidth: 360});
    marker.bindTooltip(row[5]);
    marker.options.logements = row[6];
    return marker;
}
"""
# A cluster shows the number of dwellings it gathers (not of residences), in French format.
_CLUSTER_ICON = """
function (cluster) {
    var n = 0;
    cluster.getAllChildMarkers().forEach(function (m) { n += m.options.logements || 0; });
    var size = n < 100 ? 38 : (n < 1000 ? 46 : 56);
    return L.divIcon({
        html: '<div><span>' + n.toLocaleString('fr-FR') + '</span></div>',
        className: 'marker-cluster cil-cluster',
        iconSize: L.point(size, size)
    });
}
"""


def _css(scale: float = 1.0) -> str:
    """The map's own style; `scale` enlarges its text (names, legend, clusters) for the
    projector. Commune names sit on a white label above the clusters: a cluster never hides
    a name, and a name stays readable over a dark cluster."""

    def px(size: float) -> str:
        return f"{round(size * scale)}px"

    return f"""
<style>
.leaflet-container {{ background: #FAFAF7; font-family: "Source Sans Pro", Arial, sans-serif; }}
.cil-cluster div {{ background: rgba(22, 22, 22, 0.78); color: #FFFFFF; border-radius: 50%;
    width: 100%; height: 100%; display: flex; align-items: center; justify-content: center;
    font-weight: 700; font-size: {px(15)}; box-shadow: 0 0 0 3px rgba(255, 255, 255, 0.85); }}
.cil-cluster {{ background: transparent; }}
.cil-nom-conteneur {{ display: flex; align-items: center; justify-content: center; }}
.cil-nom {{ font-size: {px(16)}; font-weight: 700; color: #1E1E1E; white-space: nowrap;
    background: rgba(255, 255, 255, 0.9); padding: 1px 5px; border-radius: 3px;
    box-shadow: 0 0 2px rgba(0, 0, 0, 0.35); pointer-events: none; }}
.cil-legende {{ background: rgba(255, 255, 255, 0.94); padding: 8px 10px; border-radius: 4px;
    box-shadow: 0 1px 5px rgba(0, 0, 0, 0.35); font-size: {px(14)}; line-height: 1.3;
    max-width: {px(270)}; }}
.cil-legende b {{ display: block; margin: 4px 0 3px; font-size: {px(14)}; }}
.cil-legende i {{ display: inline-block; width: {px(14)}; height: {px(14)}; margin-right: 6px;
    vertical-align: -2px; border: 1px solid #888; }}
.cil-legende i.rond {{ border-radius: 50%; border: 1px solid #FFF; box-shadow: 0 0 0 1px #999; }}
.leaflet-tooltip, .leaflet-popup-content {{ font-size: {px(15)}; }}
.leaflet-control-scale-line {{ font-size: {px(12)}; }}
</style>
"""


class _Legende(MacroElement):
    """A legend in the map's bottom-right corner, drawn by Leaflet (so it follows the map in
    full screen)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "cil-legende");
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str) -> None:
        super().__init__()
        self._name = "Legende"
        self.html = html_text


class _IconPath(MacroElement):
    """Default marker images from the app (Leaflet would guess a CDN-relative path)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.Icon.Default.imagePath = {{ this.path|tojson }};
        {% endmacro %}
        """
    )

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path


class _Cadrage(MacroElement):
    """Frames the map on the chosen communes once its frame has its final size (the
    component sizes its frame after the script has run), with a metric-only scale. The
    legend's corner is kept out of the frame, so that it covers no commune."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            L.control.scale({imperial: false, maxWidth: 160}).addTo(map);
            var frame = function () {
                map.invalidateSize();
                var legend = map.getContainer().querySelector(".cil-legende");
                var room = legend ? legend.offsetWidth + 24 : 12;
                var size = map.getSize();
                if (room > size.x / 2) { room = 12; }  // a narrow map: the legend must overlap
                map.fitBounds({{ this.bounds|tojson }}, {
                    paddingTopLeft: [48, 12], paddingBottomRight: [room, 12]
                });
            };
            frame();
            setTimeout(frame, 300);
            window.addEventListener("resize", frame);
            map.on("enterFullscreen exitFullscreen", function () { setTimeout(frame, 250); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()
        self._name = "Cadrage"
        self.bounds = bounds


def legende_html(
    mesure_titre: str,
    breaks: Sequence[float],
    couche: Couche | None,
    modalites_presentes: Sequence[str],
) -> str:
    parts = [f"<b>{html.escape(mesure_titre)}</b>"]
    for colour, label in zip(CLASSES_CHOROPLETHE, class_labels(breaks), strict=False):
        parts.append(f"<div><i style='background:{colour}'></i>{html.escape(label)}</div>")
    if couche is not None:
        parts.append(f"<b>Résidences : {html.escape(couche.titre.lower())}</b>")
        for label in modalites_presentes:
            colour = couche.couleurs.get(label, GRIS)
            parts.append(
                f"<div><i class='rond' style='background:{colour}'></i>{html.escape(label)}</div>"
            )
        parts.append(
            "<div style='margin-top:4px;color:#444'>Taille du rond : nombre de logements ; "
            "chiffre : logements regroupés</div>"
        )
    return "".join(parts)


# --- communes ------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _contours_text(path: Path, mtime_ns: int) -> str:
    return communes_frame(path).to_json(drop_id=True)


def contours(path: Path) -> dict:
    """The territory's commune outlines as GeoJSON (WGS84, property `code_insee`) for
    Leaflet, read with geopandas (dashboard/geo.py)."""
    return json.loads(_contours_text(path, path.stat().st_mtime_ns))


def emprise(geojson: dict, insee: Sequence[str]) -> list[list[float]]:
    """[[south, west], [north, east]] of the chosen communes' outlines."""
    chosen = [f for f in geojson["features"] if f["properties"]["code_insee"] in set(insee)]
    features = chosen or geojson["features"]
    bounds = [shape(f["geometry"]).bounds for f in features]
    west = min(b[0] for b in bounds)
    south = min(b[1] for b in bounds)
    east = max(b[2] for b in bounds)
    north = max(b[3] for b in bounds)
    return [[south, west], [north, east]]


def _tuiles(fond: str) -> folium.TileLayer | None:
    if fond == "osm":
        return folium.TileLayer(
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            attr="© les contributeurs d'OpenStreetMap",
            name="OpenStreetMap",
            max_zoom=MAX_ZOOM,
        )
    if fond == "plan_ign":
        return folium.TileLayer(
            "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
            "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM"
            "&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
            attr="© IGN – Plan IGN",
            name="Plan IGN",
            max_zoom=MAX_ZOOM,
        )
    return None


def carte_parc(
    geojson: dict,
    communes: pd.DataFrame,
    choisies: Sequence[str],
    mesure: str,
    residences: pd.DataFrame | None,
    couche: Couche | None,
    fond: str = "aucun",
    echelle_texte: float = 1.0,
) -> folium.Map:
    """The map: commune outlines filled by `mesure` (chosen communes only), the residences
    clustered and coloured by `couche` (none when `residences` is None), a legend, the scale,
    a layer control and a full-screen button; framed on the chosen communes. `echelle_texte`
    enlarges the map's text (presentation mode)."""
    bounds = emprise(geojson, choisies)
    m = folium.Map(
        location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2],
        zoom_start=12,
        tiles=None,
        max_zoom=MAX_ZOOM,
        min_zoom=7,
        control_scale=False,
        prefer_canvas=False,  # SVG: every outline and marker is an element of the page
        zoom_control=True,
    )
    # folium gives max/min zoom to the tile layer only; clustering needs them on the map.
    # a fine zoom step: the territory fills the frame instead of the nearest half level
    m.options.update({"maxZoom": MAX_ZOOM, "minZoom": 7, "zoomSnap": 0.1, "zoomDelta": 0.5})
    m.default_js = [
        ("leaflet", vendor_url("leaflet/leaflet.js")),
        ("jquery", vendor_url("jquery/jquery.min.js")),
    ]
    m.default_css = [("leaflet_css", vendor_url("leaflet/leaflet.css"))]
    m.get_root().header.add_child(Element(_css(echelle_texte)))
    _IconPath(vendor_url("leaflet/images/")).add_to(m)
    tiles = _tuiles(fond)
    if tiles is not None:
        tiles.add_to(m)

    values = communes.set_index("insee")[mesure].to_dict()
    breaks = class_breaks([values[c] for c in choisies if c in values])
    names = communes.set_index("insee")["commune"].to_dict()
    features = []
    for feature in geojson["features"]:
        insee = feature["properties"]["code_insee"]
        selected = insee in choisies
        value = values.get(insee) if selected else None
        row = communes[communes["insee"] == insee]
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "nom": names.get(insee, feature["properties"].get("nom", insee)),
                    "couleur": CLASSES_CHOROPLETHE[class_of(value, breaks)]
                    if value is not None and not pd.isna(value)
                    else "#FFFFFF",
                    "choisie": selected,
                    "logements": fmt_int(row["logements"].iloc[0]) if len(row) else "—",
                    "pour_1000": fmt_num(row["logements_pour_1000"].iloc[0]) if len(row) else "—",
                },
            }
        )
    outlines = folium.FeatureGroup(name=f"Communes : {MESURES[mesure].lower()}", show=True)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda f: {
            "fillColor": f["properties"]["couleur"],
            "fillOpacity": 0.8 if f["properties"]["choisie"] else 0.25,
            "color": "#3A3A3A" if f["properties"]["choisie"] else "#9A9A9A",
            "weight": 2 if f["properties"]["choisie"] else 1,
            "dashArray": None if f["properties"]["choisie"] else "4 4",
        },
        highlight_function=lambda f: {"weight": 3},
        tooltip=folium.GeoJsonTooltip(
            fields=["nom", "logements", "pour_1000"],
            aliases=["Commune", "Logements sociaux", "Pour 1 000 habitants"],
            sticky=True,
        ),
        name="contours",
    ).add_to(outlines)
    outlines.add_to(m)

    # commune names above the markers and clusters, and never in the way of a click
    folium.map.CustomPane("noms", z_index=650, pointer_events=False).add_to(m)
    labels = folium.FeatureGroup(name="Noms des communes", show=True)
    for feature in geojson["features"]:
        insee = feature["properties"]["code_insee"]
        point = shape(feature["geometry"]).representative_point()
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(
                html=f"<div class='cil-nom'>{html.escape(names.get(insee, insee))}</div>",
                icon_size=(220, 40),
                icon_anchor=(110, 20),
                class_name="cil-nom-conteneur",
            ),
            interactive=False,
            pane="noms",
        ).add_to(labels)
    labels.add_to(m)

    present: list[str] = []
    if residences is not None and couche is not None and not residences.empty:
        cluster = folium.plugins.FastMarkerCluster(
            residence_rows(residences, couche),
            callback=_MARKER_CALLBACK,
            name="Résidences du parc social",
            icon_create_function=_CLUSTER_ICON,
            maxClusterRadius=30,
            disableClusteringAtZoom=15,
            spiderfyOnMaxZoom=False,
            showCoverageOnHover=False,
        )
        cluster.default_js = [
            ("markerclusterjs", vendor_url("markercluster/leaflet.markercluster.js"))
        ]
        cluster.default_css = [
            ("markerclustercss", vendor_url("markercluster/MarkerCluster.css")),
            ("markerclusterdefaultcss", vendor_url("markercluster/MarkerCluster.Default.css")),
        ]
        cluster.add_to(m)
        seen = {modalite(r, couche) for r in residences.to_dict("records")}
        present = [label for label in couche.couleurs if label in seen]
        if NON_RENSEIGNE in seen:
            present.append(NON_RENSEIGNE)

    _Legende(legende_html(MESURES[mesure], breaks, couche, present)).add_to(m)
    fullscreen = folium.plugins.Fullscreen(
        position="topleft", title="Plein écran", title_cancel="Quitter le plein écran"
    )
    fullscreen.default_js = [
        ("Control.Fullscreen.js", vendor_url("fullscreen/Control.FullScreen.js"))
    ]
    fullscreen.default_css = [
        ("Control.FullScreen.css", vendor_url("fullscreen/Control.FullScreen.css"))
    ]
    fullscreen.add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    _Cadrage(bounds).add_to(m)
    return m


def liens_externes(m: folium.Map) -> list[str]:
    """Every script or style sheet the map would load from outside the app (must be none)."""
    links: list[str] = []

    def walk(element: object) -> None:
        for _, url in list(getattr(element, "default_js", [])) + list(
            getattr(element, "default_css", [])
        ):
            links.append(url)
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(m)
    return [url for url in links if not url.startswith(vendor_url(""))]


def carte_statique(
    communes: gpd.GeoDataFrame,
    residences: pd.DataFrame,
    noms: Mapping[str, str],
    titre: str,
    couche: Couche = COUCHES["financement"],
) -> go.Figure:
    """The stock map as a plotly figure for printed documents (no tiles, no internet):
    commune outlines with their names and residences sized by dwellings, drawn in metres in
    a projection of the territory (`geo.metric_crs`, through `to_crs`), so that it keeps
    its shape; `noms` names the communes to fill and label."""
    crs = metric_crs(communes)
    outlines = communes.to_crs(crs)
    fig = go.Figure()
    for insee, geometry in zip(outlines["code_insee"], outlines.geometry, strict=True):
        for polygon in getattr(geometry, "geoms", [geometry]):
            x, y = polygon.exterior.xy
            fig.add_trace(
                go.Scatter(
                    x=list(x),
                    y=list(y),
                    mode="lines",
                    fill="toself",
                    fillcolor="#F1F4F8" if insee in noms else "#FFFFFF",
                    line={"color": "#3A3A3A", "width": 1.5},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
        if insee in noms:
            centre = geometry.representative_point()
            fig.add_annotation(
                x=centre.x,
                y=centre.y,
                text=f"<b>{noms[insee]}</b>",
                showarrow=False,
                font={"size": 15, "color": "#161616"},
                bgcolor="rgba(255,255,255,0.85)",
            )
    placed = gpd.GeoDataFrame(
        residences,
        geometry=gpd.points_from_xy(residences["lon"], residences["lat"]),
        crs=WGS84,
    ).to_crs(crs)
    keys = [modalite(r, couche) for r in residences.to_dict("records")]
    for modalite_nom, groupe in placed.groupby(pd.Series(keys, index=placed.index)):
        fig.add_trace(
            go.Scatter(
                x=groupe.geometry.x,
                y=groupe.geometry.y,
                mode="markers",
                name=str(modalite_nom),
                marker={
                    "size": [4 + 2.2 * math.sqrt(n) for n in groupe["logements"]],
                    "color": couche.couleurs.get(str(modalite_nom), GRIS),
                    "line": {"color": "white", "width": 1},
                    "opacity": 0.9,
                },
            )
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)  # metres both ways
    fig.update_layout(
        title={"text": titre, "font": {"size": 20}},
        legend={"title": {"text": couche.titre}, "font": {"size": 14}},
        plot_bgcolor="white",
        paper_bgcolor="white",
        height=900,
        width=900,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return fig


def residences_geojson(residences: pd.DataFrame, millesime: int) -> dict:
    """The residences on the map as GeoJSON points (WGS84), for a GIS: one feature per
    residence with its counts and its dominant modalities, never a dwelling's row."""
    features = []
    for r in residences.to_dict("records"):
        first, last = r.get("construct_min"), r.get("construct_max")
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(r["lon"]), 6), round(float(r["lat"]), 6)],
                },
                "properties": {
                    "commune": _plain(r.get("commune")),
                    "code_insee": _plain(r.get("insee")),
                    "adresse": _plain(r.get("adresse")),
                    "logements": int(r["logements"]),
                    "en_qpv": bool(r.get("qpv")),
                    "construction_premiere": None if pd.isna(first) else int(first),
                    "construction_derniere": None if pd.isna(last) else int(last),
                    "financement_majoritaire": _plain(r.get("financement")),
                    "periode_majoritaire": _plain(r.get("periode")),
                    "dpe_majoritaire": _plain(r.get("dpe")),
                    "typologies": _plain(r.get("typologies")),
                    "financements": _plain(r.get("financements")),
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "name": f"residences_parc_social_{millesime}",
        "features": features,
    }


def _plain(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)
