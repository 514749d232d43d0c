"""queries/enregistrements/* and their `cil indicateurs` keys: expected figures computed by hand
from the twelve demands below (extraction on 15/01/2026).

Which demand counts where (full territory; E9's main wished commune is outside it):

    demand  deposit     radiation (motif)    guichet  main commune  active 31/12/24  31/12/25
    E1      01/01/2025  -                    PGP      Brignais      no (not yet)     yes
    E2      10/03/2024  31/12/2025 (RADATT)  CCVG     Brignais      yes              no
    E3      01/06/2024  - (renewed 2025)     CCVG     Brignais      yes              yes
    E4      05/05/2023  05/01/2026 (RADREN)  DFRH     Brignais      yes              yes
    E5      31/12/2025  -                    XYZ      Brignais      no               yes
    E6      31/12/2024  01/01/2025 (RADABA)  PGP      Brignais      yes              no
    E7      15/02/2025  01/09/2025 (RADIRR)  PGP      Brignais      no               no
    E8      20/03/2025  -                    CCVG     Chaponost     no               yes
    E9      05/03/2025  -                    CCVG     (Lyon)        never counted
    E10     10/01/2022  01/07/2024 (RADCON)  CCVG     Brignais      no               no
    E11     01/03/2025  -                    PGP      Brignais      no               yes
    E12     01/02/2024  31/12/2024 (RADREN)  DFRH     Brignais      no               no

XYZ is no guichet of the settings: it counts in « Autres guichets » (code AUTRE).
"""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.indicators import compute_indicators

TERRITOIRE = ["69027", "69043", "69133", "69136", "69268"]
BRIGNAIS = ["69027"]

DEMANDES = [
    {  # deposited on 1 January: a registration of 2025, active at its end
        "demande_id": "E1",
        "date_depot": date(2025, 1, 1),
        "guichet": "PGP",
        "age_demandeur": 24,
        "taille_menage": 1,
        "typologie": "T1",
        "quartile_1": "oui",
    },
    {  # radiated on 31/12/2025: no longer active that evening
        "demande_id": "E2",
        "date_depot": date(2024, 3, 10),
        "date_radiation": date(2025, 12, 31),
        "motif_radiation": "RADATT",
        "age_demandeur": 50,
    },
    {  # empty radiation date: active from its deposit on; renewed in 2025
        "demande_id": "E3",
        "date_depot": date(2024, 6, 1),
        "date_renouvellement": date(2025, 6, 1),
        "age_demandeur": 30,
        "logement_actuel": "HLM",
        "motif": "13",
        "prioritaire": "oui",
    },
    {  # radiated after the end of 2025: active at the end of 2024 and 2025; renewed in 2024
        "demande_id": "E4",
        "date_depot": date(2023, 5, 5),
        "date_renouvellement": date(2024, 5, 5),
        "date_radiation": date(2026, 1, 5),
        "motif_radiation": "RADREN",
        "guichet": "DFRH",
        "age_demandeur": 80,
        "taille_menage": 7,
        "typologie": "T5",
        "logement_actuel": "CPE",
        "motif": "01",
        "dalo": "oui",
    },
    {  # deposited on 31 December at an unknown guichet
        "demande_id": "E5",
        "date_depot": date(2025, 12, 31),
        "guichet": "XYZ",
        "age_demandeur": "",
        "taille_menage": 3,
        "typologie": "T3",
        "logement_actuel": "HLM",
        "motif": "13",
    },
    {  # deposited on 31/12/2024, radiated on 1/1/2025
        "demande_id": "E6",
        "date_depot": date(2024, 12, 31),
        "date_radiation": date(2025, 1, 1),
        "motif_radiation": "RADABA",
        "guichet": "PGP",
        "age_demandeur": 22,
        "taille_menage": 1,
        "typologie": "T1",
        "logement_actuel": "CPE",
        "motif": "12",
    },
    {
        "demande_id": "E7",
        "date_depot": date(2025, 2, 15),
        "date_radiation": date(2025, 9, 1),
        "motif_radiation": "RADIRR",
        "guichet": "PGP",
        "age_demandeur": 35,
    },
    {  # Chaponost first, Brignais second: counts for Chaponost only
        "demande_id": "E8",
        "date_depot": date(2025, 3, 20),
        "communes_souhaitees": "69043|69027",
        "age_demandeur": 45,
        "taille_menage": 4,
        "typologie": "T4",
        "motif": "12",
    },
    {  # main wished commune outside the territory: never counted
        "demande_id": "E9",
        "date_depot": date(2025, 3, 5),
        "communes_souhaitees": "69123|69027",
    },
    {
        "demande_id": "E10",
        "date_depot": date(2022, 1, 10),
        "date_radiation": date(2024, 7, 1),
        "motif_radiation": "RADCON",
    },
    {
        "demande_id": "E11",
        "date_depot": date(2025, 3, 1),
        "guichet": "PGP",
        "age_demandeur": 65,
        "taille_menage": 1,
        "typologie": "C",
        "logement_actuel": "SH",
        "motif": "01",
        "quartile_1": "oui",
        "prioritaire": "oui",
    },
    {  # radiated on 31/12/2024: not in the active file of 2024
        "demande_id": "E12",
        "date_depot": date(2024, 2, 1),
        "date_radiation": date(2024, 12, 31),
        "motif_radiation": "RADREN",
        "guichet": "DFRH",
    },
]


