"""queries/parc/*: what the specs' fixtures (queries/parc/*.yml, the same rows) cannot express
— coordinates reprojected from Lambert-93, and the `parc` keys of `cil indicateurs` — computed
by hand from the rows below.

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


def test_a_residence_sits_where_its_geolocated_dwellings_are(db, run_query):
    """The position is reprojected from Lambert-93 (not computable by hand in a fixture):
    5 RUE C has one geolocated dwelling (L7), and sits on it."""
    frame = run_query(
        db, "parc/residences", annee=2025, millesime=2025, communes=TERRITOIRE, **NO_FILTER
    )
    rue_c = frame[frame["adresse"] == "5 RUE C"].iloc[0]
    assert rue_c["lon"] == pytest.approx(4.7455, abs=1e-5)
    assert rue_c["lat"] == pytest.approx(45.70895, abs=1e-5)


def test_indicateurs_parc_read_the_stock_of_the_year_end(db):
    """`cil indicateurs` reads parc/communes for the year's millésime (parc/millesime.yml):
    2025 and 2024 read millésime 2025 (the stock on 1 January 2026 and 2025: 2026 is not
    loaded), 2023 reads 2024, 2022 has none (no key rather than a later stock)."""
    from dashboard.indicators import compute_indicators

    values = compute_indicators(db, 2025, None)["parc"]
    assert values == {
        "millesime": 2025,
        "logements": 9,
        "residences": 5,
        "part_qpv": pytest.approx(3 / 9),
        "part_dpe_f_g": pytest.approx(3 / 8),
    }
    assert isinstance(values["logements"], int)
    assert compute_indicators(db, 2025, ["69043"])["parc"]["logements"] == 3
    assert compute_indicators(db, 2023, None)["parc"]["millesime"] == 2024
    assert "parc" not in compute_indicators(db, 2022, None)
