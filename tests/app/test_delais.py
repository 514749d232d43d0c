"""« Délais et pression » on the demo database (AppTest, no browser): the public reads single
years from the publication (no cumulative period, nothing technical), members may add the
years up; satisfaction rates and the délai anormalement long when the settings give one."""

from __future__ import annotations

from pathlib import Path

from dashboard.settings import DATA_DIR, get_settings
from tests.app.test_attributions_pages import frame_with
from tests.app.test_pages import MEMBER, open_page

PRESSURE = "Demandes pour une attribution"


def test_delais_page_for_the_public(demo_env):
    at = open_page("delais.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    values = {m.label: m.value for m in at.metric}
    assert values["Délai d'attente médian"].endswith("mois")
    assert values["Délai d'attente moyen"].endswith("mois")
    assert "," in values["Pression de la demande"]  # French decimal comma
    # the satisfaction rates of both publics, public since issue 13
    assert values["Satisfaction (mutations)"].endswith("%")
    assert values["Satisfaction (primo-demandeurs)"].endswith("%")
    assert len(at.get("plotly_chart")) == 5  # the imbalance is for members
    # the public gets single years only, and no word about the settings' file
    assert not at.radio
    assert not any("territoire.toml" in i.value for i in at.info)
    assert not any("territoire.toml" in c.value for c in at.caption)
    pressure = frame_with(at, PRESSURE)
    assert len(pressure) == 6 * 6  # five communes and all, five typologies and all
    assert "secret" in pressure[PRESSURE].tolist()


def test_montagny_attributions_cannot_be_recovered(demo_env):
    """Issue 12: Montagny's 2025 attributions were masked while the territory's total and the
    four other communes were shown (155 − (87 + 28 + 17 + 14) = 9)."""
    at = open_page("delais.py", {"annee": "2025"})
    pressure = frame_with(at, PRESSURE)
    totals = pressure[pressure["Typologie"] == "Toutes typologies"]
    shown = dict(zip(totals["Commune"], totals["Attributions (baux signés)"], strict=True))
    assert shown["Montagny"] == "< 11"
    hidden = [c for c, v in shown.items() if c != "Ensemble" and not v.isdigit()]
    assert len(hidden) >= 2  # another commune hidden with it


def test_delais_page_for_members(demo_env):
    at = open_page("delais.py", {"annee": "2025"}, user=MEMBER)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == 6
    # unset in the default settings: members are told where to set it
    assert any("n'est pas renseigné" in i.value for i in at.info)
    one_year = frame_with(at, PRESSURE)
    at.radio(key="delais_periode").set_value("cumul").run()
    assert not at.exception
    cumul = frame_with(at, PRESSURE)
    assert cumul[PRESSURE].tolist() != one_year[PRESSURE].tolist()
    at.sidebar.multiselect[0].set_value(["69027", "69268"]).run()  # Brignais, Vourles
    assert not at.exception
    two = frame_with(at, PRESSURE)
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
    """The public page counts the demands past the délai when it is set (the publication is
    rebuilt for these settings)."""
    from dashboard.importer import publish

    settings = territory_with_delay(tmp_path, 36)
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(Path(demo_env).read_bytes())
    monkeypatch.setenv("CIL_TERRITOIRE", str(settings))
    monkeypatch.setenv("CIL_DB", str(copy))
    publish(copy, get_settings())
    at = open_page("delais.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.info
    values = {m.label: m.value for m in at.metric}
    assert values["Demandes au-delà du délai anormalement long"] not in ("0", "—")
    assert values["Part au-delà du délai anormalement long"].endswith("%")
    table = frame_with(at, "au-delà du délai anormalement long")
    assert len(table) == 6 * 6 and table["Commune souhaitée"].tolist()[-1] == "Ensemble"
