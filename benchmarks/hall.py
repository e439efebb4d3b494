"""Hall mode under load: 20 kiosk and 40 counter processes sharing one PostgreSQL.

Starts its own throwaway PostgreSQL (durable: fsync and synchronous commit on,
as a hall's server runs), then forks 20 kiosk processes, 40 counter processes
and 3 display processes, each a separate client with its own store and
:class:`app.service.HallService`, as the machines of a hall are.

Kiosks and counters do not follow the log between their own commands (the
displays do): each command catches up inside its transaction, the longest
a writer can hold the lock. On real hardware every kiosk is its own
machine; sixty processes each applying every event on one 2-core box would
measure the box's CPU, not the hall's server.

Two phases:

1. *busy hall* (``PACED_S`` seconds): every kiosk issues a ticket on average
   every ``KIOSK_EVERY_S`` and every counter calls the next one every
   ``COUNTER_EVERY_S`` (random, Poisson arrivals) — many times a real hall's
   rate. Latencies are measured here.
2. *flat out* (``SATURATED_S`` seconds): every kiosk issues back to back and
   every counter calls as fast as there are tickets: the most the server
   sustains (``ops_per_s``).

Prints ``figure: value`` lines only:

* ``ops_per_s``: issues and calls a second, flat out;
* ``busy_ops_per_s``: issues and calls a second in the busy phase;
* ``issue_p50_ms`` / ``issue_p99_ms``: one issue (number, event and estimate,
  committed), busy phase;
* ``call_to_display_p99_ms``: from a counter pressing "call" until every
  display process has seen the call, busy phase;
* ``flat_out_issue_p99_ms``: an issue while 60 clients write flat out;
* ``duplicate_numbers`` (must be 0), ``number_gaps`` (must be 0),
  ``chain_ok`` (1: the whole log's hash chain verifies), ``events``.

Run: ``python benchmarks/hall.py`` (``--fast`` turns the server's fsync off,
to see the figures without the disk; ``--paced N --flat N`` set the phases).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Config, load_config  # noqa: E402
from app.errors import CommandRefused, StoreError  # noqa: E402
from app.events import Event  # noqa: E402
from app.hall import HallState  # noqa: E402
from app.service import HallService  # noqa: E402
from app.store.pg_local import ClusterUnavailable, LocalCluster  # noqa: E402
from app.store.pg_schema import migrate  # noqa: E402
from app.store.postgres import PostgresStore  # noqa: E402

KIOSKS = 20
COUNTERS = 40
DISPLAYS = 3
PACED_S = 10.0
SATURATED_S = 6.0
KIOSK_EVERY_S = 2.0
COUNTER_EVERY_S = 4.0
STARTUP_S = 6.0


def bench_config() -> Config:
    """The default hall with 40 counters, no daily caps and four-digit numbers."""
    cfg = load_config(ROOT / "config" / "default.toml")
    services = tuple(s.model_copy(update={"daily_cap": None, "last": 9999}) for s in cfg.services)
    codes = [s.code for s in services]
    template = cfg.counters[0]
    counters = tuple(
        template.model_copy(update={"number": n, "services": (codes[(n - 1) % len(codes)],)})
        for n in range(1, COUNTERS + 1)
    )
    return cfg.model_copy(update={"services": services, "counters": counters})


def _sleep_until(t: float) -> None:
    delay = t - time.time()
    if delay > 0:
        time.sleep(delay)


def _ticks(rng: random.Random, every_s: float, t0: float, t1: float, t2: float
           ) -> Iterator[bool]:
    """A client's moments to act: paced (Poisson, mean ``every_s``) until ``t1``,
    then flat out until ``t2``; yields whether it is still the paced phase."""
    _sleep_until(t0)
    due = t0 + rng.expovariate(1 / every_s)
    while True:
        now = time.time()
        if now >= t2:
            return
        busy = now < t1
        if busy:
            if due >= t1:
                _sleep_until(t1)
                continue
            _sleep_until(due)
            due += rng.expovariate(1 / every_s)
        yield busy


def kiosk(url: str, idx: int, t0: float, t1: float, t2: float, out: Any) -> None:
    store = PostgresStore(url, application_name=f"kiosk-{idx}")
    hall = HallService(bench_config(), store)
    rng = random.Random(idx)
    codes = [s.code for s in hall.config.services]
    paced: list[float] = []
    flat: list[float] = []
    done: list[float] = []
    errors = 0
    for busy in _ticks(rng, KIOSK_EVERY_S, t0, t1, t2):
        start = time.perf_counter()
        try:
            hall.issue(rng.choice(codes), f"kiosk-{idx}")
        except (StoreError, CommandRefused):
            errors += 1
            continue
        ms = (time.perf_counter() - start) * 1000
        (paced if busy else flat).append(ms)
        done.append(time.time())
    out.put(("kiosk", idx, {"paced": paced, "flat": flat, "done": done, "errors": errors}))
    store.close()


def counter(url: str, number: int, t0: float, t1: float, t2: float, out: Any) -> None:
    store = PostgresStore(url, application_name=f"counter-{number}")
    hall = HallService(bench_config(), store)
    actor = f"staff-{number}"
    hall.execute("open_counter", actor, counter=number)
    rng = random.Random(1000 + number)
    calls: list[tuple[int, float, bool]] = []  # (seq of the call, pressed at, busy phase)
    done: list[float] = []
    errors = 0
    for busy in _ticks(rng, COUNTER_EVERY_S, t0, t1, t2):
        pressed = time.time()
        try:
            events = hall.execute("call_next", actor, counter=number, finish_current=True)
        except CommandRefused:
            if not busy:
                time.sleep(0.05)  # nobody waiting: staff would not hammer the button
            continue
        except StoreError:
            errors += 1
            continue
        for e in events:
            if e.kind == "called" and e.seq is not None:
                calls.append((e.seq, pressed, busy))
        done.append(time.time())
    out.put(("counter", number, {"calls": calls, "done": done, "errors": errors}))
    store.close()


def display(url: str, idx: int, t2: float, out: Any) -> None:
    store = PostgresStore(url, application_name=f"display-{idx}")
    hall = HallService(bench_config(), store)
    seen: dict[int, float] = {}

    def on_events(events: list[Event]) -> None:
        now = time.time()
        for e in events:
            if e.kind == "called" and e.seq is not None:
                seen.setdefault(e.seq, now)

    hall.subscribe(on_events)
    while time.time() < t2 + 2.0:
        try:
            hall.wait_and_refresh(0.25)
        except StoreError:
            continue
    hall.refresh()
    out.put(("display", idx, {"seen": seen, "snapshot": hall.state.snapshot()}))
    store.close()


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="server without fsync")
    parser.add_argument("--paced", type=float, default=PACED_S, help="busy phase, seconds")
    parser.add_argument("--flat", type=float, default=SATURATED_S, help="flat-out phase, seconds")
    args = parser.parse_args()

    try:
        cluster = LocalCluster(durable=not args.fast)
        cluster.start()
    except ClusterUnavailable as exc:
        print(f"hall benchmark: {exc}", file=sys.stderr)
        return 1
    try:
        url = cluster.create_database("hall")
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            migrate(conn)
        ctx = mp.get_context("fork")
        out = ctx.Queue()
        t0 = time.time() + STARTUP_S
        t1 = t0 + args.paced
        t2 = t1 + args.flat
        procs = [ctx.Process(target=kiosk, args=(url, i, t0, t1, t2, out)) for i in range(KIOSKS)]
        procs += [ctx.Process(target=counter, args=(url, n, t0, t1, t2, out))
                  for n in range(1, COUNTERS + 1)]
        procs += [ctx.Process(target=display, args=(url, i, t2, out)) for i in range(DISPLAYS)]
        print(f"hall benchmark: {len(procs)} processes, PostgreSQL on port {cluster.port}, "
              f"{'no fsync' if args.fast else 'durable'}", file=sys.stderr)
        for p in procs:
            p.start()
        results: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for _ in procs:
            role, _idx, payload = out.get(timeout=STARTUP_S + args.paced + args.flat + 120)
            results[role].append(payload)
        for p in procs:
            p.join(30)
        late = time.time() - t0
        if late < 0:
            print("hall benchmark: processes finished before the start?", file=sys.stderr)

        store = PostgresStore(url)
        log = store.read_after(0)
        verified = store.verify()
        store.close()
    finally:
        cluster.cleanup()

    cfg = bench_config()
    issued = [e for e in log if e.kind == "issued"]
    state = HallState(cfg)
    per: dict[tuple[object, str], list[int]] = defaultdict(list)
    for e in issued:
        per[(state.business_day(e.ts), str(e["service"]))].append(int(e["number"]))
    duplicates = sum(len(v) - len(set(v)) for v in per.values())
    gaps = sum(max(v) - len(set(v)) for v in per.values() if v)

    paced = [ms for r in results["kiosk"] for ms in r["paced"]]
    flat = [ms for r in results["kiosk"] for ms in r["flat"]]
    finished = [t for role in ("kiosk", "counter") for r in results[role] for t in r["done"]]
    busy_ops = sum(1 for t in finished if t0 <= t < t1) / args.paced
    flat_ops = sum(1 for t in finished if t1 <= t < t2) / args.flat
    displays = results["display"]
    lags = []
    missing = 0
    for r in results["counter"]:
        for seq, pressed, busy in r["calls"]:
            if not busy:
                continue
            times = [d["seen"].get(seq) for d in displays]
            if any(t is None for t in times):
                missing += 1
                continue
            lags.append((max(t for t in times if t is not None) - pressed) * 1000)
    truth = HallState(cfg)
    for e in log:
        truth.apply(e)
    converged = all(d["snapshot"] == truth.snapshot() for d in displays)
    errors = sum(r["errors"] for role in ("kiosk", "counter") for r in results[role])

    print(f"ops_per_s: {flat_ops:.1f}")
    print(f"busy_ops_per_s: {busy_ops:.1f}")
    print(f"issue_p50_ms: {_pct(paced, 50):.1f}")
    print(f"issue_p99_ms: {_pct(paced, 99):.1f}")
    print(f"call_to_display_p99_ms: {_pct(lags, 99):.1f}")
    print(f"call_to_display_p50_ms: {_pct(lags, 50):.1f}")
    print(f"flat_out_issue_p50_ms: {_pct(flat, 50):.1f}")
    print(f"flat_out_issue_p99_ms: {_pct(flat, 99):.1f}")
    print(f"duplicate_numbers: {duplicates}")
    print(f"number_gaps: {gaps}")
    print(f"calls_not_displayed: {missing}")
    print(f"displays_converged: {int(converged)}")
    print(f"store_errors: {errors}")
    print(f"chain_ok: {int(verified.ok and verified.checked == len(log))}")
    print(f"events: {len(log)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