@pytest.fixture
def db(make_db):
    return make_db(demandes=DEMANDES)


def by_guichet(frame, column: str, year: int) -> dict[str, int]:
    rows = frame[frame["annee"] == year]
    return dict(zip(rows["guichet"], rows[column], strict=True))


def test_registrations_per_guichet(db, run_query):
    frame = run_query(
        db, "enregistrements/par_guichet", premiere_annee=2024, annee=2025, communes=TERRITOIRE
    )
    # 2025: E1, E7, E11 (PGP), E8 (CCVG), E5 (XYZ -> Autres guichets); E9 is outside
    assert by_guichet(frame, "enregistrements", 2025) == {
        "CCVG": 1,
        "DFRH": 0,
        "PGP": 3,
        "AUTRE": 1,
    }
    # 2024: E2, E3 (CCVG), E12 (DFRH), E6 (PGP, deposited on 31/12)
    assert by_guichet(frame, "enregistrements", 2024) == {
        "CCVG": 2,
        "DFRH": 1,
        "PGP": 1,
        "AUTRE": 0,
    }
    assert by_guichet(frame, "part_enregistrements", 2025)["PGP"] == pytest.approx(3 / 5)
    names = frame[frame["annee"] == 2025]["guichet_nom"].tolist()
    assert names[-1] == "Autres guichets"


def test_registrations_follow_the_main_wished_commune(db, run_query):
    frame = run_query(
        db, "enregistrements/par_guichet", premiere_annee=2024, annee=2025, communes=BRIGNAIS
    )
    # E8 wishes Chaponost first: it leaves the CCVG count of 2025
    assert by_guichet(frame, "enregistrements", 2025)["CCVG"] == 0
    assert frame[frame["annee"] == 2025]["enregistrements"].sum() == 4


def test_online_share(db, run_query):
    frame = run_query(
        db, "enregistrements/en_ligne", premiere_annee=2024, annee=2025, communes=TERRITOIRE
    )
    y2024, y2025 = frame.to_dict("records")
    assert (y2025["enregistrements"], y2025["en_ligne"], y2025["aux_guichets"]) == (5, 3, 2)
    assert y2025["part_en_ligne"] == pytest.approx(3 / 5)
    assert (y2024["enregistrements"], y2024["en_ligne"]) == (4, 1)
    assert y2024["part_en_ligne"] == pytest.approx(1 / 4)


