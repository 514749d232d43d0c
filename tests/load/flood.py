"""The flood of issue 16: raw websocket sessions, as a script would open them (no browser),
each asking for a year and commune combination not asked before and sending Streamlit's
`clear_cache` message before each run, to keep the server busy for everyone.

Loopback only, bounded in sessions and time, from a loopback address of its own (127.0.0.2 by
default: Linux routes all of 127.0.0.0/8 to the loopback interface), so that a second visitor
at 127.0.0.1 is another client for the server's per-address limits.

    .venv/bin/python -m tests.load.flood http://localhost:8501 --sessions 16 --duree 90
"""

from __future__ import annotations

import argparse
import itertools
import random
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.sync.client import ClientConnection, connect

from dashboard.settings import get_settings

MAX_SESSIONS = 40
MAX_SECONDS = 600


def open_session(url: str, source: str = "127.0.0.2", timeout: float = 10) -> ClientConnection:
    """A Streamlit session over a raw websocket, from the loopback address `source`."""
    parsed = urlparse(url)
    if parsed.hostname not in {"localhost", "127.0.0.1"} or not source.startswith("127."):
        raise ValueError("boucle locale uniquement")
    sock = socket.create_connection(
        ("127.0.0.1", parsed.port or 80), timeout=timeout, source_address=(source, 0)
    )
    return connect(
        f"ws://localhost:{parsed.port}/_stcore/stream",
        sock=sock,
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=timeout,
    )


def send_clear_cache(ws: ClientConnection) -> None:
    msg = BackMsg()
    msg.clear_cache = True
    ws.send(msg.SerializeToString())


def run_page(ws: ClientConnection, query: str, timeout: float = 60) -> bytes:
    """Asks for a run of the app with this query string; returns what the server sent until
    the run finished (ForwardMsgs, serialized)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    ws.send(msg.SerializeToString())
    deadline = time.monotonic() + timeout
    received = []
    while True:
        data = ws.recv(timeout=max(0.1, deadline - time.monotonic()))
        received.append(data)
        forward = ForwardMsg()
        forward.ParseFromString(data)
        if forward.WhichOneof("type") == "script_finished":
            return b"".join(received)


def combinations(seed: int = 16) -> Iterator[str]:
    """Year and commune subsets, in a random order: each asked once, then again."""
    settings = get_settings()
    codes = settings.insee_codes
    years = range(settings.premiere_annee, 2027)
    subsets = [
        ",".join(c) for n in range(1, len(codes) + 1) for c in itertools.combinations(codes, n)
    ]
    pairs = [f"annee={y}&communes={s}" for y in years for s in subsets]
    random.Random(seed).shuffle(pairs)
    return itertools.cycle(pairs)


@dataclass
class Flood:
    url: str
    sessions: int = 16
    source: str = "127.0.0.2"
    runs: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _open: list[ClientConnection] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, duration: float = 60) -> Flood:
        if not 0 < self.sessions <= MAX_SESSIONS or not 0 < duration <= MAX_SECONDS:
            raise ValueError(f"au plus {MAX_SESSIONS} sessions et {MAX_SECONDS} s")
        queries = combinations()
        deadline = time.monotonic() + duration
        for _ in range(self.sessions):
            thread = threading.Thread(target=self._session, args=(queries, deadline), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _session(self, queries: Iterator[str], deadline: float) -> None:
        try:
            ws = open_session(self.url, self.source)
        except InvalidStatus:  # the server refused the connection (per-address limit)
            with self._lock:
                self.refused += 1
            return
        except OSError as exc:
            self.errors.append(repr(exc))
            return
        with self._lock:
            self._open.append(ws)
        with ws:
            while not self._stop.is_set() and time.monotonic() < deadline:
                with self._lock:
                    query = next(queries)
                try:
                    send_clear_cache(ws)
                    run_page(ws, query, timeout=max(1, deadline - time.monotonic()))
                except TimeoutError:
                    continue
                except WebSocketException as exc:  # closed by the server, or by stop()
                    if not self._stop.is_set():
                        self.errors.append(repr(exc))
                    return
                with self._lock:
                    self.runs += 1

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            for ws in self._open:
                ws.close()
        for thread in self._threads:
            thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="adresse du tableau de bord (boucle locale)")
    parser.add_argument("--sessions", type=int, default=16)
    parser.add_argument("--duree", type=float, default=60, help="secondes")
    args = parser.parse_args()
    flood = Flood(args.url, args.sessions).start(args.duree)
    time.sleep(args.duree)
    flood.stop()
    print(
        f"{flood.runs} exécutions, {flood.refused} sessions refusées, {len(flood.errors)} erreurs"
    )


if __name__ == "__main__":
    main()
