"""« Enregistrements » on the demo database (AppTest, no browser): figures present, guichets
named from the settings, radiation motifs in words, the commune filter followed."""

from __future__ import annotations

from tests.app.test_attributions_pages import frame_with
from tests.app.test_pages import open_page


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def number(text: str) -> int:
    return int(text.replace("\u202f", ""))


def test_enregistrements_page(demo_env):
    at = open_page("enregistrements.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert [m.label for m in at.metric][:4] == [
        "Demandes enregistrées en 2025",
        "Part déposée en ligne",
        "Demandes actives au 31/12/2025",
        "Radiations en 2025",
    ]
    assert metric(at, "Part déposée en ligne").endswith("%")
    assert len(at.get("plotly_chart")) == 6
    guichets = frame_with(at, "Tous guichets")
    assert list(guichets.columns) == [
        "Année",
        "Guichet enregistreur de la CCVG",
        "Deux Fleuves Rhône Habitat (antenne de Brignais)",
        "Portail Grand Public (demande en ligne)",
        "Autres guichets",
        "Tous guichets",
    ]
    assert guichets["Année"].tolist() == [str(y) for y in range(2019, 2026)]
    motifs = frame_with(at, "Motif de radiation")["Motif de radiation"].tolist()
    assert "Attribution d'un logement" in motifs and "Non-renouvellement" in motifs
    # every definition is written under its chart
    assert sum("Définition" in c.value for c in at.caption) >= 6


def test_enregistrements_page_follows_the_filters(demo_env):
    at = open_page("enregistrements.py", {"annee": "2025"})
    everyone = number(metric(at, "Demandes actives au 31/12/2025"))
    at.sidebar.multiselect[0].set_value(["69136"]).run()  # Montagny only
    assert not at.exception, [e.value for e in at.exception]
    montagny = number(metric(at, "Demandes actives au 31/12/2025"))
    assert 0 < montagny < everyone
    # a members-only page: even a small commune's counts per guichet are exact
    assert "< 11" not in frame_with(at, "Tous guichets").to_numpy().ravel().tolist()
    at.sidebar.selectbox[0].set_value(2023).run()
    assert not at.exception
    assert any(m.label == "Demandes actives au 31/12/2023" for m in at.metric)
    assert frame_with(at, "Tous guichets")["Année"].tolist()[-1] == "2023"
