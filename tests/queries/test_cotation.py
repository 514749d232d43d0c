"""queries/cotation/*, queries/simulateur/* and the scoring macros of
queries/staging/04_cotation.sql: every expected figure is computed by hand from the rows below.

Reference date: 31/12/2025. Unless a row says otherwise, a household lives outside the
territory (Lyon, 69123: no `habite_epci`), is 40 at the extraction (15/01/2026: no
`jeune_moins_30_ans`), not in the first quartile, not DALO, rents privately (LP: primo grid)
and wishes a T2 in Brignais (69027).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from datetime import date
from pathlib import Path

import pytest

from dashboard.db import Database
from dashboard.grilles import read_grilles
from dashboard.settings import DATA_DIR, get_settings

TERRITOIRE = ["69027", "69043", "69133", "69136", "69268"]
GRILLE = "ppgdid-2026"
OUTSIDE = {"commune_residence": "69123"}


def dem(demande_id: str, depot: date, **columns) -> dict:
    return {"demande_id": demande_id, "date_depot": depot, **OUTSIDE, **columns}


# Active file on 31/12/2025 — scores in the ppgdid-2026 grid, by hand:
DEMANDES = [
    # primo
    dem("A", date(2025, 6, 1)),  # under a year, no criterion: 0
    dem("B", date(2024, 6, 1)),  # 1 to 3 years: 10
    # more than 3 years 25 + DALO 40 (derived) = 65
    dem("C", date(2020, 1, 1), dalo="oui", prioritaire="oui"),
    dem("D", date(2025, 2, 1), criteres_cotation="parent_isole"),  # 20
    # 3rd anniversary on 01/01/2026, not reached: 1 to 3 years 10 + handicap 30 = 40
    dem("E", date(2023, 1, 1), criteres_cotation="handicap", prioritaire="oui"),
    # mutation (HLM)
    # 4th anniversary on 01/01/2026: more than 3 years 25 + sous-occupation 25 = 50
    dem("F", date(2022, 1, 1), logement_actuel="HLM", criteres_cotation="sous_occupation"),
    # handicap 30; sortie_act is not in the mutation grid: 0 point
    dem(
        "G",
        date(2025, 5, 1),
        logement_actuel="HLM",
        criteres_cotation="handicap|sortie_act",
        prioritaire="oui",
    ),
    dem("H", date(2024, 12, 31), logement_actuel="HLM"),  # exactly one year: 1 to 3 years, 10
    # housed in 2025 (radiated: not in the active file on 31/12/2025)
    dem(
        "I",
        date(2020, 1, 1),
        criteres_cotation="sans_logement",
        date_radiation=date(2025, 3, 1),
        motif_radiation="RADATT",
    ),
    dem(
        "J",
        date(2024, 1, 15),
        logement_actuel="HLM",
        date_radiation=date(2025, 7, 1),
        motif_radiation="RADATT",
    ),
]
ATTRIBUTIONS = [
    # I at the decision (01/02/2025): more than 3 years 25 + sans logement 35 = 60 (primo);
    # waited from 01/01/2020: 61 full months
    {
        "attribution_id": "A1",
        "demande_id": "I",
        "date_attribution": date(2025, 2, 1),
        "date_bail": date(2025, 3, 1),
    },
    # J at the decision (01/06/2025): 1 to 3 years 10 (mutation); waited 16 full months
    {
        "attribution_id": "A2",
        "demande_id": "J",
        "date_attribution": date(2025, 6, 1),
        "date_bail": date(2025, 7, 1),
        "mutation": "oui",
        "logement_actuel": "HLM",
    },
    # not linked, score given by the extract: 80 (primo); waited 30 months
    {
        "attribution_id": "A3",
        "date_attribution": date(2025, 9, 1),
        "score_cotation": 80,
        "anciennete_mois": 30,
    },
    # not linked, no score: left out of the evaluation (primo); waited 12 months
    {"attribution_id": "A4", "date_attribution": date(2025, 10, 1), "anciennete_mois": 12},
]
PARAMS = {"grille": GRILLE, "annee": 2025, "communes": TERRITOIRE}


@pytest.fixture
def db(make_db):
    return make_db(demandes=DEMANDES, attributions=ATTRIBUTIONS)


def scores(db: Database, jour: date, grille: str = GRILLE) -> dict[str, float]:
    with db.cursor() as cur:
        rows = cur.execute(
            "SELECT demande_id, score FROM cotation(?, ?)", [grille, jour]
        ).fetchall()
    return dict(rows)


def test_scores_of_the_active_file(db):
    assert scores(db, date(2025, 12, 31)) == {
        "A": 0,
        "B": 10,
        "C": 65,
        "D": 20,
        "E": 40,
        "F": 50,
        "G": 30,
        "H": 10,
    }


def test_attributions_score_from_extract_else_linked_demand_at_the_decision(db):
    with db.cursor() as cur:
        rows = cur.execute(
            "SELECT attribution_id, public, score, score_source FROM cotation_attributions(?) "
            "ORDER BY attribution_id",
            [GRILLE],
        ).fetchall()
    assert rows == [
        ("A1", "primo", 60, "calculee"),
        ("A2", "mutation", 10, "calculee"),
        ("A3", "primo", 80, "extrait"),
        ("A4", "primo", None, None),
    ]


def test_quantiles(db, run_query):
    frame = run_query(db, "cotation/quantiles", **PARAMS)
    ensemble = frame[frame["axe"] == "ensemble"].set_index("public")
    # primo [0, 10, 20, 40, 65]: median 20; 90th percentile at rank 0.9 × 4 = 3.6:
    # 40 + 0.6 × 25 = 55; 75th at rank 3: 40; 25th at rank 1: 10; 10th at 0.4: 4; mean 135 / 5
    primo = ensemble.loc["primo"]
    assert (primo["n"], primo["mediane"], primo["p90"]) == (5, 20, pytest.approx(55))
    assert (primo["q1"], primo["q3"], primo["p10"]) == (10, 40, pytest.approx(4))
    assert primo["moyenne"] == pytest.approx(27)
    # mutation [10, 30, 50]: median 30; 90th at rank 1.8: 30 + 0.8 × 20 = 46; 25th at 0.5: 20
    mutation = ensemble.loc["mutation"]
    assert (mutation["n"], mutation["mediane"], mutation["p90"]) == (3, 30, pytest.approx(46))
    assert mutation["q1"] == 20
    # every demand wishes Brignais and a T2
    communes = frame[frame["axe"] == "commune"]
    assert communes[["public", "modalite", "n"]].values.tolist() == [
        ["primo", "Brignais", 5],
        ["mutation", "Brignais", 3],
    ]
    typologies = frame[frame["axe"] == "typologie"]
    assert typologies[["public", "modalite", "n"]].values.tolist() == [
        ["primo", "T2", 5],
        ["mutation", "T2", 3],
    ]


def test_quantiles_follow_the_communes_filter(db, run_query):
    frame = run_query(db, "cotation/quantiles", **{**PARAMS, "communes": ["69043"]})
    ensemble = frame[frame["axe"] == "ensemble"]
    # nobody wishes Chaponost first: both publics keep their row, with 0 demands
    assert ensemble[["public", "n"]].values.tolist() == [["primo", 0], ["mutation", 0]]


def test_distribution(db, run_query):
    frame = run_query(db, "cotation/distribution", **PARAMS)
    # classes of 10 points up to the highest score (65): 0, 10, …, 60
    primo = frame[frame["public"] == "primo"]
    assert primo["classe"].tolist() == [0, 10, 20, 30, 40, 50, 60]
    assert primo["n"].tolist() == [1, 1, 1, 0, 1, 0, 1]  # A, B, D, E, C
    assert primo["classe_libelle"].tolist()[3] == "30 à 39"
    mutation = frame[frame["public"] == "mutation"]
    assert mutation["n"].tolist() == [0, 1, 0, 1, 0, 1, 0]  # H, G, F


def test_criteria_counts_points_and_ranks(db, run_query):
    frame = run_query(db, "cotation/criteres", **PARAMS)
    primo = frame[frame["public"] == "primo"].set_index("code")
    assert len(primo) == 32  # the whole grid, carried or not
    # 1 to 3 years: B and E (2 of 5 demands, 2 × 10 = 20 points of 135)
    row = primo.loc["anciennete_1_3_ans"]
    assert (row["nb_demandes"], row["points_apportes"], row["rang_nombre"]) == (2, 20, 1)
    assert row["part_demandes"] == pytest.approx(2 / 5)
    assert row["part_points"] == pytest.approx(20 / 135)
    # DALO: C only, 40 points, the most points
    row = primo.loc["dalo"]
    assert (row["nb_demandes"], row["rang_nombre"], row["rang_points"]) == (1, 2, 1)
    assert row["part_points"] == pytest.approx(40 / 135)
    # points: dalo 40, handicap 30, plus de 3 ans 25, then 1 à 3 ans and parent isolé 20
    assert primo.loc["handicap", "rang_points"] == 2
    assert primo.loc["anciennete_plus_3_ans", "rang_points"] == 3
    assert primo.loc["parent_isole", "rang_points"] == 4
    # 27 criteria carried by nobody share rank 6 (after 1 + 4 carried once)
    assert primo.loc["sans_logement", "nb_demandes"] == 0
    assert primo.loc["sans_logement", "rang_nombre"] == 6
    mutation = frame[frame["public"] == "mutation"].set_index("code")
    assert len(mutation) == 26  # the 25 of the grid and sortie_act, declared outside it
    outside = mutation.loc["sortie_act"]
    assert not outside["dans_grille"]
    assert (outside["nb_demandes"], outside["points"], outside["points_apportes"]) == (1, 0, 0)
    # sum of the mutation scores: 50 + 30 + 10 = 90; handicap 30 of them
    assert mutation.loc["handicap", "part_points"] == pytest.approx(30 / 90)


def test_evaluation(db, run_query):
    rows = {
        r["public"]: r for r in run_query(db, "cotation/evaluation", **PARAMS).to_dict("records")
    }
    primo = rows["primo"]
    # top-quarter threshold: 75th percentile of [0, 10, 20, 40, 65] = 40; E and C reach it
    assert (primo["seuil_quart"], primo["file_quart"]) == (40, 2)
    assert primo["part_file_quart"] == pytest.approx(2 / 5)
    # attributions with a score: A1 (60) and A3 (80), both in the top quarter; A4 has none
    assert (primo["attributions_notees"], primo["attributions_quart"]) == (2, 2)
    assert primo["attributions_sans_note"] == 1
    assert primo["part_quart"] == pytest.approx(1.0)
    # top-decile threshold 55: C only, DALO; prioritaires in the whole file: C and E
    assert (primo["seuil_decile"], primo["demandes_decile"], primo["decile_prioritaires"]) == (
        pytest.approx(55),
        1,
        1,
    )
    assert primo["part_prioritaires_decile"] == pytest.approx(1.0)
    assert primo["part_prioritaires_file"] == pytest.approx(2 / 5)
    mutation = rows["mutation"]
    # [10, 30, 50]: 75th percentile 40 (F reaches it); A2 scores 10: not in the top quarter
    assert (mutation["seuil_quart"], mutation["file_quart"]) == (40, 1)
    assert (mutation["attributions_notees"], mutation["attributions_quart"]) == (1, 0)
    assert mutation["part_quart"] == pytest.approx(0.0)
    # 90th percentile 46: F, not prioritaire; G is the only prioritaire of the file
    assert (mutation["demandes_decile"], mutation["decile_prioritaires"]) == (1, 0)
    assert mutation["part_prioritaires_file"] == pytest.approx(1 / 3)
    ensemble = rows["ensemble"]
    assert ensemble["demandes"] == 8
    assert ensemble["part_quart"] == pytest.approx(2 / 3)  # 2 of A1, A2, A3
    assert ensemble["part_prioritaires_decile"] == pytest.approx(1 / 2)  # C of C and F
    assert ensemble["part_prioritaires_file"] == pytest.approx(3 / 8)  # C, E, G
    assert ensemble["attributions_sans_note"] == 1


def test_evaluation_scores_of_housed_households(db, run_query):
    frame = run_query(db, "cotation/evaluation_notes", **PARAMS)
    rows = {(r["public"], r["population"]): r for r in frame.to_dict("records")}
    assert rows[("primo", "attribues")]["n"] == 2  # A1 60, A3 80
    assert rows[("primo", "attribues")]["mediane"] == 70
    assert rows[("mutation", "attribues")]["mediane"] == 10  # A2
    assert rows[("primo", "file_active")]["n"] == 5
    assert rows[("mutation", "file_active")]["moyenne"] == pytest.approx(30)


def test_waiting_time_by_score_band(db, run_query):
    frame = run_query(db, "cotation/delai_tranches", **PARAMS)
    ensemble = frame[frame["public"] == "ensemble"]
    assert ensemble["tranche"].tolist() == [
        "0 à 19",
        "20 à 39",
        "40 à 59",
        "60 à 79",
        "80 à 99",
        "100 et plus",
    ]
    # A2 10 points, 16 months; A1 60 points, 61 months; A3 80 points, 30 months; A4 no score
    assert ensemble["n"].tolist() == [1, 0, 0, 1, 1, 0]
    assert ensemble["delai_median"].tolist()[0] == 16
    assert ensemble["delai_median"].tolist()[3] == 61
    assert ensemble["delai_median"].tolist()[4] == 30
    primo = frame[frame["public"] == "primo"]
    assert primo["n"].tolist() == [0, 0, 0, 1, 1, 0]


def grid_2030(tmp_path: Path) -> Path:
    """The plan's grid and a made-up version `test-2030` with other weights."""
    text = (DATA_DIR / "grilles_cotation.csv").read_text(encoding="utf-8")
    text += "\n".join(
        [
            "test-2030;primo;dalo;DALO;100;obligatoire;oui",
            "test-2030;primo;anciennete_1_3_ans;1 à 3 ans;10;facultatif_local;non",
            "test-2030;primo;anciennete_plus_3_ans;Plus de 3 ans;0;facultatif_local;non",
            "test-2030;primo;parent_isole;Parent isolé;20;facultatif_local;non",
            "test-2030;primo;handicap;Handicap;30;obligatoire;oui",
            "test-2030;mutation;sous_occupation;Sous-occupation;0;facultatif_local;non",
            "test-2030;mutation;anciennete_plus_3_ans;Plus de 3 ans;25;facultatif_local;non",
            "test-2030;mutation;anciennete_1_3_ans;1 à 3 ans;30;facultatif_local;non",
            "test-2030;mutation;handicap;Handicap;30;obligatoire;oui",
        ]
    )
    path = tmp_path / "grilles_2.csv"
    path.write_text(text + "\n", encoding="utf-8")
    return path


