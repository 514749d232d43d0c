"""Guards of the running server, so that one visitor cannot slow or disturb everyone.

Installed by dashboard/server.py before Streamlit starts (AppTest never runs them):
- **Back messages**: a browser may ask for a script run, stop it, keep the connection alive,
  upload a file and page through a table; nothing else. Streamlit's `clear_cache` (which
  empties every visitor's caches: the toolbar's viewer mode only hides its menu item),
  `set_run_on_save`, `load_git_info` and the skill-install operations are developer tools,
  refused from every client (fail closed: a message type unknown here is refused too).
- **Sessions per address**: a client address holds at most `sessions_per_address` open
  connections; the next one is closed before Streamlit sees it (code 1013, « try again
  later »). The limit leaves room for a meeting room behind one address (NAT).
- **Script runs**: at most `runs_per_address` scripts run at once for one address and
  `runs_total` for the whole server; further runs wait their turn (a queue, nothing is
  dropped). A rerun from a session that is already running does not take a second slot:
  Streamlit restarts that same run.

Streamlit (1.67, pinned in pyproject.toml) offers no setting for any of these, so the guards
wrap three of its internals: `AppSession.handle_backmsg`, the Starlette middleware list and
`ScriptRunner._run_script`. `install()` fails at start-up, loudly, if one has moved.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

LOGGER = logging.getLogger("dashboard.guard")

ALLOWED_BACK_MESSAGES = frozenset(
    {"rerun_script", "stop_script", "app_heartbeat", "file_urls_request"}
)
# backend_operation_request carries several operations: only those a visitor's page uses.
ALLOWED_BACKEND_OPERATIONS = frozenset({"dataframe_chunk", "deferred_file"})
STREAM_PATH = "_stcore/stream"
CLOSE_TRY_AGAIN_LATER = 1013


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name} doit être un nombre entier positif (lu : « {value} »)")
    return int(value)


@dataclass(frozen=True)
class Limits:
    sessions_per_address: int = 60
    runs_per_address: int = 1
    runs_total: int = 2

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults follow the machine: one address gets at most half the processors."""
        cpus = os.cpu_count() or 2
        return cls(
            sessions_per_address=_env_int("CIL_SESSIONS_PAR_ADRESSE", 60),
            runs_per_address=_env_int("CIL_EXECUTIONS_PAR_ADRESSE", max(1, cpus // 2)),
            runs_total=_env_int("CIL_EXECUTIONS_SIMULTANEES", max(2, cpus)),
        )


def client_key(host: str | None) -> str:
    """The address a limit counts against: an IPv6 client owns a whole /64, so its addresses
    count as one; anything unreadable counts under its own text."""
    if not host:
        return "?"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{host}/64", strict=False))
    return str(address)


def back_message_allowed(msg: Any) -> bool:
    kind = msg.WhichOneof("type")
    if kind == "backend_operation_request":
        operation = msg.backend_operation_request.WhichOneof("payload")
        return operation in ALLOWED_BACKEND_OPERATIONS
    return kind in ALLOWED_BACK_MESSAGES


class SessionsPerAddress:
    """ASGI middleware: at most `limit` open Streamlit connections per client address."""

    def __init__(self, app: Callable, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.open: Counter[str] = Counter()  # only touched on the event loop: no lock

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "websocket" or not scope.get("path", "").endswith(STREAM_PATH):
            await self.app(scope, receive, send)
            return
        key = client_key((scope.get("client") or (None,))[0])
        if self.open[key] >= self.limit:
            LOGGER.warning("connexion refusée : %s a déjà %s sessions ouvertes", key, self.limit)
            await send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN_LATER})
            return
        self.open[key] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.open[key] -= 1
            if not self.open[key]:
                del self.open[key]


class RunSlots:
    """Slots for script runs: per address, then for the whole server; a run waits for both."""

    def __init__(self, per_address: int, total: int) -> None:
        self.per_address = per_address
        self.total = threading.BoundedSemaphore(total)
        self._lock = threading.Lock()
        self._addresses: dict[str, tuple[threading.BoundedSemaphore, int]] = {}

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        with self._lock:
            semaphore, users = self._addresses.get(
                key, (threading.BoundedSemaphore(self.per_address), 0)
            )
            self._addresses[key] = (semaphore, users + 1)
        try:
            with semaphore, self.total:
                yield
        finally:
            with self._lock:
                semaphore, users = self._addresses[key]
                if users == 1:
                    del self._addresses[key]
                else:
                    self._addresses[key] = (semaphore, users - 1)


def _session_address(session_id: str) -> str:
    from streamlit import runtime

    client = runtime.get_instance().get_client(session_id)
    context = getattr(client, "client_context", None)
    return client_key(getattr(context, "remote_ip", None))


def install(limits: Limits) -> None:
    """Wraps Streamlit's internals (see the module's docstring); call once, before start."""
    from starlette.middleware import Middleware
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.web.server.starlette import starlette_app

    handle_backmsg = AppSession.handle_backmsg
    run_script = ScriptRunner._run_script
    streamlit_middleware = starlette_app.create_streamlit_middleware
    slots = RunSlots(limits.runs_per_address, limits.runs_total)

    def guarded_backmsg(self: AppSession, msg: Any) -> None:
        if back_message_allowed(msg):
            handle_backmsg(self, msg)
        else:
            LOGGER.warning("message refusé du navigateur : %s", msg.WhichOneof("type"))

    def guarded_run(self: ScriptRunner, rerun_data: Any) -> None:
        with slots.hold(_session_address(self._session_id)):
            run_script(self, rerun_data)

    def middleware() -> list:
        # First in the list, so it runs before Streamlit's own middleware and routes.
        return [
            Middleware(SessionsPerAddress, limit=limits.sessions_per_address),
            *streamlit_middleware(),
        ]

    AppSession.handle_backmsg = guarded_backmsg
    ScriptRunner._run_script = guarded_run
    starlette_app.create_streamlit_middleware = middleware
