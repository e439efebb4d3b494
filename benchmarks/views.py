"""One snapshot of the hall for the screens, with the shipped wait model.

A hall with 60 tickets waiting over three services. The screens read the
estimator's batch (computed once when the queue changed); the figure beside
it is what a snapshot costs when every estimate shown is asked for one by one
(a model run each), as the kiosk once did on every event. Prints
`figure: value` lines only.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.clock import ManualClock  # noqa: E402
from app.config import load_config  # noqa: E402
from app.service import HallService  # noqa: E402
from app.store.sqlite import SQLiteStore  # noqa: E402
from app.views import take_snapshot  # noqa: E402
from app.wait import load_estimator  # noqa: E402

ROUNDS = 200


def _ms(fn: object, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    config = load_config(ROOT / "config" / "default.toml")
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "events.db")
        hall = HallService(config, store, ManualClock(datetime(2026, 4, 13, 2, 0, tzinfo=UTC)))
        estimator = load_estimator(config, hall)
        for n in (1, 2, 3):
            hall.execute("open_counter", "101", counter=n)
        for i in range(60):
            hall.issue("ABC"[i % 3], "kiosk-1")
        waiting = len(estimator.current_estimates())
        number = next(iter(estimator.current_estimates()))
        runs = estimator.refreshes
        batch_ms = _ms(lambda: take_snapshot(hall, tracked=number))
        print(f"waiting tickets: {waiting}")
        print(f"snapshot from the batch, median ms: {batch_ms:.2f}")
        print(f"model batch runs during those snapshots: {estimator.refreshes - runs}")
        estimator.detach()  # no batch: each estimate shown is asked for on its own
        single_ms = _ms(lambda: take_snapshot(hall, tracked=number), rounds=50)
        print(f"snapshot asking each estimate, median ms: {single_ms:.2f}")
        store.close()


if __name__ == "__main__":
    main()