@pytest.fixture
def db2(db, tmp_path):
    settings = dataclasses.replace(get_settings(), grilles=read_grilles(grid_2030(tmp_path)))
    database = Database(db.path, settings)
    yield database
    database.close()


def test_comparison_of_two_grids(db2, run_query):
    # test-2030 scores: A 0, B 10, C 100 + 0, D 20, E 10 + 30 = 40; F 25 + 0, G 30, H 30
    assert scores(db2, date(2025, 12, 31), "test-2030") == {
        "A": 0,
        "B": 10,
        "C": 100,
        "D": 20,
        "E": 40,
        "F": 25,
        "G": 30,
        "H": 30,
    }
    rows = run_query(db2, "cotation/comparaison", **PARAMS, grille_comparee="test-2030")
    rows = {r["public"]: r for r in rows.to_dict("records")}
    primo = rows["primo"]
    # only C changes band (60-79 → 100 and more); the order is unchanged: correlation 1
    assert (primo["n"], primo["change_tranche"], primo["monte"], primo["descend"]) == (5, 1, 1, 0)
    assert primo["part_change_tranche"] == pytest.approx(1 / 5)
    assert primo["correlation_rangs"] == pytest.approx(1.0)
    assert (primo["moyenne"], primo["moyenne_comparee"]) == (27, 34)  # 135 / 5, 170 / 5
    mutation = rows["mutation"]
    # F 50 → 25 goes down a band, H 10 → 30 up, G stays (30)
    assert (mutation["change_tranche"], mutation["monte"], mutation["descend"]) == (2, 1, 1)
    # ranks: ppgdid F 3, G 2, H 1; test-2030 F 1, G and H tied 2.5 each.
    # deviations from 2: (1, 0, -1) and (-1, 0.5, 0.5): covariance -1 - 0.5 = -1.5;
    # sums of squares 2 and 1.5: rho = -1.5 / sqrt(3)
    assert mutation["correlation_rangs"] == pytest.approx(-1.5 / 3**0.5)
    ensemble = rows["ensemble"]
    assert (ensemble["n"], ensemble["change_tranche"]) == (8, 3)
    assert ensemble["correlation_rangs"] != ensemble["correlation_rangs"]  # NaN: no cross-rank


