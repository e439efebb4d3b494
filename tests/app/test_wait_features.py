"""Features are causal, shared by training and the kiosk, and free of personal data."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pytest

from app.clock import ManualClock
from app.config import Config
from app.events import Event
from app.hall import HallState
from app.service import HallService
from app.sim.engine import simulate_days
from app.sim.halls import HALLS, hall_config
from app.wait.context import build_context
from app.wait.features import FEATURES, as_matrix, feature_vector, features_of
from app.wait.plain import PlainEstimator, _erlang_c, skill_replay
from app.wait.train import Log, collect


@pytest.fixture(scope="module")
def log() -> Log:
    shape = HALLS["ward"]
    cfg = hall_config(shape)
    events = simulate_days(shape, cfg, date(2026, 3, 2), 2, seed=5)
    return Log("ward", cfg, events, list(range(1, len(events) + 1)))


def test_training_rows_equal_features_from_the_past_only(log: Log) -> None:
    """Each training row equals the features computed from the events up to its issue only."""
    samples = collect([log])
    rows = {(d, round(r[FEATURES.index("minute_of_day")], 4)): r
            for d, r in zip(samples.days, samples.rows, strict=True)}
    checked = 0
    issued = [i for i, e in enumerate(log.events) if e.kind == "issued"]
    for i in issued[::25]:
        e = log.events[i]
        past = HallState(log.config)
        for ev in log.events[: i + 1]:  # nothing after the moment of issue
            past.apply(ev)
        t = past.tickets[e.ticket]
        vec = feature_vector(build_context(past), t)
        key = (t.day, round(vec[FEATURES.index("minute_of_day")], 4))
        if key in rows and t.first_called_at is None:
            assert vec == pytest.approx(rows[key])
            checked += 1
    assert checked >= 5


def test_future_events_do_not_change_features(log: Log) -> None:
    """Whatever happens after issue (here: a different future) leaves the features alone."""
    i = [k for k, e in enumerate(log.events) if e.kind == "issued"][40]
    number = log.events[i].ticket
    a = HallState(log.config)
    for e in log.events[: i + 1]:
        a.apply(e)
    before = features_of(a, a.tickets[number])
    for e in log.events[i + 1:]:
        if e.ts.date() != log.events[i].ts.date():
            break
        a.apply(e)
    # the state moved on; a state rebuilt from the prefix again gives the same features
    b = HallState(log.config)
    for e in log.events[: i + 1]:
        b.apply(e)
    assert np.array_equal(before, features_of(b, b.tickets[number]))


def test_no_personal_data_among_features() -> None:
    banned = ("name", "id_", "category", "age", "kiosk", "token", "face", "phone", "birth")
    assert not [f for f in FEATURES if any(b in f for b in banned)]


def test_matrix_is_finite_and_bounded() -> None:
    row = [float("nan"), float("inf"), -float("inf"), 1e30] + [0.0] * (len(FEATURES) - 4)
    m = as_matrix([row])
    assert m.dtype == np.float32 and np.isfinite(m).all() and np.abs(m).max() <= 1e7


def _hall(config: Config, clock: ManualClock, hall: HallService) -> HallService:
    hall.execute("open_counter", "staff-1", counter=1)
    hall.execute("open_counter", "staff-2", counter=2)
    return hall


def test_skill_replay_follows_counters_and_their_services(
    config: Config, clock: ManualClock, hall: HallService
) -> None:
    # counter 1 serves A only, counter 2 serves A then B; service A takes 4 minutes (prior)
    _hall(config, clock, hall)
    for _ in range(4):
        hall.issue("A", "kiosk-1")
    hall.issue("B", "kiosk-1")
    ctx = build_context(hall.state)
    waits = skill_replay(ctx)
    a = [t.number for t in hall.state.call_order("A")]
    assert waits[a[0]] == 0 and waits[a[1]] == 0
    assert waits[a[2]] == pytest.approx(240.0) and waits[a[3]] == pytest.approx(240.0)
    # B waits until counter 2 has worked through its share of A (it calls A first)
    b = hall.state.call_order("B")[0].number
    assert waits[b] == pytest.approx(480.0)


def test_plain_estimates_without_open_counters_are_bounded(
    config: Config, hall: HallService
) -> None:
    t = hall.issue("C", "kiosk-1")
    for method in ("queue", "skill", "erlang"):
        est = PlainEstimator(method).estimate(hall.state, hall.state.tickets[t.number])
        assert 0 <= est.p10_s <= est.median_s <= est.p90_s <= 480 * 60
        assert est.median_s > 0


def test_erlang_c_known_values() -> None:
    assert _erlang_c(1, 0.5) == pytest.approx(0.5)
    assert _erlang_c(2, 1.0) == pytest.approx(1 / 3)


def test_features_at_the_moment_of_issue(config: Config, clock: ManualClock,
                                         hall: HallService) -> None:
    _hall(config, clock, hall)
    hall.issue("A", "kiosk-1")
    clock.advance(60)
    t = hall.issue("A", "kiosk-1", priority=True, category="elderly")
    vec = dict(zip(FEATURES, features_of(hall.state, hall.state.tickets[t.number])[0],
                   strict=True))
    assert vec["is_priority"] == 1 and vec["servers_open"] == 2
    assert vec["issued_today_service"] == 2
    assert vec["minute_of_day"] == pytest.approx(9 * 60 + 1)
    assert vec["weekday"] == 0


def test_context_needs_an_event(config: Config) -> None:
    with pytest.raises(ValueError):
        build_context(HallState(config))
    s = HallState(config)
    s.apply(Event("counter_open", datetime(2026, 4, 13, 9, tzinfo=config.hall.zone)
                  + timedelta(0), "staff-1", {"counter": 1, "services": ["A"]}))
    assert build_context(s).now.hour == 9
