"""The « Parc social » page on the demo database (AppTest: no browser, no JavaScript)."""

from __future__ import annotations

import json

from dashboard.demo.parc import DWELLINGS_2025
from dashboard.figures import carte
from dashboard.formatting import fmt_int
from dashboard.settings import get_settings
from tests.app.test_pages import open_page


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def map_args(at) -> dict:
    (component,) = at.get("component_instance")
    assert component.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(component.proto.json_args)


def test_parc_page_draws_the_map_from_local_files(demo_env):
    at = open_page("parc.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Logements sociaux") == fmt_int(sum(DWELLINGS_2025.values()))
    args = map_args(at)
    # Leaflet and its plugins come from the app, never from a CDN
    links = args["js_links"] + args["css_links"]
    assert links and all(link.startswith("/app/static/vendor/") for link in links)
    assert "L.markerClusterGroup" in args["script"]  # the residences
    assert "L.geoJson" in args["script"]  # the commune outlines
    assert "cil-legende" in args["script"]
    # the evolution between the two demo millésimes and the demand-to-stock link are shown
    subheaders = [s.value for s in at.subheader]
    assert "Le parc social entre les millésimes RPLS" in subheaders
    assert any(s.startswith("La demande face au parc") for s in subheaders)


def test_parc_page_follows_the_communes_and_its_own_filters(demo_env):
    at = open_page("parc.py", {"annee": "2025"})
    at.sidebar.selectbox(key="filtre_commune").set_value("69136").run()  # Montagny
    assert not at.exception
    assert metric(at, "Logements sociaux") == fmt_int(DWELLINGS_2025["69136"])
    # the map is framed on Montagny's outline now
    bounds = carte.emprise(carte.contours(get_settings().contours_file), ["69136"])
    assert f"map.fitBounds({json.dumps(bounds)}" in map_args(at)["script"]
    at.multiselect(key="parc_financements").set_value(["PLAI"]).run()
    assert not at.exception
    plai = metric(at, "Logements sociaux")
    assert int(plai.replace("\u202f", "")) < DWELLINGS_2025["69136"]
    at.radio(key="parc_couche").set_value("dpe").run()
    at.radio(key="parc_mesure").set_value("logements_pour_1000").run()
    assert not at.exception
    assert "pour 1 000 habitants" in map_args(at)["script"]


def test_above_the_marker_limit_only_the_communes_are_drawn(demo_env, monkeypatch):
    monkeypatch.setattr(carte, "MAX_MARQUEURS", 10)
    at = open_page("parc.py", {"annee": "2025"})
    assert not at.exception
    assert any("trop pour les placer toutes" in i.value for i in at.info)
    script = map_args(at)["script"]
    assert "L.markerClusterGroup" not in script
    assert "L.geoJson" in script


def test_members_can_export_the_map_the_public_cannot(demo_env):
    from tests.app.test_pages import MEMBER, PUBLIC

    def labels(user: dict) -> set[str]:
        at = open_page("parc.py", {"annee": "2025"}, user=user)
        assert not at.exception
        return {b.proto.label for b in at.get("download_button")}

    assert {"Carte PNG", "Résidences GeoJSON"} <= labels(MEMBER)
    assert not {"Carte PNG", "Résidences GeoJSON"} & labels(PUBLIC)
