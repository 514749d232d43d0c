"""Load test: N browser sessions walk every page while an import replaces the demand extract.

Each session is a headless Chromium context (Debian's Chromium, offline, loopback only) that
opens the application by a link, then walks every page through the menu and changes the year
in the filter bar on each. Meanwhile `cil import` replaces the demand extract with a
recognisably different one (more demands). Reported: p50/p95 time until the page is idle,
errors (must be zero), and whether each page showed the old data or the new, never a mix.

How « old or new, never a mix » is checked: a page's fingerprint is the text of its key
figures and of its charts. Loads that ended before the import began give the old fingerprint
of (page, year); loads that began after it ended give the new one. Every load, including those
that overlapped the swap, must show exactly one of the two.

    .venv/bin/python -m tests.load.charge --sessions 30 --duree 120 \\
        --sortie bench/results-charge.md
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from dashboard import queries
from dashboard.db import Database
from dashboard.settings import REPO_DIR, get_settings
from dashboard.views import PAGES, PageSpec
from tests.browser.conftest import LAUNCH_ARGS, LOCAL_HOSTS, start_server, stop_server
from tests.conftest import chromium_path

# Sessions are not signed in, as the public and most people in a meeting room: they walk the
# pages the public sees (the map and the cotation among them); members-only pages are not in
# their menu.
WALKED = [spec for spec in PAGES if spec.public]
# The public pages whose figures the new demand extract changes (see the report's last line).
CHANGING = {"accueil", "delais", "cotation", "parc"}

IDLE = (
    "() => document.querySelector('[data-testid=\"stApp\"]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    ' && !document.querySelector(\'[data-testid="stMain"] [data-testid="stSkeleton"]\')'
    " && !!document.querySelector('[data-testid=\"stMain\"] h1')"
)
FINGERPRINT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const texts = (sel) => [...main.querySelectorAll(sel)].map((e) => e.textContent.trim());
  return JSON.stringify([
    texts('[data-testid="stMetricValue"]'),
    texts('.js-plotly-plot .main-svg text'),
  ]);
}"""
ERROR_WORDS = ("introuvable", "verrouillée", "illisible", "format plus ancien", "Traceback")
EXTRA_DEMANDS = 600
STEPS = ("arrivée", "page", "année")  # what users do; references are loaded after the run
TIMEOUT_MS = 120_000
REFERENCE_WORKERS = 4
WARM_UP_FROM = 10  # sessions
RAMP_UP_S = 30.0  # session i starts at i × RAMP_UP_S / N: a room fills in half a minute
# Past the deadline, a session goes on until it has opened a page after the import (which
# builds the publication: a minute or two on a loaded machine), at most this long after it.
OVERTIME_S = 90.0
IMPORT_WAIT_S = 600.0  # an import still running keeps the sessions going, up to this long


