"""The server's guards (dashboard/guard.py) and the launcher (dashboard/server.py), without a
browser: which messages a client may send, how addresses are counted, the slots of script
runs, and the refusal to start with a cookie secret anyone could sign. The same guards in a
running server are tested in tests/browser/test_security.py."""

from __future__ import annotations

import asyncio
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from dashboard.access import cookie_secret_problem
from dashboard.guard import Limits, RunSlots, SessionsPerAddress, back_message_allowed, client_key
from dashboard.settings import REPO_DIR


def message(kind: str, **fields: object) -> BackMsg:
    msg = BackMsg()
    if kind == "backend_operation_request":
        getattr(msg.backend_operation_request, fields["payload"]).SetInParent()
    elif kind in ("rerun_script", "file_urls_request"):
        getattr(msg, kind).SetInParent()
    else:
        setattr(msg, kind, True)
    return msg


@pytest.mark.parametrize(
    "kind", ["rerun_script", "stop_script", "app_heartbeat", "file_urls_request"]
)
def test_what_a_page_sends_is_allowed(kind):
    assert back_message_allowed(message(kind))


@pytest.mark.parametrize(
    "kind",
    [
        "clear_cache",  # empties every visitor's caches
        "set_run_on_save",
        "load_git_info",
        "debug_disconnect_websocket",
        "debug_shutdown_runtime",
    ],
)
def test_developer_messages_are_refused(kind):
    assert not back_message_allowed(message(kind))


def test_backend_operations_only_those_of_a_page():
    assert back_message_allowed(message("backend_operation_request", payload="dataframe_chunk"))
    assert back_message_allowed(message("backend_operation_request", payload="deferred_file"))
    for developer in ("install_skills", "dismiss_skills_nudge"):
        assert not back_message_allowed(message("backend_operation_request", payload=developer))


def test_every_message_type_is_decided():
    """A new Streamlit message type is refused until someone decides (fail closed)."""
    kinds = [f.name for f in BackMsg.DESCRIPTOR.oneofs_by_name["type"].fields]
    allowed = [
        k for k in kinds if k != "backend_operation_request" and back_message_allowed(message(k))
    ]
    assert sorted(allowed) == ["app_heartbeat", "file_urls_request", "rerun_script", "stop_script"]


def test_addresses_are_counted_per_client_and_ipv6_per_64():
    assert client_key("127.0.0.2") == "127.0.0.2"
    assert client_key("::ffff:10.1.2.3") == "10.1.2.3"
    assert (
        client_key("2001:db8:1:2::5") == client_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    )
    assert client_key("2001:db8:1:3::5") != client_key("2001:db8:1:2::5")
    assert client_key(None) == "?"


def test_limits_from_the_environment(monkeypatch):
    monkeypatch.setenv("CIL_SESSIONS_PAR_ADRESSE", "5")
    monkeypatch.setenv("CIL_EXECUTIONS_PAR_ADRESSE", "1")
    monkeypatch.setenv("CIL_EXECUTIONS_SIMULTANEES", "3")
    assert Limits.from_env() == Limits(5, 1, 3)
    monkeypatch.setenv("CIL_EXECUTIONS_SIMULTANEES", "0")
    with pytest.raises(ValueError, match="CIL_EXECUTIONS_SIMULTANEES"):
        Limits.from_env()


def test_run_slots_queue_per_address_then_for_the_server():
    slots = RunSlots(per_address=1, total=2)
    running: dict[str, int] = {}
    peak: dict[str, int] = {}
    total_peak = [0]
    lock = threading.Lock()

    def run(key: str) -> None:
        with slots.hold(key):
            with lock:
                running[key] = running.get(key, 0) + 1
                peak[key] = max(peak.get(key, 0), running[key])
                total_peak[0] = max(total_peak[0], sum(running.values()))
            time.sleep(0.05)
            with lock:
                running[key] -= 1

    threads = [threading.Thread(target=run, args=(k,)) for k in ["a"] * 6 + ["b"] * 3 + ["c"] * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert peak == {"a": 1, "b": 1, "c": 1}  # one run at a time per address, the others wait
    assert total_peak[0] == 2  # and never more than the server's slots
    assert slots._addresses == {}  # nothing kept once everyone is done


def test_sessions_per_address_close_the_connection_over_the_limit():
    entered: list[str] = []
    release = asyncio.Event()

    async def app(scope, receive, send):
        entered.append(scope["client"][0])
        await release.wait()

    guard = SessionsPerAddress(app, limit=2)

    async def scenario() -> list:
        sent: list = []

        async def send(event):
            sent.append(event)

        def scope(host: str, path: str = "/_stcore/stream") -> dict:
            return {"type": "websocket", "path": path, "client": (host, 5000)}

        tasks = [asyncio.create_task(guard(scope("127.0.0.2"), None, send)) for _ in range(2)]
        await asyncio.sleep(0)
        await guard(scope("127.0.0.2"), None, send)  # the third one: closed at once
        other = asyncio.create_task(guard(scope("127.0.0.1"), None, send))
        await asyncio.sleep(0)
        release.set()
        await asyncio.gather(*tasks, other)
        await guard(scope("127.0.0.2"), None, send)  # the first ones left: room again
        return sent

    # A thread of its own: in the whole suite, this one may already run an event loop
    # (Playwright's).
    result: list = []
    runner = threading.Thread(target=lambda: result.append(asyncio.run(scenario())))
    runner.start()
    runner.join(30)
    (sent,) = result
    assert sent == [{"type": "websocket.close", "code": 1013}]
    assert entered == ["127.0.0.2", "127.0.0.2", "127.0.0.1", "127.0.0.2"]
    assert not guard.open


@pytest.mark.parametrize(
    "secret, problem",
    [
        ("À REMPLACER", "valeur du modèle"),
        ("", "absent"),
        (None, "absent"),
        ("Zx8#kP2mQ", "trop court"),
        ("b" * 64, "trop facile"),
        ("motdepassemotdepassemotdepasse12", "trop facile"),
    ],
)
def test_weak_cookie_secrets_are_named(secret, problem):
    message = cookie_secret_problem(secret)
    assert message is not None and problem in message
    assert "secrets.token_urlsafe(48)" in message


def test_generated_cookie_secrets_are_accepted():
    for _ in range(20):
        assert cookie_secret_problem(secrets.token_urlsafe(48)) is None
        assert cookie_secret_problem(secrets.token_urlsafe(24)) is None  # 32 characters
        assert cookie_secret_problem(secrets.token_hex(24)) is None


def _auth_secrets(folder: Path, cookie_secret: str) -> Path:
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://localhost:8599/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "x"\nclient_secret = "y"\n'
        'server_metadata_url = "http://localhost:9/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("secret", ["À REMPLACER", "court", "a" * 48])
def test_the_launcher_refuses_to_start_with_a_weak_cookie_secret(secret, tmp_path):
    """On main a server whose secrets kept the example's value started, and a cookie signed
    with that value opened the import page and every export without signing in."""
    started = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.server",
            "--server.port",
            "8599",
            "--secrets.files",
            str(_auth_secrets(tmp_path, secret)),
        ],
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 2, started.stderr
    assert "cookie_secret" in started.stderr
    assert 'python -c "import secrets; print(secrets.token_urlsafe(48))"' in started.stderr
