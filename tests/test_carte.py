"""dashboard/figures/carte.py and dashboard/geo.py: classes of the choropleth, residence markers,
a map that loads nothing from outside the app, the outlines read with geopandas (the static
map drawn in metres, the RPLS import's check that residences lie in their commune)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pyproj import Transformer

from dashboard.db import Database
from dashboard.figures import carte
from dashboard.geo import communes_frame, outside_their_commune
from dashboard.importer import import_file
from dashboard.settings import get_settings
from tests.builders import DEFAULTS


def test_nice_steps_and_breaks():
    assert carte.nice_step(198) == 200
    assert carte.nice_step(16.06) == 20
    assert carte.nice_step(2.2) == 2.5
    # largest value 990 (Brignais) in 5 classes: 990 / 5 = 198 -> step 200
    assert carte.class_breaks([990, 370, 120, 75, 95]) == [0, 200, 400, 600, 800, 1000]
    # per 1,000 inhabitants: 80.3 / 5 = 16.06 -> step 20
    assert carte.class_breaks([80.3, 40.1, 27.8]) == [0, 20, 40, 60, 80, 100]
    assert carte.class_breaks([0, 0]) == [0, 1, 2, 3, 4, 5]


def test_class_of_a_value():
    breaks = [0, 200, 400, 600, 800, 1000]
    assert carte.class_of(0, breaks) == 0
    assert carte.class_of(199, breaks) == 0
    assert carte.class_of(200, breaks) == 1  # a bound opens the next class
    assert carte.class_of(990, breaks) == 4
    assert carte.class_of(1000, breaks) == 4  # the top bound stays in the last class
    assert carte.class_labels([0, 20, 40])[0] == "0 à moins de 20"
    assert carte.class_labels([0, 20, 40])[-1] == "20 et plus"


RESIDENCE = {
    "residence_id": "69027|1 RUE A",
    "commune": "Brignais",
    "adresse": "1 RUE <b>A</b>",
    "lon": 4.75,
    "lat": 45.67,
    "logements": 16,
    "construct_min": 1970,
    "construct_max": 1972,
    "periode": "Avant 1975",
    "financement": "PLUS",
    "dpe": None,
    "qpv": True,
    "qpv_libelle": "Les Pérouses",
    "typologies": "T2 : 6 · T3 : 10",
    "financements": "PLUS : 16",
    "dpes": None,
}


def test_popup_escapes_the_file_values_and_says_what_is_missing():
    text = carte.popup_html(RESIDENCE)
    assert "1 RUE &lt;b&gt;A&lt;/b&gt;" in text and "<b>A</b>" not in text
    assert "1970 à 1972" in text
    assert "T2 : 6 · T3 : 10" in text
    assert "Non renseigné" in text  # no DPE
    assert "Les Pérouses" in text
    assert carte.tooltip_text(RESIDENCE).endswith("16 logements")


def test_marker_size_and_colour():
    # radius 4 + 2.5 × sqrt(16) = 14 px; capped at 30 px
    assert carte.rayon(16) == 14
    assert carte.rayon(10_000) == 30
    row = carte.residence_rows(pd.DataFrame([RESIDENCE]), carte.COUCHES["financement"])[0]
    assert row[:4] == [45.67, 4.75, 14, carte.COULEURS_FINANCEMENT["PLUS"]]
    assert row[6] == 16
    by_dpe = carte.residence_rows(pd.DataFrame([RESIDENCE]), carte.COUCHES["dpe"])[0]
    assert by_dpe[3] == carte.GRIS  # no DPE: grey
    by_qpv = carte.residence_rows(pd.DataFrame([RESIDENCE]), carte.COUCHES["qpv"])[0]
    assert by_qpv[3] == carte.COULEURS_QPV["En QPV"]


@pytest.mark.parametrize("fond", ["aucun", "osm"])
def test_the_map_loads_leaflet_and_its_plugins_from_the_app_only(fond):
    settings = get_settings()
    communes = pd.DataFrame(
        {
            "insee": settings.insee_codes,
            "commune": [c.nom for c in settings.communes],
            "logements": [990, 370, 120, 75, 95],
            "logements_pour_1000": [80.3, 40.1, 27.8, 23.3, 28.3],
        }
    )
    m = carte.carte_parc(
        carte.contours(settings.contours_file),
        communes,
        ["69027"],
        "logements",
        pd.DataFrame([RESIDENCE]),
        carte.COUCHES["financement"],
        fond,
    )
    assert carte.liens_externes(m) == []
    page = m.get_root().render()
    assert "cdn" not in page.lower() and "cdnjs" not in page
    assert "/app/static/vendor/markercluster/leaflet.markercluster.js" in page
    assert "/app/static/vendor/fullscreen/Control.FullScreen.js" in page
    assert ("tile.openstreetmap.org" in page) == (fond == "osm")
    # framed on Brignais (the chosen commune), whose outline lies around 45.65-45.70 N
    (south, west), (north, east) = carte.emprise(carte.contours(settings.contours_file), ["69027"])
    assert 45.6 < south < north < 45.75 and 4.6 < west < east < 4.85


def test_the_residences_as_geojson_carry_counts_never_a_dwelling():
    other = {**RESIDENCE, "residence_id": "69027|2 RUE B", "logements": 3, "qpv": False}
    collection = carte.residences_geojson(pd.DataFrame([RESIDENCE, other]), 2025)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 2
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [4.75, 45.67]}
    props = first["properties"]
    assert props["logements"] == 16 and props["en_qpv"] is True
    assert props["construction_premiere"] == 1970 and props["financement_majoritaire"] == "PLUS"
    assert props["dpe_majoritaire"] is None
    # a residence's aggregates only: no identifier of the file's rows
    assert not {"residence_id", "numero", "logement_id"} & set(props)
    assert collection["features"][1]["properties"]["logements"] == 3


def test_the_static_map_is_an_image():
    from dashboard import exports

    settings = get_settings()
    figure = carte.carte_statique(
        communes_frame(settings.contours_file),
        pd.DataFrame([RESIDENCE]),
        {c.insee: c.nom for c in settings.communes},
        "Résidences du parc social au 1er janvier 2025",
    )
    png = exports.figure_image(figure, "png", "Année 2025", width=1100, height=1000)
    assert png.startswith(b"\x89PNG")


def test_the_map_text_grows_for_the_projector():
    assert "font-size: 16px" in carte._css(1.0) and "font-size: 22px" in carte._css(1.4)


# --- outlines read with geopandas: the static map in metres, the RPLS import's check -------

L93_TO_WGS84 = Transformer.from_crs(2154, 4326, always_xy=True)
BRIGNAIS_L93 = (836432.8, 6510204.3)  # a point of Brignais (tests/builders.py)
CHAPONOST_L93 = (835792.8, 6513653.5)  # a point of Chaponost


def test_contours_are_read_with_geopandas_once_for_the_map_and_the_static_map():
    path = get_settings().contours_file
    frame = communes_frame(path)
    assert frame.crs.to_epsg() == 4326
    assert sorted(frame["code_insee"]) == sorted(get_settings().insee_codes)
    geojson = carte.contours(path)  # the same outlines, as GeoJSON for Leaflet
    assert [f["properties"]["code_insee"] for f in geojson["features"]] == list(frame["code_insee"])


def test_the_static_map_is_drawn_in_metres_from_projected_frames():
    """Two residences 200 m apart (east of each other in Lambert-93) are 200 m apart on the
    map, both ways: no stretching by hand."""
    lon, lat = L93_TO_WGS84.transform(
        [BRIGNAIS_L93[0], BRIGNAIS_L93[0] + 200.0, BRIGNAIS_L93[0]],
        [BRIGNAIS_L93[1], BRIGNAIS_L93[1], BRIGNAIS_L93[1] + 200.0],
    )
    residences = pd.DataFrame(
        {"lon": lon, "lat": lat, "logements": [4, 9, 1], "financement": ["PLUS"] * 3}
    )
    fig = carte.carte_statique(
        communes_frame(get_settings().contours_file), residences, {"69027": "Brignais"}, "t"
    )
    (markers,) = [t for t in fig.data if t.mode == "markers"]
    x, y = list(markers.x), list(markers.y)
    east = math.dist((x[0], y[0]), (x[1], y[1]))
    north = math.dist((x[0], y[0]), (x[2], y[2]))
    assert east == pytest.approx(200, abs=0.5) and north == pytest.approx(200, abs=0.5)
    assert fig.layout.yaxis.scaleratio == 1
    # the outlines are in the same metres: Brignais's outline holds its point
    outline = next(t for t in fig.data if t.mode == "lines")
    assert min(outline.x) < x[0] < max(outline.x) and min(outline.y) < y[0] < max(outline.y)


def test_residences_outside_their_commune_are_listed_at_import(tmp_path):
    rows = [
        # inside Brignais
        {"NUMVOIE": "1", "TYPVOIE": "RUE", "NOMVOIE": "A"},
        # coded Brignais, placed in Chaponost: two dwellings of one residence, one alone
        {
            "NUMVOIE": "3",
            "TYPVOIE": "RUE",
            "NOMVOIE": "B",
            "X": str(CHAPONOST_L93[0]),
            "Y": str(CHAPONOST_L93[1]),
        },
        {
            "NUMVOIE": "3",
            "TYPVOIE": "RUE",
            "NOMVOIE": "B",
            "X": str(CHAPONOST_L93[0]),
            "Y": str(CHAPONOST_L93[1]),
        },
        {"X": str(CHAPONOST_L93[0] + 50), "Y": str(CHAPONOST_L93[1])},
        # inside Chaponost, coded Chaponost
        {"DEPCOM": "69043", "X": str(CHAPONOST_L93[0]), "Y": str(CHAPONOST_L93[1])},
    ]
    frame = pd.DataFrame([{**DEFAULTS["logements"], **row} for row in rows])
    path = tmp_path / "rpls_2025.csv"
    frame.to_csv(path, sep=";", index=False)
    report = import_file("logements", path, tmp_path / "db.duckdb", millesime=2025, publish=False)
    (warning,) = [w for w in report.warnings if "hors du contour" in w]
    assert warning.startswith("2 résidences placées hors du contour de leur commune")
    assert "3 RUE B à Brignais (lignes 3, 4)" in warning
    assert "sans adresse à Brignais (ligne 5)" in warning
    assert "1 RUE A" not in warning and "ligne 6" not in warning
    # listed, not dropped: they stay on the map where the file puts them
    db = Database(tmp_path / "db.duckdb")
    try:
        with db.cursor() as cursor:
            placed = cursor.execute("SELECT count(lon) FROM logements").fetchone()[0]
    finally:
        db.close()
    assert placed == 5


def test_a_point_on_its_border_is_inside_a_point_1_km_beyond_is_not():
    communes = communes_frame(get_settings().contours_file)
    brignais = communes.set_index("code_insee").geometry["69027"]
    lon, lat = min(brignais.exterior.coords)  # the westernmost vertex of the outline
    points = pd.DataFrame(
        {
            "depcom": ["69027", "69027", "69027"],
            "lon": [lon, lon - 0.013, None],  # 0,013° of longitude at 45,7° N: about 1 km
            "lat": [lat, lat, None],
        }
    )
    assert outside_their_commune(points, communes).tolist() == [False, True, False]
