"""What the phone page knows about the hall, kept current from the shared store.

:class:`LiveHall` holds a :class:`~app.service.HallService` over the same
store as the kiosk (it runs no command on it), the wait estimator following
that hall without writing (``load_estimator(..., records=False)``), a map
from each ticket's link token to its number, and a background thread that
waits on the store for events appended by other processes (kiosks, counters)
and folds them in. Each time something changes it wakes the open live
connections (server-sent events) on the web server's event loop.

What the page shows of a ticket is :func:`app.views.phone_view` of one
snapshot. It never calls a command: nothing here can change the queue. Its one write
is :meth:`LiveHall.record_feedback`, which appends a single
``estimate_feedback`` event (a citizen's "was the estimate right?") through
:meth:`HallService.record`, at most once per ticket.

A token is valid only while its ticket is in today's state: the issued event
that carried it must be the one the ticket of that number came from, and the
ticket's business day must be today's by the clock. A new day drops every
ticket, so yesterday's links stop working even before the first event of the
day arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import threading
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from app.clock import Clock
from app.config import Config, pick
from app.estimate import Estimator, EstimatorInfo
from app.events import Event
from app.hall import TicketStatus
from app.service import HallService
from app.store.base import Store
from app.views import Feedback, PhoneView, estimator_info, phone_view, take_snapshot
from app.views import TicketView as TicketStanding
from app.wait import load_estimator

log = logging.getLogger(__name__)

#: what a ticket token looks like (secrets.token_urlsafe(12) gives 16 characters)
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

#: how long the watcher waits on the store in one go; bounds how late it notices a stop
WAIT_SLICE_S = 0.25

#: the event a citizen's answer becomes, and the actor it is recorded under
FEEDBACK_KIND = "estimate_feedback"
FEEDBACK_ACTOR = "phone-page"

#: what the page shows of one ticket (built in :mod:`app.views`)
TicketView = PhoneView


class FeedbackResult(Enum):
    """What became of a citizen's answer."""

    RECORDED = "recorded"
    #: the ticket already has an answer: the new one is ignored
    ALREADY = "already"
    #: the ticket has not been called yet (or showed no estimate): nothing to judge
    NOT_YET = "not_yet"
    NOT_FOUND = "not_found"
    #: the store refused the write (a read-only role, a lost connection)
    UNAVAILABLE = "unavailable"


def well_formed(token: str) -> bool:
    """True when ``token`` has the shape of a ticket token (says nothing of validity)."""
    return bool(TOKEN_RE.fullmatch(token))


@dataclass
class _Health:
    ok: bool = True
    error: str = ""
    failures: int = 0


