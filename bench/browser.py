"""In headless Chromium (Debian's, launched as the browser tests do): the time from changing
the year in the filter bar to the page being idle again, for every page; and the peak memory
(RSS) of the Streamlit server while the browser walks every page."""

from __future__ import annotations

import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from oidc_provider_mock import run_server_in_thread
from playwright.sync_api import Page, sync_playwright

from bench import member
from bench.pages import median
from dashboard.views import PAGES, PageSpec
from tests.browser.conftest import (
    LAUNCH_ARGS,
    mock_users,
    sign_in,
    start_auth_server,
    stop_server,
    wait_idle,
)
from tests.conftest import chromium_path

# Counts the script runs that start, so that the wait below cannot end before the rerun the
# click causes has even begun (the state attribute may still say notRunning just after it).
WATCH_RUNS = """() => {
  window.__benchRuns = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__benchRuns++;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
# A page that does not depend on the year reruns too fast for the observer to see it
# running: the year written in the address by that rerun counts as well.
IDLE_AFTER_RUN = (
    "(year) => (window.__benchRuns > 0"
    " || new URLSearchParams(location.search).get('annee') === String(year))"
    " && document.querySelector('[data-testid=\"stApp\"]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    ' && !document.querySelector(\'[data-testid="stMain"] [data-testid="stSkeleton"]\')'
)


@dataclass
class BrowserRun:
    spec: PageSpec
    open_s: float  # first opening of the page (new session)
    change_s: list[float]  # year changes to a year not seen yet, after one warm-up
    error: str = ""


def _vm_hwm_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _change_year(page: Page, year: int, timeout_ms: int) -> float:
    page.evaluate(WATCH_RUNS)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
    box.scroll_into_view_if_needed()
    box.click()
    # Typing filters the list: the option is then at hand even when the list would open
    # below the fold of a long sidebar.
    page.keyboard.type(str(year))
    option = page.get_by_role("option", name=str(year), exact=True)
    started = time.perf_counter()
    option.click()
    page.wait_for_function(IDLE_AFTER_RUN, arg=year, timeout=timeout_ms)
    return time.perf_counter() - started


def walk(
    db: Path, years: list[int], changes: int, timeout_s: float = 300
) -> tuple[list[BrowserRun], dict[str, float]]:
    """Every page of PAGES: opened, then the year changed `changes + 1` times (the first
    change is a warm-up), each time to a year not shown yet. Returns the runs and the
    server's memory (peak and final RSS, MB)."""
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium est introuvable (paquet Debian chromium : make chromium).")
    timeout_ms = int(timeout_s * 1000)
    runs: list[BrowserRun] = []
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with (
        run_server_in_thread(port=0, user_claims=mock_users()) as provider,
        tempfile.TemporaryDirectory(prefix="bench-secrets-") as secrets,
    ):
        process, url = start_auth_server(
            db,
            member.settings_path(),
            f"http://localhost:{provider.server_port}",
            Path(secrets),
        )
        try:
            runs = _walk_pages(executable, url, years, changes, timeout_ms)
            memory = {"pic_mo": _vm_hwm_mb(process.pid), "fin_mo": _rss_mb(process.pid)}
        finally:
            stop_server(process)
    return runs, memory


def _walk_pages(
    executable: str, url: str, years: list[int], changes: int, timeout_ms: int
) -> list[BrowserRun]:
    runs: list[BrowserRun] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="fr-FR")
        page = context.new_page()
        sign_in(page, url, member.MEMBER["email"], timeout_ms)  # every page is measured
        for spec in PAGES:
            try:
                started = time.perf_counter()
                path = "" if spec.default else spec.url_path  # the default page is at /
                page.goto(f"{url}/{path}?annee={years[-1]}")
                wait_idle(page, timeout_ms)
                opened = time.perf_counter() - started
                seen = sorted(years, reverse=True)[1 : changes + 2]
                times = [_change_year(page, y, timeout_ms) for y in seen]
                runs.append(BrowserRun(spec, opened, times[1:]))
            except Exception as exc:
                runs.append(BrowserRun(spec, float("nan"), [], f"{type(exc).__name__}"))
        context.close()
        browser.close()
    return runs


def change_median(run: BrowserRun) -> float:
    return median(run.change_s)
