"""One figure, the same everywhere: every key of `cil indicateurs` agrees with the pages' key
figures (AppTest), with the annual report (HTML and XLSX) and with the publication.

Generic over the catalogue: a card whose label is a published column's label is compared with
the CLI's value for that key; every published figure the report reads is looked for, written
in French, in the HTML, and as a number in the XLSX. Members see exact figures (CLI without
--public), the public and the report the publication's (CLI --public)."""

from __future__ import annotations

import io
import math
import re

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard.catalogue import Column, Entry, published_keys
from dashboard.db import Database
from dashboard.formatting import fmt
from dashboard.indicators import compute_indicators
from dashboard.report import collect, render_html, render_xlsx
from dashboard.report.context import ReportContext
from dashboard.views import PAGES
from tests.app.test_pages import APP, MEMBER, PUBLIC

YEARS = (2024, 2025)
MONTAGNY = "69136"


def lookup(values: dict, path: str):
    current = values
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return KeyError
        current = current[part]
    return current


def card_keys(params: dict) -> dict[str, tuple[Entry, Column]]:
    """Card label (short label, filled) -> the published column it shows: scalar keys, and a
    key templated by a dimension's column at that dimension's total (a card without any
    qualifier shows the total row: « Baux aux ménages prioritaires » is prioritaires.total)."""
    out = {}
    for key, (entry, column) in published_keys().items():
        totals = {d.column: d.total for d in entry.dimensions if d.total is not None}
        filled = re.sub(r"\{(\w+)\}", lambda m, t=totals: str(t.get(m.group(1), m.group(0))), key)
        if "{" in filled:
            continue
        out[column.label_for(params, short=True)] = (filled, entry, column)
    return out


def page_cards(file: str, year: int, communes: str | None, user: dict) -> dict[str, str]:
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = dict(user)
    at.query_params["annee"] = str(year)
    if communes:
        at.query_params["communes"] = communes
    at.run()
    at.switch_page(f"views/{file}")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return {m.label: m.value for m in at.metric}


def expected_text(value, column: Column, threshold: int) -> set[str]:
    if value is None:
        return {f"< {threshold}", "secret", "—"}
    return {fmt(value, column.kind)}


CASES = [
    pytest.param(spec, year, communes, user, id=f"{spec.url_path}-{year}-{communes}-{who}")
    for spec in PAGES
    if spec.public
    for year in (YEARS if spec.file == "accueil.py" else YEARS[-1:])
    for communes in (None, MONTAGNY)
    for who, user in (("public", PUBLIC), ("membre", MEMBER))
] + [
    pytest.param(spec, 2025, "69027,69043", MEMBER, id=f"{spec.url_path}-2025-deux-membre")
    for spec in PAGES
    if not spec.public
]


@pytest.mark.parametrize(("spec", "year", "communes", "user"), CASES)
def test_cards_agree_with_the_cli(spec, year, communes, user, demo_env):
    database = Database(demo_env)
    try:
        chosen = communes.split(",") if communes else None
        public = not user["is_logged_in"]
        values = compute_indicators(database, year, chosen, public=public)
        threshold = database.settings.seuil_secret
    finally:
        database.close()
    cards = page_cards(spec.file, year, communes, user)
    checked = 0
    for label, shown in cards.items():
        found = card_keys({"annee": year}).get(label)
        if found is None:
            continue
        key, _, column = found
        value = lookup(values, key)
        assert value is not KeyError, f"{key} absent de cil indicateurs"
        assert shown in expected_text(value, column, threshold), (label, shown, key, value)
        checked += 1
    if spec.file == "accueil.py":
        assert checked >= 8  # every card of the home page shows a published key


@pytest.fixture(scope="module")
def report(demo_db):
    database = Database(demo_db)
    fetched: list = []
    original = ReportContext.fetch

    def recording(self, name, optional=False, **params):
        result = original(self, name, optional, **params)
        if result is not None:
            fetched.append(result)
        return result

    ReportContext.fetch = recording
    try:
        built = collect(database, 2025)
    finally:
        ReportContext.fetch = original
    html = render_html(built)
    workbook = load_workbook(io.BytesIO(render_xlsx(built)), read_only=True)
    numbers = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, int | float)
    ]
    values = compute_indicators(database, 2025, None, public=True)
    database.close()
    return fetched, html, numbers, values


def test_report_agrees_with_the_cli(report):
    fetched, html, numbers, values = report
    keys = published_keys()
    checked = 0
    for key, (entry, column) in keys.items():
        if "{" in key or not any(r.entry.name == entry.name for r in fetched):
            continue
        value = lookup(values, key)
        if value is KeyError or value is None:
            continue
        assert fmt(value, column.kind) in html, (key, fmt(value, column.kind))
        if column.kind == "count" and f">{fmt(value, column.kind)}<" in html:
            assert any(math.isclose(n, value) for n in numbers), (key, value)
        checked += 1
    assert checked >= 5
