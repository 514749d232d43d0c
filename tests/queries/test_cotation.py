"""The scoring macros of queries/staging/04_cotation.sql, the comparison of two different grids
and the import's warning: what the specs' fixtures (queries/cotation/*.yml) cannot express
(another grid in the settings, a macro rather than a query). Every expected figure is
computed by hand from the rows below, the same as the fixtures'.

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
    # the rows of the specs' fixtures (queries/cotation/evaluation.yml): counted in the year of
    # the lease, scored on the day of the decision
    {  # I at the decision (01/02/2025): more than 3 years 25 + sans logement 35 = 60 (primo)
        "attribution_id": "A1",
        "demande_id": "I",
        "date_attribution": date(2025, 2, 1),
        "date_bail": date(2025, 3, 1),
    },
    {  # J at the decision (01/06/2025): 1 to 3 years 10 (mutation)
        "attribution_id": "A2",
        "demande_id": "J",
        "date_attribution": date(2025, 6, 1),
        "date_bail": date(2025, 7, 1),
        "mutation": "oui",
        "logement_actuel": "HLM",
    },
    {  # not linked, score given by the extract: 80 (primo)
        "attribution_id": "A3",
        "date_attribution": date(2025, 9, 1),
        "date_bail": date(2025, 9, 15),
        "score_cotation": 80,
        "anciennete_mois": 30,
    },
    {  # not linked, no score
        "attribution_id": "A4",
        "date_attribution": date(2025, 10, 1),
        "date_bail": date(2025, 10, 20),
        "anciennete_mois": 12,
    },
    {  # decided in December 2024, lease in January 2025
        "attribution_id": "A5",
        "date_attribution": date(2024, 12, 15),
        "date_bail": date(2025, 1, 10),
        "score_cotation": 45,
        "anciennete_mois": 20,
    },
    {"attribution_id": "A6", "date_attribution": date(2025, 11, 1), "score_cotation": 90},
    {
        "attribution_id": "A7",
        "date_attribution": date(2025, 12, 10),
        "date_bail": date(2026, 1, 12),
        "score_cotation": 70,
        "anciennete_mois": 40,
    },
    {
        "attribution_id": "A8",
        "date_attribution": date(2025, 4, 1),
        "date_bail": date(2025, 5, 1),
        "score_cotation": 25,
    },
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
        ("A5", "primo", 45, "extrait"),
        ("A6", "primo", 90, "extrait"),
        ("A7", "primo", 70, "extrait"),
        ("A8", "primo", 25, "extrait"),
    ]


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
        "demandes", path, tmp_path / "w.duckdb", extraction_date=dt.date(2026, 1, 15), publish=False
    )
    warning = next(w for w in report.warnings if "critère de cotation" in w)
    assert warning.startswith("3 demandes portent un critère de cotation absent de la grille")
    assert "foo (primo) : 2 demandes" in warning  # W1 counts once
    assert "sans_logement (mutation) : 1 demande" in warning
