"""`cil score` and the `cotation` key of `cil indicateurs`, figures computed by hand."""

from __future__ import annotations

import json

import pytest

from dashboard.cli import EXIT_REFUSED, main
from dashboard.indicators import compute_indicators
from tests.queries.test_cotation import ATTRIBUTIONS, DEMANDES


def score(capsys, *args: str) -> tuple[int, dict]:
    code = main(["score", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, (json.loads(out) if code == 0 else {})


def test_score_of_the_plans_example(capsys):
    code, values = score(
        capsys,
        "--grille",
        "ppgdid-2026",
        "--public",
        "primo",
        "--criteres",
        "dalo|sans_logement",
        "--date-depot",
        "01/06/2021",
        "--date-reference",
        "31/12/2025",
    )
    assert code == 0
    assert values["score"] == 100  # 40 + 35 + 25 (more than 3 years)
    assert [(c["code"], c["points"]) for c in values["criteres"]] == [
        ("dalo", 40),
        ("sans_logement", 35),
        ("anciennete_plus_3_ans", 25),
    ]
    assert values["prioritaire"] is True


def test_score_in_the_mutation_grid_and_text_output(capsys):
    code = main(
        [
            "score",
            "--public",
            "mutation",
            "--criteres",
            "dalo|sans_logement",
            "--date-depot",
            "2021-06-01",
            "--date-reference",
            "2025-12-31",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0
    # DALO 40 + more than 3 years 25; sans logement is not in the mutation grid
    assert captured.out.startswith("Note : 65 points — grille ppgdid-2026, demandeurs en mutation")
    assert "absent de la grille ppgdid-2026 mutation (0 point) : sans_logement" in captured.err


def test_score_seniority_boundaries(capsys):
    # filed 31/12/2022: exactly three years on 31/12/2025 (10), more than three the day after (25)
    common = ["--public", "primo", "--date-depot", "31/12/2022"]
    assert score(capsys, *common, "--date-reference", "31/12/2025")[1]["score"] == 10
    assert score(capsys, *common, "--date-reference", "01/01/2026")[1]["score"] == 25
    assert score(capsys, *common, "--date-reference", "30/12/2023")[1]["score"] == 0
    assert score(capsys, *common, "--date-reference", "31/12/2023")[1]["score"] == 10


def test_score_refuses_an_unknown_grid_and_dates_in_the_wrong_order(capsys):
    assert main(["score", "--grille", "ppgdid-1999", "--public", "primo"]) == EXIT_REFUSED
    assert "Grille inconnue « ppgdid-1999 »" in capsys.readouterr().err
    code = main(
        [
            "score",
            "--public",
            "primo",
            "--date-depot",
            "01/01/2026",
            "--date-reference",
            "01/01/2025",
        ]
    )
    assert code == EXIT_REFUSED


def test_indicator_cotation(make_db):
    db = make_db(demandes=DEMANDES, attributions=ATTRIBUTIONS)
    values = compute_indicators(db, 2025, None)
    # primo [0, 10, 20, 40, 65]: median 20, 90th percentile 40 + 0.6 × 25 = 55;
    # mutation [10, 30, 50]: median 30, 90th percentile 30 + 0.8 × 20 = 46
    assert set(values["cotation"]) == {"primo", "mutation"}
    assert values["cotation"]["primo"] == pytest.approx({"n": 5, "mediane": 20, "p90": 55})
    assert values["cotation"]["mutation"] == pytest.approx({"n": 3, "mediane": 30, "p90": 46})
    assert isinstance(values["cotation"]["primo"]["n"], int)
