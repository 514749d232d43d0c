"""The tests of every query, generated from the fixtures of its spec (queries/*.yml).

A fixture gives the rows of the extracts (through the real import, tests/builders.py) and of
what the app records (the plan's store, `suivi_actions` and `validations_bilan`), the
parameters, and the expected rows computed by hand. Expected rows are matched to the query's
rows by the spec's keys (or by position when it has none); only the columns a fixture names
are compared. A value written « =12/30 » is the hand computation itself."""

from __future__ import annotations

import ast
import math
import operator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard import queries
from dashboard.catalogue import Entry, Fixture, entries
from dashboard.settings import get_settings
from tests.builders import build_db, store_tables

_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
}


def hand_computed(text: str) -> float:
    """« =(12 + 30) / 2 » → 21.0: numbers and + - * / only."""

    def value(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](value(node.operand))
        raise ValueError(f"calcul non reconnu : {text}")

    return value(ast.parse(text.lstrip("="), mode="eval").body)


def params_of(fixture: Fixture) -> dict[str, Any]:
    territory = get_settings().insee_codes
    return {k: territory if v == "territoire" else v for k, v in fixture.params.items()}


def same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, str) and expected.startswith("="):
        expected = hand_computed(expected)
    missing = actual is None or (not isinstance(actual, str | list) and pd.isna(actual))
    if expected is None:
        return missing
    if missing:
        return False
    if isinstance(expected, bool):
        return bool(actual) == expected
    if isinstance(expected, int | float):
        return math.isclose(float(actual), float(expected), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(actual, pd.Timestamp):
        actual = actual.date()
    if isinstance(expected, list):
        return list(actual) == expected
    return actual == expected or str(actual) == str(expected)


def matching_row(entry: Entry, frame: pd.DataFrame, expected: dict, position: int) -> dict:
    keys = [k for k in entry.keys if k in expected]
    if not keys:
        assert position < len(frame), f"ligne n° {position + 1} attendue, {len(frame)} obtenues"
        return frame.iloc[position].to_dict()
    rows = [r for r in frame.to_dict("records") if all(same(r[k], expected[k]) for k in keys)]
    assert len(rows) == 1, f"{len(rows)} lignes pour { ({k: expected[k] for k in keys}) }"
    return rows[0]


CASES = [
    pytest.param(e, f, id=f"{e.name}: {f.name}") for e in entries().values() for f in e.fixtures
]


@pytest.mark.parametrize(("entry", "fixture"), CASES)
def test_fixture(entry: Entry, fixture: Fixture, tmp_path: Path) -> None:
    db = build_db(tmp_path, **fixture.given)
    try:
        with db.cursor() as cursor:
            tables = store_tables(db, dict(fixture.given))  # what the app records (plan/*)
            for name, table in tables.items():
                cursor.register(name, table)
            frame = queries.run(cursor, entry.name, **params_of(fixture))
            for name in tables:
                cursor.unregister(name)
    finally:
        db.close()
    assert set(frame.columns) == set(entry.columns), "colonnes de la requête ≠ colonnes du spec"
    if fixture.rows is not None:
        assert len(frame) == fixture.rows
    for position, expected in enumerate(fixture.expect):
        row = matching_row(entry, frame, expected, position)
        wrong = {c: (row[c], v) for c, v in expected.items() if not same(row[c], v)}
        assert not wrong, f"obtenu ≠ attendu : {wrong}"


def test_hand_computations():
    assert hand_computed("=(12 + 30) / 2") == 21
    assert hand_computed("=-1/4") == -0.25
    with pytest.raises(ValueError):
        hand_computed("=__import__('os')")
