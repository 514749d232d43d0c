"""queries/attributions/*: expected figures computed by hand from the rows below."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

TERRITOIRE = ["69027", "69043", "69133", "69136", "69268"]
BRIGNAIS, CHAPONOST = "69027", "69043"
D25, BAIL = date(2025, 5, 1), date(2025, 6, 1)

ATTRIBUTIONS = [
    # 2025: four decisions, three leases signed, one in QPV, two mutations
    {
        "attribution_id": "A1",
        "date_attribution": D25,
        "date_bail": BAIL,
        "typologie": "T2",
        "financement": "PLUS",
        "bailleur": "Bailleur A",
        "contingent": "AUCUN",
        "mutation": "oui",
    },
    {
        "attribution_id": "A2",
        "date_attribution": D25,
        "date_bail": BAIL,
        "typologie": "T3",
        "financement": "PLAI",
        "bailleur": "Bailleur A",
        "contingent": "PPRIOR",
        "qpv": "oui",
    },
    {  # no lease; a T1 counts in « C et T1 »
        "attribution_id": "A3",
        "date_attribution": D25,
        "commune": CHAPONOST,
        "typologie": "T1",
        "financement": "PLS",
        "bailleur": "Bailleur B",
        "contingent": "COLTER",
    },
    {  # a T6 counts in « T5 et plus »
        "attribution_id": "A4",
        "date_attribution": D25,
        "date_bail": BAIL,
        "commune": CHAPONOST,
        "typologie": "T6",
        "financement": "PLUS",
        "bailleur": "Bailleur B",
        "contingent": "COLACT",
        "mutation": "oui",
    },
    # 2024: one, leased
    {
        "attribution_id": "A6",
        "date_attribution": date(2024, 2, 1),
        "date_bail": date(2024, 3, 1),
    },
]


@pytest.fixture
def db(make_db):
    return make_db(attributions=ATTRIBUTIONS)


def test_chiffres_cles(db, run_query):
    frame = run_query(
        db, "attributions/chiffres_cles", annee_debut=2023, annee_fin=2025, communes=TERRITOIRE
    )
    y2023, y2024, y2025, total = frame.to_dict("records")
    assert y2023["annee"] == 2023 and y2023["attributions"] == 0  # a year with none
    assert pd.isna(y2023["part_qpv"])
    assert (y2024["attributions"], y2024["baux_signes"], y2024["sans_bail"]) == (1, 1, 0)
    assert (y2025["attributions"], y2025["baux_signes"], y2025["sans_bail"]) == (4, 3, 1)
    assert (y2025["en_qpv"], y2025["mutations"]) == (1, 2)
    assert y2025["part_qpv"] == pytest.approx(1 / 4)
    assert y2025["part_mutations"] == pytest.approx(2 / 4)
    assert y2025["part_baux_signes"] == pytest.approx(3 / 4)
    assert pd.isna(total["annee"])
    assert (total["attributions"], total["baux_signes"], total["en_qpv"]) == (5, 4, 1)
    assert total["part_qpv"] == pytest.approx(1 / 5)


def breakdown(frame: pd.DataFrame, dimension: str, bailleur: str | None = None) -> dict:
    rows = frame[frame["dimension"] == dimension]
    rows = rows[rows["bailleur"].isna()] if bailleur is None else rows[rows["bailleur"] == bailleur]
    return {
        row["modalite"]: (row["attributions"], row["baux_signes"]) for _, row in rows.iterrows()
    }


def test_repartition_of_all_bailleurs(db, run_query):
    frame = run_query(
        db, "attributions/repartition", annee_debut=2025, annee_fin=2025, communes=TERRITOIRE
    )
    # every commune of the filter, even without attribution, in the settings' order
    assert breakdown(frame, "commune") == {
        "Brignais": (2, 2),
        "Chaponost": (2, 1),
        "Millery": (0, 0),
        "Montagny": (0, 0),
        "Vourles": (0, 0),
    }
    assert breakdown(frame, "groupe") == {
        "État": (1, 1),
        "Collectivités": (1, 0),
        "Action Logement": (1, 1),
        "Bailleurs": (1, 1),
        "Autre": (0, 0),
    }
    assert breakdown(frame, "typologie") == {
        "C et T1": (1, 0),
        "T2": (1, 1),
        "T3": (1, 1),
        "T4": (0, 0),
        "T5 et plus": (1, 1),
    }
    assert list(breakdown(frame, "financement").values()) == [
        (1, 1),  # PLAI
        (2, 2),  # PLUS
        (1, 0),  # PLS
        (0, 0),  # PLI
        (0, 0),  # autre
    ]
    assert breakdown(frame, "qpv") == {"En QPV": (1, 1), "Hors QPV": (3, 2)}
    assert breakdown(frame, "bailleur") == {"Bailleur A": (2, 2), "Bailleur B": (2, 1)}
    communes = frame[(frame["dimension"] == "commune") & frame["bailleur"].isna()]
    assert communes["part"].tolist() == pytest.approx([0.5, 0.5, 0, 0, 0])


def test_repartition_per_bailleur(db, run_query):
    frame = run_query(
        db, "attributions/repartition", annee_debut=2025, annee_fin=2025, communes=TERRITOIRE
    )
    # only the modalities where the bailleur has attributions; no « bailleur » dimension
    assert breakdown(frame, "commune", "Bailleur A") == {"Brignais": (2, 2)}
    assert breakdown(frame, "groupe", "Bailleur B") == {
        "Collectivités": (1, 0),
        "Action Logement": (1, 1),
    }
    assert breakdown(frame, "qpv", "Bailleur A") == {"En QPV": (1, 1), "Hors QPV": (1, 1)}
    assert breakdown(frame, "bailleur", "Bailleur A") == {}
    shares = frame[(frame["dimension"] == "groupe") & (frame["bailleur"] == "Bailleur B")]
    assert shares["part"].tolist() == pytest.approx([0.5, 0.5])


def test_repartition_follows_period_and_communes(db, run_query):
    frame = run_query(
        db, "attributions/repartition", annee_debut=2024, annee_fin=2025, communes=[CHAPONOST]
    )
    assert breakdown(frame, "commune") == {"Chaponost": (2, 1)}
    assert breakdown(frame, "qpv") == {"En QPV": (0, 0), "Hors QPV": (2, 1)}
    both_years = run_query(
        db, "attributions/repartition", annee_debut=2024, annee_fin=2025, communes=[BRIGNAIS]
    )
    # A1, A2 of 2025 and A6 of 2024 (default bailleur, contingent AUCUN -> Bailleurs)
    assert breakdown(both_years, "commune") == {"Brignais": (3, 3)}
    assert breakdown(both_years, "groupe")["Bailleurs"] == (2, 2)
