"""queries/profil/* and the `profil` key of `cil indicateurs`: expected figures computed by hand
from the twelve demands of tests/queries/test_enregistrements.py (extraction on 15/01/2026).

Active file on 31/12/2025 (full territory): E1, E3, E4, E5, E8, E11 (6 demands; E2 radiated
that day is out, E5 deposited that day is in). On 31/12/2024: E2, E3, E4, E6 (4; E12 radiated
that day is out, E6 deposited that day is in). Registrations of 2025: E1, E5, E7, E8, E11 (5).

The extract gives each applicant's age on 15/01/2026; the age on a day removes the full years
between that day and the extraction: on 31/12/2025 nobody changes (15 days), on 31/12/2024
everyone is one year younger; at deposit, E1 (01/01/2025, 1 year 14 days before) is one year
younger, the others deposited in 2025 after 15 January are not.

    demand  age 2026  age 31/12/25  age 31/12/24  size  typology  housing  motif  Q1/prio/DALO
    E1      24        24            -             1     T1        LP       09     Q1
    E2      50        -             49            2     T2        LP       09
    E3      30        30            29            2     T2        HLM      13     prio
    E4      80        80            79            7     T5        CPE      01     DALO
    E5      (empty)   -             -             3     T3        HLM      13
    E6      22        -             21            1     T1        CPE      12
    E8      45        45            -             4     T4        LP       12     (Chaponost)
    E11     65        65            -             1     C         SH       01     Q1, prio
    E7      35        (registration 2025 only: 35 at deposit)   2 T2 LP 09
"""

from __future__ import annotations

import pytest

from dashboard.indicators import compute_indicators
from tests.queries.test_enregistrements import BRIGNAIS, DEMANDES, TERRITOIRE


@pytest.fixture
def db(make_db):
    return make_db(demandes=DEMANDES)


def counts(frame, dimension: str, column: str = "actives") -> dict[str, int]:
    rows = frame[frame["dimension"] == dimension]
    return dict(zip(rows["modalite"], rows[column], strict=True))


@pytest.fixture
def profile(db, run_query):
    return run_query(db, "profil/repartition", annee=2025, communes=TERRITOIRE)


def test_age_bands_of_the_active_file(profile):
    # 31/12/2025: E1 24, E3 30, E8 45, E11 65, E4 80, E5 unknown
    assert counts(profile, "age") == {
        "Moins de 25 ans": 1,
        "25 à 29 ans": 0,
        "30 à 39 ans": 1,
        "40 à 49 ans": 1,
        "50 à 64 ans": 0,
        "65 à 74 ans": 1,
        "75 ans ou plus": 1,
        "Âge non renseigné": 1,
    }
    # 31/12/2024, one year younger: E6 21, E3 29, E2 49, E4 79
    assert counts(profile, "age", "actives_precedente") == {
        "Moins de 25 ans": 1,
        "25 à 29 ans": 1,
        "30 à 39 ans": 0,
        "40 à 49 ans": 1,
        "50 à 64 ans": 0,
        "65 à 74 ans": 0,
        "75 ans ou plus": 1,
        "Âge non renseigné": 0,
    }
    # registrations of 2025 at deposit: E1 23, E7 35, E8 45, E11 65, E5 unknown
    assert counts(profile, "age", "enregistrements") == {
        "Moins de 25 ans": 1,
        "25 à 29 ans": 0,
        "30 à 39 ans": 1,
        "40 à 49 ans": 1,
        "50 à 64 ans": 0,
        "65 à 74 ans": 1,
        "75 ans ou plus": 0,
        "Âge non renseigné": 1,
    }


