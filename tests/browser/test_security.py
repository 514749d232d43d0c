"""Issue 16 in a running server (started as in production, dashboard/server.py) and a real
browser: no raw download anywhere, data text never becomes a link or an image, developer
messages refused, sessions per address capped, and one anonymous visitor's flood does not
slow another visitor's home page.

The flood (tests/load/flood.py) is bounded and stays on loopback: raw websocket sessions from
127.0.0.2 while the visitor's Chromium is at 127.0.0.1. Its longer form:
`.venv/bin/python -m tests.load.flood URL --sessions 16 --duree 90`."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from websockets.exceptions import InvalidStatus

from dashboard.importer import import_file
from tests.browser.conftest import (
    OfflinePage,
    _free_port,
    sign_in,
    start_server,
    stop_server,
    wait_idle,
    write_auth_secrets,
)
from tests.builders import write_extract
from tests.conftest import MEMBER_EMAIL
from tests.load.flood import Flood, open_session, run_page, send_clear_cache

pytestmark = pytest.mark.browser

# An extract imported under this name (the attack, and more): shown on the public
# home page, it must stay text.
HOSTILE_NAME = (
    "actions [Se connecter ici](https:phishing.example) ![p](http:pixel.example/p.png) "
    '<img src="http:pixel.example/h.png"> <https:autolien.example> www.nu.example $x$.csv'
)
HOSTILE_AXE = '<a href="https:phishing.example">Axe piégé</a> [lien](https:phishing.example)'
SESSIONS_PER_ADDRESS = 6


@pytest.fixture(scope="module")
def guarded(
    demo_db: Path,
    test_settings: Path,
    oidc_provider: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """A server of its own: a copy of the demo database whose action list was imported under
    a hostile file name, and a low per-address session limit."""
    folder = tmp_path_factory.mktemp("securite")
    db = folder / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    row = {
        "axe": HOSTILE_AXE,
        "thematique": "Accueil",
        "objectif": "Informer [ici](https:phishing.example)",
        "mise_en_oeuvre": "Guide",
        "statut": "fait",
    }
    extract = write_extract(folder, "actions", [row])
    import_file("actions", extract, db, display_name=HOSTILE_NAME, extraction_date=dt.date.today())
    port = _free_port()
    process, url = start_server(
        db,
        {
            "CIL_TERRITOIRE": str(test_settings),
            "CIL_SESSIONS_PAR_ADRESSE": str(SESSIONS_PER_ADDRESS),
        },
        port=port,
        extra_args=["--secrets.files", str(write_auth_secrets(folder, port, oidc_provider))],
    )
    yield url
    stop_server(process)


def _open(browser: Browser, url: str, storage_state: dict | None = None) -> OfflinePage:
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="fr-FR", storage_state=storage_state
    )
    page = OfflinePage(context.new_page())
    page.open(url)
    return page


def _links_and_images(page: OfflinePage) -> list[str]:
    found = page.page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] a[href], '
                 + '[data-testid="stMain"] img, [data-testid="stMain"] svg a')]
                .map(e => e.outerHTML.slice(0, 120))"""
    )
    return [f for f in found if "example" in f]


def test_file_names_and_data_text_are_shown_as_text(
    guarded: str, browser: Browser, artifacts_dir: Path
):
    """On main the file name went into st.markdown: a clickable link and an image request on
    the public home page."""
    public = _open(browser, f"{guarded}/?annee=2025")
    try:
        expect(public.page.get_by_text("[Se connecter ici](https:phishing.example)")).to_have_count(
            1
        )
        assert _links_and_images(public) == []
        assert public.external == []  # no image was requested from outside
        public.page.get_by_text("Données affichées").scroll_into_view_if_needed()
        public.page.screenshot(path=str(artifacts_dir / "accueil_nom_de_fichier_piege.png"))
    finally:
        public.page.context.close()
    # a member's plan page: the axis of the imported list is drawn as text in the chart
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    try:
        sign_in(context.new_page(), guarded, MEMBER_EMAIL)
        member = OfflinePage(context.new_page())
        member.open(f"{guarded}/plan")
        member.page.locator(".js-plotly-plot").first.wait_for()
        # the tag itself is written out (the axis may be cut into lines between words)
        assert member.page.locator(".js-plotly-plot").get_by_text("piégé</a>").count() >= 1
        assert _links_and_images(member) == []
        assert member.external == []
        member.page.get_by_text("Mettre à jour une action").scroll_into_view_if_needed()
        member.page.screenshot(path=str(artifacts_dir / "plan_auteur_connecte.png"))
    finally:
        context.close()


