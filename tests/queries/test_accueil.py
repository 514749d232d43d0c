"""queries/commun/annees_disponibles (the figures of queries/accueil/* are tested by the
fixtures of their specs, queries/accueil/*.yml)."""

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


def test_available_years(db, run_query):
    frame = run_query(db, "commun/annees_disponibles", premiere_annee=2023)
    assert frame["annee"].tolist() == [2023, 2024, 2025]
