"""How fast the phone page follows the queue, and how much it serves.

Prints ``figure: value`` lines only:

* ``live_update_ms_p50`` / ``live_update_ms_max``: from a counter's call
  committed by another connection to the store (as a counter PC would) until
  the phone's live stream (server-sent events) delivers the changed page,
  over ``ROUNDS`` calls; the issue asks for under 2000 ms;
* ``page_ms_p50``: one ticket page request on a fresh connection;
* ``requests_per_s``: ticket pages served a second, one client after another
  on fresh connections (rate limit raised out of the way).

Run: ``python benchmarks/phone_page.py``.
"""

from __future__ import annotations

import http.client
import json
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
    print(f"live_update_ms_p50: {statistics.median(delays):.0f}")
    print(f"live_update_ms_max: {max(delays):.0f}")
    print(f"page_ms_p50: {statistics.median(page_ms):.1f}")
    print(f"requests_per_s: {rate:.0f}")


if __name__ == "__main__":
    main()
