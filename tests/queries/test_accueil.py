"""queries/accueil/*: expected figures computed by hand from the rows below."""

from __future__ import annotations

from datetime import date

import pytest

TERRITOIRE = ["69027", "69043", "69133", "69136", "69268"]

DEMANDES = [
    # active at the end of 2024 and 2025
    {"demande_id": "D1", "date_depot": date(2024, 1, 1)},
    # filed on 1 January: active at the end of 2025, a mutation (HLM)
    {"demande_id": "D2", "date_depot": date(2025, 1, 1), "logement_actuel": "HLM"},
    # radiated on 31/12/2025: no longer active that evening; active at the end of 2024
    {
        "demande_id": "D3",
        "date_depot": date(2023, 5, 10),
        "logement_actuel": "HLM",
        "date_radiation": date(2025, 12, 31),
        "motif_radiation": "RADABA",
    },
    # main wished commune Chaponost (69043), Brignais second
    {"demande_id": "D4", "date_depot": date(2025, 6, 1), "communes_souhaitees": "69043|69027"},
    # radiated in 2024
    {
        "demande_id": "D5",
        "date_depot": date(2024, 3, 1),
        "date_radiation": date(2024, 6, 1),
        "motif_radiation": "RADATT",
    },
    # filed on the last day of 2025: active that evening
    {"demande_id": "D6", "date_depot": date(2025, 12, 31)},
]
ATTRIBUTIONS = [
    # 12 months after D5's filing, lease signed, prioritaire
    {
        "attribution_id": "A1",
        "demande_id": "D5",
        "date_attribution": date(2025, 3, 1),
        "date_bail": date(2025, 4, 1),
        "prioritaire": "oui",
    },
    # no lease; seniority given: 30 months; dwelling in Chaponost
    {
        "attribution_id": "A2",
        "date_attribution": date(2025, 7, 15),
        "commune": "69043",
        "anciennete_mois": 30,
    },
    # D3 filed 10/05/2023, attributed 01/11/2024: 17 full months
    {
        "attribution_id": "A3",
        "demande_id": "D3",
        "date_attribution": date(2024, 11, 1),
        "date_bail": date(2024, 11, 20),
    },
]


@pytest.fixture
def db(make_db):
    return make_db(demandes=DEMANDES, attributions=ATTRIBUTIONS)


def test_chiffres_cles_whole_territory(db, run_query):
    frame = run_query(db, "accueil/chiffres_cles", annees=[2024, 2025], communes=TERRITOIRE)
    y2024, y2025 = frame.to_dict("records")
    # end 2025: D1, D2, D4, D6 (D3 radiated that day, D5 in 2024); D2 is the mutation
    assert y2025["demandes_actives"] == 4
    assert y2025["part_mutation"] == pytest.approx(1 / 4)
    assert y2025["enregistrements"] == 3  # D2, D4, D6
    assert y2025["attributions"] == 2  # A1, A2
    assert y2025["baux_signes"] == 1  # A1
    assert y2025["part_prioritaires"] == pytest.approx(1.0)  # A1 is prioritaire
    assert y2025["taux_pression"] == pytest.approx(4 / 2)
    assert y2025["delai_median_mois"] == pytest.approx((12 + 30) / 2)
    # end 2024: D1 and D3 (D5 radiated in June); D3 is a mutation
    assert y2024["demandes_actives"] == 2
    assert y2024["part_mutation"] == pytest.approx(1 / 2)
    assert y2024["enregistrements"] == 2  # D1, D5
    assert y2024["attributions"] == 1
    assert y2024["part_prioritaires"] == pytest.approx(0.0)
    assert y2024["delai_median_mois"] == pytest.approx(17)


def test_chiffres_cles_one_commune(db, run_query):
    frame = run_query(db, "accueil/chiffres_cles", annees=[2025], communes=["69027"])
    row = frame.to_dict("records")[0]
    # D4 wishes Chaponost first: it does not count for Brignais; A2 is in Chaponost
    assert row["demandes_actives"] == 3
    assert row["enregistrements"] == 2
    assert row["attributions"] == 1
    assert row["taux_pression"] == pytest.approx(3.0)


def test_year_without_attribution_has_no_pressure(db, run_query):
    frame = run_query(db, "accueil/chiffres_cles", annees=[2023], communes=TERRITOIRE)
    row = frame.to_dict("records")[0]
    assert row["demandes_actives"] == 1  # D3
    assert row["attributions"] == 0
    assert row["taux_pression"] != row["taux_pression"]  # NaN: no division by zero


def test_evolution(db, run_query):
    frame = run_query(
        db, "accueil/evolution", premiere_annee=2023, derniere_annee=2025, communes=TERRITOIRE
    )
    assert frame["annee"].tolist() == [2023, 2024, 2025]
    assert frame["demandes_actives"].tolist() == [1, 2, 4]
    assert frame["enregistrements"].tolist() == [1, 2, 3]
    assert frame["attributions"].tolist() == [0, 1, 2]


def test_available_years(db, run_query):
    frame = run_query(db, "commun/annees_disponibles", premiere_annee=2023)
    assert frame["annee"].tolist() == [2023, 2024, 2025]