@dataclass
class Load:
    session: int
    step: str  # « ouverture » (page opened by its link) or « année » (filter changed)
    page: str
    year: int
    start: float
    end: float
    fingerprint: str = ""
    error: str = ""

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass
class Result:
    sessions: int
    duration_s: float
    loads: list[Load] = field(default_factory=list)
    import_start: float = 0.0
    import_end: float = 0.0
    import_error: str = ""
    started: float = 0.0
    ended: float = 0.0
    ramp_up_s: float = 0.0
    warmed: bool = False
    cpu_s: dict[str, float] = field(
        default_factory=dict
    )  # « serveur », « navigateurs et cil import »
    load_average: tuple[float, float, float] = (0.0, 0.0, 0.0)  # of the machine, at the start
    mixed: list[Load] = field(default_factory=list)
    changed_pages: list[str] = field(default_factory=list)

    def errors(self) -> list[Load]:
        return [load for load in self.loads if load.error]

    def reference_sets(self) -> tuple[dict[tuple, set[str]], dict[tuple, set[str]]]:
        """Fingerprints of each (page, year) known to show the old data, and the new."""
        old: dict[tuple, set[str]] = defaultdict(set)
        new: dict[tuple, set[str]] = defaultdict(set)
        for load in self.loads:
            if load.error:
                continue
            key = (load.page, load.year)
            if load.step == "référence ancienne" or (
                load.step in STEPS and load.end < self.import_start
            ):
                old[key].add(load.fingerprint)
            elif load.step == "référence nouvelle" or (
                load.step in STEPS and load.start > self.import_end
            ):
                new[key].add(load.fingerprint)
        return old, new

    def check_versions(self) -> dict[str, int]:
        """Counts the users' loads showing the old data, the new, a mix (neither, or the same
        data drawn two ways), or unverifiable (no reference)."""
        old, new = self.reference_sets()
        counts = {"ancienne": 0, "nouvelle": 0, "mélange": 0, "non vérifiable": 0}
        self.mixed = []
        for load in self.loads:
            if load.error or load.step not in STEPS:
                continue
            key = (load.page, load.year)
            if len(old[key]) > 1 or len(new[key]) > 1:
                counts["mélange"] += 1
                self.mixed.append(load)
            elif load.fingerprint in old[key]:
                counts["ancienne"] += 1
            elif load.fingerprint in new[key]:
                counts["nouvelle"] += 1
            elif old[key] and new[key]:
                counts["mélange"] += 1
                self.mixed.append(load)
            else:
                counts["non vérifiable"] += 1
        self.changed_pages = sorted(
            {k[0] for k in old if old[k] and new.get(k) and old[k] != new[k]}
        )
        return counts


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def prepare(folder: Path) -> tuple[Path, Path, list[int]]:
    """The demo base and a new demand extract: the demo's, plus EXTRA_DEMANDS demands."""
    db = folder / "base.duckdb"
    extracts = folder / "extraits"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.cli",
            "demo",
            "--db",
            str(db),
            "--dossier",
            str(extracts),
        ],
        cwd=REPO_DIR,
        check=True,
        capture_output=True,
    )
    text = (extracts / "demandes.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    added = [
        f"N{i:08d}" + line[line.index(";") :] for i, line in enumerate(lines[1 : 1 + EXTRA_DEMANDS])
    ]
    new = folder / "demandes_nouvel_extrait.csv"
    new.write_text("\n".join([*lines, *added]) + "\n", encoding="utf-8")
    database = Database(db)
    try:
        with database.cursor() as cursor:
            years = queries.run(
                cursor, "commun/annees_disponibles", premiere_annee=get_settings().premiere_annee
            )["annee"]
    finally:
        database.close()
    return db, new, [int(y) for y in years][-2:]  # the filter switches between the last two