def test_band_transitions(db2, run_query):
    frame = run_query(db2, "cotation/comparaison_tranches", **PARAMS, grille_comparee="test-2030")
    got = frame[["public", "tranche_ordre", "tranche_comparee_ordre", "n"]].values.tolist()
    assert got == [
        ["primo", 0, 0, 2],  # A, B
        ["primo", 1, 1, 1],  # D
        ["primo", 2, 2, 1],  # E
        ["primo", 3, 5, 1],  # C
        ["mutation", 0, 1, 1],  # H
        ["mutation", 1, 1, 1],  # G
        ["mutation", 2, 1, 1],  # F
    ]


def test_position_among_comparable_demands(db, run_query):
    frame = run_query(
        db,
        "simulateur/position",
        grille=GRILLE,
        annee=2025,
        public="primo",
        typologie_groupe="T2",
        commune="69027",
        score=40,
    )
    row = frame.to_dict("records")[0]
    # primo T2 Brignais: 0, 10, 20, 40, 65 — three lower than 40, one equal
    assert (row["comparables"], row["inferieures"], row["egales"]) == (5, 3, 1)
    assert row["part_inferieure"] == pytest.approx(3 / 5)
    assert row["part_egale"] == pytest.approx(1 / 5)
    assert row["mediane"] == 20
    other = run_query(
        db,
        "simulateur/position",
        grille=GRILLE,
        annee=2025,
        public="mutation",
        typologie_groupe="T3",
        commune="69027",
        score=40,
    ).to_dict("records")[0]
    assert other["comparables"] == 0
    assert other["part_inferieure"] != other["part_inferieure"]  # NaN, no division by zero


