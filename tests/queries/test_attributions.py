"""queries/attributions/*: the hand-computed figures are in the specs' fixtures
(queries/attributions/*.yml). Here, what they cannot express: the contract's optional columns
of the attributions extract (a decision's reason for having no lease, the relocations from
degraded condominiums), through the real import."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.importer import import_file
from dashboard.importer.errors import ImportRefused
from tests.builders import write_extract

DECISION = {"attribution_id": "A1", "date_attribution": date(2025, 3, 1)}


def test_optional_columns_are_imported(make_db, run_query):
    db = make_db(
        attributions=[
            {**DECISION, "motif_sans_bail": "Refus_Menage"},
            {
                "attribution_id": "A2",
                "date_attribution": date(2025, 3, 1),
                "date_bail": date(2025, 4, 2),
                "relogement_copro_degradee": "oui",
            },
        ]
    )
    with db.cursor() as cursor:
        rows = cursor.execute(
            "SELECT attribution_id, motif_sans_bail, relogement_copro_degradee "
            "FROM attributions ORDER BY 1"
        ).fetchall()
    assert rows == [("A1", "refus_menage", None), ("A2", None, True)]


@pytest.mark.parametrize(
    ("row", "column", "rule"),
    [
        ({**DECISION, "motif_sans_bail": "perdu"}, "motif_sans_bail", "code inconnu"),
        (
            {**DECISION, "date_bail": date(2025, 3, 9), "motif_sans_bail": "refus_menage"},
            "motif_sans_bail",
            "motif sans bail renseigné pour une attribution dont le bail est signé",
        ),
        (
            {**DECISION, "relogement_copro_degradee": "peut-être"},
            "relogement_copro_degradee",
            "valeur oui/non attendue",
        ),
    ],
)
def test_bad_values_are_refused_with_line_and_column(tmp_path, row, column, rule):
    path = write_extract(tmp_path, "attributions", [row])
    db_path = tmp_path / "refus.duckdb"
    with pytest.raises(ImportRefused) as refused:
        import_file("attributions", path, db_path, extraction_date=date(2026, 1, 15), publish=False)
    problem = refused.value.problems[0]
    assert (problem.line, problem.column) == (2, column)
    assert rule in problem.rule
    assert not db_path.exists()