def test_household_typology_and_housing(profile):
    # sizes E1 1, E11 1, E3 2, E5 3, E8 4, E4 7 (six or more)
    assert counts(profile, "taille_menage") == {
        "1 personne": 2,
        "2 personnes": 1,
        "3 personnes": 1,
        "4 personnes": 1,
        "5 personnes": 0,
        "6 personnes ou plus": 1,
    }
    # C and T1 together (E11, E1), T5 and more (E4)
    assert counts(profile, "typologie") == {
        "C et T1": 2,
        "T2": 1,
        "T3": 1,
        "T4": 1,
        "T5 et plus": 1,
    }
    housing = counts(profile, "logement_actuel")
    # LP E1 E8, HLM E3 E5, CPE E4, SH E11; most frequent first, then by code (HLM < LP)
    assert list(housing.items())[:4] == [
        ("Locataire HLM (parc social)", 2),
        ("Locataire du parc privé", 2),
        ("Chez ses parents ou ses enfants", 1),
        ("Structure d'hébergement", 1),
    ]
    assert sum(housing.values()) == 6
    shares = profile[profile["dimension"] == "typologie"]["part_actives"].tolist()
    assert shares == pytest.approx([2 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6])


def test_top_ten_motifs(profile):
    motifs = counts(profile, "motif")
    # 01 (E4, E11) and 13 (E3, E5) twice, 09 (E1) and 12 (E8) once, then six motifs at zero
    # by code (02 to 07), then all the others together
    assert len(motifs) == 11
    assert list(motifs.items())[:4] == [
        ("Sans logement ou hébergé", 2),
        ("Logement trop petit", 2),
        ("Logement trop cher", 1),
        ("Décohabitation", 1),
    ]
    assert list(motifs)[4] == "Démolition"
    assert list(motifs.items())[-1] == ("Autres motifs", 0)
    # 2024 in the same rows: 09 (E2), 13 (E3), 01 (E4), 12 (E6)
    before = counts(profile, "motif", "actives_precedente")
    assert before["Logement trop cher"] == 1 and sum(before.values()) == 4


def test_wished_commune(profile, db, run_query):
    assert counts(profile, "commune") == {
        "Brignais": 5,
        "Chaponost": 1,
        "Millery": 0,
        "Montagny": 0,
        "Vourles": 0,
    }
    brignais = run_query(db, "profil/repartition", annee=2025, communes=BRIGNAIS)
    assert counts(brignais, "commune") == {"Brignais": 5}
    assert counts(brignais, "age")["40 à 49 ans"] == 0  # E8 (Chaponost) left


def test_publics(db, run_query):
    frame = run_query(db, "profil/publics", annee=2025, communes=TERRITOIRE)
    rows = {(r["champ"], r["annee"], r["commune_nom"]): r for r in frame.to_dict("records")}
    # 2 champs × 2 years × (5 communes + Ensemble)
    assert len(rows) == 24
    whole = rows[("actives", 2025, "Ensemble")]
    # Q1: E1, E11; prioritaires: E3, E11 and E4 (DALO); DALO: E4
    assert (whole["demandes"], whole["quartile_1"], whole["prioritaires"], whole["dalo"]) == (
        6,
        2,
        3,
        1,
    )
    assert whole["part_prioritaires"] == pytest.approx(3 / 6)
    assert whole["part_dalo"] == pytest.approx(1 / 6)
    # 2024: E2, E3 (prio), E4 (DALO), E6
    before = rows[("actives", 2024, "Ensemble")]
    assert (before["demandes"], before["prioritaires"], before["quartile_1"]) == (4, 2, 0)
    # registrations of 2025: E1 (Q1), E5, E7, E8, E11 (Q1, prio)
    registered = rows[("enregistrements", 2025, "Ensemble")]
    assert (registered["demandes"], registered["quartile_1"], registered["prioritaires"]) == (
        5,
        2,
        1,
    )
    chaponost = rows[("actives", 2025, "Chaponost")]
    assert (chaponost["demandes"], chaponost["quartile_1"]) == (1, 0)
    assert rows[("actives", 2025, "Millery")]["demandes"] == 0


def test_indicator_key(db):
    values = compute_indicators(db, 2025, None)
    profil = values["profil"]
    assert set(profil) == {"age", "taille_menage", "typologie", "logement_actuel", "motif"}
    assert profil["typologie"] == {"C et T1": 2, "T2": 1, "T3": 1, "T4": 1, "T5 et plus": 1}
    assert profil["age"]["Âge non renseigné"] == 1
    assert profil["motif"]["Sans logement ou hébergé"] == 2
    assert sum(profil["logement_actuel"].values()) == 6
    assert all(isinstance(v, int) for v in profil["taille_menage"].values())
