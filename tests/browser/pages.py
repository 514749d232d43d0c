"""What every page's browser test checks: drawn, no exception, offline, a screenshot saved."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.browser.conftest import OfflinePage


def open_and_check(
    offline_page: OfflinePage, url: str, title: str, charts: int, screenshot: Path
) -> Page:
    """Opens `url`, checks the title, that no exception is shown, that `charts` plotly charts
    are drawn (their SVG bars, lines, boxes or heat cells present), saves a full-page
    screenshot, and checks that no request left localhost."""
    page = offline_page.open(url)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator('[data-testid="stMain"] h1').first.inner_text().startswith(title)
    plots = page.locator(".js-plotly-plot")
    plots.nth(charts - 1).wait_for()
    assert plots.count() == charts
    for i in range(charts):
        drawn = ".barlayer .trace, .scatterlayer .trace, .boxlayer .trace, .heatmaplayer .hm"
        assert plots.nth(i).locator(drawn).count() > 0
    # Streamlit scrolls inside its main block: make the window as tall as the page's content
    # so that the screenshot shows all of it.
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1600, "height": min(max(height, 1000), 12000)})
    page.wait_for_timeout(800)  # plotly redraws at the new size
    page.screenshot(path=str(screenshot), full_page=True)
    assert offline_page.external == [], offline_page.external
    return page
