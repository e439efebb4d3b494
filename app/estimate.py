"""The estimate interface: what a wait estimate is and who makes one.

The kiosk asks an :class:`Estimator` for a ticket's wait when it is issued
and whenever the queue changes. :class:`QueueLengthEstimator` is the core's
own plain method, ``queue_mean`` (people ahead over open counters, times the
mean service time of today's tickets); the wait estimator in :mod:`app.wait`
replaces it when it is installed, with its own plain methods beside the model.
Estimates never change who is called next: they only read the state.

Every method logs its own name in the ``estimated`` event (:data:`METHODS`).
Logs written before ``queue_mean`` had its name say ``queue`` for it too; they
load as they are and read as the plain queue-length method, which is what
both formulas were.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from app.hall import HallState, Ticket, TicketStatus

if TYPE_CHECKING:
    from app.modelcard import ModelCard

#: every estimate method the log may name, and what it is
METHODS: dict[str, str] = {
    "model": "the learned wait model (AI)",
    "queue": "people ahead over the counters open for the service, times its recent "
             "service time; idle counters and closed services accounted (app.wait.plain)",
    "skill": "the current queue replayed over the open counters and their call rules "
             "(app.wait.plain)",
    "erlang": "Erlang C for the service from the last hour's arrivals (app.wait.plain)",
    "snapshot": "of the queue replays (skill, schedule-aware, queue), the one with the "
                "smallest error on the hall's recently called tickets; the fallback "
                "(app.wait.plain.SnapshotSelector)",
    "queue_mean": "people ahead plus a half, over the open counters, times the mean of "
                  "today's last 30 service times (app.estimate.QueueLengthEstimator)",
    "none": "no estimate shown: only the people ahead",
}


@dataclass(frozen=True)
class Estimate:
    """A wait estimate: a middle value and an 80 % range, in seconds."""

    median_s: float
    p10_s: float
    p90_s: float
    #: "model", or the plain method used (see :data:`METHODS`), or "none"
    method: str
    #: version of the model that made it (None for plain methods)
    model_version: str | None = None

    @property
    def ai(self) -> bool:
        """True when a learned model made this estimate (it must say so)."""
        return self.method == "model"

    def to_json(self) -> dict[str, object]:
        return {
            "median_s": round(self.median_s, 1),
            "p10_s": round(self.p10_s, 1),
            "p90_s": round(self.p90_s, 1),
            "method": self.method,
            "model": self.model_version,
        }


@dataclass(frozen=True)
class EstimatorInfo:
    """What the "How is this estimated?" panel and staff are told about the estimator."""

    #: True when estimates now come from the learned model
    ai: bool
    model_version: str | None = None
    #: the model card; None when no model is in use
    card: ModelCard | None = None
    #: of the recent tickets called, the fraction called within the range shown
    live_coverage: float | None = None
    #: how many recent tickets the live figures cover
    live_count: int = 0
    #: mean absolute error of recent estimates, seconds
    live_mae_s: float | None = None
    #: why the plain method is in use, when it is (model missing, failed a check, drift, off)
    fallback_reason: str | None = None
    #: False when staff hid estimates: show only the number of people ahead
    visible: bool = True


class Estimator(Protocol):
    """Estimates the wait of a waiting ticket from the hall state."""

    def estimate(self, state: HallState, ticket: Ticket) -> Estimate: ...

    def info(self) -> EstimatorInfo: ...


class QueueLengthEstimator:
    """Plain method ``queue_mean``: people ahead over open counters, times a service time.

    The service time is the mean of the service's last 30 completed tickets
    today, or the configured prior when there are none yet.
    """

    METHOD = "queue_mean"

    def estimate(self, state: HallState, ticket: Ticket) -> Estimate:
        svc = state.config.service(ticket.service)
        durations = [
            (t.finished_at - t.called_at).total_seconds()
            for t in state.tickets.values()
            if t.service == ticket.service
            and t.status is TicketStatus.COMPLETED
            and t.finished_at is not None
            and t.called_at is not None
        ]
        recent = durations[-30:]
        mean = sum(recent) / len(recent) if recent else svc.mean_service_minutes * 60
        servers = max(1, len(state.open_counters(ticket.service)))
        ahead = state.people_ahead(ticket.number)
        median = (ahead + 0.5) * mean / servers
        cap = state.config.estimates.max_wait_minutes * 60.0
        median = min(median, cap)
        if state.config.estimates.when_ai_off == "people_ahead":
            # no AI here, and the hall shows only the people ahead when there is none
            return Estimate(0.0, 0.0, 0.0, "none")
        return Estimate(median, min(median * 0.6, cap), min(median * 1.5 + 60, cap),
                        self.METHOD)

    def info(self) -> EstimatorInfo:
        return EstimatorInfo(ai=False, fallback_reason="no wait model is installed")