def test_no_raw_download_on_tables_and_charts(app_url: str, browser: Browser, member_state: dict):
    """Streamlit's « Download as CSV » and plotly's « Download plot as png » were offered on
    every page, to the public too; the product's own exports stay, for members only."""
    for url, state in [(f"{app_url}/delais?annee=2025", None), (f"{app_url}/plan", member_state)]:
        page = _open(browser, url, state)
        try:
            # tables folded in an expander (« Le tableau des délais ») are opened first
            for summary in page.page.locator('[data-testid="stExpander"] summary').all():
                summary.click()
            page.page.wait_for_timeout(500)
            tables = page.page.locator('[data-testid="stDataFrame"]:visible')
            charts = page.page.locator(".js-plotly-plot:visible")
            charts.first.wait_for()
            assert tables.count() >= 1 and charts.count() >= 1
            tables.first.scroll_into_view_if_needed()
            tables.first.hover()
            page.page.wait_for_timeout(300)
            toolbar = page.page.locator('[data-testid="stElementToolbar"]').first
            expect(toolbar).to_be_attached()
            assert toolbar.get_by_role("button", name="Download as CSV").count() == 0
            charts.first.scroll_into_view_if_needed()
            charts.first.hover()
            page.page.wait_for_timeout(300)
            modebar = page.page.locator(".modebar-btn")
            assert modebar.count() >= 1  # the mode bar is there (zoom, reset)…
            assert page.page.locator('.modebar-btn[data-title*="Download"]').count() == 0
            exports = page.page.locator('[data-testid="stDownloadButton"]')
            assert (exports.count() > 0) == (state is not None)  # …the exports, for members
        finally:
            page.page.context.close()


def test_clear_cache_and_developer_messages_are_refused(guarded: str):
    """`clear_cache` emptied every visitor's caches (and the sender's session state) when sent
    by an anonymous client; it is now ignored: the session keeps its year."""
    with open_session(guarded, "127.0.0.5") as ws:
        first = run_page(ws, "annee=2021")
        assert "Chiffres clés 2021".encode() in first
        send_clear_cache(ws)
        second = run_page(ws, "annee=2022")
    # honoured, the message would have cleared the filters' state: the URL's 2022 read again
    assert "Chiffres clés 2021".encode() in second
    assert "Chiffres clés 2022".encode() not in second


def test_sessions_per_address_are_capped(guarded: str):
    opened = [open_session(guarded, "127.0.0.6") for _ in range(SESSIONS_PER_ADDRESS)]
    try:
        with pytest.raises(InvalidStatus):
            open_session(guarded, "127.0.0.6")
        with open_session(guarded, "127.0.0.7") as other:  # another address is not concerned
            assert "Chiffres clés 2025".encode() in run_page(other, "annee=2025")
    finally:
        for ws in opened:
            ws.close()
    time.sleep(0.5)
    with open_session(guarded, "127.0.0.6") as again:  # room again once they left
        run_page(again, "annee=2025")


def _visit(browser: Browser, url: str, timeout_s: float) -> float:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    try:
        page = context.new_page()
        start = time.monotonic()
        page.goto(url)
        wait_idle(page, int(timeout_s * 1000))
        page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=timeout_s * 1000)
        return time.monotonic() - start
    finally:
        context.close()


@pytest.mark.serial  # compares response times: alone on the machine
def test_one_visitor_flooding_does_not_slow_another(guarded: str, browser: Browser):
    """On main, 16 raw sessions asking uncached year/commune combinations and sending
    `clear_cache` kept the server busy and another visitor's home page took 20 times longer.
    Now the flood gets one script run at a time (one address) and no cache clearing: the
    visitor's time stays under three times its time without the flood."""
    url = f"{guarded}/?annee=2025"
    _visit(browser, url, 60)  # the page's own results cached, as for any visitor after the first
    alone = min(_visit(browser, url, 60) for _ in range(2))
    flood = Flood(guarded, sessions=16, source="127.0.0.2").start(duration=45)
    try:
        time.sleep(3)  # the flood under way
        limit = 3 * alone
        flooded = _visit(browser, url, max(limit + 10, 20))
        runs = flood.runs
    finally:
        flood.stop()
    print(f"accueil : {alone:.1f} s seul, {flooded:.1f} s sous l'attaque ({runs} exécutions)")
    assert flooded < limit, f"{flooded:.1f} s sous l'attaque contre {alone:.1f} s sans elle"
    assert runs >= 1, flood.errors  # the flood did run pages
    assert flood.refused == 16 - SESSIONS_PER_ADDRESS  # and hit the per-address limit
