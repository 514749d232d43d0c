"""The three attribution pages on the demo database (AppTest, no browser): figures present,
the period choice and the filters followed; the public part of « Attributions » and what stays
for members."""

from __future__ import annotations

from tests.app.test_pages import MEMBER, PUBLIC, open_page


def frame_with(at, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def number(text: str) -> int:
    return int(text.replace("\u202f", ""))


def test_prioritaires_page(demo_env):
    at = open_page("prioritaires.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    # the four targets, each with its status in words (never colour alone)
    deltas = [m.delta for m in at.metric]
    assert len(deltas) == 4
    assert all("objectif" in d for d in deltas)
    # the page says that only signed leases count
    assert any("Baux signés seulement" in i.value for i in at.info)
    groups = frame_with(at, "Réservataire")
    assert groups["Réservataire"].tolist()[-1] == "Tous réservataires"
    assert set(groups["Objectif atteint ?"]) <= {"✓ atteint", "✗ non atteint", "—"}
    # every group of the settings is followed, « Autre » included
    assert groups["Réservataire"].tolist()[:5] == [
        "État",
        "Collectivités",
        "Action Logement",
        "Bailleurs",
        "Autre",
    ]
    # per bailleur: the quartile rules and the quotas per bailleur × réservataire
    bailleurs = frame_with(at, "Bailleur")
    assert bailleurs["Bailleur"].iloc[-1] == "Ensemble"
    crossed = next(
        df.value
        for df in at.dataframe
        if "Réservataire" in df.value.columns and "Bailleur" in df.value.columns
    )
    assert len(crossed) > 4
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
    # the page is for members, who see exact aggregates: a group of one year under the
    # public threshold (11) shows its count, never « < 11 » nor « secret »
    at.sidebar.multiselect[0].set_value(["69136"]).run()  # Montagny
    groups = frame_with(at, "Réservataire")
    effectives = groups["Attributions (baux signés)"].tolist()
    assert "< 11" not in effectives and "secret" not in groups["Part des ménages prioritaires"]
    assert any(0 < number(v) < 11 for v in effectives)


def test_attributions_page_for_the_public(demo_env):
    at = open_page("attributions.py", {"annee": "2024"}, user=PUBLIC)
    assert not at.exception, [e.value for e in at.exception]
    assert [m.label for m in at.metric][:4] == [
        "Attributions (baux signés)",
        "Décisions d'attribution",
        "Décisions sans bail",
        "Baux de décisions antérieures",
    ]
    assert len(at.get("plotly_chart")) == 6  # one chart per breakdown
    # each réservataire beside its priorities, quoted from the plan (settings)
    priorities = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert any("DALO" in m for m in priorities), priorities  # listed under the table
    # the commissions' rhythm against one a quarter, year by year up to the year chosen
    rhythm = frame_with(at, "Rythme trimestriel tenu ?")
    # the demo's commissions end in 2024; the last row is the whole period
    assert rhythm["Période"].tolist()[-2:] == ["2024", "2019-2024"]
    # no period choice, no members' part
    assert not at.radio
    assert not any("par bailleur" in s.value for s in at.subheader)


def test_attributions_page_for_members(demo_env):
    at = open_page("attributions.py", {"annee": "2025"}, user=MEMBER)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Bilan des attributions par bailleur" in s.value for s in at.subheader)
    history = frame_with(at, "dont décidées une année antérieure")
    # one row per year, then the period: decisions and leases of each year
    assert history["Période"].tolist()[0] == "2019"
    assert history["Période"].tolist()[-1] == "2019-2025"
    assert number(history["dont décidées une année antérieure"].iloc[-2]) > 0
    at.radio(key="attributions_periode").set_value("cumul").run()
    assert not at.exception
    assert any("de 2019 à 2025 (cumul)" in s.value for s in at.subheader)


def test_commissions_page(demo_env):
    at = open_page("commissions.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    cards = {m.label: m.value for m in at.metric}
    assert cards["Commissions réunies"] == "4"
    # 26 commissions since 2019, as the PPGDID reports (the demo is calibrated on it)
    rhythm = frame_with(at, "Rythme trimestriel tenu ?")
    assert rhythm["Période"].tolist()[-1] == "2019-2025"
    assert rhythm["Commissions réunies"].tolist()[-1] == "26"
    years = frame_with(at, "Part avec bail signé")
    assert years["Période"].tolist()[-1] == "2019-2025"
    share = years["Part avec bail signé"].tolist()[-1]
    assert 40 <= float(share.replace("\u00a0%", "").replace(",", ".")) <= 60