def test_monthly_rhythm(db, run_query):
    frame = run_query(db, "enregistrements/rythme_mensuel", annee=2025, communes=TERRITOIRE)
    assert len(frame) == 12
    assert frame["libelle"].tolist()[:3] == ["janvier", "février", "mars"]
    # 2025: January E1, February E7, March E8 and E11 (E9 outside), December E5
    assert frame["enregistrements"].tolist() == [1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    # 2024: February E12, March E2, June E3, December E6
    assert frame["enregistrements_precedente"].tolist() == [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1]


def test_movements_of_each_year(db, run_query):
    frame = run_query(
        db, "enregistrements/mouvements", premiere_annee=2024, annee=2025, communes=TERRITOIRE
    )
    y2024, y2025 = frame.to_dict("records")
    # 31/12/2025: E1, E3, E4 (radiated 05/01/2026), E5 (deposited that day), E8, E11;
    # not E2 (radiated that day), E6, E7, E10, E12
    assert y2025["demandes_actives"] == 6
    # 31/12/2024: E2, E3, E4, E6 (deposited that day); not E12 (radiated that day), E10
    assert y2024["demandes_actives"] == 4
    assert (y2025["enregistrements"], y2024["enregistrements"]) == (5, 4)
    # last renewal: E3 in 2025, E4 in 2024
    assert (y2025["renouvellements"], y2024["renouvellements"]) == (1, 1)
    # 2025: E2, E6, E7; 2024: E10, E12 (E4 is radiated in 2026)
    assert (y2025["radiations"], y2024["radiations"]) == (3, 2)


def test_active_file_per_guichet(db, run_query):
    frame = run_query(
        db, "enregistrements/par_guichet", premiere_annee=2024, annee=2025, communes=TERRITOIRE
    )
    # 2025: E3, E8 (CCVG), E4 (DFRH), E1, E11 (PGP), E5 (Autres)
    assert by_guichet(frame, "demandes_actives", 2025) == {
        "CCVG": 2,
        "DFRH": 1,
        "PGP": 2,
        "AUTRE": 1,
    }
    # 2024: E2, E3 (CCVG), E4 (DFRH), E6 (PGP)
    assert by_guichet(frame, "demandes_actives", 2024) == {
        "CCVG": 2,
        "DFRH": 1,
        "PGP": 1,
        "AUTRE": 0,
    }
    assert by_guichet(frame, "part_actives", 2025)["CCVG"] == pytest.approx(2 / 6)
    brignais = run_query(
        db, "enregistrements/par_guichet", premiere_annee=2025, annee=2025, communes=BRIGNAIS
    )
    assert brignais["demandes_actives"].sum() == 5  # without E8 (Chaponost)


def test_radiations_per_motif(db, run_query):
    frame = run_query(db, "enregistrements/radiations", annee=2025, communes=TERRITOIRE)
    # every motif of the list in French words, even without radiation
    assert frame["motif"].tolist() == [
        "Attribution d'un logement",
        "Non-renouvellement",
        "Abandon de la demande",
        "Demandeur injoignable",
        "Irrecevabilité",
    ]
    counts = dict(zip(frame["code"], frame["radiations"], strict=True))
    # 2025: E2 RADATT (on 31/12), E6 RADABA (on 1/1), E7 RADIRR; E4 (2026) is not counted
    assert counts == {"RADATT": 1, "RADREN": 0, "RADABA": 1, "RADCON": 0, "RADIRR": 1}
    before = dict(zip(frame["code"], frame["radiations_precedente"], strict=True))
    # 2024: E10 RADCON, E12 RADREN (on 31/12)
    assert before == {"RADATT": 0, "RADREN": 1, "RADABA": 0, "RADCON": 1, "RADIRR": 0}
    assert frame["part"].tolist() == pytest.approx([1 / 3, 0, 1 / 3, 0, 1 / 3])


def test_indicator_keys(db):
    values = compute_indicators(db, 2025, None)
    assert values["enregistrements_par_guichet"] == {"CCVG": 1, "DFRH": 0, "PGP": 3, "AUTRE": 1}
    assert values["demandes_actives_fin_annee"] == 6
    assert values["radiations_par_motif"] == {
        "RADATT": 1,
        "RADREN": 0,
        "RADABA": 1,
        "RADCON": 0,
        "RADIRR": 1,
    }
    assert isinstance(values["demandes_actives_fin_annee"], int)
    chaponost = compute_indicators(db, 2025, ["69043"])
    assert chaponost["demandes_actives_fin_annee"] == 1  # E8
    assert chaponost["enregistrements_par_guichet"]["CCVG"] == 1
