"""The home page in a real browser: drawn, no exception, key figures present, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_home_page(app_url, offline_page, artifacts_dir):
    page = open_and_check(
        offline_page,
        f"{app_url}/?annee=2025",
        "Observatoire de la demande",
        charts=1,
        screenshot=artifacts_dir / "accueil.png",
    )
    # locator assertions wait for the element: robust on a loaded machine
    expect(
        page.locator('[data-testid="stMetricLabel"]', has_text="Demandes actives au 31/12")
    ).to_have_count(1)
    expect(page.locator('[data-testid="stMetricValue"]')).to_have_count(8)
    assert all(v.strip() for v in page.locator('[data-testid="stMetricValue"]').all_inner_texts())
    expect(page.get_by_text("Données de démonstration (fictives)")).to_have_count(1)
    # the evolution chart has its three lines
    expect(page.locator(".js-plotly-plot .scatterlayer .trace")).to_have_count(3)


def test_presentation_mode(app_url, offline_page, artifacts_dir):
    page = offline_page.open(f"{app_url}/?annee=2025&presentation=1")
    expect(
        page.locator('[data-testid="stMetricLabel"]', has_text="Demandes actives au 31/12")
    ).to_have_count(1)
    # large type: the root font is bigger than the default 17 px
    size = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= 22
    # the filters are written under the chart, for the back of the room
    expect(page.get_by_text("Année 2025 · toutes les communes de la CCVG")).to_have_count(2)
    page.screenshot(path=str(artifacts_dir / "accueil_presentation.png"))
    assert offline_page.external == [], offline_page.external
