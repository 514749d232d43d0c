"""What the public sees, attacked: no count hidden by secrecy comes back by subtraction.

The attacker reads the publication (every table of every public page, for every year and for
the territory and each commune, as the pages show them) and tries what worked before the
publication existed: the territory minus the other communes, a total minus the other rows of
its breakdown, a share times its base, the same figure shown in another table. Each attempt
that pins a hidden count is a leak. The demo database's 2019-2025 figures are the regression
set (42 recoveries on the home page alone before, among them Montagny's 9 attributions of
2025: 155 − (87 + 28 + 17 + 14))."""

from __future__ import annotations

import json
from collections import defaultdict

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import publication
from dashboard.catalogue import entries
from dashboard.masking import FLAG
from dashboard.settings import get_settings
from tests.app.test_pages import APP, PUBLIC

MONTAGNY = "69136"


@pytest.fixture(scope="module")
def published(demo_db) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        return {
            e.name: con.execute(f"SELECT * FROM {publication.table_name(e)}").df()
            for e in publication.published_entries()
        }
    finally:
        con.close()


def perimeter_of(key: str) -> str:
    communes = json.loads(key).get("communes")
    territory = get_settings().insee_codes
    return "*" if communes is None or sorted(communes) == sorted(territory) else communes[0]


def without_communes(key: str) -> str:
    params = json.loads(key)
    params.pop("communes", None)
    return json.dumps(params, sort_keys=True)


def test_territory_minus_the_other_communes_gives_nothing_back(published):
    leaks = []
    for name, table in published.items():
        entry = entries()[name]
        communal = {d.column for d in entry.dimensions if d.name == "commune"}
        if "communes" not in table["_cle"].iloc[0] or communal:
            continue  # tables broken down by commune: the total-minus-rows test covers them
        keys = [k for k in entry.keys if k in table.columns] or ["_rang"]
        table = table.assign(
            _perimetre=table["_cle"].map(perimeter_of), _vue=table["_cle"].map(without_communes)
        )
        for column in entry.counts:
            # the same row of the same view, once per perimeter
            for _, rows in table.groupby(["_vue", *keys], dropna=False):
                flags = dict(zip(rows["_perimetre"], rows[FLAG + column].astype(bool), strict=True))
                if "*" not in flags or len(flags) < 2:
                    continue
                hidden = [p for p, masked in flags.items() if masked and p != "*"]
                if not flags["*"] and len(hidden) == 1:
                    leaks.append((name, column, rows["_vue"].iloc[0], hidden[0]))
    assert not leaks, leaks[:10]


def test_a_total_minus_its_other_rows_gives_nothing_back(published):
    leaks = []
    for name, table in published.items():
        entry = entries()[name]
        for dimension in entry.dimensions:
            column_of_dim = dimension.column
            others = [d.column for d in entry.dimensions if d.column != column_of_dim]
            for column in entry.counts:
                for _, view in table.groupby("_cle"):
                    at_total = (
                        view[column_of_dim].isna()
                        if dimension.total is None
                        else view[column_of_dim] == dimension.total
                    )
                    groups = (
                        view.groupby([view[o].astype(str) for o in others])
                        if others
                        else [(None, view)]
                    )
                    for _, rows in groups:
                        totals = rows[at_total.loc[rows.index]]
                        parts = rows[~at_total.loc[rows.index]]
                        if len(totals) != 1 or parts.empty:
                            continue
                        shown_parts = parts[~parts[FLAG + column].astype(bool)]
                        total_hidden = bool(totals[FLAG + column].iloc[0])
                        hidden = len(parts) - len(shown_parts) + total_hidden
                        adds_up = (
                            not total_hidden
                            and len(parts) == len(shown_parts)
                            and parts[column].sum() != totals[column].iloc[0]
                        )
                        if hidden == 1 and not adds_up:
                            leaks.append((name, dimension.name, column, rows["_cle"].iloc[0]))
    assert not leaks, leaks[:10]


def test_a_share_never_gives_back_its_hidden_count(published):
    leaks = []
    for name, table in published.items():
        entry = entries()[name]
        for share, bases in entry.derived.items():
            if share not in table.columns:
                continue
            shown = ~table[FLAG + share].astype(bool) & table[share].notna()
            for base in bases:
                if FLAG + base in table.columns:
                    bad = shown & table[FLAG + base].astype(bool)
                    leaks += [(name, share, base, i) for i in table.index[bad]]
    assert not leaks, leaks[:10]


def test_a_figure_hidden_somewhere_is_hidden_everywhere(published):
    """The same fact (measure and dimensions) in two tables: hidden in both or in neither."""
    status: dict[tuple, set[bool]] = defaultdict(set)
    for name, table in published.items():
        entry = entries()[name]
        for key, view in table.groupby("_cle"):
            params = json.loads(key)
            year = params.get("annee", params.get("annee_fin", params.get("derniere_annee")))
            run = publication.Run(entry, params, int(year), perimeter_of(key))
            for _, row in view.iterrows():
                dims = publication._fact_dimensions(run, row)
                for column in entry.counts:
                    fact = (entry.columns[column].measure, dims)
                    status[fact].add(bool(row[FLAG + column]))
    mixed = [fact for fact, seen in status.items() if len(seen) > 1]
    assert not mixed, mixed[:10]


def test_montagny_2025_on_the_home_page(demo_env):
    """The regression of the issue, as the public opens the home page: the territory's
    attributions minus the four other communes' must not give Montagny's."""
    shown = {}
    for commune in ["", *get_settings().insee_codes]:
        at = AppTest.from_file(APP, default_timeout=60)
        at.user = dict(PUBLIC)
        at.query_params["annee"] = "2025"
        if commune:
            at.query_params["communes"] = commune
        at.run()
        assert not at.exception
        cards = {m.label: m.value for m in at.metric}
        shown[commune or "*"] = cards
    label = next(label for label in shown["*"] if label.startswith("Attributions"))
    values = {c: cards[label] for c, cards in shown.items()}
    hidden = [c for c, v in values.items() if not v.replace("\u202f", "").isdigit()]
    assert MONTAGNY in hidden
    assert len(hidden) >= 2, values  # a second commune (or the total) hides it
