"""The wait model's features: one module for training and for the kiosk.

:func:`feature_vector` turns the hall at the moment a ticket is issued into
the numbers the model reads, in the order of :data:`FEATURES`. Training
(:mod:`app.wait.train`), replay (:mod:`app.wait.replay`) and the kiosk
(:mod:`app.wait.estimator`) all call it, so they cannot disagree.

Only what is known at that moment is used: the state is a projection of the
events applied so far, nothing later. There is no personal data among the
features: no name, no ID, no age or category, only whether the ticket has a
legal priority (which decides its place in line).
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import numpy.typing as npt

from app.hall import CounterStatus, HallState, Ticket
from app.wait.context import RECENT_N, HallContext, build_context
from app.wait.plain import local_minute, plain_waits, sched_wait, windows

#: bump when the meaning or order of the features changes (a model names the version it needs)
FEATURE_VERSION = 2

#: feature names, in the order of the model's input columns
FEATURES: tuple[str, ...] = (
    "ahead",
    "ahead_priority",
    "is_priority",
    "targeted",
    "waiting_service",
    "servers_open",
    "servers_share",
    "servers_paused",
    "servers_idle",
    "competing_waiting",
    "service_time_s",
    "service_time_n",
    "service_prior_s",
    "counter_pace_s",
    "busy_elapsed_s",
    "calls_30m_service",
    "calls_30m_all",
    "issued_30m_service",
    "issued_60m_all",
    "last_wait_s",
    "last_waits_mean_s",
    "head_wait_s",
    "mean_wait_today_s",
    "issued_today_service",
    "completed_today",
    "minute_of_day",
    "weekday",
    "est_queue_s",
    "est_skill_s",
    "est_erlang_s",
    "est_sched_s",
    "window_left_min",
    "break_after_min",
    "since_call_s",
    "priority_60m_service",
    "servers_closed_earlier",
    "servers_not_opened",
    "pace_open",
    "service_time_sd_s",
    "ahead_per_server",
    "counters_total",
    "services_total",
    "servers_primary",
    "before_issued_60m",
)

N_FEATURES = len(FEATURES)


def feature_vector(ctx: HallContext, ticket: Ticket) -> list[float]:
    """The features of ``ticket`` in the hall summarised by ``ctx``."""
    now = ctx.now
    code = ticket.service
    s = ctx.service(code)
    serving = [
        c for c in ctx.counters.values()
        if code in c.services and c.status is not CounterStatus.CLOSED
    ]
    open_ = [c for c in serving if c.status is CounterStatus.OPEN]
    paused = len(serving) - len(open_)
    share = sum(1.0 / max(1, len(c.services)) for c in open_)
    idle = sum(1 for c in open_ if c.serving is None)
    others = {x for c in open_ for x in c.services if x != code}
    competing = sum(ctx.services[x].waiting for x in others if x in ctx.services)

    recent_counter: list[float] = []
    busy_elapsed = 0.0
    for c in open_:
        recent_counter.extend(d for _t, d in c.durations[-5:])
        if c.serving is not None and c.serving.called_at is not None:
            busy_elapsed += (now - c.serving.called_at).total_seconds()
    pace = sum(recent_counter) / len(recent_counter) if recent_counter else s.prior_s

    half_hour = now - timedelta(minutes=30)
    hour = now - timedelta(hours=1)
    calls_svc = sum(1 for t, _w in s.waits if t > half_hour)
    calls_all = sum(1 for x in ctx.services.values() for t, _w in x.waits if t > half_hour)
    issued_svc = sum(1 for t in s.issued if t > half_hour)
    issued_all = sum(1 for x in ctx.services.values() for t in x.issued if t > hour)
    last_wait = s.waits[-1][1] if s.waits else 0.0
    last5 = [w for _t, w in s.waits[-5:]]
    last_mean = sum(last5) / len(last5) if last5 else 0.0
    head = s.order[0] if s.order else None
    head_wait = (now - head.issued_at).total_seconds() if head is not None else 0.0

    local = now.astimezone(ctx.state.config.hall.zone)
    plain = plain_waits(ctx, ticket)

    minute = local_minute(ctx)
    left = brk = 0.0
    spans = windows(ctx, (code,))
    for i, (a, b) in enumerate(spans):
        if a <= minute < b:
            left = b - minute
            if i + 1 < len(spans):
                brk = spans[i + 1][0] - b
            break
    if s.waits:
        since_call = (now - s.waits[-1][0]).total_seconds()
    else:
        since_call = (now - s.issued[0]).total_seconds() if s.issued else 0.0
    closed = [c for c in ctx.counters.values()
              if code in c.services and c.status is CounterStatus.CLOSED]
    closed_earlier = sum(1 for c in closed if c.served_today > 0)
    pace_open = (sum(c.pace(ctx.hall_pace) for c in open_) / len(open_)) if open_ else 1.0
    recent = [d for _t, d in s.durations[-RECENT_N:]]
    if len(recent) >= 2:
        mu = sum(recent) / len(recent)
        sd = (sum((d - mu) ** 2 for d in recent) / (len(recent) - 1)) ** 0.5
    else:
        sd = 0.5 * s.prior_s  # about the spread of service times before any are seen
    position = float(ctx.position.get(ticket.number, 0))
    # a counter calls the services of its list in order: this service waits while the
    # ones before it at its counters have people, today's and those still to come
    primary = sum(1 for c in open_ if c.services and c.services[0] == code)
    before: set[str] = set()
    for c in open_:
        if code in c.services:
            before.update(c.services[: c.services.index(code)])
    before_issued = sum(1 for x in before if x in ctx.services
                        for t in ctx.services[x].issued if t > hour)
    return [
        float(ctx.position.get(ticket.number, 0)),
        float(ctx.priority_ahead.get(ticket.number, 0)),
        1.0 if ticket.priority else 0.0,
        1.0 if ticket.target_counter is not None else 0.0,
        float(s.waiting),
        float(len(open_)),
        share,
        float(paused),
        float(idle),
        float(competing),
        s.recent_s,
        float(min(len(s.durations), 50)),
        s.prior_s,
        pace,
        busy_elapsed,
        float(calls_svc),
        float(calls_all),
        float(issued_svc),
        float(issued_all),
        last_wait,
        last_mean,
        head_wait,
        s.mean_wait_s(),
        float(s.issued_today),
        float(ctx.completed_today),
        local.hour * 60.0 + local.minute + local.second / 60.0,
        float(local.weekday()),
        plain["queue"],
        plain["skill"],
        plain["erlang"],
        sched_wait(ctx, ticket),
        left,
        brk,
        since_call,
        float(sum(1 for t in s.priority_issued if t > hour)),
        float(closed_earlier),
        float(len(closed) - closed_earlier),
        pace_open,
        sd,
        position / max(share, 0.5),
        float(len(ctx.counters)),
        float(len(ctx.state.config.services)),
        float(primary),
        float(before_issued),
    ]


def features_of(state: HallState, ticket: Ticket) -> npt.NDArray[np.float32]:
    """One ticket's features as a (1, N) float32 row (a convenience for tests)."""
    ctx = build_context(state)
    return as_matrix([feature_vector(ctx, ticket)])


def as_matrix(rows: list[list[float]]) -> npt.NDArray[np.float32]:
    """Rows of features as the model's input; anything not finite becomes 0."""
    m = np.asarray(rows, dtype=np.float64).reshape(len(rows), N_FEATURES)
    m[~np.isfinite(m)] = 0.0
    # no feature may push the model outside the range it was trained on by orders of magnitude
    np.clip(m, -1e7, 1e7, out=m)
    return m.astype(np.float32)


def plain_index(method: str) -> int:
    """The column of a plain estimate among the features."""
    return FEATURES.index(f"est_{method}_s")


__all__ = ["FEATURES", "FEATURE_VERSION", "N_FEATURES", "as_matrix", "feature_vector",
           "features_of", "plain_index"]