def test_reference_waiting_time(db, run_query):
    frame = run_query(
        db, "simulateur/delai_reference", annee=2025, typologie_groupe="T2", commune="69027"
    )
    row = frame.to_dict("records")[0]
    # 2023-2025, T2 in Brignais: 12, 16, 30, 61 months (A4, A2, A3, A1)
    assert row["n"] == 4
    assert row["delai_median"] == pytest.approx((16 + 30) / 2)
    assert row["delai_q1"] == pytest.approx(12 + 0.75 * 4)  # rank 0.75
    assert row["delai_q3"] == pytest.approx(30 + 0.25 * 31)  # rank 2.25
    assert (row["annee_debut"], row["annee_fin"]) == (2023, 2025)


# --- The profile query (simulator and `cil score`): the plan's examples ------------------------


def profile(db: Database, run_query, public: str, criteres: list[str], depot, jour):
    frame = run_query(
        db,
        "cotation/profil",
        grille=GRILLE,
        public=public,
        criteres=criteres,
        date_depot=depot,
        jour=jour,
    )
    return frame


def test_primo_dalo_sans_logement_more_than_3_years_scores_100(db, run_query):
    frame = profile(
        db, run_query, "primo", ["dalo", "sans_logement"], date(2021, 6, 1), date(2025, 12, 31)
    )
    # 40 + 35 + 25
    assert frame["code"].tolist() == ["dalo", "sans_logement", "anciennete_plus_3_ans"]
    assert frame["points"].tolist() == [40, 35, 25]
    assert frame["total"].tolist()[0] == 100
    assert frame["profil_prioritaire"].all()


