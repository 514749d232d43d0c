"""Readable in the meeting room: every page, at the projector's 1366 × 768 and in presentation
mode at 1920 × 1080, public pages signed out and members' pages signed in. Fails when a
key-figure card, a table header, a chart's title, axis title or value label is cut, when a
legend covers a chart's title, when a table wider than the page scrolls away from its first
column (not pinned), or when any visible text is one of Streamlit's (or plotly's, Leaflet's)
English words. One browser; each page is opened once per size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from dashboard.views import PAGES
from tests.browser.conftest import OfflinePage, wait_idle

pytestmark = pytest.mark.browser

CHECKS = (Path(__file__).parent / "readable.js").read_text(encoding="utf-8")
# Words the English interface of Streamlit, plotly or Leaflet writes on screen.
ENGLISH = [
    "Page not found",
    "does not seem to exist",
    "Upload",
    "per file",
    "Drag and drop",
    "Browse files",
    "yyyy",
    "Choose an option",
    "Choose options",
    "No options",
    "No results",
    "Select all",
    "Clear all",
    "Running",
    "Stop",
    "Deploy",
    "Made with Streamlit",
    "View more",
    "View less",
    "Something went wrong",
    "Please wait",
    "Connecting",
    "Rerun",
    "Show/hide columns",
    "Download as CSV",
    "Fullscreen",
    "Close",
    "Remove",
    "Add files",
    "Press Enter",
    "Previous month",
    "Next month",
    "Zoom in",
    "Zoom out",
    "Reset axes",
    "Autoscale",
    "Download plot",
    "Loading",
    "Error",
]
SIZES = {"1366x768": (1366, 768, False), "1920x1080-presentation": (1920, 1080, True)}


def settle(page: Page) -> None:
    """The run is over and every plotly chart is drawn."""
    wait_idle(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".every(c => c.querySelector('.js-plotly-plot .main-svg'))",
        timeout=60_000,
    )
    page.wait_for_timeout(250)  # plotly lays its titles and legends out after drawing


def tables_that_scroll_away(page: Page) -> list[str]:
    """Tables wider than their frame whose first column does not stay when they are scrolled
    to the right: the left edge is photographed before and after."""
    problems = []
    grids = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')
    for i in range(grids.count()):
        grid = grids.nth(i)
        wide = grid.evaluate(
            "g => { const s = g.querySelector('.dvn-scroller');"
            " return !!s && s.scrollWidth > s.clientWidth + 1; }"
        )
        if not wide:
            continue
        grid.scroll_into_view_if_needed()
        box = grid.locator('canvas[data-testid="data-grid-canvas"]').bounding_box()
        if box is None:
            continue
        clip = {"x": box["x"] + 2, "y": box["y"] + 2, "width": 50, "height": 70}
        before = page.screenshot(clip=clip)
        grid.evaluate("g => { g.querySelector('.dvn-scroller').scrollLeft = 100000; }")
        page.wait_for_timeout(200)
        after = page.screenshot(clip=clip)
        grid.evaluate("g => { g.querySelector('.dvn-scroller').scrollLeft = 0; }")
        if before != after:
            problems.append(f"tableau n° {i + 1} plus large que la page, 1re colonne non épinglée")
    return problems


def check(page: Page, where: str) -> list[str]:
    problems = page.evaluate(CHECKS, ENGLISH) + tables_that_scroll_away(page)
    if page.locator('[data-testid="stException"]').count():
        problems.append("erreur affichée")
    return [f"{where} : {p}" for p in problems]


def photograph(page: Page, path: Path, width: int, height: int) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the window is made as tall
    as the content for the picture, then given back its size."""
    content = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(max(content, height), 12000)})
    page.wait_for_timeout(400)  # plotly redraws at the new size
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": height})


def visit(
    browser: Browser, storage: dict | None, size: str, paths: list[str], url: str, shots: Path
) -> list:
    """Opens each page at this size, checks it and saves its whole-page screenshot in
    artifacts/lisible/<size>/, the pictures looked at before a release."""
    width, height, presentation = SIZES[size]
    (shots / size).mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="fr-FR", storage_state=storage
    )
    offline = OfflinePage(context.new_page())
    problems: list[str] = []
    try:
        for path in paths:
            query = "annee=2025" + ("&presentation=1" if presentation else "")
            page = offline.open(f"{url}/{path}?{query}")
            settle(page)
            problems += check(page, f"{size} /{path}")
            photograph(page, shots / size / f"{path or 'accueil'}.png", width, height)
        assert offline.external == [], offline.external
    finally:
        context.close()
    return problems


@pytest.mark.long
def test_every_page_is_readable_at_both_sizes(browser, app_url, member_state, artifacts_dir):
    shots = artifacts_dir / "lisible"
    public = [p.url_path for p in PAGES if p.public]
    members = [p.url_path for p in PAGES if not p.public]
    problems: list[str] = []
    for size in SIZES:
        problems += visit(browser, None, size, public, app_url, shots)
        problems += visit(browser, member_state, size, members, app_url, shots)
    assert not problems, "\n".join(problems)


def test_unknown_addresses_answer_in_french(app_url, offline_page):
    page = offline_page.open(f"{app_url}/accueil?annee=2024")
    page.wait_for_url(f"{app_url}/?annee=2024**")  # the home page, the filters kept
    assert (
        page.locator('[data-testid="stMain"] h1')
        .first.inner_text()
        .startswith("Observatoire de la demande")
    )
    page = offline_page.open(f"{app_url}/cette-page-n-existe-pas")
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == "Page introuvable"
    page.get_by_role("link", name="Aller à l'accueil").click()
    wait_idle(page)
    assert (
        page.locator('[data-testid="stMain"] h1')
        .first.inner_text()
        .startswith("Observatoire de la demande")
    )
    assert offline_page.page.evaluate(CHECKS, ENGLISH) == []
    # the filters come first in the sidebar, above the menu
    sidebar = page.locator('[data-testid="stSidebar"]')
    year = sidebar.locator(".st-key-filtre_annee").bounding_box()
    menu = sidebar.locator(".st-key-menu").bounding_box()
    assert year and menu and year["y"] + year["height"] <= menu["y"]
    assert offline_page.external == [], offline_page.external
