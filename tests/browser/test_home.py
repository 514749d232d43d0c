"""The home page in a real browser: drawn, no exception, key figures present, offline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_page(app_url, offline_page, artifacts_dir):
    page = offline_page.open(f"{app_url}/?annee=2025")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("Demandes actives au 31/12/2025").count() == 1
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert len(values) == 8 and all(v.strip() for v in values)
    assert page.get_by_text("Données de démonstration (fictives)").count() == 1
    # the evolution chart is drawn (plotly's SVG with its three lines)
    page.locator(".js-plotly-plot .scatterlayer .trace").first.wait_for()
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() == 3
    page.set_viewport_size({"width": 1600, "height": 2000})
    page.screenshot(path=str(artifacts_dir / "accueil.png"), full_page=True)
    assert offline_page.external == [], offline_page.external
