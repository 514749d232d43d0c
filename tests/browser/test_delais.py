"""« Délais et pression » in a real browser: waiting times, satisfaction rates, seniority and
the pressure heat table drawn, offline, screenshots saved; the public sees single years and
nothing technical, members may add the years up; the délai anormalement long when set."""

from __future__ import annotations

from pathlib import Path

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
    heat = page.locator(".js-plotly-plot").nth(4)
    assert heat.locator(".heatmaplayer").count() == 1
    assert heat.get_by_text("secret").count() > 0
    assert page.get_by_text("Chances d'être logé en 2025").count() == 1
    # the public: no cumulative period, nothing about the settings' file
    assert page.get_by_text("cumulées").count() == 0
    assert page.get_by_text("territoire.toml").count() == 0


def test_delais_page_cumulated(app_url, member_page, artifacts_dir):
    from tests.browser.conftest import wait_idle

    page = member_page.open(f"{app_url}/delais?annee=2025")
    assert page.get_by_text("délai anormalement long n'est pas renseigné").count() == 1
    page.get_by_text("Années 2019 à 2025 cumulées").click()
    wait_idle(page)
    heading = page.get_by_role("heading", name="Pression de la demande par commune et typologie")
    heading.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.set_viewport_size({"width": 1600, "height": 1300})
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts_dir / "delais_pression_cumul.png"))
    assert member_page.external == [], member_page.external


def test_abnormally_long_delay_when_set(demo_db, offline_page, artifacts_dir, tmp_path):
    from dashboard.importer import publish
    from dashboard.settings import _load
    from tests.app.test_delais import territory_with_delay
    from tests.browser.conftest import start_server, stop_server

    settings = territory_with_delay(tmp_path, 36)
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(Path(demo_db).read_bytes())
    publish(copy, _load(settings.resolve()))  # the publication of these settings
    process, url = start_server(copy, {"CIL_TERRITOIRE": str(settings)})
    try:
        page = offline_page.open(f"{url}/delais?annee=2025")
        assert page.locator('[data-testid="stException"]').count() == 0
        heading = page.get_by_role("heading", name="Depuis quand attendent les demandes actives")
        heading.wait_for()
        assert page.get_by_text("Délai anormalement long").count() >= 1
        assert page.get_by_text("n'est pas renseigné").count() == 0
        page.set_viewport_size({"width": 1366, "height": 768})
        heading.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(800)
        page.screenshot(path=str(artifacts_dir / "delais_anormal.png"))
        assert offline_page.external == [], offline_page.external
    finally:
        stop_server(process)
