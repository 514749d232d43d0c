"""« Publics prioritaires » in a real browser: the target charts drawn, statuses in words."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_idle
from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_prioritaires_page(app_url, offline_page, artifacts_dir):
    page = open_and_check(
        offline_page,
        f"{app_url}/prioritaires?annee=2025",
        "Attributions aux publics prioritaires",
        charts=4,
        screenshot=artifacts_dir / "prioritaires.png",
    )
    # a met or missed target is written, not only coloured, on the charts
    svg_text = " ".join(page.locator(".js-plotly-plot .textpoint").all_text_contents())
    assert "atteint" in svg_text
    assert page.get_by_text("Attributions effectives seulement").count() == 1


def test_prioritaires_cumulated_and_one_commune(app_url, offline_page, artifacts_dir):
    # Montagny in 2025: no attribution for « Bailleurs » nor « Autre » -> « — », not 0 %
    page = open_and_check(
        offline_page,
        f"{app_url}/prioritaires?annee=2025&communes=69136",
        "Attributions aux publics prioritaires",
        charts=4,
        screenshot=artifacts_dir / "prioritaires_montagny.png",
    )
    texts = page.locator(".js-plotly-plot .textpoint").all_text_contents()
    assert sum("aucune attribution" in t for t in texts) >= 2
    # all years added up: the page redraws for the period, still without exception
    page.get_by_text("Années 2019 à 2025 cumulées").click()
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Les trois objectifs de 2019 à 2025 (cumul)").count() == 1
    page.screenshot(path=str(artifacts_dir / "prioritaires_montagny_cumul.png"), full_page=True)
