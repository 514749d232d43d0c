"""queries/delais/* and the `cil indicateurs` keys of the waiting-time page: expected figures
computed by hand from the rows of tests/queries/test_mutations.py (described there, with each
demand's seniority on 31/12/2025)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.indicators import compute_indicators
from tests.queries.test_mutations import (
    ATTRIBUTIONS,
    B_C,
    BRIGNAIS,
    CHAPONOST,
    DEMANDES,
    TERRITOIRE,
    by,
)

YEAR = {"annee_debut": 2025, "annee_fin": 2025}


@pytest.fixture
def db(make_db):
    return make_db(demandes=DEMANDES, attributions=ATTRIBUTIONS)


def test_waiting_time_per_commune_and_typology(db, run_query):
    frame = run_query(db, "delais/delais", **YEAR, communes=B_C)
    assert frame["axe"].tolist() == ["ensemble"] + ["commune"] * 2 + ["typologie"] * 5
    rows = {(r["axe"], r["modalite"]): r for r in frame.to_dict("records")}
    # 2025 in Brignais and Chaponost: A1 10 months, A2 30, A3 14, A4 48, A7 unknown
    ensemble = rows["ensemble", "Ensemble"]
    assert (ensemble["attributions"], ensemble["n"]) == (5, 4)
    assert ensemble["mediane"] == pytest.approx((14 + 30) / 2)
    assert ensemble["moyenne"] == pytest.approx((10 + 30 + 14 + 48) / 4)
    # Brignais: A1 10, A2 30, A4 48
    brignais = rows["commune", "Brignais"]
    assert brignais["n"] == 3
    assert brignais["mediane"] == pytest.approx(30)
    assert brignais["moyenne"] == pytest.approx(88 / 3)
    # Chaponost: A3 14 and A7 (waiting time unknown)
    chaponost = rows["commune", "Chaponost"]
    assert (chaponost["attributions"], chaponost["n"]) == (2, 1)
    assert chaponost["mediane"] == pytest.approx(14)
    # typology of the dwelling: C et T1 A2 (30) and A7 ; T2 A1 ; T3 A3 ; T4 A4 ; T5+ none
    medians = {k[1]: r["mediane"] for k, r in rows.items() if k[0] == "typologie"}
    assert medians["C et T1"] == pytest.approx(30)
    assert medians["T2"] == pytest.approx(10)
    assert medians["T3"] == pytest.approx(14)
    assert medians["T4"] == pytest.approx(48)
    assert pd.isna(medians["T5 et plus"])
    assert rows["typologie", "T5 et plus"]["attributions"] == 0


def test_waiting_time_over_two_years(db, run_query):
    frame = run_query(db, "delais/delais", annee_debut=2024, annee_fin=2025, communes=[BRIGNAIS])
    ensemble = frame.iloc[0]
    # A6 5 months (2024), A1 10, A2 30, A4 48
    assert ensemble["n"] == 4
    assert ensemble["mediane"] == pytest.approx((10 + 30) / 2)
    assert ensemble["moyenne"] == pytest.approx(93 / 4)


def test_seniority_bands(db, run_query):
    frame = run_query(db, "delais/anciennete", annee=2025, communes=TERRITOIRE)
    # full months on 31/12/2025: D12 0, D8 6, D2 11 | D4 12 | D5 24 | D6 36, D11 58 |
    # D7 60, D1 69, D13 83 ; a demand filed on 31/12/2024 is one year old that evening
    assert frame["tranche"].tolist() == [
        "Moins d'un an",
        "1 à 2 ans",
        "2 à 3 ans",
        "3 à 5 ans",
        "5 ans et plus",
    ]
    assert frame["n"].tolist() == [3, 1, 1, 2, 3]
    assert frame["part"].tolist() == pytest.approx([0.3, 0.1, 0.1, 0.2, 0.3])


def test_seniority_bands_follow_the_communes(db, run_query):
    frame = run_query(db, "delais/anciennete", annee=2025, communes=[CHAPONOST])
    # Chaponost: D12 0, D8 6 | D4 12 | D5 24
    assert frame["n"].tolist() == [2, 1, 1, 0, 0]
    assert frame["part"].tolist() == pytest.approx([0.5, 0.25, 0.25, 0, 0])


def test_demands_beyond_the_abnormally_long_delay(db, run_query):
    frame = run_query(db, "delais/delai_anormal", annee=2025, mois=36, communes=TERRITOIRE)
    rows = by(frame, "modalite")
    # filing + 36 months before 31/12/2025: D1 (03/2023), D7 (12/2023), D11 (02/2024),
    # D13 (01/2022); D6, filed on 31/12/2022, reaches 36 months that very day: not beyond
    assert (rows["Ensemble"]["demandes_actives"], rows["Ensemble"]["au_dela"]) == (10, 4)
    assert rows["Ensemble"]["part"] == pytest.approx(4 / 10)
    assert (rows["Brignais"]["demandes_actives"], rows["Brignais"]["au_dela"]) == (5, 3)
    assert (rows["Chaponost"]["demandes_actives"], rows["Chaponost"]["au_dela"]) == (4, 0)
    assert (rows["Millery"]["demandes_actives"], rows["Millery"]["au_dela"]) == (1, 1)
    assert rows["Vourles"]["demandes_actives"] == 0 and pd.isna(rows["Vourles"]["part"])


def pressure_grid(frame: pd.DataFrame, column: str) -> dict:
    return {
        (r["commune_nom"], r["typologie"]): r[column]
        for r in frame.to_dict("records")
        if not pd.isna(r[column])
    }


def test_pressure_per_commune_and_typology(db, run_query):
    frame = run_query(db, "delais/pression", **YEAR, communes=B_C)
    assert len(frame) == 3 * 6  # Brignais, Chaponost, Ensemble × five groups and all
    demandes = pressure_grid(frame, "demandes_actives")
    attributions = pressure_grid(frame, "attributions")
    # Brignais demands: C et T1 D2 D7, T2 D1, T3 D13, T5+ D6 ; attributions: A2, A1, A4 (T4)
    assert demandes["Brignais", "C et T1"] == 2
    assert attributions["Brignais", "C et T1"] == 1
    assert demandes["Brignais", "T4"] == 0 and attributions["Brignais", "T4"] == 1
    pressure = pressure_grid(frame, "taux_pression")
    assert pressure == pytest.approx(
        {
            ("Brignais", "C et T1"): 2 / 1,
            ("Brignais", "T2"): 1 / 1,
            ("Brignais", "T4"): 0 / 1,
            ("Brignais", "Toutes typologies"): 5 / 3,
            # Chaponost: C et T1 D12 / A7, T2 D8 / none, T3 D4 / A3, T4 D5 / none
            ("Chaponost", "C et T1"): 1 / 1,
            ("Chaponost", "T3"): 1 / 1,
            ("Chaponost", "Toutes typologies"): 4 / 2,
            # both communes: C et T1 3 / 2, T2 2 / 1, T3 2 / 1, T4 1 / 1, T5+ 1 / none
            ("Ensemble", "C et T1"): 3 / 2,
            ("Ensemble", "T2"): 2 / 1,
            ("Ensemble", "T3"): 2 / 1,
            ("Ensemble", "T4"): 1 / 1,
            ("Ensemble", "Toutes typologies"): 9 / 5,
        }
    )


def test_pressure_over_two_years(db, run_query):
    frame = run_query(db, "delais/pression", annee_debut=2024, annee_fin=2025, communes=[BRIGNAIS])
    total = frame[frame["commune"].isna() & frame["typologie_groupe"].isna()].iloc[0]
    # Brignais: 6 active end 2024, 5 end 2025 (mean 5.5); 4 attributions (A6 A1 A2 A4)
    assert total["demandes_actives"] == pytest.approx(5.5)
    assert total["attributions"] == 4
    assert total["taux_pression"] == pytest.approx(11 / 4)


def test_typology_imbalance(db, run_query):
    frame = run_query(db, "delais/desequilibre", **YEAR, communes=B_C)
    rows = by(frame, "commune_nom")
    assert list(rows) == ["Ensemble", "Brignais", "Chaponost"]
    # both communes: small dwellings (C, T1, T2) 5 demands / 3 attributions ; all 9 / 5
    ensemble = rows["Ensemble"]
    assert (ensemble["demandes_petits"], ensemble["attributions_petits"]) == (5, 3)
    assert ensemble["pression_petits"] == pytest.approx(5 / 3)
    assert ensemble["pression"] == pytest.approx(9 / 5)
    assert ensemble["desequilibre"] == pytest.approx((5 / 3) / (9 / 5))
    # Brignais: 3 / 2 against 5 / 3 ; Chaponost: 2 / 1 against 4 / 2
    assert rows["Brignais"]["desequilibre"] == pytest.approx((3 / 2) / (5 / 3))
    assert rows["Chaponost"]["desequilibre"] == pytest.approx(1.0)


def test_indicators(db):
    values = compute_indicators(db, 2025, None)
    # whole territory 2025: A1 10, A3 14, A5 20, A2 30, A4 48 (A7 unknown)
    assert values["delai_attente_median_mois"] == pytest.approx(20)
    assert values["delai_attente_moyen_mois"] == pytest.approx(122 / 5)
    # 10 active on 31/12/2025 / 6 attributions
    assert values["taux_pression"] == pytest.approx(10 / 6)
    brignais = compute_indicators(db, 2025, [BRIGNAIS])
    assert brignais["taux_pression"] == pytest.approx(5 / 3)
    assert brignais["delai_attente_median_mois"] == pytest.approx(30)
