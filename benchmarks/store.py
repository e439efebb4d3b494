"""Durable ticket issue on the embedded SQLite store.

Each issue is a full HallService.issue(): catch up with other writers, check
the rules, allocate the number, append the `issued` and `estimated` events and
commit with synchronous=FULL (fsync). Prints `figure: value` lines only.
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Config, load_config, parse_config  # noqa: E402
from app.service import HallService  # noqa: E402
from app.store.sqlite import SQLiteStore  # noqa: E402

CONFIG = ROOT / "config" / "default.toml"
PER_PROC = 400


def _uncapped() -> Config:
    """The demo hall without daily caps, so the benchmark measures the store, not a refusal."""
    data = load_config(CONFIG).model_dump(exclude={"base_dir"})
    for service in data["services"]:
        service["daily_cap"] = None
    return parse_config(data, str(CONFIG.parent))


def _issue_many(db: str, n: int, kiosk: str, start: mp.synchronize.Event | None = None,
                out: mp.Queue | None = None) -> list[float]:  # type: ignore[type-arg]
    hall = HallService(_uncapped(), SQLiteStore(db))
    services = ["A", "B", "C"]
    if start is not None:
        start.wait()
    lat = []
    for i in range(n):
        t0 = time.perf_counter()
        hall.issue(services[i % 3], kiosk)
        lat.append(time.perf_counter() - t0)
    if out is not None:
        out.put(lat)
    return lat


def _issue_with_queue(db: str, waiting: int, n: int) -> list[float]:
    """Issue latency with ``waiting`` tickets in the queue and the wait model attached."""
    from app.wait import load_estimator

    cfg = _uncapped()
    hall = HallService(cfg, SQLiteStore(db))
    services = ["A", "B", "C"]
    for i in range(waiting):
        hall.issue(services[i % 3], "kiosk-1")
    est = load_estimator(cfg, hall)
    if est.mode()[0] != "model":
        raise SystemExit(f"the wait model is not in use: {est.mode()[1]}")
    lat = []
    for i in range(n):
        t0 = time.perf_counter()
        hall.issue(services[i % 3], "kiosk-1")
        lat.append(time.perf_counter() - t0)
    return lat


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        db1 = str(Path(d) / "one.db")
        t0 = time.perf_counter()
        lat = _issue_many(db1, PER_PROC, "kiosk-1")
        total = time.perf_counter() - t0
        print(f"issue_per_s_1proc: {PER_PROC / total:.1f}")
        print(f"issue_p50_ms_1proc: {statistics.median(lat) * 1000:.2f}")
        print(f"issue_p99_ms_1proc: {_pct(lat, 99) * 1000:.2f}")

        db4 = str(Path(d) / "four.db")
        SQLiteStore(db4).close()
        ctx = mp.get_context("spawn")
        start = ctx.Event()
        out: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
        procs = [ctx.Process(target=_issue_many, args=(db4, PER_PROC, f"kiosk-{i}", start, out))
                 for i in range(4)]
        for p in procs:
            p.start()
        time.sleep(1.0)  # let every process import and open the store
        t0 = time.perf_counter()
        start.set()
        lats: list[float] = []
        for _ in procs:
            lats.extend(out.get())
        total = time.perf_counter() - t0
        for p in procs:
            p.join()
        print(f"issue_per_s_4proc: {4 * PER_PROC / total:.1f}")
        print(f"issue_p99_ms_4proc: {_pct(lats, 99) * 1000:.2f}")

        lat = _issue_with_queue(str(Path(d) / "queue.db"), 1000, 200)
        print(f"issue_p50_ms_1000_waiting: {statistics.median(lat) * 1000:.2f}")
        print(f"issue_p99_ms_1000_waiting: {_pct(lat, 99) * 1000:.2f}")


if __name__ == "__main__":
    main()
