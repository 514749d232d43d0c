"""Mid-term evaluation: comparison, secrecy and attainment, from values written here."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import evaluation


def values(actives: int, attributions: int, taux: float, prio_attr: int) -> dict:
    return {
        "demandes_actives": actives,
        "attributions": attributions,
        "taux_pression": actives / attributions,
        "delai_attente_median_mois": 20.0,
        "prioritaires": {
            "total": {
                "taux": taux,
                "objectif": 0.425,
                "attributions": prio_attr,
                "prioritaires": round(taux * prio_attr),
            },
            "etat": {"taux": 1.0, "objectif": 1.0, "attributions": 5},
        },
        "_objectifs": {"situations_cia": 0.5, "q1_hors_qpv": 0.25},
    }


@pytest.fixture
def comparison():
    data = {2022: values(2000, 100, 0.40, 100), 2025: values(2200, 110, 0.45, 110)}
    frame = evaluation.comparison(data, 2022, 2025, threshold=11)
    return frame.set_index("indicateur")


def test_change_and_target(comparison):
    row = comparison.loc["Demandes actives au 31/12"]
    assert (row["reference"], row["derniere"], row["evolution"]) == (2000, 2200, 200)
    prio = comparison.loc["Attributions aux ménages prioritaires (tous réservataires)"]
    assert prio["evolution"] == pytest.approx(0.05)
    assert prio["objectif"] == 0.425 and prio["atteinte"] == "✓ atteint"  # 45 % >= 42.5 %


def test_lower_is_better_for_pressure(comparison):
    row = comparison.loc["Pression (demandes actives par attribution)"]
    assert row["reference"] == pytest.approx(20.0) and row["derniere"] == pytest.approx(20.0)
    assert row["atteinte"] == ""  # no target set


def test_share_on_a_small_base_is_hidden(comparison):
    # the État's rate rests on 5 attributions (< 11): hidden, and its change too
    row = comparison.loc["dont contingent de l'État"]
    assert row["_masque_reference"] and row["_masque_derniere"] and row["_masque_evolution"]
    assert pd.isna(row["derniere"]) and row["atteinte"] == "—"


def test_missing_indicator_stays_empty(comparison):
    row = comparison.loc["Premier quartile parmi les attributions hors QPV"]
    assert pd.isna(row["derniere"]) and row["objectif"] == 0.25


def test_text_version(comparison):
    text = evaluation.comparison_text(comparison.reset_index(), 11).set_index("indicateur")
    assert (
        text.loc["Attributions aux ménages prioritaires (tous réservataires)", "evolution"]
        == "+5,0\u00a0point"
    )
    assert text.loc["dont contingent de l'État", "derniere"] == "< 11 cas"


def test_default_years():
    assert evaluation.default_years([2019, 2020, 2021, 2022, 2023, 2024, 2025], 2026) == (
        2022,
        2025,
    )
    assert evaluation.default_years(list(range(2019, 2030)), 2026) == (2025, 2029)
