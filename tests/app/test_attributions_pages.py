"""The three attribution pages on the demo database (AppTest, no browser, signed in as a
member: exact aggregates): figures present, the period choice and the filters followed."""

from __future__ import annotations

from tests.app.test_pages import open_page


def frame_with(at, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def test_prioritaires_page(demo_env):
    at = open_page("prioritaires.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    # the three targets, each with its status in words (never colour alone)
    deltas = [m.delta for m in at.metric]
    assert len(deltas) == 3
    assert all(("atteint" in d or "secret" in d or "objectif" in d) for d in deltas)
    assert all("objectif" in d for d in deltas)
    # the page says that only effective attributions count
    assert any("Attributions effectives seulement" in i.value for i in at.info)
    groups = frame_with(at, "Réservataire")
    assert groups["Réservataire"].tolist()[-1] == "Tous réservataires"
    assert set(groups["Objectif atteint ?"]) <= {"✓ atteint", "✗ non atteint", "secret", "—"}
    # the page is for members, who see exact aggregates: a group of one year under the
    # public threshold (11) shows its count, never « < 11 » nor « secret »
    effectives = groups["Attributions effectives"].tolist()
    assert "< 11" not in effectives and "secret" not in groups["Part prioritaires"].tolist()
    assert any(0 < int(v.replace("\u202f", "")) < 11 for v in effectives if v.isdigit())
    total = groups[groups["Réservataire"] == "Tous réservataires"].iloc[0]
    assert total["Part prioritaires"].endswith("%")
    # the cumul of the years is offered and labelled with its period
    at.radio(key="prioritaires_periode").set_value("cumul").run()
    assert not at.exception
    cumul = frame_with(at, "Réservataire")
    assert cumul["Réservataire"].tolist()[-1] == "Tous réservataires"
    assert any("2019-2025" in s.value for s in at.subheader)


def test_prioritaires_page_follows_the_commune_filter(demo_env):
    at = open_page("prioritaires.py", {"annee": "2025"})
    before = frame_with(at, "Commune")["Commune"].tolist()
    at.sidebar.multiselect[0].set_value(["69027"]).run()  # Brignais only
    assert not at.exception
    assert frame_with(at, "Commune")["Commune"].tolist() == ["Brignais", "Ensemble"]
    assert len(before) == 6


def test_attributions_page(demo_env):
    at = open_page("attributions.py", {"annee": "2024"})
    assert not at.exception, [e.value for e in at.exception]
    labels = [m.label for m in at.metric]
    assert labels == [
        "Attributions",
        "dont baux signés",
        "Part en quartier prioritaire (QPV)",
        "Part des mutations",
    ]
    # one chart per breakdown
    assert len(at.get("plotly_chart")) == 6
    bailleurs = frame_with(at, "Bailleur")
    assert bailleurs["Bailleur"].iloc[0] == "Tous les bailleurs"
    assert "Total" in bailleurs.columns


def test_commissions_page(demo_env):
    at = open_page("commissions.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    values = {m.label: [] for m in at.metric}
    for m in at.metric:
        values[m.label].append(m.value)
    # 26 commissions since 2019, as the PPGDID reports (the demo is calibrated on it)
    assert values["Commissions réunies"][1] == "26"
    share = values["Part avec bail signé"][1]
    assert 40 <= float(share.replace("\u00a0%", "").replace(",", ".")) <= 60
    years = frame_with(at, "Dossiers examinés")
    assert years["Année"].tolist()[-1] == "2019-2025"
