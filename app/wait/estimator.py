"""The kiosk's wait estimator: the model when it is healthy, a plain method otherwise.

:class:`WaitEstimator` implements :class:`app.estimate.Estimator`. For each
ticket it always computes the best plain estimate (the card names which) and,
when a verified model is loaded and the AI is switched on, the model's range.
What is shown follows, in order: staff switched the AI off → the plain
estimate (or only "people ahead", method ``"none"``, per
``estimates.when_ai_off``); no usable model → the plain estimate, with the
reason; the model fell back on its own (drift) → the plain estimate until a
supervisor reinstates it or a new model is installed; otherwise the model.
A staff correction for the service is then added. Every value is clamped to
``[0, estimates.max_wait_minutes]`` with p10 <= median <= p90.

Attached to a :class:`~app.service.HallService` it listens to the hall's
events: it folds staff settings, scores estimates as tickets are called
(:class:`~app.wait.monitor.LiveMonitor`), steps aside when the model drifts
(an ``incident`` event and a staff alert), and re-estimates the waiting
tickets whenever the queue changes (not on a timer). The estimator never
touches the queue: it only reads the state.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from app.config import Config
from app.estimate import Estimate, EstimatorInfo
from app.events import COUNTER_KINDS, TICKET_LIFECYCLE, Event
from app.hall import HallState, Ticket, TicketStatus
from app.wait.context import HallContext, build_context
from app.wait.control import DRIFT_CODE, INCIDENT_SOURCE, ControlState
from app.wait.features import as_matrix, feature_vector
from app.wait.model import LoadedModel
from app.wait.monitor import LiveMonitor
from app.wait.plain import PlainEstimator

log = logging.getLogger(__name__)

#: events after which the waiting tickets' estimates may have changed
QUEUE_KINDS = frozenset({"issued"}) | TICKET_LIFECYCLE | COUNTER_KINDS

Recorder = Callable[[str, dict[str, Any]], None]
AlertListener = Callable[[str], None]


def clamp_estimate(p10: float, median: float, p90: float, cap: float, method: str,
                   version: str | None = None) -> Estimate:
    """A sane estimate from any three numbers: finite, ordered, within [0, cap]."""
    vals = [v if math.isfinite(v) else cap for v in (p10, median, p90)]
    lo, mid, hi = sorted(min(max(v, 0.0), cap) for v in vals)
    return Estimate(mid, lo, hi, method, version)


class WaitEstimator:
    """Model-or-plain wait estimates, live accuracy, drift fallback and staff control."""

    def __init__(
        self,
        config: Config,
        model: LoadedModel | None = None,
        refusal: str | None = None,
        plain_method: str = "snapshot",
        monitor: LiveMonitor | None = None,
    ) -> None:
        self.config = config
        self.model = model
        self.refusal = refusal if model is None else None
        self.plain = PlainEstimator(plain_method)
        self.monitor = monitor or LiveMonitor()
        self.control = ControlState()
        self.cap = config.estimates.max_wait_minutes * 60.0
        self._lock = threading.RLock()
        self._current: dict[str, Estimate] = {}
        #: the last event this estimator has folded (the batch is current up to it)
        self._seen_seq = -1
        self._record: Recorder | None = None
        self._alert_listeners: list[AlertListener] = []
        #: staff alerts raised by this estimator (newest last)
        self.alerts: list[str] = []
        #: how many times the estimates of the waiting tickets were recomputed
        self.refreshes = 0
        #: the queue changed since the estimates were last computed (see current_estimates)
        self._stale = False
        self.hall: Any = None

    # ------------------------------------------------------------------ mode

    def mode(self) -> tuple[str, str | None]:
        """What is shown now ("model", "plain" or "none") and why, when not the model."""
        c = self.control
        if not c.ai_enabled:
            kind = "none" if self.config.estimates.when_ai_off == "people_ahead" else "plain"
            return kind, "the AI estimate was switched off by staff"
        # no model, or one set aside: the AI is off as surely as when staff switch it off
        plain = "none" if self.config.estimates.when_ai_off == "people_ahead" else "plain"
        if self.model is None:
            return plain, self.refusal or "no wait model is installed"
        if c.drifted_model is not None and c.drifted_model == self.model.version:
            return plain, ("the model did worse than the plain estimate on recent tickets; "
                           "a supervisor can reinstate it")
        return "model", None

    # ------------------------------------------------------------------ estimating

    def estimate(self, state: HallState, ticket: Ticket) -> Estimate:
        """The estimate for ``ticket`` now; at its moment of issue it is also recorded."""
        with self._lock:
            ctx = build_context(state)
            return self.estimate_in(ctx, [ticket], record=True)[ticket.number]

    def estimate_in(self, ctx: HallContext, tickets: list[Ticket],
                    record: bool = False) -> dict[str, Estimate]:
        """Estimates for several tickets from one summary (one model run for all)."""
        if not tickets:
            return {}
        mode, _why = self.mode()
        raw = None
        if self.model is not None and self.control.ai_enabled:
            # the model also runs while it is set aside for drift, so its accuracy stays known
            try:
                rows = [feature_vector(ctx, t) for t in tickets]
                raw = self.model.predict(as_matrix(rows))
            except Exception:
                log.exception("the wait model failed; using the plain estimate")
                raw = None
        out: dict[str, Estimate] = {}
        for i, t in enumerate(tickets):
            at_issue = record and t.issued_at == ctx.now and t.status is TicketStatus.WAITING
            plain = self.plain.from_context(ctx, t, record=at_issue)
            model_est = None
            if raw is not None:
                p10, p50, p90 = (float(v) for v in raw[i])
                model_est = clamp_estimate(p10, p50, p90, self.cap, "model", self.model.version
                                           if self.model else None)
            if mode == "none":
                shown = Estimate(0.0, 0.0, 0.0, "none")
            elif mode == "model" and model_est is not None:
                shown = model_est
            else:
                shown = plain
            corr = self.control.correction_s(t.service)
            if corr and shown.method != "none":
                shown = clamp_estimate(shown.p10_s + corr, shown.median_s + corr,
                                       shown.p90_s + corr, self.cap, shown.method,
                                       shown.model_version)
            out[t.number] = shown
            if record and t.issued_at == ctx.now and t.status is TicketStatus.WAITING:
                self.monitor.expect(t.number, t.service, t.priority, t.issued_at, shown,
                                    model_est.median_s if model_est else None, plain.median_s)
        return out

    def info(self) -> EstimatorInfo:
        mode, reason = self.mode()
        ai = mode == "model"
        return EstimatorInfo(
            ai=ai,
            model_version=self.model.version if self.model is not None and ai else None,
            card=self.model.card if self.model is not None and ai else None,
            live_coverage=self.monitor.coverage(),
            live_count=len(self.monitor.outcomes),
            live_mae_s=self.monitor.mae_s(),
            fallback_reason=reason,
            visible=self.control.visible,
        )

    # ------------------------------------------------------------------ live

    def current_estimates(self) -> dict[str, Estimate]:
        """The latest estimate of every waiting ticket, by ticket number (for board and phone).

        Attached to a hall, re-estimation is coalesced: events only mark the
        estimates stale, and the first read after them recomputes once, so
        issuing a ticket never pays for re-estimating the whole queue.
        """
        hall = self.hall
        if self._stale and hall is not None:
            # the hall's lock first, as everywhere a command estimates under it
            with hall.lock, self._lock:
                if self._stale:
                    self._stale = False
                    self.refresh(hall.state, hall.now())
        with self._lock:
            return dict(self._current)

    def batch(self, state: HallState) -> dict[str, Estimate] | None:
        """The current estimates when they are of ``state``, else None.

        Read by :mod:`app.views` for every screen. None while this estimator
        follows no hall, or has not yet been given the state's latest event
        (a listener of the hall that ran before it): the caller asks for the
        estimates it needs instead of showing stale ones.
        """
        with self._lock:
            if self.hall is None or self._seen_seq < state.last_seq:
                return None
            if self._stale:
                # coalesced: the queue changed since the last read; recompute once now
                self.refresh(state, self.hall.now())
            return dict(self._current)

    def add_alert_listener(self, fn: AlertListener) -> None:
        self._alert_listeners.append(fn)

    def _alert(self, message: str) -> None:
        self.alerts.append(message)
        log.warning("wait estimates: %s", message)
        for fn in list(self._alert_listeners):
            try:
                fn(message)
            except Exception:
                log.exception("alert listener failed")

    def observe(self, events: Iterable[Event], state: HallState | None = None,
                now: datetime | None = None, refresh: bool = True) -> None:
        """Fold new events: settings, accuracy, drift; re-estimate when the queue changed."""
        incident = self._fold(events, state, now, refresh)
        self._record_incident(incident)

    def _fold(self, events: Iterable[Event], state: HallState | None,
              now: datetime | None, refresh: bool) -> dict[str, Any] | None:
        """Fold events; without ``refresh`` a queue change only marks the estimates stale."""
        with self._lock:
            queue_changed = False
            settings_changed = False
            for e in events:
                if self.control.apply(e):
                    settings_changed = True
                    if e.kind == "ai_reinstate":
                        self.monitor.reset()
                if e.kind == "called" and not e.get("recall", False):
                    self.monitor.called(e.ticket, e.ts)
                    self.plain.called(e.ticket, e.ts)
                elif e.kind == "cancelled":
                    self.monitor.forget(e.ticket)
                if e.kind in QUEUE_KINDS:
                    queue_changed = True
                if e.seq is not None:
                    self._seen_seq = max(self._seen_seq, e.seq)
            incident = self._check_drift()
            if refresh and state is not None and (queue_changed or settings_changed):
                self.refresh(state, now)
            elif queue_changed or settings_changed:
                self._stale = True
            return incident

    def _check_drift(self) -> dict[str, Any] | None:
        """Step aside when the model drifted; returns the incident to record."""
        if self.model is None or self.mode()[0] != "model":
            return None
        drifted, detail = self.monitor.drifted()
        if not drifted:
            return None
        version = self.model.version
        # set it here too: the incident comes back through the listener, but not in a replay
        self.control.drifted_model = version
        self.control.drift_detail = detail
        self._alert(f"The AI wait estimate has been switched to the plain method: {detail}. "
                    "A supervisor can reinstate it.")
        return {"source": INCIDENT_SOURCE, "code": DRIFT_CODE, "detail": detail,
                "model": version}

    def _record_incident(self, incident: dict[str, Any] | None) -> None:
        # outside this estimator's lock: recording takes the hall's lock, and the
        # screens hold the hall's lock while they read the batch
        if incident is None or self._record is None:
            return
        try:
            self._record("incident", incident)
        except Exception:
            log.exception("could not record the wait model's fallback")

    def refresh(self, state: HallState, now: datetime | None = None) -> dict[str, Estimate]:
        """Re-estimate every waiting ticket (called when the queue changes)."""
        with self._lock:
            self._stale = False
            self._seen_seq = max(self._seen_seq, state.last_seq)
            waiting = [t for t in state.tickets.values() if t.status is TicketStatus.WAITING]
            if not waiting or state.last_ts is None:
                self._current = {}
                return {}
            when = max(now, state.last_ts) if now is not None else state.last_ts
            ctx = build_context(state, when)
            self._current = self.estimate_in(ctx, waiting)
            self.refreshes += 1
            return dict(self._current)

    def attach(self, hall: Any, actor: str | None = None, records: bool = True) -> None:
        """Follow a :class:`~app.service.HallService`: settings from its log, then live events.

        ``records``: write its incidents (the model stepped aside) through the
        hall. False for a follower that must not write (the phone page): it
        learns of the kiosk's incident from the log instead.
        """
        self.hall = hall
        who = actor or hall.config.kiosk.id

        def record(kind: str, data: dict[str, Any]) -> None:
            hall.record(kind, who, **data)

        self._record = record if records else None
        kinds = {"estimate_correction", "estimates_visibility", "ai_switch", "ai_reinstate",
                 "incident"}
        self.control.apply_all(e for e in hall.store.read_after(0) if e.kind in kinds)
        # first among the hall's listeners: the screens that read the batch run after it
        hall.subscribe(self._on_events, first=True)
        with hall.lock:
            self.refresh(hall.state, hall.now())

    def detach(self) -> None:
        if self.hall is not None:
            self.hall.unsubscribe(self._on_events)
            self.hall = None
            self._record = None

    def _on_events(self, events: list[Event]) -> None:
        hall = self.hall
        if hall is None:
            return
        try:
            # the state is read under the hall's lock (events apply under it on other threads);
            # re-estimating is coalesced: done once, when the estimates are next read
            with hall.lock:
                incident = self._fold(events, hall.state, hall.now(), False)
            self._record_incident(incident)
        except Exception:  # estimates must never break the hall
            log.exception("wait estimator failed on new events")

    def set_recorder(self, recorder: Recorder | None) -> None:
        """Where incidents go when not attached to a hall (replay)."""
        self._record = recorder