def test_same_household_in_the_mutation_grid_scores_65(db, run_query):
    frame = profile(
        db, run_query, "mutation", ["dalo", "sans_logement"], date(2021, 6, 1), date(2025, 12, 31)
    )
    # DALO 40 + more than 3 years 25; « sans logement » is not in the mutation grid: 0
    assert frame["total"].tolist()[0] == 65
    outside = frame.set_index("code").loc["sans_logement"]
    assert (outside["points"], bool(outside["dans_grille"])) == (0, False)


@pytest.mark.parametrize(
    ("public", "criteres", "expected_codes", "total"),
    [
        # parent isolé 20 + travaille dans l'EPCI 10 + jeune 5
        (
            "primo",
            ["parent_isole", "travaille_epci", "jeune_moins_30_ans"],
            ["parent_isole", "travaille_epci", "jeune_moins_30_ans"],
            35,
        ),
        # the same in the mutation grid: travaille 10 + parent isolé 10 (its order), no
        # « jeune » in this grid: 0, listed last
        (
            "mutation",
            ["parent_isole", "travaille_epci", "jeune_moins_30_ans"],
            ["travaille_epci", "parent_isole", "jeune_moins_30_ans"],
            20,
        ),
        # a repeated criterion counts once; a declared seniority is recomputed (none here)
        ("primo", ["handicap", "handicap", "anciennete_plus_3_ans"], ["handicap"], 30),
    ],
)
def test_profile_examples(db, run_query, public, criteres, expected_codes, total):
    frame = profile(db, run_query, public, criteres, date(2025, 6, 1), date(2025, 12, 31))
    assert frame["code"].tolist() == expected_codes  # in the grid's order
    assert frame["total"].tolist()[0] == total


def test_profile_without_criterion_has_no_row(db, run_query):
    # the page and the CLI show 0 point
    assert profile(db, run_query, "primo", [], None, date(2025, 12, 31)).empty
    frame = profile(db, run_query, "primo", ["parent_isole"], None, date(2025, 12, 31))
    assert not frame["profil_prioritaire"].any()  # no L441-1 criterion


