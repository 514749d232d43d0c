"""The pages of « Pilotage du plan » as a member uses them: the plan's evaluation on its
calendar, the dates of the report's avis and approval, the plan's actions."""

from __future__ import annotations

import shutil

import pytest

from dashboard.plan_store import ActionStore, store_path_for
from tests.app.test_pages import MEMBER, open_page
from tests.conftest import MEMBER_EMAIL, write_test_settings


def frames(at) -> list:
    return [df.value for df in at.dataframe]


def test_evaluation_shows_the_baseline_and_when_the_mid_term_is_due(demo_env):
    at = open_page("evaluation.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    (calendar,) = at.info
    assert "année de référence est 2025" in calendar.value
    assert "bilan à mi-parcours est dû en 2029" in calendar.value
    cia = next(f for f in frames(at) if "dont Autre" in f["Indicateur"].tolist())
    autre = cia.set_index("Indicateur").loc["dont Autre"]
    # members see the exact share; the target of the settings; not met
    assert autre["2025 (référence)"].endswith("%") and autre["Objectif"] == "25,0\u00a0%"
    assert autre["Objectif en 2025"] == "✗ non atteint"
    groups = cia["Indicateur"].tolist()
    assert groups[-5:] == [
        "dont État",
        "dont Collectivités",
        "dont Action Logement",
        "dont Bailleurs",
        "dont Autre",
    ]


def test_evaluation_before_the_baseline_says_when_it_starts(demo_env):
    at = open_page("evaluation.py", {"annee": "2023"})
    assert not at.exception
    assert "commence avec les chiffres de 2025" in at.info[0].value
    assert not at.dataframe


@pytest.fixture
def earlier_plan(demo_db, tmp_path, monkeypatch):
    """The demo database under a plan that started in 2022: baseline 2021, mid-term 2025."""
    settings = write_test_settings(tmp_path / "territoire")
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("plan_debut = 2026", "plan_debut = 2022").replace(
            "plan_fin = 2032", "plan_fin = 2028"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("CIL_DB", str(demo_db))
    monkeypatch.setenv("CIL_TERRITOIRE", str(settings))


def test_evaluation_at_mid_term_compares_and_draws_the_trajectory(earlier_plan):
    at = open_page("evaluation.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert "Bilan à mi-parcours : 2025 face à l'année de référence 2021" in at.info[0].value
    demand = frames(at)[0]
    assert {"2021 (référence)", "2025 (mi-parcours)", "Évolution 2021-2025"} <= set(demand)
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # the CIA's targets, the demand and attributions


@pytest.fixture
def copy_of_demo(demo_db, test_settings, tmp_path, monkeypatch):
    db = tmp_path / "copie.duckdb"
    shutil.copyfile(demo_db, db)
    monkeypatch.setenv("CIL_DB", str(db))
    monkeypatch.setenv("CIL_TERRITOIRE", str(test_settings))
    return db


def test_a_member_records_the_avis_and_the_approval(copy_of_demo):
    at = open_page("bilan.py", {"annee": "2025"}, user=MEMBER)
    assert not at.exception
    assert any("Aucune date enregistrée pour le bilan 2025" in c.value for c in at.caption)
    avis, approbation = at.text_input  # « jj/mm/aaaa », in French
    avis.set_value("05/03/2026")
    approbation.set_value("2026-13-01")  # not a date: refused, said how to write it
    at.button(key="FormSubmitter:validation_bilan-Enregistrer les dates").click().run()
    assert any("écrivez-la jj/mm/aaaa" in e.value for e in at.error)
    at.text_input[1].set_value("01/03/2026")  # before the avis: refused, said why
    at.button(key="FormSubmitter:validation_bilan-Enregistrer les dates").click().run()
    assert any("après l'avis de la CIL" in e.value for e in at.error)
    assert ActionStore(store_path_for(copy_of_demo)).approvals().empty
    at.text_input[1].set_value("02/04/2026")
    at.button(key="FormSubmitter:validation_bilan-Enregistrer les dates").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = ActionStore(store_path_for(copy_of_demo)).approvals()
    assert saved["annee"].tolist() == [2025]
    assert saved["auteur"].tolist() == [MEMBER_EMAIL]  # who signed in, not a typed name
    shown = frames(at)[0]
    assert shown.iloc[0].tolist()[:2] == ["05/03/2026", "02/04/2026"]
