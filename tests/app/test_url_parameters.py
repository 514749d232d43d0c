"""The filters read from the address (`?annee=…&communes=…`) are checked against the settings:
known codes only, each commune at most once, never more than the territory's communes, and
an available year; anything else falls back to the default view (issue 16: a commune repeated
5,000 times was accepted and its name printed 5,000 times)."""

from __future__ import annotations

import pytest

from tests.app.test_access import run_app
from tests.app.test_pages import MEMBER, PUBLIC

MONTAGNY, BRIGNAIS = "69136", "69027"


def filters_caption(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Année "))


@pytest.mark.parametrize("user", [PUBLIC, MEMBER], ids=["public", "membre"])
def test_a_commune_repeated_in_the_address_counts_once(user, demo_env):
    at = run_app(user, {"annee": "2025", "communes": ",".join([MONTAGNY] * 5000)})
    assert not at.exception
    assert filters_caption(at) == "Année 2025 · Montagny"
    assert at.query_params["communes"] == MONTAGNY  # the shared link is written back clean


def test_unknown_codes_are_dropped_and_the_order_does_not_matter(demo_env):
    a = run_app(MEMBER, {"annee": "2025", "communes": f"99999,{MONTAGNY},x' OR 1=1,{BRIGNAIS}"})
    b = run_app(MEMBER, {"annee": "2025", "communes": f"{BRIGNAIS},{MONTAGNY}"})
    assert not a.exception and not b.exception
    assert filters_caption(a) == filters_caption(b)  # one view, one set of cached results
    assert a.query_params["communes"] == b.query_params["communes"] == f"{BRIGNAIS},{MONTAGNY}"


def test_an_address_never_names_more_than_the_territorys_communes(demo_env, test_settings):
    from dashboard.settings import _load

    codes = _load(test_settings).insee_codes
    at = run_app(MEMBER, {"annee": "2025", "communes": ",".join(codes[::-1] * 1000 + ["1"])})
    assert not at.exception
    assert at.sidebar.multiselect[0].value == codes
    names = filters_caption(at).removeprefix("Année 2025 · ").split(", ")
    assert len(names) == len(set(names)) == len(codes)


@pytest.mark.parametrize("year", ["1850", "abc", "2025.0", "9" * 5000])
def test_a_year_that_is_not_available_gives_the_latest(year, demo_env):
    at = run_app(PUBLIC, {"annee": year})
    assert not at.exception
    latest = max(at.sidebar.selectbox[0].options, key=int)
    assert filters_caption(at).startswith(f"Année {latest} · ")
