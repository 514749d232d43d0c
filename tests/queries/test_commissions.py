"""queries/commissions/*: expected figures computed by hand from the rows below."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.indicators import compute_indicators

TERRITOIRE = ["69027", "69043", "69133", "69136", "69268"]
BRIGNAIS, CHAPONOST, MILLERY = "69027", "69043", "69133"
M1, M2 = date(2024, 3, 10), date(2024, 9, 15)
M3, M4, M5 = date(2025, 2, 1), date(2025, 6, 1), date(2025, 10, 1)


def case(ident: str, when: date, issue: str, **extra) -> dict:
    return {"dossier_id": ident, "date_commission": when, "issue": issue, **extra}


COMMISSIONS = [
    # 2024: two commissions, four cases
    case("K1", M1, "bail_signe"),  # Brignais, T2 (defaults)
    case("K2", M1, "refus", commune_souhaitee=CHAPONOST, typologie="T3"),
    case("K3", M1, "sans_suite", commune_souhaitee=""),  # no commune given
    case("K4", M2, "proposition", typologie="T1"),
    # 2025: three commissions, five cases
    case("K5", M3, "bail_signe"),
    case("K6", M3, "en_cours", commune_souhaitee=MILLERY, typologie="T5"),
    case("K7", M3, "bail_signe", typologie=""),  # no typology given
    case("K8", M4, "sans_suite", commune_souhaitee=CHAPONOST),
    case("K9", M5, "bail_signe", commune_souhaitee=CHAPONOST, typologie="T4"),
]


@pytest.fixture
def db(make_db):
    return make_db(commissions=COMMISSIONS)


ISSUES = ["proposition", "bail_signe", "refus", "sans_suite", "en_cours"]


def test_par_annee_whole_territory(db, run_query):
    frame = run_query(
        db, "commissions/par_annee", annee_debut=2023, annee_fin=2025, communes=TERRITOIRE
    )
    y2023, y2024, y2025, total = frame.to_dict("records")
    # a year without commission: zeros, no share
    assert (y2023["commissions"], y2023["dossiers"]) == (0, 0)
    assert pd.isna(y2023["part_bail_signe"])
    assert (y2024["commissions"], y2024["dossiers"]) == (2, 4)
    assert [y2024[i] for i in ISSUES] == [1, 1, 1, 1, 0]
    assert y2024["part_bail_signe"] == pytest.approx(1 / 4)
    assert (y2025["commissions"], y2025["dossiers"]) == (3, 5)
    assert [y2025[i] for i in ISSUES] == [0, 3, 0, 1, 1]  # K5, K7, K9 leased
    assert y2025["part_bail_signe"] == pytest.approx(3 / 5)
    assert pd.isna(total["annee"])
    assert (total["commissions"], total["dossiers"], total["bail_signe"]) == (5, 9, 4)
    assert total["part_bail_signe"] == pytest.approx(4 / 9)


def test_par_annee_one_commune(db, run_query):
    frame = run_query(
        db, "commissions/par_annee", annee_debut=2024, annee_fin=2025, communes=[BRIGNAIS]
    )
    y2024, y2025, total = frame.to_dict("records")
    # the meetings are the territory's; the cases are Brignais's (K3 has no commune)
    assert (y2024["commissions"], y2024["dossiers"]) == (2, 2)  # K1, K4
    assert (y2025["commissions"], y2025["dossiers"], y2025["bail_signe"]) == (3, 2, 2)  # K5, K7
    assert (total["dossiers"], total["bail_signe"]) == (4, 3)


def test_issues(db, run_query):
    frame = run_query(
        db, "commissions/issues", annee_debut=2024, annee_fin=2025, communes=TERRITOIRE
    )
    assert frame["issue"].tolist() == ISSUES
    assert frame["dossiers"].tolist() == [1, 4, 1, 2, 1]
    assert frame["part"].tolist() == pytest.approx([1 / 9, 4 / 9, 1 / 9, 2 / 9, 1 / 9])
    only_2023 = run_query(
        db, "commissions/issues", annee_debut=2023, annee_fin=2023, communes=TERRITOIRE
    )
    assert only_2023["dossiers"].tolist() == [0] * 5
    assert only_2023["part"].isna().all()


def test_repartition(db, run_query):
    frame = run_query(
        db, "commissions/repartition", annee_debut=2024, annee_fin=2025, communes=TERRITOIRE
    )

    def rows(dimension: str) -> dict:
        part = frame[frame["dimension"] == dimension]
        return {r["modalite"]: (r["dossiers"], r["bail_signe"]) for _, r in part.iterrows()}

    assert rows("commune") == {
        "Brignais": (4, 3),  # K1, K4, K5, K7
        "Chaponost": (3, 1),  # K2, K8, K9
        "Millery": (1, 0),
        "Montagny": (0, 0),
        "Vourles": (0, 0),
        "Autre ou non renseignée": (1, 0),  # K3
    }
    assert rows("typologie") == {
        "C et T1": (1, 0),  # K4
        "T2": (4, 2),  # K1, K3, K5, K8
        "T3": (1, 0),
        "T4": (1, 1),
        "T5 et plus": (1, 0),
        "Non renseignée": (1, 1),  # K7
    }
    brignais = frame[frame["modalite"] == "Brignais"].to_dict("records")[0]
    assert brignais["part_bail_signe"] == pytest.approx(3 / 4)
    assert brignais["part"] == pytest.approx(4 / 9)
    one = run_query(
        db, "commissions/repartition", annee_debut=2024, annee_fin=2025, communes=[BRIGNAIS]
    )
    communes = one[one["dimension"] == "commune"]
    assert communes["modalite"].tolist() == ["Brignais"]
    typologies = one[one["dimension"] == "typologie"]
    assert typologies["dossiers"].sum() == 4


def test_cil_indicateurs_commissions(db):
    values = compute_indicators(db, 2025, None)
    assert values["commissions"] == {"nombre": 3, "dossiers": 5, "baux_signes": 3}
    assert isinstance(values["commissions"]["dossiers"], int)
