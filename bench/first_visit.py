"""First visit: from a new browser context (no cache, no session) to the page idle, for every
page, against a one-line Streamlit page served the same way in the same minutes (the floor).

    python -m bench.first_visit [--echelle territoire] [--tours 3]

Each round visits the floor, then every page, each in a context of its own: anonymous for
the public pages, with a member's cookies (signed in once, before the rounds) for the others.
Besides the time to idle, it records the time to the page's title and the bytes the server
sent over the websocket (the page's elements, plotly figures and folium maps included): what a
page costs above the floor is there or in its script run (AppTest, `bench/pages.py`).
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oidc_provider_mock import run_server_in_thread
from playwright.sync_api import Browser, sync_playwright

from bench import member, report, scales
from bench.pages import median
from dashboard.views import PAGES, PageSpec
from tests.browser.conftest import (
    LAUNCH_ARGS,
    PAGE_TITLE,
    RUN_OVER,
    mock_users,
    sign_in,
    start_auth_server,
    start_server,
    stop_server,
)
from tests.conftest import chromium_path

FLOOR_PAGE = Path(__file__).with_name("page_vide.py")
RESULTS = Path(__file__).with_name("results-premiere-visite.md")


@dataclass
class Visit:
    idle_s: float
    title_s: float
    ws_kb: float
    last_frame_s: float  # the last websocket message from the server
    script_kb: float  # JavaScript loaded (Streamlit loads an element's code when it first shows)


@dataclass
class PageVisits:
    name: str
    public: bool
    visits: list[Visit] = field(default_factory=list)
    error: str = ""
    warmed: bool = True  # an unmeasured visit of every page preceded the rounds

    def median(self, attribute: str) -> float:
        return median([getattr(v, attribute) for v in self.visits])


def _start_floor(db: Path) -> tuple[subprocess.Popen, str]:
    """The one-line page, with the same `streamlit run` flags and configuration
    (.streamlit/ of the repository) as the dashboard's server."""
    return start_server(db, program=("-m", "streamlit", "run", str(FLOOR_PAGE)))


def _visit(browser: Browser, url: str, state: dict | None, timeout_ms: int) -> Visit:
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="fr-FR", storage_state=state
    )
    received = [0.0, 0.0]  # bytes, time of the last message
    started = [0.0]

    def on_frame(payload: str | bytes) -> None:
        received[0] += len(payload)
        received[1] = time.perf_counter() - started[0]

    page = context.new_page()
    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    try:
        started[0] = time.perf_counter()
        page.goto(url)
        # idle as the browser tests define it (wait_idle), without their final 300 ms pause
        page.wait_for_selector(PAGE_TITLE, timeout=timeout_ms)
        title = time.perf_counter() - started[0]
        page.wait_for_function(RUN_OVER, timeout=timeout_ms, polling=20)
        idle = time.perf_counter() - started[0]
        script = page.evaluate(
            "performance.getEntriesByType('resource')"
            ".filter(e => e.name.split('?')[0].endsWith('.js'))"
            ".reduce((total, e) => total + (e.decodedBodySize || 0), 0)"
        )
        return Visit(idle, title, received[0] / 1024, received[1], script / 1024)
    finally:
        context.close()


def _page_url(url: str, spec: PageSpec, year: int) -> str:
    path = "" if spec.default else spec.url_path
    return f"{url}/{path}?annee={year}"


def measure(
    db: Path,
    year: int,
    rounds: int,
    timeout_s: float = 300,
    pages: Sequence[PageSpec] = PAGES,
    warm_up: bool = True,
) -> list[PageVisits]:
    """The floor first, then every page of `pages` (all the menu's); each visited once per
    round. `warm_up=False` (the benchmark's trial run, which only proves it runs) skips the
    unmeasured visit of each page before the rounds: half the visits."""
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium est introuvable (paquet Debian chromium : make chromium).")
    timeout_ms = int(timeout_s * 1000)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    floor = PageVisits("Page Streamlit d'une ligne (plancher)", True, warmed=warm_up)
    measured = [PageVisits(spec.title, spec.public) for spec in pages]
    with (
        run_server_in_thread(port=0, user_claims=mock_users()) as provider,
        tempfile.TemporaryDirectory(prefix="bench-secrets-") as secrets,
    ):
        app, url = start_auth_server(
            db, member.settings_path(), f"http://localhost:{provider.server_port}", Path(secrets)
        )
        floor_process, floor_url = _start_floor(db)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=executable, headless=True, args=LAUNCH_ARGS
                )
                context = browser.new_context(locale="fr-FR")
                sign_in(context.new_page(), url, member.MEMBER["email"], timeout_ms)
                cookies = context.storage_state()
                context.close()
                # a first visit of each, unmeasured: the server's own start (imports, the
                # database opened) is not what a visitor meets on a running server
                if warm_up:
                    _visit(browser, floor_url, None, timeout_ms)
                    for spec in pages:
                        _visit(browser, _page_url(url, spec, year), cookies, timeout_ms)
                for _ in range(rounds):
                    floor.visits.append(_visit(browser, floor_url, None, timeout_ms))
                    for spec, visits in zip(pages, measured, strict=True):
                        state = None if spec.public else cookies
                        try:
                            visits.visits.append(
                                _visit(browser, _page_url(url, spec, year), state, timeout_ms)
                            )
                        except Exception as exc:  # reported in the table, the rest goes on
                            visits.error = type(exc).__name__
                browser.close()
        finally:
            stop_server(floor_process)
            stop_server(app)
    return [floor, *measured]


