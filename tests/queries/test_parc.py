"""queries/parc/*: expected figures computed by hand from the rows below.

Millésime 2025, nine dwellings (L1..L9, lines 2..10 of the file):
  Brignais (69027)
    L1-L3  « 1 RUE A », same point, in the QPV, built 1970: L1 T2 PLUS (13) DPE F,
           L2 T3 PLUS (12) DPE G, L3 T3 PLAI (10) DPE D
    L4     « 2 RUE B », 200 m east, T1 PLS (14), built 2015, DPE B
    L5-L6  no address, 3 m apart (same 10 m square): T4 PLAI (11), built 2001;
           L5 DPE C, L6 no DPE
  Chaponost (69043)
    L7     « 5 RUE C », T5 PLUS (13), 1985, DPE E
    L8     « 5 RUE C », no coordinates, T6 PLI (16), 1985, DPE E
    L9     « 6 RUE D », no coordinates, T2 PLUS (13), 1985, DPE F
  Millery, Montagny, Vourles: none.
Millésime 2024: two dwellings in Brignais, three in Chaponost.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

TERRITOIRE = ["69027", "69043", "69133", "69136", "69268"]
NO_FILTER = {"financements": [], "typologies": [], "periodes": []}
PB = {"X": "836432.8", "Y": "6510204.3"}  # Brignais
PB2 = {"X": "836632.8", "Y": "6510204.3"}  # 200 m east
PC = {"X": "835792.8", "Y": "6513653.5"}  # Chaponost
NO_XY = {"X": "", "Y": ""}


def rue(numero: str, nom: str) -> dict[str, str]:
    return {"NUMVOIE": numero, "TYPVOIE": "RUE", "NOMVOIE": nom}


LOGEMENTS_2025 = [
    {
        **rue("1", "A"),
        **PB,
        "NBPIECE": 2,
        "CONSTRUCT": 1970,
        "FINAN_CODE": "13",
        "QPV_CODE": "1",
        "DPEENERGIE": "F",
    },
    {
        **rue("1", "A"),
        **PB,
        "NBPIECE": 3,
        "CONSTRUCT": 1970,
        "FINAN_CODE": "12",
        "QPV_CODE": "1",
        "DPEENERGIE": "G",
    },
    {
        **rue("1", "A"),
        **PB,
        "NBPIECE": 3,
        "CONSTRUCT": 1970,
        "FINAN_CODE": "10",
        "QPV_CODE": "1",
        "DPEENERGIE": "D",
    },
    {
        **rue("2", "B"),
        **PB2,
        "NBPIECE": 1,
        "CONSTRUCT": 2015,
        "FINAN_CODE": "14",
        "DPEENERGIE": "B",
    },
    {
        "X": "835000.0",
        "Y": "6510000.0",
        "NBPIECE": 4,
        "CONSTRUCT": 2001,
        "FINAN_CODE": "11",
        "DPEENERGIE": "C",
    },
    {
        "X": "835003.0",
        "Y": "6510002.0",
        "NBPIECE": 4,
        "CONSTRUCT": 2001,
        "FINAN_CODE": "11",
        "DPEENERGIE": "",
    },
    {
        "DEPCOM": "69043",
        **rue("5", "C"),
        **PC,
        "NBPIECE": 5,
        "CONSTRUCT": 1985,
        "FINAN_CODE": "13",
        "DPEENERGIE": "E",
    },
    {
        "DEPCOM": "69043",
        **rue("5", "C"),
        **NO_XY,
        "NBPIECE": 6,
        "CONSTRUCT": 1985,
        "FINAN_CODE": "16",
        "DPEENERGIE": "E",
    },
    {
        "DEPCOM": "69043",
        **rue("6", "D"),
        **NO_XY,
        "NBPIECE": 2,
        "CONSTRUCT": 1985,
        "FINAN_CODE": "13",
        "DPEENERGIE": "F",
    },
]
LOGEMENTS_2024 = [
    {**rue("1", "A"), **PB},
    {**rue("1", "A"), **PB},
    {"DEPCOM": "69043", **rue("5", "C"), **PC},
    {"DEPCOM": "69043", **rue("5", "C"), **PC},
    {"DEPCOM": "69043", **rue("6", "D"), **PC},
]
DEMANDES = [
    # active at the end of 2025, Brignais, T2
    {"demande_id": "D1", "date_depot": date(2024, 1, 1), "typologie": "T2"},
    # active, Brignais, T3
    {"demande_id": "D2", "date_depot": date(2025, 3, 1), "typologie": "T3"},
    # radiated in June 2025: not active at the end of the year
    {
        "demande_id": "D3",
        "date_depot": date(2025, 1, 1),
        "date_radiation": date(2025, 6, 1),
        "motif_radiation": "RADABA",
    },
    # active, Chaponost first, T1 (group « C et T1 »)
    {
        "demande_id": "D4",
        "date_depot": date(2025, 2, 1),
        "communes_souhaitees": "69043|69027",
        "typologie": "T1",
    },
    # filed in 2026: not active at the end of 2025
    {"demande_id": "D5", "date_depot": date(2026, 1, 5)},
]
ATTRIBUTIONS = [
    {"attribution_id": "A1", "date_attribution": date(2025, 5, 1), "typologie": "T2"},
    {
        "attribution_id": "A2",
        "date_attribution": date(2025, 2, 1),
        "commune": "69043",
        "typologie": "T4",
    },
    # another year
    {"attribution_id": "A3", "date_attribution": date(2024, 12, 1), "typologie": "T3"},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from tests.builders import build_db

    database = build_db(
        tmp_path_factory.mktemp("parc"),
        demandes=DEMANDES,
        attributions=ATTRIBUTIONS,
        logements={2024: LOGEMENTS_2024, 2025: LOGEMENTS_2025},
    )
    yield database
    database.close()


def stock(db, run_query, communes=TERRITOIRE, **filters):
    """parc/communes for 2025, by commune name; filters not given do not filter."""
    params = {**NO_FILTER, **filters}
    return by(
        run_query(db, "parc/communes", millesime=2025, communes=communes, **params), "commune"
    )


def by(frame, column):
    return {row[column]: row for row in frame.to_dict("records")}


def test_millesimes(db, run_query):
    frame = run_query(db, "parc/millesimes")
    assert frame.to_dict("records") == [
        {"millesime": 2025, "logements": 9},
        {"millesime": 2024, "logements": 5},
    ]


def test_residences_group_dwellings_by_address_or_by_10_m_square(db, run_query):
    frame = run_query(db, "parc/residences", millesime=2025, communes=TERRITOIRE, **NO_FILTER)
    # 1 RUE A (3), the 10 m square (2), 5 RUE C (2: one without coordinates still counts),
    # 2 RUE B (1); 6 RUE D has no geolocated dwelling: not on the map
    assert frame["logements"].tolist() == [3, 2, 2, 1]
    assert frame["adresse"].tolist()[0] == "1 RUE A"
    assert frame["adresse"].isna().tolist() == [False, True, False, False]
    assert frame["adresse"].tolist()[2:] == ["5 RUE C", "2 RUE B"]
    rue_a = frame.iloc[0].to_dict()
    assert rue_a["commune"] == "Brignais"
    assert rue_a["typologies"] == "T2 : 1 · T3 : 2"
    assert rue_a["financement"] == "PLUS"  # 2 of 3
    assert rue_a["financements"] == "PLAI : 1 · PLUS : 2"
    assert rue_a["dpe"] == "D"  # D, F, G once each: the first class wins the tie
    assert rue_a["dpes"] == "D : 1 · F : 1 · G : 1"
    assert rue_a["periode"] == "Avant 1975"
    assert rue_a["qpv"]
    assert (rue_a["construct_min"], rue_a["construct_max"]) == (1970, 1970)
    square = frame.iloc[1].to_dict()
    assert square["typologies"] == "T4 : 2"
    assert square["financement"] == "PLAI"
    assert square["dpe"] == "C" and square["dpes"] == "C : 1"  # L6 has no DPE
    assert square["periode"] == "2000-2012"
    assert not square["qpv"]
    rue_c = frame.iloc[2].to_dict()
    assert rue_c["typologies"] == "T5 : 1 · T6+ : 1"
    assert rue_c["financement"] == "PLUS"  # PLUS 1, PLI 1: PLUS comes first
    # the residence sits where its only geolocated dwelling (L7) is
    assert rue_c["lon"] == pytest.approx(4.7455, abs=1e-5)
    assert rue_c["lat"] == pytest.approx(45.70895, abs=1e-5)
    assert frame.iloc[3]["periode"] == "2013 et après"


def test_residences_count_only_dwellings_passing_the_filters(db, run_query):
    frame = run_query(
        db,
        "parc/residences",
        millesime=2025,
        communes=TERRITOIRE,
        financements=["PLAI"],
        typologies=[],
        periodes=[],
    )
    # PLAI: L3 (1 RUE A), L5 and L6 (the square)
    assert frame["logements"].tolist() == [2, 1]
    assert frame["adresse"].tolist()[1] == "1 RUE A"
    chaponost = run_query(db, "parc/residences", millesime=2025, communes=["69043"], **NO_FILTER)
    assert chaponost["adresse"].tolist() == ["5 RUE C"]


def test_stock_per_commune(db, run_query):
    frame = run_query(db, "parc/communes", millesime=2025, communes=TERRITOIRE, **NO_FILTER)
    assert frame["commune"].tolist() == [
        "Brignais",
        "Chaponost",
        "Millery",
        "Montagny",
        "Vourles",
        "Ensemble",
    ]
    rows = by(frame, "commune")
    brignais = rows["Brignais"]
    assert brignais["logements"] == 6
    assert brignais["part_epci"] == pytest.approx(6 / 9)
    assert brignais["logements_pour_1000"] == pytest.approx(6 * 1000 / 12330)
    assert brignais["residences"] == 3  # 1 RUE A, 2 RUE B, the square
    assert brignais["geolocalises"] == 6
    # 1970, 1970, 1970, 2001, 2001, 2015: (1970 + 2001) / 2
    assert brignais["construct_median"] == pytest.approx(1985.5)
    assert brignais["part_qpv"] == pytest.approx(3 / 6)
    assert brignais["part_dpe_f_g"] == pytest.approx(2 / 5)  # F, G among 5 with a class
    assert brignais["part_dpe_inconnu"] == pytest.approx(1 / 6)
    chaponost = rows["Chaponost"]
    assert (chaponost["logements"], chaponost["residences"], chaponost["geolocalises"]) == (
        3,
        2,
        1,
    )
    assert chaponost["part_dpe_f_g"] == pytest.approx(1 / 3)
    millery = rows["Millery"]
    assert millery["logements"] == 0 and millery["residences"] == 0
    assert millery["part_epci"] == 0
    assert pd.isna(millery["part_dpe_f_g"])  # no dwelling
    total = rows["Ensemble"]
    assert total["logements"] == 9 and total["residences"] == 5 and total["geolocalises"] == 7
    assert total["population"] == 12330 + 9217 + 4323 + 3212 + 3353
    # 1970 ×3, 1985 ×3, 2001 ×2, 2015: the 5th of 9
    assert total["construct_median"] == 1985
    assert total["part_qpv"] == pytest.approx(3 / 9)
    assert total["part_dpe_f_g"] == pytest.approx(3 / 8)


def test_stock_per_commune_follows_the_filters(db, run_query):
    only_chaponost = run_query(db, "parc/communes", millesime=2025, communes=["69043"], **NO_FILTER)
    assert only_chaponost["commune"].tolist() == ["Chaponost", "Ensemble"]
    # the share is still of the whole EPCI's stock
    assert only_chaponost["part_epci"].tolist() == pytest.approx([3 / 9, 3 / 9])
    plus = stock(db, run_query, financements=["PLUS"])
    # PLUS: L1, L2 in Brignais; L7, L9 in Chaponost
    assert plus["Brignais"]["logements"] == 2
    assert plus["Brignais"]["part_epci"] == pytest.approx(2 / 4)
    t2 = stock(db, run_query, typologies=["T2"])
    assert (t2["Brignais"]["logements"], t2["Chaponost"]["logements"]) == (1, 1)  # L1, L9
    old = stock(db, run_query, periodes=["Avant 1975"])
    assert (old["Brignais"]["logements"], old["Ensemble"]["logements"]) == (3, 3)


def test_repartitions(db, run_query):
    frame = run_query(db, "parc/repartitions", millesime=2025, communes=TERRITOIRE, **NO_FILTER)

    def mix(dimension, commune):
        rows = frame[(frame["dimension"] == dimension) & (frame["commune"] == commune)]
        return dict(zip(rows["modalite"], rows["logements"], strict=True))

    assert mix("financement", "Brignais") == {"PLAI": 3, "PLUS": 2, "PLS": 1}
    assert list(mix("financement", "Brignais")) == ["PLAI", "PLUS", "PLS"]  # list order
    assert mix("dpe", "Brignais") == {"B": 1, "C": 1, "D": 1, "F": 1, "G": 1, "Non renseigné": 1}
    assert mix("typologie", "Brignais") == {"C et T1": 1, "T2": 1, "T3": 2, "T4": 2}
    assert mix("typologie", "Ensemble")["T5 et plus"] == 2  # L7 T5, L8 T6
    assert mix("periode", "Chaponost") == {"1975-1999": 3}
    plai = frame[
        (frame["dimension"] == "financement")
        & (frame["commune"] == "Brignais")
        & (frame["modalite"] == "PLAI")
    ]
    assert plai["part"].item() == pytest.approx(3 / 6)


def test_evolution_between_millesimes(db, run_query):
    frame = run_query(db, "parc/evolution", communes=TERRITOIRE, **NO_FILTER)
    rows = {(r["commune"], r["millesime"]): r for r in frame.to_dict("records")}
    assert rows[("Brignais", 2024)]["logements"] == 2
    assert rows[("Brignais", 2025)]["logements"] == 6
    assert rows[("Brignais", 2025)]["variation"] == 4
    assert rows[("Chaponost", 2025)]["variation"] == 0  # 3 and 3
    assert rows[("Millery", 2025)]["logements"] == 0
    assert rows[("Ensemble", 2024)]["logements"] == 5
    assert rows[("Ensemble", 2025)]["variation"] == 4
    assert pd.isna(rows[("Ensemble", 2024)]["variation"])  # the first millésime


def test_demand_against_stock_and_attributions(db, run_query):
    frame = run_query(
        db, "parc/demande_parc", millesime=2025, annee=2025, communes=TERRITOIRE, typologies=[]
    )
    rows = by(frame, "commune")
    brignais = rows["Brignais"]
    # stock 6; D1, D2 active at 31/12/2025; A1 in 2025 (A3 is 2024)
    assert (brignais["logements"], brignais["demandes_actives"], brignais["attributions"]) == (
        6,
        2,
        1,
    )
    assert brignais["demandes_pour_100_logements"] == pytest.approx(100 * 2 / 6)
    assert brignais["attributions_pour_100_logements"] == pytest.approx(100 * 1 / 6)
    assert brignais["pression"] == pytest.approx(2 / 1)
    chaponost = rows["Chaponost"]  # stock 3, D4, A2
    assert (chaponost["demandes_actives"], chaponost["attributions"]) == (1, 1)
    assert chaponost["pression"] == pytest.approx(1.0)
    millery = rows["Millery"]
    assert (millery["logements"], millery["demandes_actives"], millery["attributions"]) == (
        0,
        0,
        0,
    )
    assert pd.isna(millery["pression"])  # no attribution
    total = rows["Ensemble"]
    assert (total["logements"], total["demandes_actives"], total["attributions"]) == (9, 3, 2)
    assert total["demandes_pour_100_logements"] == pytest.approx(100 * 3 / 9)
    assert total["pression"] == pytest.approx(3 / 2)


def test_demand_against_stock_for_one_typology(db, run_query):
    frame = run_query(
        db,
        "parc/demande_parc",
        millesime=2025,
        annee=2025,
        communes=TERRITOIRE,
        typologies=["T2"],
    )
    rows = by(frame, "commune")
    # T2: stock L1 (Brignais), L9 (Chaponost); demand D1 (Brignais); attribution A1 (Brignais)
    assert (rows["Brignais"]["logements"], rows["Brignais"]["demandes_actives"]) == (1, 1)
    assert rows["Brignais"]["attributions"] == 1
    assert (rows["Chaponost"]["logements"], rows["Chaponost"]["demandes_actives"]) == (1, 0)
    assert rows["Chaponost"]["attributions"] == 0


def test_indicateurs_parc_use_the_latest_millesime(db):
    from dashboard.indicators import compute_indicators

    values = compute_indicators(db, 2025, None)["parc"]
    assert values == {
        "millesime": 2025,  # 2024 is loaded too
        "logements": 9,
        "residences": 5,
        "par_commune": {"69027": 6, "69043": 3, "69133": 0, "69136": 0, "69268": 0},
        "part_qpv": pytest.approx(3 / 9),
        "part_dpe_f_g": pytest.approx(3 / 8),
    }
    assert isinstance(values["logements"], int)
    chaponost = compute_indicators(db, 2025, ["69043"])["parc"]
    assert chaponost["logements"] == 3 and chaponost["par_commune"] == {"69043": 3}


def test_indicateurs_parc_read_the_stock_of_the_year_end(db):
    from dashboard.indicators import compute_indicators

    # Millésimes 2024 and 2025 are loaded: 2023 ends on 1/1/2024 (millésime 2024), 2022 has
    # no millésime that early, so no figure rather than a later stock.
    assert compute_indicators(db, 2023, None)["parc"]["millesime"] == 2024
    assert compute_indicators(db, 2022, None)["parc"] is None
