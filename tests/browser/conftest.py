"""A real Streamlit server and a real headless Chromium (Debian's), fully offline.

Every request the page makes outside localhost is aborted and recorded: a test that sees one
fails, which proves the dashboard needs no CDN, font server or tile server to be drawn.

The session's server is started as in production (dashboard/server.py: the guards of
dashboard/guard.py installed), with sign-in set up against a local mock OpenID provider (the
package oidc-provider-mock, in this process) and the test settings (members' list of
tests/conftest.py). `offline_page` is signed out: it sees the public pages. `member_page` is
the same, already signed in as a member: use it to open a members-only page,
`open_and_check(member_page, f"{app_url}/plan", ...)`.
"""

from __future__ import annotations

import logging
import os
import secrets
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
from tests.conftest import MEMBER_ADDRESS, MEMBER_EMAIL, REFUSED_EMAIL, chromium_path

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
    db_path: Path,
    extra_env: dict[str, str] | None = None,
    port: int | None = None,
    extra_args: list[str] | None = None,
    program: tuple[str, ...] = ("-m", "dashboard.server"),  # as `make run`: guards installed
) -> tuple[subprocess.Popen, str]:
    port = port or _free_port()
    env = {**os.environ, "CIL_DB": str(db_path), **(extra_env or {})}
    process = subprocess.Popen(
        [
            sys.executable,
            *program,
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *(extra_args or []),
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


# Sent by the mock provider for these addresses; any other address typed in its form comes
# without `email_verified`, and the dashboard then refuses it as a member (fails closed).
UNVERIFIED_EMAIL = "non.verifiee@membres-cil.test"  # in the members' domain, "false" as text


def mock_users() -> list:
    from oidc_provider_mock import User

    verified = [MEMBER_EMAIL, MEMBER_ADDRESS, REFUSED_EMAIL]
    return [User(sub=e, claims={"email": e, "email_verified": True}) for e in verified] + [
        User(sub=UNVERIFIED_EMAIL, claims={"email": UNVERIFIED_EMAIL, "email_verified": "false"})
    ]


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[str]:
    """A local OpenID provider that signs anyone in under the address typed in its form."""
    from oidc_provider_mock import run_server_in_thread

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    with run_server_in_thread(port=0, user_claims=mock_users()) as server:
        yield f"http://localhost:{server.server_port}"


def write_auth_secrets(folder: Path, port: int, provider_url: str) -> Path:
    """secrets.toml of a test server: sign-in through the mock provider, a throw-away
    cookie secret (strong: the server refuses a weak one). The app is opened at the
    redirect_uri's host (localhost), or sign-in fails."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(48)}"\n'
        'client_id = "observatoire-cil-test"\n'
        'client_secret = "secret-de-test"\n'
        f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


def start_auth_server(
    db_path: Path, settings_path: Path, provider_url: str, folder: Path
) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    secrets_file = write_auth_secrets(folder, port, provider_url)
    return start_server(
        db_path,
        {"CIL_TERRITOIRE": str(settings_path)},
        port=port,
        extra_args=["--secrets.files", str(secrets_file)],
    )


@pytest.fixture(scope="session")
def app_url(
    demo_db: Path,
    test_settings: Path,
    oidc_provider: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    process, url = start_auth_server(
        demo_db, test_settings, oidc_provider, tmp_path_factory.mktemp("secrets")
    )
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


PAGE_TITLE = '[data-testid="stMain"] h1'
# The script run is over and every element drawn (see wait_idle).
RUN_OVER = (
    "() => document.querySelector('[data-testid=\"stApp\"]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    ' && !document.querySelector(\'[data-testid="stMain"] [data-testid="stSkeleton"]\')'
)


def wait_idle(page: Page, timeout_ms: int = 60_000) -> None:
    """A Streamlit page is finished when its content is there and its script run is over.

    The run indicator (stStatusWidget) shows only after a delay, so on a busy machine a page
    could look finished right after its title; the app root's `data-test-script-state` says
    `notRunning` only once the run has ended, and skeletons mark elements not drawn yet."""
    page.wait_for_selector(PAGE_TITLE, timeout=timeout_ms)
    page.wait_for_function(RUN_OVER, timeout=timeout_ms)
    page.wait_for_timeout(300)


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="fr-FR")
    page = OfflinePage(context.new_page())
    yield page
    context.close()


def sign_in(page: Page, app_url: str, email: str, timeout_ms: int = 60_000) -> None:
    """The whole OpenID flow, as a person does it: « Se connecter » in the sidebar, the
    provider's form (the mock signs in whoever is typed), back to the dashboard."""
    page.goto(app_url)
    wait_idle(page, timeout_ms)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_selector('input[name="sub"]', timeout=timeout_ms)
    page.fill('input[name="sub"]', email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app_url}/**", timeout=timeout_ms)
    wait_idle(page, timeout_ms)
    page.get_by_text(email).first.wait_for(timeout=timeout_ms)


def sign_out(page: Page, app_url: str, timeout_ms: int = 60_000) -> None:
    """« Se déconnecter », then the provider's end-of-session page, back to the dashboard."""
    page.get_by_role("button", name="Se déconnecter").first.click()
    end_session = page.get_by_role("button", name="End session")
    end_session.wait_for(timeout=timeout_ms)
    end_session.click()
    page.wait_for_url(f"{app_url}/**", timeout=timeout_ms)
    wait_idle(page, timeout_ms)


@pytest.fixture(scope="session")
def member_state(browser: Browser, app_url: str) -> dict:
    """Cookies of a member signed in once for the session (reused by every member_page)."""
    context = browser.new_context(locale="fr-FR")
    try:
        sign_in(context.new_page(), app_url, MEMBER_EMAIL)
        return context.storage_state()
    finally:
        context.close()


@pytest.fixture
def member_page(browser: Browser, member_state: dict) -> Iterator[OfflinePage]:
    """Like offline_page, signed in as a member of the test settings' list."""
    context = browser.new_context(
        viewport={"width": 1600, "height": 1000}, locale="fr-FR", storage_state=member_state
    )
    page = OfflinePage(context.new_page())
    yield page
    context.close()