def _process_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds used) for every process, from /proc (Linux)."""
    table = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return table


def _descendants(root: int, table: dict[int, tuple[int, float]]) -> set[int]:
    found, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (ppid, _) in table.items() if ppid == parent]
        found.update(children)
        frontier.extend(children)
    return found


async def track_cpu(server_pid: int, result: Result, stop: asyncio.Event) -> None:
    """CPU seconds used by the server and by the browsers (every process this script
    started, but the server): the last reading of each process, summed."""
    last: dict[int, tuple[str, float]] = {}
    while True:
        table = _process_table()
        server = _descendants(server_pid, table)
        for pid in _descendants(os.getpid(), table):
            last[pid] = ("serveur" if pid in server else "navigateurs et cil import", table[pid][1])
        if stop.is_set():
            break
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)
    last.pop(os.getpid(), None)
    for side, seconds in last.values():
        result.cpu_s[side] = result.cpu_s.get(side, 0.0) + seconds


async def wait_idle(page: Page, timeout_ms: int) -> None:
    await page.wait_for_function(IDLE, timeout=timeout_ms, polling=50)


async def fingerprint(page: Page) -> str:
    """The page's figures once the browser has finished drawing them: plotly draws after the
    script run is over, so two readings a moment apart must agree."""
    previous = await page.evaluate(FINGERPRINT)
    for _ in range(20):
        await page.wait_for_timeout(300)
        current = await page.evaluate(FINGERPRINT)
        if current == previous:
            return current
        previous = current
    return previous


async def check_page(page: Page) -> str:
    if await page.locator('[data-testid="stException"]').count():
        return "exception affichée"
    if await page.get_by_text("Page not found").count():
        return "page introuvable"
    for alert in await page.locator('[data-testid="stAlert"]').all_inner_texts():
        if any(word in alert for word in ERROR_WORDS):
            return f"message d'erreur : {alert[:120]}"
    return ""


async def new_page(browser: Browser) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")

    async def offline(route) -> None:  # type: ignore[no-untyped-def]
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            await route.continue_()
        else:
            await route.abort()

    await context.route("**/*", offline)
    context.set_default_timeout(TIMEOUT_MS)
    return context, await context.new_page()


async def open_page(page: Page, url: str, spec: PageSpec, year: int, load: Load) -> Load:
    """Opens the page by its link, the year in the URL; fills `load`."""
    try:
        path = "" if spec.default else spec.url_path  # the default page is at /
        await page.goto(f"{url}/{path}?annee={year}", wait_until="commit", timeout=TIMEOUT_MS)
        await wait_idle(page, TIMEOUT_MS)
        load.end = time.monotonic()
        load.error = await check_page(page)
        load.fingerprint = await fingerprint(page)
    except PlaywrightError as exc:
        load.end, load.error = (
            time.monotonic(),
            f"délai dépassé ou page fermée ({exc.message.splitlines()[0][:100]})",
        )
    return load


async def switch_page(page: Page, spec: PageSpec, load: Load) -> Load:
    """Goes to another page through the menu, in the same session, as a user does."""
    try:
        title = await page.locator('[data-testid="stMain"] h1').first.inner_text()
        menu = page.locator('[data-testid="stSidebar"] .st-key-menu')
        await menu.get_by_role("link", name=spec.title, exact=True).click()
        # the page is the new one once its title replaced the previous page's, and its run ended
        await page.wait_for_function(
            "(old) => { const h = document.querySelector('[data-testid=\"stMain\"] h1');"
            " return h && h.innerText !== old; }",
            arg=title,
            timeout=TIMEOUT_MS,
            polling=50,
        )
        await wait_idle(page, TIMEOUT_MS)
        load.end = time.monotonic()
        load.error = await check_page(page)
        load.fingerprint = await fingerprint(page)
    except PlaywrightError as exc:
        load.end = time.monotonic()
        load.error = f"délai dépassé ({exc.message.splitlines()[0][:100]})"
    return load


async def change_year(page: Page, year: int, load: Load) -> Load:
    """Chooses another year in the filter bar, as a user does."""
    try:
        box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
        await box.click()
        await page.keyboard.type(str(year))  # the list filters as one types
        await page.keyboard.press("Enter")
        # The run for the new year writes it into the URL: until then the page still shows
        # the previous year, and a loaded server may take seconds to start that run.
        await page.wait_for_function(
            f"() => new URLSearchParams(location.search).get('annee') === '{year}'",
            timeout=TIMEOUT_MS,
            polling=50,
        )
        await wait_idle(page, TIMEOUT_MS)
        load.end = time.monotonic()
        load.error = await check_page(page)
        if await box.locator("input").input_value() != str(year):
            load.error = load.error or f"année {year} non appliquée"
        load.fingerprint = await fingerprint(page)
    except PlaywrightError as exc:
        load.end, load.error = (
            time.monotonic(),
            f"délai dépassé ({exc.message.splitlines()[0][:100]})",
        )
    return load


async def session(
    index: int, browser: Browser, url: str, years: list[int], deadline: float, result: Result
) -> None:
    """One user: every page in turn (from a different first page for each session), each
    opened with one year and then switched to the other. Past the deadline, a session that
    has not opened a page since the import ended goes on a little (bounded), so that every
    session is seen on both sides of the swap."""
    rng = random.Random(index)
    # people arrive over a few seconds, not all in the same millisecond
    await asyncio.sleep(index * result.ramp_up_s / max(result.sessions, 1))
    context, page = await new_page(browser)
    specs = WALKED[index % len(WALKED) :] + WALKED[: index % len(WALKED)]
    out = result.loads
    hard_deadline = deadline + OVERTIME_S

    def go_on() -> bool:
        now = time.monotonic()
        if now < deadline:
            return True
        if not result.import_end:  # the swap is still to come
            return now < deadline + IMPORT_WAIT_S
        # a page whose figures the new demands change (others read the same before and after)
        after_swap = any(
            load.session == index and load.start > result.import_end and load.page in CHANGING
            for load in out
        )
        return now < max(hard_deadline, result.import_end + OVERTIME_S) and not after_swap

    try:
        # arrival: the first page by its link (loads the whole application in the browser)
        year = rng.choice(years)
        arrival = Load(index, "arrivée", specs[0].url_path, year, time.monotonic(), 0.0)
        out.append(await open_page(page, url, specs[0], year, arrival))
        if arrival.error:
            return
        while go_on():
            for spec in specs[1:] + specs[:1]:
                if not go_on():
                    break
                moved = Load(index, "page", spec.url_path, year, time.monotonic(), 0.0)
                out.append(await switch_page(page, spec, moved))
                if moved.error:
                    return  # the session is in an unknown state: stop it, the error counts
                if len(years) < 2 or not go_on():
                    continue
                year = rng.choice([y for y in years if y != year])
                changed = Load(index, "année", spec.url_path, year, time.monotonic(), 0.0)
                out.append(await change_year(page, year, changed))
                if changed.error:
                    return
    finally:
        await context.close()


async def references(
    browser: Browser, url: str, pairs: list[tuple[str, int]], step: str, out: list[Load]
) -> None:
    """Loads each (page, year) once on the data in place now, a few at a time."""
    specs = {spec.url_path: spec for spec in WALKED}
    queue_: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
    for pair in pairs:
        queue_.put_nowait(pair)

    async def worker() -> None:
        context, page = await new_page(browser)
        try:
            while not queue_.empty():
                path, year = queue_.get_nowait()
                load = Load(-1, step, path, year, time.monotonic(), 0.0)
                out.append(await open_page(page, url, specs[path], year, load))
        finally:
            await context.close()

    await asyncio.gather(*[worker() for _ in range(min(REFERENCE_WORKERS, len(pairs)))])


async def run_import(db: Path, new: Path, result: Result, start_after: float) -> None:
    """Starts once every session has shown a page (old references), or at `start_after`."""
    while (
        time.monotonic() < start_after
        and len({load.session for load in result.loads if load.end}) < result.sessions
    ):
        await asyncio.sleep(0.2)
    result.import_start = time.monotonic()
    code, err = await cil(
        "import", "demandes", str(new), "--db", str(db), "--date-extraction", "15/01/2026"
    )
    result.import_end = time.monotonic()
    if code != 0:
        result.import_error = err


async def cil(*args: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "dashboard.cli",
        *args,
        cwd=REPO_DIR,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await process.communicate()
    return process.returncode or 0, err.decode()[-500:]


async def _run(
    url: str,
    db: Path,
    new: Path,
    years: list[int],
    sessions: int,
    duration: float,
    server_pid: int,
) -> Result:
    result = Result(
        sessions, duration, ramp_up_s=min(RAMP_UP_S, duration / 4), warmed=sessions >= WARM_UP_FROM
    )
    stop = asyncio.Event()
    tracker = asyncio.create_task(track_cpu(server_pid, result, stop))
    try:
        return await _sessions(result, url, db, new, years)
    finally:
        stop.set()
        await tracker


async def _sessions(result: Result, url: str, db: Path, new: Path, years: list[int]) -> Result:
    sessions, duration = result.sessions, result.duration_s
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium introuvable (paquet Debian chromium)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        # The server runs before the meeting: one visit of every page warms it (not measured;
        # the short form in `make test` skips it to stay short).
        if result.warmed:
            await references(browser, url, [(spec.url_path, years[-1]) for spec in WALKED], "", [])
        result.started = time.monotonic()
        result.load_average = os.getloadavg()
        deadline = result.started + duration
        tasks = [session(i, browser, url, years, deadline, result) for i in range(sessions)]
        await asyncio.gather(run_import(db, new, result, result.started + duration / 3), *tasks)
        result.ended = time.monotonic()
        # References for the (page, year) pairs the run did not load on both sides of the
        # swap: on the new data now, then on the old data put back by `cil import --annuler`.
        seen = {(load.page, load.year) for load in result.loads if not load.error}
        old, new_refs = result.reference_sets()
        await references(
            browser, url, sorted(seen - set(new_refs)), "référence nouvelle", result.loads
        )
        code, err = await cil("import", "--annuler", "--db", str(db))
        if code != 0:
            result.import_error += f"annulation impossible : {err}"
        else:
            await references(
                browser, url, sorted(seen - set(old)), "référence ancienne", result.loads
            )
        await browser.close()
    return result


def run_load(sessions: int, duration: float) -> Result:
    with tempfile.TemporaryDirectory(prefix="charge-") as folder:
        db, new, years = prepare(Path(folder))
        process, url = start_server(db)
        try:
            # In a thread of its own: the caller's thread may already run an event loop
            # (Playwright's sync API, when pytest runs the browser tests first).
            with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
                main = _run(url, db, new, years, sessions, duration, process.pid)
                return pool.submit(asyncio.run, main).result()
        finally:
            stop_server(process)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} Go de mémoire"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPU{memory}"


def report(result: Result) -> str:
    versions = result.check_versions()
    by_step: dict[str, list[float]] = defaultdict(list)
    for load in result.loads:
        if not load.error and load.step in STEPS:
            by_step[load.step].append(load.seconds)
    every = [s for values in by_step.values() for s in values]
    rows = [
        f"| {name} | {len(values)} | {percentile(values, 50):.2f} | {percentile(values, 95):.2f} "
        f"| {max(values):.2f} |"
        for name, values in [
            ("arrivée (première page, application chargée)", by_step["arrivée"]),
            ("autre page (menu)", by_step["page"]),
            ("changement d'année (filtre)", by_step["année"]),
            ("ensemble", every),
        ]
        if values
    ]
    swap_at = result.import_start - result.started
    lines = [
        "# Charge : sessions simultanées pendant un import",
        "",
        f"- Date : {dt.datetime.now().astimezone():%d/%m/%Y %H:%M %Z}",
        f"- Machine : {machine()} ; charge moyenne au départ (1, 5, 15 min) : "
        + " / ".join(f"{v:.1f}".replace(".", ",") for v in result.load_average)
        + (
            " : d'autres programmes occupaient déjà la machine, les temps en dépendent"
            if result.load_average[0] > (os.cpu_count() or 1)
            else ""
        ),
        f"- Commande : `.venv/bin/python -m tests.load.charge --sessions {result.sessions} "
        f"--duree {result.duration_s:.0f}`",
        f"- {result.sessions} sessions Chromium sans interface (contextes séparés), "
        f"{result.duration_s:.0f} s (dernière page finie à {result.ended - result.started:.0f} s : "
        "une session continue jusqu'à avoir ouvert une page après l'import), base de "
        "démonstration, un seul serveur Streamlit, boucle locale uniquement ; chaque session "
        "ouvre l'application, parcourt toutes les pages par le menu et change l'année dans la "
        "barre de filtres sur chacune ; "
        f"les sessions arrivent en {result.ramp_up_s:.0f} s"
        + (
            ", après une visite de chaque page (non mesurée) qui met le serveur en route"
            if result.warmed
            else ""
        )
        + ". Les navigateurs tournent sur la même "
        "machine que le serveur : leurs temps comprennent le dessin des pages par Chromium.",
        f"- Import de l'extrait des demandes (+{EXTRA_DEMANDS} demandes) lancé à "
        f"{swap_at:.0f} s, durée {result.import_end - result.import_start:.1f} s"
        + (f" — ÉCHEC : {result.import_error}" if result.import_error else " (réussi)."),
        "",
        "Temps jusqu'à la page au repos (script terminé, rien en attente), en secondes :",
        "",
        "| étape | nombre | p50 | p95 | max |",
        "|---|---:|---:|---:|---:|",
        *rows,
        "",
        "- Temps de processeur consommé (préparation et références comprises) : "
        + ", ".join(f"{side} {secs:.0f} s" for side, secs in sorted(result.cpu_s.items()))
        + ".",
        "",
        f"- Erreurs : **{len(result.errors())}**"
        + "".join(f"\n  - {e.page} ({e.year}) : {e.error}" for e in result.errors()[:20]),
        f"- Données affichées : {versions['ancienne']} pages avec l'ancien extrait, "
        f"{versions['nouvelle']} avec le nouveau, **{versions['mélange']} mélange**, "
        f"{versions['non vérifiable']} non vérifiables (aucune page de référence pour cette "
        "page et cette année).",
        *[
            f"  - mélange : {m.page} ({m.year}), {m.step}, de "
            f"{m.start - result.import_start:+.1f} s à {m.end - result.import_start:+.1f} s "
            "du début de l'import"
            for m in result.mixed[:20]
        ],
        f"- Pages dont les chiffres changent avec le nouvel extrait : "
        f"{', '.join(result.changed_pages) or 'aucune'}.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--duree", type=float, default=120.0, help="durée en secondes")
    parser.add_argument("--sortie", type=Path, help="fichier Markdown où écrire les chiffres")
    parser.add_argument("--details", type=Path, help="fichier JSON : chaque page chargée")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 60 or not 5 <= args.duree <= 600:
        parser.error("au plus 60 sessions et 10 minutes")
    result = run_load(args.sessions, args.duree)
    text = report(result)
    print(text)
    if args.details:
        rows = [{**asdict(load), "mélange": load in result.mixed} for load in result.loads]
        times = {"import_start": result.import_start, "import_end": result.import_end}
        args.details.write_text(json.dumps({**times, "loads": rows}, ensure_ascii=False))
    if args.sortie:
        args.sortie.parent.mkdir(parents=True, exist_ok=True)
        args.sortie.write_text(text, encoding="utf-8")
    bad = result.errors() or result.import_error or result.check_versions()["mélange"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