class LiveHall:
    """The hall as the phone page sees it, current within a fraction of a second.

    Read-only but for one thing: :meth:`record_feedback` appends a citizen's
    answer about the wait estimate. No command is ever run from here.
    """

    def __init__(
        self,
        config: Config,
        store: Store,
        clock: Clock | None = None,
        estimator: Estimator | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.lock = threading.RLock()
        self.service = HallService(config, store, clock)
        if estimator is not None:
            self.service.estimator = estimator
        else:
            # the kiosk's estimator writes the incidents; this one only follows the log
            load_estimator(config, self.service, records=False)
        self._tokens: dict[str, tuple[str, int]] = {}
        # per ticket (keyed by its issued event's seq, as numbers restart each day):
        # the method of the estimate shown at issue, and whether it has an answer
        self._last_issue: dict[str, int] = {}
        self._shown: dict[int, str] = {}
        self._answered: set[int] = set()
        self._day: date | None = self.service.state.day
        self.health = _Health()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self.closing = False
        self.service.subscribe(self._on_events)
        self._scan_today()

    # ------------------------------------------------------------------ tokens

    def _scan_today(self) -> None:
        """Learn the tokens of today's tickets issued before we subscribed."""
        state = self.service.state
        if state.day is None:
            return
        start = self.config.hall.day_start
        day_start = datetime.combine(state.day, start, tzinfo=self.config.hall.zone)
        with self.lock:
            for e in self.store.read_between(day_start, None):
                self._learn(e)

    def _learn(self, e: Event) -> None:
        if e.kind == "issued":
            self._last_issue[e.ticket] = e.seq or 0
            token = e.get("token")
            if isinstance(token, str) and well_formed(token):
                self._tokens[token] = (e.ticket, e.seq or 0)
            return
        if e.kind not in ("estimated", FEEDBACK_KIND):
            return
        issue = self._last_issue.get(str(e.get("ticket")))
        if issue is None:
            return
        if e.kind == "estimated":
            self._shown.setdefault(issue, str(e.get("method")))
        else:
            self._answered.add(issue)

    def _on_events(self, events: list[Event]) -> None:
        # called by the service, under self.lock (refresh runs only under it)
        for e in events:
            self._learn(e)
        day = self.service.state.day
        if day != self._day:
            self._day = day
            tickets = self.service.state.tickets
            self._tokens = {
                tok: (n, seq)
                for tok, (n, seq) in self._tokens.items()
                if n in tickets and tickets[n].issued_seq == seq
            }
            live = {t.issued_seq for t in tickets.values()}
            self._last_issue = {n: s for n, s in self._last_issue.items() if s in live}
            self._shown = {s: m for s, m in self._shown.items() if s in live}
            self._answered &= live

    def token_count(self) -> int:
        return len(self._tokens)

    # ------------------------------------------------------------------ reading

    def refresh(self) -> None:
        """Fold in what others appended (used when no watcher thread runs)."""
        with self.lock:
            self.service.refresh()

    def view(self, token: str) -> TicketView | None:
        """The ticket behind ``token`` now, or None for a wrong, expired or malformed token."""
        if not well_formed(token):
            return None
        if not self.running or token not in self._tokens:
            # a QR code scanned the moment its ticket was issued may beat the watcher
            self.refresh()
        with self.lock:
            state = self.service.state
            entry = self._tokens.get(token)
            if entry is None:
                return None
            number, seq = entry
            t = state.tickets.get(number)
            if t is None or t.issued_seq != seq:
                return None
            snap = take_snapshot(self.service, tracked=number)
            if snap.tracked is None or snap.tracked.day != state.business_day(snap.now):
                return None
            return phone_view(snap, self.config, self._feedback_of(snap.tracked))

    def _feedback_of(self, t: TicketStanding) -> Feedback:
        """Ask about the estimate once the ticket was called, if an estimate was shown."""
        if t.issued_seq in self._answered:
            return "answered"
        if not t.called or t.status is TicketStatus.WAITING:
            return "hidden"
        # method "none": staff chose "people ahead" only, so there was no estimate to judge
        if self._shown.get(t.issued_seq) == "none":
            return "hidden"
        return "ask"

    # ------------------------------------------------------------------ the one write

    def record_feedback(self, token: str, right: bool) -> FeedbackResult:
        """Record a citizen's answer for the ticket behind ``token``, once per ticket.

        The answer becomes one ``estimate_feedback`` event (ticket, service,
        right; nothing about the person or the phone). The check and the
        append happen under this hall's lock after catching up with the store,
        so a second answer from this service is ignored; the report also
        counts only a ticket's first answer, in case two web services raced.
        """
        if not well_formed(token):
            return FeedbackResult.NOT_FOUND
        with self.lock:
            try:
                self.service.refresh()
            except Exception:
                log.exception("cannot read the event store to record an answer")
                return FeedbackResult.UNAVAILABLE
            view = self.view(token)
            if view is None:
                return FeedbackResult.NOT_FOUND
            if view.feedback == "answered":
                return FeedbackResult.ALREADY
            if view.feedback != "ask":
                return FeedbackResult.NOT_YET
            t = self.service.state.tickets[view.number]
            try:
                self.service.record(
                    FEEDBACK_KIND,
                    FEEDBACK_ACTOR,
                    ticket=t.number,
                    # the service it was issued for: the estimate shown was that queue's
                    service=t.original_service or t.service,
                    right=right,
                )
            except Exception:
                log.exception("could not record an answer about the wait estimate")
                return FeedbackResult.UNAVAILABLE
        # the watcher will not see our own append as new: wake the streams here
        self._wake()
        return FeedbackResult.RECORDED

    def info(self) -> EstimatorInfo:
        """What the explanation page says about the estimator."""
        with self.lock:
            return estimator_info(self.service)

    def head(self) -> int:
        """The store's last sequence number (raises when the store is unreachable)."""
        return self.store.head()

    @property
    def seen(self) -> int:
        return self.service.state.last_seq

    # ------------------------------------------------------------------ watching

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Start watching the store; changes wake :meth:`wait_change` on ``loop``."""
        if self.running:
            return
        self._loop = loop
        self._changed = asyncio.Event() if loop is not None else None
        self._stop.clear()
        self.closing = False
        self._thread = threading.Thread(target=self._watch, name="motcua-web-watch", daemon=True)
        self._thread.start()

    def begin_close(self) -> None:
        """Tell every live connection to end (the server is shutting down)."""
        self.closing = True
        self._wake()

    def stop(self) -> None:
        """Stop watching and end every live connection."""
        self.begin_close()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _watch(self) -> None:
        backoff = WAIT_SLICE_S
        while not self._stop.is_set():
            try:
                if self.store.wait(self.service.state.last_seq, WAIT_SLICE_S):
                    with self.lock:
                        new = self.service.refresh()
                    if new:
                        self._wake()
                if not self.health.ok:
                    log.info("the event store is reachable again")
                self.health = _Health()
                backoff = WAIT_SLICE_S
            except Exception as exc:
                if self.health.ok:
                    log.exception("cannot read the event store; retrying")
                self.health = _Health(False, str(exc), self.health.failures + 1)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)

    def _wake(self) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(self._bump)

    def _bump(self) -> None:
        old = self._changed
        self._changed = asyncio.Event()
        if old is not None:
            old.set()

    async def wait_change(self, since_seq: int, timeout: float) -> bool:
        """Wait until the hall moves past ``since_seq``: True, or False after ``timeout``.

        Also returns (True) when the server is closing, so streams can end.
        """
        ev = self._changed
        if self.closing or self.seen != since_seq:
            return True
        if ev is None:
            # no watcher bound to this loop (tests without lifespan): look again later
            await asyncio.sleep(min(timeout, WAIT_SLICE_S))
            if not self.running:
                self.refresh()
            return self.seen != since_seq
        try:
            await asyncio.wait_for(ev.wait(), timeout)
        except TimeoutError:
            return False
        return True

    # ------------------------------------------------------------------ helpers for pages

    def hall_name(self, lang: str) -> str:
        return pick(self.config.hall.name, lang)

    def card(self) -> dict[str, Any]:
        """The model card of the estimator in use (empty for the plain method)."""
        card = self.info().card
        return card.to_json() if card is not None else {}
