"""« Profil de la demande » on the demo database (AppTest, no browser): the six breakdowns,
the choice between the active file and the registrations, the commune filter followed."""

from __future__ import annotations

from tests.app.test_attributions_pages import frame_with
from tests.app.test_pages import open_page


def test_profil_page(demo_env):
    at = open_page("profil.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert [m.label for m in at.metric] == [
        "Demandes actives au 31/12/2025",
        "Part du premier quartile",
        "Part des ménages prioritaires",
        "Part des ménages DALO",
    ]
    assert len(at.get("plotly_chart")) == 6
    assert any("**Demande sur le territoire**" in c.value for c in at.caption)
    breakdowns = frame_with(at, "Répartition")
    assert list(breakdowns.columns) == [
        "Répartition",
        "Modalité",
        "Demandes actives 2024",
        "Part 2024",
        "Demandes actives 2025",
        "Part 2025",
    ]
    assert "Logement trop petit" in breakdowns["Modalité"].tolist()
    communes = frame_with(at, "Commune souhaitée")
    assert communes["Commune souhaitée"].tolist()[-1] == "Ensemble"
    active = breakdowns["Demandes actives 2025"].tolist()
    # the registrations of the year instead of the active file
    at.radio(key="profil_champ").set_value("enregistrements").run()
    assert not at.exception
    assert at.metric[0].label == "Demandes enregistrées en 2025"
    registered = frame_with(at, "Répartition")
    assert registered["Demandes enregistrées 2025"].tolist() != active


def test_profil_page_follows_the_commune_filter(demo_env):
    at = open_page("profil.py", {"annee": "2025"})
    at.sidebar.multiselect[0].set_value(["69027"]).run()  # Brignais only
    assert not at.exception, [e.value for e in at.exception]
    assert frame_with(at, "Commune souhaitée")["Commune souhaitée"].tolist() == [
        "Brignais",
        "Ensemble",
    ]
    breakdowns = frame_with(at, "Répartition")
    communes = breakdowns[breakdowns["Répartition"] == "Commune souhaitée"]
    assert communes["Modalité"].tolist() == ["Brignais"]
