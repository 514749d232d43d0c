"""In headless Chromium (Debian's, launched as the browser tests do): the time from changing
the year in the filter bar to the page being idle again, for every page; and the peak memory
(RSS) of the Streamlit server while the browser walks every page."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.pages import median
from dashboard.views import PAGES, PageSpec
from tests.browser.conftest import LAUNCH_ARGS, start_server, stop_server, wait_idle
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
IDLE_AFTER_RUN = (
    "() => window.__benchRuns > 0"
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
    box.click()
    option = page.get_by_role("option", name=str(year), exact=True)
    started = time.perf_counter()
    option.click()
    page.wait_for_function(IDLE_AFTER_RUN, timeout=timeout_ms)
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
    process, url = start_server(db)
    timeout_ms = int(timeout_s * 1000)
    runs: list[BrowserRun] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=LAUNCH_ARGS
            )
            context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="fr-FR")
            page = context.new_page()
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
        memory = {"pic_mo": _vm_hwm_mb(process.pid), "fin_mo": _rss_mb(process.pid)}
    finally:
        stop_server(process)
    return runs, memory


def change_median(run: BrowserRun) -> float:
    return median(run.change_s)
