"""« Enregistrements » on the demo database (AppTest, no browser): the two notions named, the
guichets' activity (CCVG 124, DFRH 55 in 2025, as the plan reports), the demand on the
territory following the commune filter, radiation motifs in words."""

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
    assert [m.label for m in at.metric] == [
        "Demandes enregistrées",
        "Part déposée en ligne",
        "Demandes actives au 31/12",
        "Radiations",
        "Renouvellements",
    ]
    assert metric(at, "Part déposée en ligne").endswith("%")
    assert len(at.get("plotly_chart")) == 6
    # each section says which demands it counts
    scopes = [c.value for c in at.caption if "filter_alt" in c.value]
    assert any("**Activité des guichets**" in s for s in scopes)
    assert any("**Demande sur le territoire**" in s for s in scopes)
    # the guichets of the territory only, whatever the communes sought
    activity = frame_with(at, "dont pour une commune hors du territoire")
    counts = activity["Demandes enregistrées par le guichet"]
    rows = dict(zip(activity["Guichet"], counts, strict=True))
    assert rows == {
        "Guichet enregistreur de la CCVG": "124",
        "Deux Fleuves Rhône Habitat (antenne de Brignais)": "55",
    }
    assert all(number(v) > 0 for v in activity["dont pour une commune hors du territoire"])
    motifs = frame_with(at, "Motif de radiation")
    assert "Attribution d'un logement" in motifs["Motif de radiation"].tolist()
    assert list(motifs.columns) == [
        "Motif de radiation",
        "Radiations 2024",
        "Part 2024",
        "Radiations 2025",
        "Part 2025",
    ]
    # the renewals' caveat (issue 15: the last year jumps) is written beside them
    assert any("ne garde que le dernier renouvellement" in c.value for c in at.caption)
    assert any("ne garde que le dernier renouvellement" in m.help for m in at.metric if m.help)


def test_enregistrements_page_follows_the_filters(demo_env):
    at = open_page("enregistrements.py", {"annee": "2025"})
    everyone = number(metric(at, "Demandes actives au 31/12"))
    guichets = frame_with(at, "dont pour une commune hors du territoire")
    at.sidebar.multiselect[0].set_value(["69136"]).run()  # Montagny only
    assert not at.exception, [e.value for e in at.exception]
    montagny = number(metric(at, "Demandes actives au 31/12"))
    assert 0 < montagny < everyone
    # the guichets' activity does not follow the communes: it is the guichets' whole work
    assert frame_with(at, "dont pour une commune hors du territoire").equals(guichets)
    # a members-only page: even a small commune's counts are exact
    online = frame_with(at, "Part déposée en ligne")
    assert "< 11" not in online.to_numpy().ravel().tolist()
    at.sidebar.selectbox[0].set_value(2023).run()
    assert not at.exception
    assert online.shape[0] > frame_with(at, "Part déposée en ligne").shape[0]
    assert frame_with(at, "Part déposée en ligne")["Année"].tolist()[-1] == "2023"
