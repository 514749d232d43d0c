"""queries/mutations/* and the `cil indicateurs` keys of the mutations page: expected figures
computed by hand from the rows below (the same rows serve tests/queries/test_delais.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.indicators import compute_indicators

TERRITOIRE = ["69027", "69043", "69133", "69136", "69268"]
BRIGNAIS, CHAPONOST, MILLERY = "69027", "69043", "69133"
B_C = [BRIGNAIS, CHAPONOST]

# Seniority on 31/12/2025 (full months since filing) is given for every demand active that day.
DEMANDES = [
    # active, mutation (HLM), Brignais T2, « trop petit » ; 69 months
    {
        "demande_id": "D1",
        "date_depot": date(2020, 3, 15),
        "typologie": "T2",
        "logement_actuel": "HLM",
        "motif": "13",
    },
    # filed on 1 January 2025: active, first-time, Brignais T1 ; 11 months
    {"demande_id": "D2", "date_depot": date(2025, 1, 1), "typologie": "T1", "motif": "09"},
    # radiated on 31/12/2025: not active that evening; active on 31/12/2024 (mutation, T3)
    {
        "demande_id": "D3",
        "date_depot": date(2023, 6, 10),
        "date_radiation": date(2025, 12, 31),
        "motif_radiation": "RADABA",
        "typologie": "T3",
        "logement_actuel": "HLM",
    },
    # filed on 31/12/2024: active at both year ends; mutation, Chaponost T3 ; 12 months
    {
        "demande_id": "D4",
        "date_depot": date(2024, 12, 31),
        "communes_souhaitees": CHAPONOST,
        "typologie": "T3",
        "logement_actuel": "HLM",
        "motif": "13",
    },
    # first-time, Chaponost T4, « trop petit » too ; 24 months
    {
        "demande_id": "D5",
        "date_depot": date(2023, 12, 31),
        "communes_souhaitees": CHAPONOST,
        "typologie": "T4",
        "motif": "13",
    },
    # mutation, Brignais T5, « santé » ; 36 months
    {
        "demande_id": "D6",
        "date_depot": date(2022, 12, 31),
        "typologie": "T5",
        "logement_actuel": "HLM",
        "motif": "08",
    },
    # first-time, Brignais, a room (C) ; 60 months
    {"demande_id": "D7", "date_depot": date(2020, 12, 31), "typologie": "C", "motif": "09"},
    # radiated after 31/12/2025: active that day; mutation, Chaponost T2, « trop grand » ; 6 months
    {
        "demande_id": "D8",
        "date_depot": date(2025, 6, 1),
        "date_radiation": date(2026, 1, 10),
        "motif_radiation": "RADATT",
        "communes_souhaitees": CHAPONOST,
        "typologie": "T2",
        "logement_actuel": "HLM",
        "motif": "10",
    },
    # filed in 2026: not active on 31/12/2025
    {"demande_id": "D9", "date_depot": date(2026, 1, 5)},
    # radiated in March 2025: active on 31/12/2024 only (mutation, Brignais T2)
    {
        "demande_id": "D10",
        "date_depot": date(2024, 5, 1),
        "date_radiation": date(2025, 3, 1),
        "motif_radiation": "RADATT",
        "logement_actuel": "HLM",
    },
    # main wished commune Millery (Brignais second): outside a Brignais + Chaponost filter ;
    # first-time, T2 ; 58 months
    {
        "demande_id": "D11",
        "date_depot": date(2021, 2, 1),
        "communes_souhaitees": f"{MILLERY}|{BRIGNAIS}",
        "motif": "09",
    },
    # filed on 31/12/2025: active that evening; first-time, Chaponost first, T1 ; 0 months
    {
        "demande_id": "D12",
        "date_depot": date(2025, 12, 31),
        "communes_souhaitees": f"{CHAPONOST}|{BRIGNAIS}",
        "typologie": "T1",
        "motif": "12",
    },
    # mutation, Brignais T3, « trop petit » ; 83 months
    {
        "demande_id": "D13",
        "date_depot": date(2019, 1, 1),
        "typologie": "T3",
        "logement_actuel": "HLM",
        "motif": "13",
    },
]
# Active on 31/12/2025: D1 D2 D4 D5 D6 D7 D8 D11 D12 D13 (10); mutations D1 D4 D6 D8 D13 (5).
# Active on 31/12/2024: D1 D3 D4 D5 D6 D7 D10 D11 D13 (9); mutations D1 D3 D4 D6 D10 D13 (6).

ATTRIBUTIONS = [
    # mutation, Brignais T2; D10 filed 01/05/2024, attributed 10/03/2025: 10 full months
    {
        "attribution_id": "A1",
        "demande_id": "D10",
        "date_attribution": date(2025, 3, 10),
        "typologie": "T2",
        "mutation": "oui",
    },
    # first-time, Brignais T1, seniority given: 30 months
    {
        "attribution_id": "A2",
        "date_attribution": date(2025, 6, 15),
        "typologie": "T1",
        "anciennete_mois": 30,
    },
    # mutation, Chaponost T3, 14 months
    {
        "attribution_id": "A3",
        "date_attribution": date(2025, 9, 1),
        "commune": CHAPONOST,
        "typologie": "T3",
        "mutation": "oui",
        "anciennete_mois": 14,
    },
    # first-time, Brignais T4, 48 months
    {
        "attribution_id": "A4",
        "date_attribution": date(2025, 11, 20),
        "typologie": "T4",
        "anciennete_mois": 48,
    },
    # first-time, Millery T2, 20 months
    {
        "attribution_id": "A5",
        "date_attribution": date(2025, 2, 1),
        "commune": MILLERY,
        "anciennete_mois": 20,
    },
    # in 2024: mutation, Brignais T2, 5 months
    {
        "attribution_id": "A6",
        "date_attribution": date(2024, 7, 1),
        "mutation": "oui",
        "anciennete_mois": 5,
    },
    # decided on 31/12/2025: counts in 2025; first-time, Chaponost, a room; waiting time unknown
    {
        "attribution_id": "A7",
        "date_attribution": date(2025, 12, 31),
        "commune": CHAPONOST,
        "typologie": "C",
    },
]
# 2025, whole territory: A1 A2 A3 A4 A5 A7 (6), mutations A1 A3 (2); 2024: A6 (mutation).


@pytest.fixture
def db(make_db):
    return make_db(demandes=DEMANDES, attributions=ATTRIBUTIONS)


def by(frame: pd.DataFrame, column: str) -> dict:
    return {row[column]: row for row in frame.to_dict("records")}


def test_evolution_whole_territory(db, run_query):
    frame = run_query(
        db, "mutations/evolution", annee=2025, premiere_annee=2024, communes=TERRITOIRE
    )
    y2024, y2025 = frame.to_dict("records")
    assert y2024["annee"] == 2024 and y2025["annee"] == 2025
    # end 2025: 10 active, 5 mutations; 6 attributions, 2 mutations
    assert (y2025["demandes_actives"], y2025["demandes_mutation"], y2025["demandes_primo"]) == (
        10,
        5,
        5,
    )
    assert (y2025["attributions"], y2025["attributions_mutation"]) == (6, 2)
    assert y2025["attributions_primo"] == 4
    assert y2025["part_mutation_demandes"] == pytest.approx(5 / 10)
    assert y2025["part_mutation_attributions"] == pytest.approx(2 / 6)
    assert y2025["taux_satisfaction_mutation"] == pytest.approx(2 / 5)
    assert y2025["taux_satisfaction_primo"] == pytest.approx(4 / 5)
    # end 2024: 9 active (D3 radiated on 31/12/2025 still counts, D4 filed on 31/12/2024 too),
    # 6 mutations; one attribution (A6, a mutation)
    assert (y2024["demandes_actives"], y2024["demandes_mutation"]) == (9, 6)
    assert y2024["part_mutation_demandes"] == pytest.approx(6 / 9)
    assert y2024["part_mutation_attributions"] == pytest.approx(1.0)
    assert y2024["taux_satisfaction_mutation"] == pytest.approx(1 / 6)
    assert y2024["taux_satisfaction_primo"] == pytest.approx(0.0)  # 0 attributions / 3


def test_evolution_starts_at_the_year_chosen_when_earlier_than_the_first_one(db, run_query):
    frame = run_query(
        db, "mutations/evolution", annee=2024, premiere_annee=2030, communes=TERRITOIRE
    )
    assert frame["annee"].tolist() == [2024]


def test_evolution_follows_the_main_wished_commune(db, run_query):
    frame = run_query(db, "mutations/evolution", annee=2025, premiere_annee=2025, communes=B_C)
    row = frame.to_dict("records")[0]
    # D11 wishes Millery first: left out; A5 is in Millery: left out
    assert (row["demandes_actives"], row["demandes_mutation"]) == (9, 5)
    assert (row["attributions"], row["attributions_mutation"]) == (5, 2)
    assert row["taux_satisfaction_primo"] == pytest.approx(3 / 4)


def test_evolution_per_commune_and_typology(db, run_query):
    frame = run_query(
        db, "mutations/evolution_detail", annee=2025, premiere_annee=2024, communes=TERRITOIRE
    )
    assert len(frame) == 2 * (5 + 5)  # every year, commune and typology, even empty
    rows = {(r["annee"], r["modalite"]): r for r in frame.to_dict("records")}
    # Brignais end 2025: D1 D2 D6 D7 D13 (mutations D1 D6 D13); A1 (mutation) A2 A4
    b25 = rows[2025, "Brignais"]
    assert (b25["demandes_actives"], b25["demandes_mutation"]) == (5, 3)
    assert (b25["attributions"], b25["attributions_mutation"]) == (3, 1)
    assert b25["part_mutation_demandes"] == pytest.approx(3 / 5)
    assert b25["part_mutation_attributions"] == pytest.approx(1 / 3)
    # Brignais end 2024: D1 D3 D6 D7 D10 D13, all mutations but D7; A6 (mutation)
    b24 = rows[2024, "Brignais"]
    assert (b24["demandes_actives"], b24["demandes_mutation"]) == (6, 5)
    assert b24["part_mutation_attributions"] == pytest.approx(1.0)
    # Millery end 2025: D11 (first-time) and A5 (first-time); Montagny: nothing
    assert rows[2025, "Millery"]["part_mutation_demandes"] == pytest.approx(0.0)
    assert rows[2025, "Millery"]["attributions_primo"] == 1
    assert rows[2025, "Montagny"]["demandes_actives"] == 0
    assert pd.isna(rows[2025, "Montagny"]["part_mutation_demandes"])
    # typologies end 2025 (whole territory): T2 D1 D8 D11 (mutations D1 D8), A1 (mutation) A5
    t2 = rows[2025, "T2"]
    assert (t2["demandes_actives"], t2["demandes_mutation"]) == (3, 2)
    assert (t2["attributions"], t2["attributions_mutation"]) == (2, 1)
    # end 2024: T2 D1 D10 D11 (mutations D1 D10), A6 (mutation)
    assert rows[2024, "T2"]["part_mutation_demandes"] == pytest.approx(2 / 3)
    assert rows[2024, "T2"]["part_mutation_attributions"] == pytest.approx(1.0)


def test_repartition_per_commune_and_typology(db, run_query):
    frame = run_query(db, "mutations/repartition", annee_debut=2025, annee_fin=2025, communes=B_C)
    assert frame["axe"].tolist() == ["ensemble"] + ["commune"] * 2 + ["typologie"] * 5
    ensemble = frame.iloc[0]
    assert (ensemble["demandes_actives"], ensemble["demandes_mutation"]) == (9, 5)
    assert (ensemble["attributions"], ensemble["attributions_mutation"]) == (5, 2)
    communes = by(frame[frame["axe"] == "commune"], "modalite")
    assert list(communes) == ["Brignais", "Chaponost"]
    # Brignais: D1 D2 D6 D7 D13, mutations D1 D6 D13; A1 (mutation) A2 A4
    brignais = communes["Brignais"]
    assert (brignais["demandes_actives"], brignais["demandes_mutation"]) == (5, 3)
    assert (brignais["attributions"], brignais["attributions_mutation"]) == (3, 1)
    assert brignais["part_mutation_demandes"] == pytest.approx(3 / 5)
    assert brignais["part_mutation_attributions"] == pytest.approx(1 / 3)
    assert brignais["taux_satisfaction_mutation"] == pytest.approx(1 / 3)
    assert brignais["taux_satisfaction_primo"] == pytest.approx(2 / 2)
    # Chaponost: D4 D5 D8 D12, mutations D4 D8; A3 (mutation) A7
    chaponost = communes["Chaponost"]
    assert (chaponost["demandes_actives"], chaponost["demandes_mutation"]) == (4, 2)
    assert (chaponost["attributions"], chaponost["attributions_mutation"]) == (2, 1)
    assert chaponost["taux_satisfaction_primo"] == pytest.approx(1 / 2)
    typologies = by(frame[frame["axe"] == "typologie"], "modalite")
    assert list(typologies) == ["C et T1", "T2", "T3", "T4", "T5 et plus"]
    counts = {
        k: (r["demandes_actives"], r["demandes_mutation"], r["attributions"])
        for k, r in typologies.items()
    }
    # C et T1: D2 D7 D12, A2 A7 ; T2: D1 D8, A1 ; T3: D4 D13, A3 ; T4: D5, A4 ; T5+: D6
    assert counts == {
        "C et T1": (3, 0, 2),
        "T2": (2, 2, 1),
        "T3": (2, 2, 1),
        "T4": (1, 0, 1),
        "T5 et plus": (1, 1, 0),
    }
    assert pd.isna(typologies["T5 et plus"]["part_mutation_attributions"])  # no attribution
    assert typologies["C et T1"]["part_mutation_demandes"] == pytest.approx(0.0)


def test_repartition_over_two_years_averages_the_active_files(db, run_query):
    frame = run_query(
        db, "mutations/repartition", annee_debut=2024, annee_fin=2025, communes=[BRIGNAIS]
    )
    ensemble = frame.iloc[0]
    # Brignais, end 2024: D1 D3 D6 D7 D10 D13 (mutations: all but D7) ; end 2025: D1 D2 D6 D7
    # D13 (mutations D1 D6 D13): mean file (6 + 5) / 2, mutations (5 + 3) / 2
    assert ensemble["demandes_actives"] == pytest.approx(5.5)
    assert ensemble["demandes_mutation"] == pytest.approx(4.0)
    # attributions of both years: A6 A1 (mutations) A2 A4
    assert (ensemble["attributions"], ensemble["attributions_mutation"]) == (4, 2)
    assert ensemble["part_mutation_demandes"] == pytest.approx(8 / 11)
    assert ensemble["taux_satisfaction_mutation"] == pytest.approx(2 / 8)
    assert ensemble["taux_satisfaction_primo"] == pytest.approx(2 / 3)


def test_waiting_time_of_mutations_against_first_time_applicants(db, run_query):
    frame = run_query(db, "mutations/delais", annee_debut=2025, annee_fin=2025, communes=B_C)
    rows = by(frame, "public")
    assert list(rows) == ["mutation", "primo", "ensemble"]
    # mutations: A1 10 months, A3 14
    assert (rows["mutation"]["attributions"], rows["mutation"]["n"]) == (2, 2)
    assert rows["mutation"]["mediane"] == pytest.approx(12)
    assert rows["mutation"]["moyenne"] == pytest.approx(12)
    # first-time: A2 30, A4 48, A7 unknown (counted, no waiting time)
    assert (rows["primo"]["attributions"], rows["primo"]["n"]) == (3, 2)
    assert rows["primo"]["mediane"] == pytest.approx(39)
    # all: 10, 14, 30, 48: median (14 + 30) / 2, mean 102 / 4, first quartile 10 + 0.75 * 4
    assert rows["ensemble"]["n"] == 4
    assert rows["ensemble"]["mediane"] == pytest.approx(22)
    assert rows["ensemble"]["moyenne"] == pytest.approx(25.5)
    assert rows["ensemble"]["q1"] == pytest.approx(13)


def test_motifs_of_mutation_applicants(db, run_query):
    frame = run_query(db, "mutations/motifs", annee=2025, communes=TERRITOIRE)
    # mutations active end 2025: D1 D4 D13 « 13 », D6 « 08 », D8 « 10 » (5) ;
    # first-time: D2 D7 D11 « 09 », D5 « 13 », D12 « 12 » (5); only motifs of mutations listed
    assert frame["libelle"].tolist() == [
        "Logement trop petit",
        "Raisons de santé",
        "Logement trop grand",
    ]
    assert frame["n_mutation"].tolist() == [3, 1, 1]
    assert frame["part_mutation"].tolist() == pytest.approx([3 / 5, 1 / 5, 1 / 5])
    assert frame["n_primo"].tolist() == [1, 0, 0]
    assert frame["part_primo"].tolist() == pytest.approx([1 / 5, 0, 0])


def test_motifs_keep_the_ten_most_cited(make_db, run_query):
    # twelve motifs: « 01 » cited by 12 mutations, « 02 » by 11, … « 12 » by 1
    demandes = [
        {
            "demande_id": f"M{code}-{i}",
            "date_depot": date(2024, 1, 1),
            "logement_actuel": "HLM",
            "motif": f"{code:02d}",
        }
        for code in range(1, 13)
        for i in range(13 - code)
    ]
    frame = run_query(
        make_db(demandes=demandes), "mutations/motifs", annee=2025, communes=TERRITOIRE
    )
    assert frame["motif"].tolist() == [f"{code:02d}" for code in range(1, 11)]
    assert frame["n_mutation"].tolist() == list(range(12, 2, -1))


def test_indicators(db):
    values = compute_indicators(db, 2025, None)
    assert values["part_mutation_demandes_actives"] == pytest.approx(5 / 10)
    assert values["part_mutation_attributions"] == pytest.approx(2 / 6)
    chaponost = compute_indicators(db, 2025, [CHAPONOST])
    # Chaponost: D4 D5 D8 D12, mutations D4 D8 ; A3 (mutation) A7
    assert chaponost["part_mutation_demandes_actives"] == pytest.approx(2 / 4)
    assert chaponost["part_mutation_attributions"] == pytest.approx(1 / 2)
