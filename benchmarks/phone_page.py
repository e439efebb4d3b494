"""How fast the phone page follows the queue, and how much it serves.

Prints ``figure: value`` lines only:

* ``live_update_ms_p50`` / ``live_update_ms_max``: from a counter's call
  committed by another connection to the store (as a counter PC would) until
  the phone's live stream (server-sent events) delivers the changed page,
  over ``ROUNDS`` calls; the issue asks for under 2000 ms;
* ``page_ms_p50``: one ticket page request on a fresh connection;
* ``requests_per_s``: ticket pages served a second, one client after another
  on fresh connections (rate limit raised out of the way);
* ``healthz_p99_ms_2000_slow_clients``: ``/healthz`` on a fresh connection
  from 127.0.0.1 while one other loopback address (127.0.0.2) has opened
  2,000 connections that each sent half a request and stopped (the issue
  asks for at most 100 ms); ``slow_clients_held`` / ``slow_clients_refused``
  say how many of them the per-address cap kept and closed at once.

Run: ``python benchmarks/phone_page.py``.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import load_config  # noqa: E402
from app.service import HallService  # noqa: E402
from app.store.sqlite import SQLiteStore  # noqa: E402
from app.web.serve import ServerThread  # noqa: E402
from app.web.server import create_app  # noqa: E402

ROUNDS = 20
PAGES = 300
SLOW_CLIENTS = 2000
HEALTH_CHECKS = 300


def read_event(response: http.client.HTTPResponse) -> dict[str, object]:
    data: list[str] = []
    while True:
        line = response.readline().decode("utf-8").rstrip("\r\n")
        if line.startswith("data:"):
            data.append(line[5:].strip())
        elif line == "" and data:
            return dict(json.loads("\n".join(data)))


def main() -> None:
    cfg = load_config()
    cfg = cfg.model_copy(update={"web": cfg.web.model_copy(update={"requests_per_minute": 100000})})
    with tempfile.TemporaryDirectory() as d:
        db = Path(d) / "hall.db"
        kiosk_store, web_store = SQLiteStore(db), SQLiteStore(db)
        kiosk = HallService(cfg, kiosk_store)
        kiosk.execute("open_counter", "bench", counter=1)
        tickets = [kiosk.issue("A", "kiosk-1") for _ in range(ROUNDS + 1)]
        watched = tickets[-1]
        with ServerThread(create_app(cfg, web_store)) as server:
            conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
            conn.request("GET", f"/t/{watched.token}/live")
            stream = conn.getresponse()
            read_event(stream)
            delays = []
            for _ in range(ROUNDS):
                t0 = time.perf_counter()
                kiosk.execute("call_next", "bench", counter=1, finish_current=True)
                read_event(stream)
                delays.append((time.perf_counter() - t0) * 1000)
            conn.close()

            page_ms = []
            start = time.perf_counter()
            for _ in range(PAGES):
                t0 = time.perf_counter()
                c = http.client.HTTPConnection(server.host, server.port, timeout=10)
                c.request("GET", f"/t/{watched.token}")
                c.getresponse().read()
                c.close()
                page_ms.append((time.perf_counter() - t0) * 1000)
            rate = PAGES / (time.perf_counter() - start)
        kiosk_store.close()
        web_store.close()
    p99, held, refused = slow_clients(cfg)
    print(f"live_update_ms_p50: {statistics.median(delays):.0f}")
    print(f"live_update_ms_max: {max(delays):.0f}")
    print(f"page_ms_p50: {statistics.median(page_ms):.1f}")
    print(f"requests_per_s: {rate:.0f}")
    print(f"healthz_p99_ms_2000_slow_clients: {p99:.1f}")
    print(f"slow_clients_held: {held}")
    print(f"slow_clients_refused: {refused}")


def slow_clients(cfg: object) -> tuple[float, int, int]:
    """``/healthz`` p99 while 2,000 half-open connections come from one loopback address."""
    from app.web.serve import raise_fd_limit

    raise_fd_limit()
    with tempfile.TemporaryDirectory() as d:
        store = SQLiteStore(Path(d) / "hall.db")
        greedy: list[socket.socket] = []
        try:
            with ServerThread(create_app(cfg, store)) as server:  # type: ignore[arg-type]
                for _ in range(SLOW_CLIENTS):
                    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    greedy.append(s)
                    s.settimeout(10)
                    s.bind(("127.0.0.2", 0))
                    s.connect((server.host, server.port))
                    with contextlib.suppress(OSError):
                        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: phone\r\nX-Slow: ")
                limits = server.server.limits
                deadline = time.monotonic() + 10
                while limits.refused + limits.by_address.get("127.0.0.2", 0) < SLOW_CLIENTS:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the server did not take in the slow clients")
                    time.sleep(0.01)
                times = []
                for _ in range(HEALTH_CHECKS):
                    t0 = time.perf_counter()
                    c = http.client.HTTPConnection(server.host, server.port, timeout=10)
                    c.request("GET", "/healthz")
                    response = c.getresponse()
                    response.read()
                    c.close()
                    if response.status != 200:
                        raise RuntimeError(f"/healthz answered {response.status}")
                    times.append((time.perf_counter() - t0) * 1000)
                held, refused = limits.by_address.get("127.0.0.2", 0), limits.refused
        finally:
            for s in greedy:
                s.close()
            store.close()
    times.sort()
    return times[int(len(times) * 0.99) - 1], held, refused


if __name__ == "__main__":
    main()
