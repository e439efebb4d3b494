"""Processes that play a hall's kiosks, counters and displays, for the multi-process tests.

Each worker opens its own store from a URL (so it is a separate client, as a
kiosk box is), runs :class:`app.service.HallService` commands by name, and
reports through a ``multiprocessing`` queue. They are started with the
``spawn`` method, so nothing of the test process leaks into them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event as MpEvent
from pathlib import Path
from typing import Any, TypeVar

from app.config import Config, load_config
from app.errors import CommandRefused, StoreError
from app.service import HallService
from app.store import open_store

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent


def hall_config(last: int = 999) -> Config:
    """The default hall (services issue at any hour) without daily caps, for volume.

    ``last`` widens the numbers' range for runs that issue for a long time
    (9999 gives four-digit numbers).
    """
    cfg = load_config(ROOT / "config" / "default.toml")
    services = tuple(
        s.model_copy(update={"daily_cap": None, "last": last}) for s in cfg.services
    )
    return cfg.model_copy(update={"services": services})


def _retrying(what: Callable[[], T], tries: int = 20) -> T:
    """Run a command again when the store says it is busy, as a kiosk's person would.

    A busy store refuses without changing anything, so a retry is safe; the
    embedded SQLite store can keep a writer waiting past its busy timeout when
    a dozen processes write at once on a loaded machine.
    """
    for attempt in range(tries):
        try:
            return what()
        except StoreError:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def issuer(url: str, kiosk: str, count: int, services: str, out: Queue[Any], go: MpEvent,
           finish: MpEvent) -> None:
    """Issue ``count`` tickets cycling over ``services``; report them, then the final state."""
    store = open_store(url)
    hall = HallService(hall_config(), store)
    go.wait()
    acked = []
    for k in range(count):
        svc = services[k % len(services)]
        t = _retrying(lambda: hall.issue(svc, kiosk))  # noqa: B023 (called at once)
        acked.append((t.number, t.service, t.seq, t.token))
    out.put(("done", kiosk, acked))
    finish.wait()
    hall.refresh()
    out.put(("snapshot", kiosk, hall.state.snapshot()))
    store.close()


def caller(url: str, counter: int, out: Queue[Any], go: MpEvent, stop: MpEvent,
           finish: MpEvent) -> None:
    """Call the next ticket at ``counter`` until told to stop and nobody is waiting."""
    store = open_store(url)
    hall = HallService(hall_config(), store)
    actor = f"staff-{counter}"
    hall.execute("open_counter", actor, counter=counter)
    go.wait()
    called = []
    while True:
        try:
            for e in _retrying(lambda: hall.execute("call_next", actor, counter=counter,
                                                    finish_current=True)):
                if e.kind == "called":
                    called.append(e.ticket)
        except CommandRefused as exc:
            if exc.code != "queue_empty":
                raise
            if stop.is_set():
                break
            hall.wait_and_refresh(0.05)
    out.put(("done", f"counter-{counter}", called))
    finish.wait()
    hall.refresh()
    out.put(("snapshot", f"counter-{counter}", hall.state.snapshot()))
    store.close()


def resilient_issuer(url: str, kiosk: str, services: str, out: Queue[Any], stop: MpEvent) -> None:
    """Issue tickets until told to stop, riding out a server that goes away and comes back.

    Reports every acknowledged ticket, every message a person would have been
    shown, and ``recovered`` the first time a ticket issues after a failure.
    """
    store = open_store(url)
    acked: list[tuple[str, str, int, str]] = []
    messages: list[str] = []
    hall: HallService | None = None
    failed = False
    k = 0
    while not stop.is_set():
        try:
            if hall is None:
                hall = HallService(hall_config(last=9999), store)
            t = hall.issue(services[k % len(services)], kiosk)
        except StoreError as exc:
            messages.append(exc.message)
            if not failed:
                out.put(("failed", kiosk, len(messages)))
            failed = True
            time.sleep(0.05)  # a kiosk's retry pace, not a timing assumption
            continue
        except CommandRefused as exc:
            if exc.code != "range_exhausted":
                raise
            # a fast machine used the whole day's range: this kiosk is done issuing
            stop.wait()
            break
        k += 1
        acked.append((t.number, t.service, t.seq, t.token))
        out.put(("acked", kiosk, len(acked)))
        time.sleep(0.01)  # a busy kiosk, not a flood: the run stays within the number range
        if failed:
            failed = False
            out.put(("recovered", kiosk, len(messages)))
    out.put(("done", kiosk, (acked, messages)))
    store.close()


def display(url: str, name: str, out: Queue[Any], target: Any, finish: MpEvent) -> None:
    """Follow the log only through :meth:`Store.wait` until it has seen ``target.value``."""
    store = open_store(url)
    hall: HallService | None = None
    errors = 0
    out.put(("ready", name, 0))
    while True:
        try:
            if hall is None:
                hall = HallService(hall_config(), store)
            hall.wait_and_refresh(0.5)
        except StoreError:
            errors += 1
            time.sleep(0.05)
            continue
        if finish.is_set() and target.value and hall.state.last_seq >= target.value:
            break
    out.put(("done", name, (errors, hall.state.last_seq, hall.state.snapshot())))
    store.close()