@pytest.mark.parametrize(
    ("depot", "jour", "expected"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), []),  # one day short of a year
        (date(2024, 12, 31), date(2025, 12, 31), ["anciennete_1_3_ans"]),  # exactly 1 year
        (date(2022, 12, 31), date(2025, 12, 31), ["anciennete_1_3_ans"]),  # exactly 3 years
        (date(2022, 12, 30), date(2025, 12, 31), ["anciennete_plus_3_ans"]),  # 3 years + 1 day
        (date(2022, 12, 31), date(2026, 1, 1), ["anciennete_plus_3_ans"]),
        (date(2024, 2, 29), date(2025, 2, 27), []),  # 29 February: birthday on 28 February
        (date(2024, 2, 29), date(2025, 2, 28), ["anciennete_1_3_ans"]),
        (date(2024, 2, 29), date(2027, 2, 28), ["anciennete_1_3_ans"]),
        (date(2024, 2, 29), date(2027, 3, 1), ["anciennete_plus_3_ans"]),
    ],
)
def test_seniority_boundaries(db, run_query, depot, jour, expected):
    frame = profile(db, run_query, "primo", [], depot, jour)
    assert frame["code"].tolist() == expected


def test_seniority_boundaries_of_extract_demands(make_db):
    db = make_db(
        demandes=[
            dem("S1", date(2025, 1, 1)),
            dem("S2", date(2024, 12, 31)),
            dem("S3", date(2022, 12, 31)),
            dem("S4", date(2022, 12, 30)),
            # declared seniority is ignored: recomputed from the filing date (none here)
            dem("S5", date(2025, 6, 1), criteres_cotation="anciennete_plus_3_ans"),
        ]
    )
    # 0; exactly one year 10; exactly three years 10; three years and a day 25; 0
    assert scores(db, date(2025, 12, 31)) == {"S1": 0, "S2": 10, "S3": 10, "S4": 25, "S5": 0}


def test_derived_criteria_count_once_and_age_is_taken_at_the_reference_date(make_db):
    db = make_db(
        demandes=[
            # declared and derived DALO: 40 once; lives in Brignais: habite l'EPCI 10
            dem(
                "K",
                date(2025, 6, 1),
                dalo="oui",
                criteres_cotation="dalo",
                commune_residence="69027",
            ),
            # first quartile 30 (derived) + parent isolé 20; 29 at the extraction (15/01/2026):
            # still 29 on 31/12/2025, jeune 5 (declared too: once)
            dem(
                "L",
                date(2025, 6, 1),
                quartile_1="oui",
                age_demandeur=29,
                criteres_cotation="parent_isole|jeune_moins_30_ans",
            ),
            # 30 at the extraction: 30 on 31/12/2025 (no), 29 on 31/12/2024 (yes)
            dem("M", date(2024, 6, 1), age_demandeur=30),
            # under 30 but a mutation: the mutation grid has no « jeune » criterion
            dem("N", date(2025, 6, 1), age_demandeur=25, logement_actuel="HLM"),
        ]
    )
    assert scores(db, date(2025, 12, 31)) == {"K": 50, "L": 55, "M": 10, "N": 0}
    # on 31/12/2024 M (filed 01/06/2024) has no seniority and is 29: 5
    assert scores(db, date(2024, 12, 31)) == {"M": 5}


def test_import_warns_about_codes_outside_the_demands_grid(tmp_path):
    from dashboard.importer import import_file
    from tests.builders import write_extract

    rows = [
        dem("W1", date(2025, 1, 1), criteres_cotation="foo|foo|handicap"),
        dem("W2", date(2025, 1, 1), criteres_cotation="foo"),
        dem("W3", date(2025, 1, 1), criteres_cotation="sans_logement", logement_actuel="HLM"),
        dem("W4", date(2025, 1, 1), criteres_cotation="sans_logement"),  # primo: in its grid
    ]
    path = write_extract(tmp_path, "demandes", rows)
    report = import_file(
        "demandes", path, tmp_path / "w.duckdb", extraction_date=dt.date(2026, 1, 15)
    )
    warning = next(w for w in report.warnings if "critère de cotation" in w)
    assert warning.startswith("3 demandes portent un critère de cotation absent de la grille")
    assert "foo (primo) : 2 demandes" in warning  # W1 counts once
    assert "sans_logement (mutation) : 1 demande" in warning
