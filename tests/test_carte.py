"""dashboard/figures/carte.py: classes of the choropleth, residence markers, and a map that loads
nothing from outside the app."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import carte
from dashboard.settings import get_settings


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
        carte.contours(settings.contours_file),
        pd.DataFrame([RESIDENCE]),
        {c.insee: c.nom for c in settings.communes},
        "Résidences du parc social au 1er janvier 2025",
    )
    png = exports.figure_image(figure, "png", "Année 2025", width=1100, height=1000)
    assert png.startswith(b"\x89PNG")


def test_the_map_text_grows_for_the_projector():
    assert "font-size: 16px" in carte._css(1.0) and "font-size: 22px" in carte._css(1.4)
