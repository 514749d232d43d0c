"""« Mutations » on the demo database (AppTest, no browser): key figures, charts, exact
figures for members, and the filters (communes, period) followed."""

from __future__ import annotations

import json

from tests.app.test_attributions_pages import frame_with
from tests.app.test_pages import open_page


def test_mutations_page(demo_env):
    at = open_page("mutations.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    labels = [m.label for m in at.metric]
    assert labels[:4] == [
        "Mutations parmi les demandes",
        "Mutations parmi les attributions",
        "Satisfaction (mutations)",
        "Satisfaction (primo-demandeurs)",
    ]
    assert all(m.value.endswith("%") for m in at.metric[:4])
    assert len(at.get("plotly_chart")) == 12
    years = frame_with(at, "Part des mutations dans la demande")
    assert years["Année"].tolist()[0] == "2019" and years["Année"].tolist()[-1] == "2025"
    motifs = frame_with(at, "Motif principal")
    assert 1 <= len(motifs) <= 10
    assert any("**Demande sur le territoire**" in c.value for c in at.caption)


def test_mutations_page_follows_communes_and_period(demo_env):
    at = open_page("mutations.py", {"annee": "2025"})
    breakdown = frame_with(at, "Part des mutations (demandes)")
    assert breakdown["Modalité"].tolist()[:6] == [
        "Ensemble",
        "Brignais",
        "Chaponost",
        "Millery",
        "Montagny",
        "Vourles",
    ]
    # a members-only page: signed-in members see exact figures, nothing masked
    assert (breakdown == "secret").sum().sum() == 0
    at.radio(key="mutations_periode").set_value("cumul").run()
    assert not at.exception
    cumul = frame_with(at, "Part des mutations (demandes)")
    assert cumul["Modalité"].tolist()[:6] == breakdown["Modalité"].tolist()[:6]
    # the chart titles name the period
    assert any("2019-2025, par commune" in c.proto.spec for c in at.get("plotly_chart"))
    # the yearly detail per typology instead of per commune
    yearly_title = "Part des mutations dans la file active, par typologie"

    def titles() -> list[str]:
        return [
            json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
            for c in at.get("plotly_chart")
        ]

    assert yearly_title not in titles()
    at.radio(key="mutations_detail").set_value("typologie").run()
    assert not at.exception
    assert yearly_title in titles(), titles()
    at.sidebar.multiselect[0].set_value(["69043"]).run()  # Chaponost only
    assert not at.exception
    chaponost = frame_with(at, "Part des mutations (demandes)")
    assert chaponost["Modalité"].tolist()[:2] == ["Ensemble", "Chaponost"]
    assert "Brignais" not in chaponost["Modalité"].tolist()
