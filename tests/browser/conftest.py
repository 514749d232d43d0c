"""A real Streamlit server and a real headless Chromium (Debian's), fully offline.

Every request the page makes outside localhost is aborted and recorded: a test that sees one
fails, which proves the dashboard needs no CDN, font server or tile server to be drawn.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from dashboard.settings import REPO_DIR
from tests.conftest import chromium_path

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    db_path: Path, extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "CIL_DB": str(db_path), **(extra_env or {})}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO_DIR / "dashboard" / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("le serveur Streamlit n'a pas démarré : " + process.stderr.read().decode())


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def app_url(demo_db: Path) -> Iterator[str]:
    process, url = start_server(demo_db)
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        pytest.fail("Chromium est introuvable : `make test` l'installe (paquet Debian chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


class OfflinePage:
    """A page whose requests outside localhost are aborted and recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.external: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route) -> None:  # type: ignore[no-untyped-def]
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def open(self, url: str, timeout_ms: int = 60_000) -> Page:
        self.page.goto(url)
        wait_idle(self.page, timeout_ms)
        return self.page


def wait_idle(page: Page, timeout_ms: int = 60_000) -> None:
    """A Streamlit page is finished when its content is there and its script run is over.

    The run indicator (stStatusWidget) shows only after a delay, so on a busy machine a page
    could look finished right after its title; the app root's `data-test-script-state` says
    `notRunning` only once the run has ended, and skeletons mark elements not drawn yet."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout_ms)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        ' && !document.querySelector(\'[data-testid="stMain"] [data-testid="stSkeleton"]\')',
        timeout=timeout_ms,
    )
    page.wait_for_timeout(300)


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="fr-FR")
    page = OfflinePage(context.new_page())
    yield page
    context.close()
