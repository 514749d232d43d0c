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


def test_delais_page_cumulated(app_url, offline_page, artifacts_dir):
    from tests.browser.conftest import wait_idle

    page = offline_page.open(f"{app_url}/delais?annee=2025")
    page.get_by_text("Années 2019 à 2025 cumulées").click()
    wait_idle(page)
    heading = page.get_by_role("heading", name="Pression de la demande par commune et typologie")
    heading.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.set_viewport_size({"width": 1600, "height": 1300})
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts_dir / "delais_pression_cumul.png"))
    assert offline_page.external == [], offline_page.external


def test_abnormally_long_delay_when_set(demo_db, offline_page, artifacts_dir, tmp_path):
    from tests.app.test_delais import territory_with_delay
    from tests.browser.conftest import start_server, stop_server

    process, url = start_server(
        demo_db, {"CIL_TERRITOIRE": str(territory_with_delay(tmp_path, 36))}
    )
    try:
        page = offline_page.open(f"{url}/delais?annee=2025")
        assert page.locator('[data-testid="stException"]').count() == 0
        heading = page.get_by_role("heading", name="Depuis quand attendent les demandes actives")
        heading.wait_for()
        assert page.get_by_text("au-delà de 36 mois").count() >= 1
        assert page.get_by_text("n'est pas renseigné").count() == 0
        page.set_viewport_size({"width": 1600, "height": 1100})
        heading.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(800)
        page.screenshot(path=str(artifacts_dir / "delais_anormal.png"))
        assert offline_page.external == [], offline_page.external
    finally:
        stop_server(process)