METHOD = (
    "D'un contexte neuf de Chromium (ni cache ni session) jusqu'à la page au repos, à "
    "1366 × 768. Chaque tour visite d'abord la page Streamlit d'une ligne "
    "(`bench/page_vide.py`, servie par `streamlit run` avec les mêmes options et la même "
    "configuration), puis chaque page, dans un contexte à elle : anonyme pour les pages "
    "publiques, avec les cookies d'un membre pour les autres."
)
WARM_UP = (
    " Une visite de chaque page précède les tours, sans être comptée (démarrage du serveur, "
    "base ouverte)."
)
NO_WARM_UP = (
    " Essai : aucune visite ne précède le tour ; la première visite de chaque page compte "
    "donc aussi le démarrage du serveur."
)


def method(results: Sequence[PageVisits]) -> str:
    """How the visits were measured (with or without the unmeasured warm-up visits)."""
    warmed = getattr(results[0], "warmed", True) if results else True
    return METHOD + (WARM_UP if warmed else NO_WARM_UP)


def render(results: list[PageVisits], scale: scales.Scale, rounds: int, load_start: str) -> str:
    context = report.machine()
    out = [
        f"# Première visite — {scale.label}",
        "",
        f"Produit par `python -m bench.first_visit` (relancer : `make bench-visite`) ; médiane "
        f"de {rounds} tours. {method(results)}",
        "",
        f"- Date : {time.strftime('%d/%m/%Y %H:%M')} ; machine : {context['machine']}",
        f"- Charge (load average 1/5/15 min) : {load_start} au début, "
        f"{report.load_average()} à la fin",
        "",
        *table_lines(results),
    ]
    return "\n".join(out) + "\n"


def table_lines(results: list[PageVisits]) -> list[str]:
    """One row per page (the floor first): medians of the rounds."""
    floor = results[0]
    base = floor.median("idle_s") if floor.visits else float("nan")
    out = [
        "| Page | Accès | Titre affiché | Dernier message du serveur | Au repos | "
        "Au-delà du plancher | Reçu (websocket) | JavaScript chargé |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if not r.visits:
            out.append(f"| {r.name} | — | échec ({r.error}) | | | | | |")
            continue
        idle = r.median("idle_s")
        above = "—" if r is floor else report.sec(idle - base)
        out.append(
            f"| {r.name} | {'public' if r.public else 'membre'} | "
            f"{report.sec(r.median('title_s'))} | {report.sec(r.median('last_frame_s'))} | "
            f"{report.sec(idle)} | {above} | {report.num(r.median('ws_kb'))} Ko | "
            f"{report.num(r.median('script_kb'))} Ko |"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.first_visit", description=__doc__.splitlines()[0])
    parser.add_argument("--echelle", default="territoire", choices=sorted(scales.SCALES))
    parser.add_argument("--tours", type=int, default=3)
    parser.add_argument("--sortie", type=Path, default=RESULTS)
    parser.add_argument(
        "--pages", help="ne visiter que ces pages (chemins d'adresse, ex. cotation,parc)"
    )
    args = parser.parse_args(argv)
    pages = PAGES
    if args.pages:
        by_path = {spec.url_path: spec for spec in PAGES}
        unknown = sorted(set(args.pages.split(",")) - by_path.keys())
        if unknown:
            parser.error(f"pages inconnues : {', '.join(unknown)} (connues : {', '.join(by_path)})")
        pages = [by_path[path] for path in args.pages.split(",")]
    scale = scales.SCALES[args.echelle]
    load_start = report.load_average()
    scales.ensure_built(scale, print)
    year = scale.years()[-1]
    results = measure(scale.db, year, args.tours, pages=pages)
    text = render(results, scale, args.tours, load_start)
    args.sortie.write_text(text + "\n" + report.kept_analysis(args.sortie), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
