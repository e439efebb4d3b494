"""Clock safety: numbers and queue order follow the log, not the wall clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app import commands
from app.clock import ManualClock
from app.config import Config, parse_config
from app.errors import CommandRefused
from app.events import Event
from app.hall import HallState, replay
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.validation import CLOCK_TOLERANCE, SyncWatch
from tests.conftest import VN

T0 = datetime(2026, 4, 13, 9, 0, tzinfo=VN)


def _with_day_start(config: Config, start: str) -> Config:
    data = config.model_dump(exclude={"base_dir"})
    data["hall"]["day_starts_at"] = start
    for s in data["services"]:
        s["daily_cap"] = None
    return parse_config(data, config.base_dir)


def test_queue_order_follows_the_log_not_the_timestamps(config: Config) -> None:
    # kiosk 2's clock is 10 minutes behind kiosk 1's: its later ticket carries an earlier time
    events = [
        Event("issued", T0, "kiosk-1", {"ticket": "A001", "service": "A", "priority": False,
                                        "number": 1}, 1),
        Event("issued", T0 - timedelta(minutes=10), "kiosk-2",
              {"ticket": "A002", "service": "A", "priority": False, "number": 2}, 2),
    ]
    state = replay(config, events)
    assert [t.number for t in state.call_order("A")] == ["A001", "A002"]
    assert state.people_ahead("A002") == 1


def test_two_kiosks_two_minutes_apart_keep_the_order_they_issued_in(
    config: Config, store: SQLiteStore
) -> None:
    ahead = ManualClock(T0 + timedelta(minutes=2))
    behind = ManualClock(T0)
    k1 = HallService(config, store, ahead)
    k2 = HallService(config, store, behind)
    k1.execute("open_counter", "staff-1", counter=1)
    first = k1.issue("A", "kiosk-1")
    second = k2.issue("A", "kiosk-2")  # stamped two minutes earlier than the first
    assert second.issued_at < first.issued_at
    assert (first.number, second.number) == ("A001", "A002")
    assert second.people_ahead == 1
    called = k2.execute("call_next", "staff-1", counter=1)
    assert called[-1].ticket == "A001"


def test_a_clock_stepped_back_ten_minutes_refuses_and_alerts_staff(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    hall = HallService(config, store, clock)
    hall.issue("A", "kiosk-1")
    clock.advance(minutes=-10)
    with pytest.raises(CommandRefused) as exc:
        hall.issue("A", "kiosk-1")
    assert exc.value.code == "clock_behind"
    assert exc.value.message == "Tickets cannot be given right now. Please ask the staff."
    assert "behind the newest event" in exc.value.diagnostic
    incidents = [e for e in store.read_after(0) if e.kind == "incident"]
    assert [(e["source"], e["code"]) for e in incidents] == [("clock", "clock_behind")]
    # a second refusal soon after does not flood the log
    with pytest.raises(CommandRefused):
        hall.issue("A", "kiosk-1")
    assert sum(e.kind == "incident" for e in store.read_after(0)) == 1
    # within the tolerance, tickets go on
    clock.advance(minutes=10)
    clock.advance(seconds=-(CLOCK_TOLERANCE.total_seconds() - 5))
    assert hall.issue("A", "kiosk-1").number == "A002"


def test_a_clock_set_back_across_midnight_never_gives_a001_again(
    config: Config, store: SQLiteStore
) -> None:
    clock = ManualClock(datetime(2026, 4, 14, 0, 1, tzinfo=VN))
    hall = HallService(config, store, clock)
    assert hall.issue("A", "kiosk-1").number == "A001"
    assert hall.issue("A", "kiosk-1").number == "A002"
    # a box without an RTC battery boots in the past
    clock.set(datetime(2026, 4, 13, 23, 50, tzinfo=VN))
    with pytest.raises(CommandRefused) as exc:
        hall.issue("A", "kiosk-1")
    assert exc.value.code == "clock_behind"
    # even without the kiosk's guard, the core refuses to number the day again
    with pytest.raises(CommandRefused) as core:
        commands.issue(hall.state, clock.now(), "kiosk-1", "A")
    assert core.value.code == "clock_behind"
    assert [e.ticket for e in store.read_after(0) if e.kind == "issued"] == ["A001", "A002"]


@pytest.mark.parametrize("start", ["00:00", "03:00"])
def test_the_day_rolls_over_once_at_the_day_start_with_kiosks_that_disagree(
    config: Config, store: SQLiteStore, start: str
) -> None:
    cfg = _with_day_start(config, start)
    h, m = map(int, start.split(":"))
    day_start = datetime(2026, 4, 14, h, m, tzinfo=VN)
    ahead = ManualClock(day_start - timedelta(minutes=3))  # 90 s ahead of the true time
    behind = ManualClock(day_start - timedelta(minutes=3, seconds=90))
    k1 = HallService(cfg, store, ahead)
    k2 = HallService(cfg, store, behind)
    assert k1.issue("A", "kiosk-1").number == "A001"
    assert k2.issue("A", "kiosk-2").number == "A002"
    # the true time passes the day's start: kiosk 1 sees it first
    ahead.advance(minutes=3, seconds=30)
    behind.advance(minutes=3, seconds=30)  # still 60 s before the start on its clock
    new_day = k1.issue("A", "kiosk-1")
    assert new_day.number == "A001"
    late = k2.issue("A", "kiosk-2")  # stamped on yesterday, issued on today's log
    assert late.number == "A002" and late.people_ahead == 1
    for hall in (k1, k2):
        hall.refresh()
        assert sorted(hall.state.tickets) == ["A001", "A002"]
        assert hall.state.day == day_start.date()
    assert replay(cfg, store.read_after(0)).snapshot() == k1.state.snapshot()


def test_a_clock_never_synchronised_since_boot_refuses(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    answers: list[bool | None] = [False]
    watch = SyncWatch(lambda: answers[-1])
    hall = HallService(config, store, clock, sync=watch)
    with pytest.raises(CommandRefused) as exc:
        hall.issue("A", "kiosk-1")
    assert exc.value.code == "clock_unsynced"
    assert any(e.kind == "incident" and e["code"] == "clock_unsynced"
               for e in store.read_after(0))
    answers.append(True)
    clock.advance(minutes=1)
    assert hall.issue("A", "kiosk-1").number == "A001"
    answers.append(False)  # once seen synchronised, a lost network keeps a good clock
    clock.advance(minutes=5)
    assert hall.issue("A", "kiosk-1").number == "A002"


def test_unknown_synchronisation_is_allowed(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    hall = HallService(config, store, clock, sync=SyncWatch(lambda: None))
    assert hall.issue("A", "kiosk-1").number == "A001"


def test_an_event_just_before_the_day_start_joins_the_day_already_begun(config: Config) -> None:
    state = HallState(config)
    midnight = datetime(2026, 4, 14, 0, 0, tzinfo=VN)
    state.apply(Event("issued", midnight + timedelta(seconds=20), "k1",
                      {"ticket": "A001", "service": "A", "priority": False}, 1))
    state.apply(Event("issued", midnight - timedelta(seconds=60), "k2",
                      {"ticket": "A002", "service": "A", "priority": False}, 2))
    state.apply(Event("issued", midnight - timedelta(minutes=30), "k3",
                      {"ticket": "A777", "service": "A", "priority": False}, 3))
    assert sorted(state.tickets) == ["A001", "A002"]
    assert state.anomalies == 1  # the one stamped half an hour into yesterday


def test_the_synchronisation_check_is_on_for_kiosks_and_off_for_the_demo(
    config: Config, store: SQLiteStore
) -> None:
    from app.clock import SystemClock
    from app.config import load_config
    from tests.conftest import ROOT

    # the shipped demo configuration runs on laptops: it does not ask timedatectl
    assert config.kiosk.require_synced_clock is False
    assert HallService(config, store, SystemClock()).sync is None
    # a kiosk box's configuration keeps the default, and the check is on
    box = load_config(ROOT / "config" / "examples" / "kiosk-box.toml")
    assert box.kiosk.require_synced_clock is True
    data = config.model_dump(exclude={"base_dir"})
    data["kiosk"]["require_synced_clock"] = True
    assert isinstance(HallService(parse_config(data), store, SystemClock()).sync, SyncWatch)
