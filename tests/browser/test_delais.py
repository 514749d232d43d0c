"""« Délais et pression » in a real browser: waiting times, seniority, the pressure heat table
and the imbalance drawn, offline, a screenshot saved."""

from __future__ import annotations

import pytest

from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_delais_page(app_url, offline_page, artifacts_dir):
    page = open_and_check(
        offline_page,
        f"{app_url}/delais?annee=2025",
        "Délais d'attente et pression de la demande",
        charts=5,
        screenshot=artifacts_dir / "delais.png",
    )
    # the heat table's cells carry their value in words, masked ones read « secret »
    heat = page.locator(".js-plotly-plot").nth(3)
    assert heat.locator(".heatmaplayer").count() == 1
    assert heat.get_by_text("secret").count() > 0
    assert page.get_by_text("délai anormalement long n'est pas renseigné").count() == 1
