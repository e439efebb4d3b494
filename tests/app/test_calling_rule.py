"""The hall's calling rule: configuration, who is called next, people ahead, the replays."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.calling import rule_fit
from app.clock import ManualClock
from app.config import Config, ConfigError, parse_config
from app.hall import HallState
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.wait.context import build_context
from app.wait.plain import SnapshotSelector, skill_replay


def _config(config: Config, rule: str, **queue: Any) -> Config:
    data = config.model_dump(exclude={"base_dir"})
    data["queue"]["calling_rule"] = rule
    data["queue"].update(queue)
    return parse_config(data)


def _hall(cfg: Config, store: SQLiteStore, clock: ManualClock) -> HallService:
    hall = HallService(cfg, store, clock)
    # counter 2 serves A then B (config/default.toml)
    hall.execute("open_counter", "staff-1", counter=2)
    return hall


def _issue_b_then_a(hall: HallService, clock: ManualClock) -> None:
    hall.issue("B", "kiosk-1")
    clock.advance(minutes=5)
    hall.issue("A", "kiosk-1")
    clock.advance(minutes=1)


def test_service_order_calls_the_first_service_with_someone_waiting(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    hall = _hall(_config(config, "service_order"), store, clock)
    _issue_b_then_a(hall, clock)
    events = hall.execute("call_next", "staff-1", counter=2)
    assert events[-1].ticket == "A001"


def test_oldest_first_calls_the_oldest_ticket_among_the_counters_services(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    hall = _hall(_config(config, "oldest_first"), store, clock)
    _issue_b_then_a(hall, clock)
    events = hall.execute("call_next", "staff-1", counter=2)
    assert events[-1].ticket == "B001"


def test_oldest_first_still_calls_priority_first(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    hall = _hall(_config(config, "oldest_first"), store, clock)
    _issue_b_then_a(hall, clock)
    hall.issue("A", "kiosk-1", priority=True, category="elderly")
    events = hall.execute("call_next", "staff-1", counter=2)
    assert events[-1].ticket == "A002"


def test_weighted_weighs_the_wait_so_far(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    # A waited 1 minute, B 6: with A weighted 10x, A goes first; with equal weights, B
    hall = _hall(_config(config, "weighted", weights={"A": 10.0}), store, clock)
    _issue_b_then_a(hall, clock)
    assert hall.execute("call_next", "staff-1", counter=2)[-1].ticket == "A001"


def test_a_counter_can_have_its_own_rule(config: Config, store: SQLiteStore,
                                         clock: ManualClock) -> None:
    data = config.model_dump(exclude={"base_dir"})
    for c in data["counters"]:
        if c["number"] == 2:
            c["calling_rule"] = "oldest_first"
    cfg = parse_config(data)
    assert cfg.calling_rule(2) == "oldest_first" and cfg.calling_rule(1) == "service_order"
    hall = _hall(cfg, store, clock)
    _issue_b_then_a(hall, clock)
    assert hall.execute("call_next", "staff-1", counter=2)[-1].ticket == "B001"


def test_bad_rules_and_weights_name_the_key(config: Config) -> None:
    with pytest.raises(ConfigError, match=r"queue\.calling_rule"):
        _config(config, "fastest_first")
    with pytest.raises(ConfigError, match="weight"):
        _config(config, "weighted", weights={"A": 0.0})
    with pytest.raises(ConfigError, match="not a service"):
        _config(config, "weighted", weights={"Z": 2.0})


def test_people_ahead_follows_the_rule(config: Config, store: SQLiteStore,
                                       clock: ManualClock) -> None:
    data = config.model_dump(exclude={"base_dir"})
    data["queue"]["calling_rule"] = "oldest_first"
    data["counters"] = [{"number": 1, "services": ["A", "B"]}]
    cfg = parse_config(data)
    hall = HallService(cfg, store, clock)
    hall.execute("open_counter", "staff-1", counter=1)
    b1 = hall.issue("B", "kiosk-1")
    clock.advance(minutes=1)
    a1 = hall.issue("A", "kiosk-1")
    clock.advance(minutes=1)
    b2 = hall.issue("B", "kiosk-1")
    # one counter serves both lines, oldest first: B001, A001, B002
    assert (b1.people_ahead, a1.people_ahead, b2.people_ahead) == (0, 1, 2)
    replayed = skill_replay(build_context(hall.state))
    assert replayed["B001"] < replayed["A001"] < replayed["B002"]


def test_rule_fit_warns_when_the_calls_follow_another_rule() -> None:
    from evaluation.halls import HALLS
    from evaluation.simulate import hall_config, hall_data, simulate_days

    hall = HALLS["district"]  # its counters call oldest first
    right = hall_config(hall)
    events = simulate_days(hall, right, date(2026, 3, 2), 3, seed=4)
    fit = rule_fit(right, events)
    assert fit.share("oldest_first") > 0.95 and fit.warning() is None
    data = hall_data(hall)
    data["queue"]["calling_rule"] = "service_order"
    wrong = parse_config(data)
    fit = rule_fit(wrong, events)
    assert fit.best == "oldest_first"
    assert fit.warning() is not None and "oldest_first" in str(fit.warning())


def test_the_snapshot_estimate_takes_the_replay_that_fits() -> None:
    from evaluation.halls import HALLS
    from evaluation.simulate import hall_config, simulate_days

    hall = HALLS["ward"]
    cfg = hall_config(hall)
    events = simulate_days(hall, cfg, date(2026, 3, 2), 4, seed=8)
    state = HallState(cfg)
    selector = SnapshotSelector()
    cap = cfg.estimates.max_wait_minutes * 60.0
    ranges: dict[str, tuple[float, float]] = {}
    inside = scored = 0
    for e in events:
        state.apply(e)
        if e.kind == "issued":
            t = state.tickets[e.ticket]
            shown = selector.wait(build_context(state), t, record=True)
            _m, lo, hi = selector.range(shown, cap)
            ranges[t.number] = (lo, hi)
        elif e.kind == "called" and not e.get("recall", False):
            selector.called(e.ticket, e.ts)
            t = state.tickets[e.ticket]
            lo, hi = ranges.pop(t.number, (0.0, cap))
            if t.issued_at.date() > date(2026, 3, 3):  # once the range has learned
                wait = (e.ts - t.issued_at).total_seconds()
                inside += int(lo <= wait <= hi)
                scored += 1
    recent = selector.recent_mae_s()
    assert set(recent) == {"skill", "sched", "queue"}
    # after four days it shows the variant with (nearly) the smallest recent error
    assert recent[selector.current] <= min(recent.values()) * 1.05
    # and its range, taken from its own recent errors, holds about 8 waits in 10
    assert scored > 200 and 0.7 <= inside / scored <= 0.9
