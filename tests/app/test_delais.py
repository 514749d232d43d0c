"""« Délais et pression » on the demo database (AppTest, no browser): key figures, the pressure
table, the délai anormalement long when the settings give one, and the filters followed."""

from __future__ import annotations

from pathlib import Path

from dashboard.settings import DATA_DIR, get_settings
from tests.app.test_attributions_pages import frame_with
from tests.app.test_pages import open_page


def test_delais_page(demo_env):
    at = open_page("delais.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    values = {m.label: m.value for m in at.metric}
    assert values["Délai d'attente médian"].endswith("mois")
    assert values["Délai d'attente moyen"].endswith("mois")
    assert "," in values["Demandes pour une attribution"]  # French decimal comma
    assert len(at.get("plotly_chart")) == 5
    # unset in the default settings: the page says so and counts nothing
    assert any("n'est pas renseigné" in i.value for i in at.info)
    pressure = frame_with(at, "Demandes pour une attribution")
    assert len(pressure) == 6 * 6  # five communes and all, five typologies and all
    assert "secret" in pressure["Demandes pour une attribution"].tolist()


def test_delais_page_follows_communes_and_period(demo_env):
    at = open_page("delais.py", {"annee": "2025"})
    one_year = frame_with(at, "Demandes pour une attribution")
    hidden = (one_year["Demandes pour une attribution"] == "secret").sum()
    at.radio(key="delais_periode").set_value("cumul").run()
    assert not at.exception
    cumul = frame_with(at, "Demandes pour une attribution")
    assert (cumul["Demandes pour une attribution"] == "secret").sum() < hidden
    at.sidebar.multiselect[0].set_value(["69027", "69268"]).run()  # Brignais, Vourles
    assert not at.exception
    two = frame_with(at, "Demandes pour une attribution")
    assert list(dict.fromkeys(two["Commune"])) == ["Brignais", "Vourles", "Ensemble"]


def territory_with_delay(tmp_path: Path, mois: int) -> Path:
    source = get_settings().source_file.read_text(encoding="utf-8")
    source = source.replace('contours = "', f'contours = "{DATA_DIR}/')
    source = source.replace('grilles = "', f'grilles = "{DATA_DIR}/')
    source = source.replace("mois = 0", f"mois = {mois}")
    path = tmp_path / "territoire.toml"
    path.write_text(source, encoding="utf-8")
    return path


def test_abnormally_long_delay_when_set(demo_env, tmp_path, monkeypatch):
    monkeypatch.setenv("CIL_TERRITOIRE", str(territory_with_delay(tmp_path, 36)))
    at = open_page("delais.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert not any("n'est pas renseigné" in i.value for i in at.info)
    beyond = next(m for m in at.metric if "au-delà de 36" in m.label)
    assert beyond.value != "0"
    table = frame_with(at, "au-delà de 36 mois")
    assert table["Commune souhaitée"].tolist()[0] == "Ensemble"
