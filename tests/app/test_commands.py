"""The queue rules: issuing, calling, the priority burst, transfers, refusals."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.clock import ManualClock
from app.config import Config, parse_config
from app.errors import CommandRefused
from app.hall import CounterStatus, TicketStatus
from app.service import HallService
from app.store.sqlite import SQLiteStore
from tests.conftest import VN


def _open(hall: HallService, counter: int, services: list[str] | None = None) -> None:
    kwargs: dict[str, object] = {"counter": counter}
    if services is not None:
        kwargs["services"] = services
    hall.execute("open_counter", "staff-1", **kwargs)


def test_numbers_are_per_service_with_prefix_and_width(hall: HallService) -> None:
    a1 = hall.issue("A", "kiosk-1")
    a2 = hall.issue("A", "kiosk-1")
    b1 = hall.issue("B", "kiosk-1")
    assert (a1.number, a2.number, b1.number) == ("A001", "A002", "B001")
    assert a2.people_ahead == 1
    assert a1.token != a2.token and len(a1.token) >= 16


def test_numbers_restart_at_the_configured_day_start(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    data = config.model_dump(exclude={"base_dir"})
    data["hall"]["day_starts_at"] = "05:00"
    cfg = parse_config(data)
    hall = HallService(cfg, store, clock)
    clock.set(datetime(2026, 4, 13, 23, 0, tzinfo=VN))
    assert hall.issue("A", "k").number == "A001"
    clock.set(datetime(2026, 4, 14, 4, 59, tzinfo=VN))  # still the same business day
    assert hall.issue("A", "k").number == "A002"
    clock.set(datetime(2026, 4, 14, 5, 0, tzinfo=VN))
    assert hall.issue("A", "k").number == "A001"
    # yesterday's tickets are no longer in today's queue
    assert [t.number for t in hall.state.queue("A")] == ["A001"]


def test_daily_cap_refuses_with_a_sentence(config: Config, store: SQLiteStore,
                                           clock: ManualClock) -> None:
    data = config.model_dump(exclude={"base_dir"})
    data["services"][0]["daily_cap"] = 2
    hall = HallService(parse_config(data), store, clock)
    hall.issue("A", "k")
    hall.issue("A", "k")
    head = store.head()
    with pytest.raises(CommandRefused) as exc:
        hall.issue("A", "k")
    assert exc.value.code == "daily_cap"
    assert exc.value.message == "Service A has reached today's limit of 2 tickets."
    assert store.head() == head


def test_outside_issuing_hours(config: Config, store: SQLiteStore, clock: ManualClock) -> None:
    data = config.model_dump(exclude={"base_dir"})
    data["services"][0]["hours"] = ["07:30-11:30", "13:00-17:00"]
    data["services"][0]["days"] = ["mon", "tue", "wed", "thu", "fri"]
    hall = HallService(parse_config(data), store, clock)
    clock.set(datetime(2026, 4, 13, 12, 0, tzinfo=VN))  # Monday lunch
    with pytest.raises(CommandRefused) as exc:
        hall.issue("A", "k")
    assert exc.value.code == "outside_hours"
    assert "07:30-11:30, 13:00-17:00" in exc.value.message
    clock.set(datetime(2026, 4, 18, 9, 0, tzinfo=VN))  # Saturday
    with pytest.raises(CommandRefused):
        hall.issue("A", "k")
    clock.set(datetime(2026, 4, 13, 13, 0, tzinfo=VN))
    assert hall.issue("A", "k").number == "A001"


def test_range_is_never_reused_in_a_day(config: Config, store: SQLiteStore,
                                         clock: ManualClock) -> None:
    data = config.model_dump(exclude={"base_dir"})
    data["services"][0]["first"] = 1
    data["services"][0]["last"] = 3
    hall = HallService(parse_config(data), store, clock)
    assert [hall.issue("A", "k").number for _ in range(3)] == ["A001", "A002", "A003"]
    with pytest.raises(CommandRefused) as exc:
        hall.issue("A", "k")
    assert exc.value.code == "range_exhausted"


def test_call_next_follows_counter_service_order(hall: HallService) -> None:
    _open(hall, 3)  # serves B then A
    hall.issue("A", "k")
    hall.issue("B", "k")
    (called,) = hall.execute("call_next", "staff-3", counter=3)
    assert called.ticket == "B001"


def test_priority_first_but_ordinary_not_starved(hall: HallService, clock: ManualClock) -> None:
    _open(hall, 1)
    hall.issue("A", "k")  # ordinary, earliest
    for _ in range(5):
        clock.advance(10)
        hall.issue("A", "k", priority=True, category="elderly")
    order = []
    for _ in range(6):
        (called,) = hall.execute("call_next", "s", counter=1, finish_current=True)[-1:]
        order.append(called.ticket)
    # burst of 3 priority calls, then the ordinary ticket, then the rest
    assert order == ["A002", "A003", "A004", "A001", "A005", "A006"]


def test_call_while_serving_is_refused_unless_confirmed(hall: HallService) -> None:
    _open(hall, 1)
    hall.issue("A", "k")
    hall.issue("A", "k")
    hall.execute("call_next", "s", counter=1)
    with pytest.raises(CommandRefused) as exc:
        hall.execute("call_next", "s", counter=1)
    assert exc.value.code == "still_serving"
    events = hall.execute("call_next", "s", counter=1, finish_current=True)
    assert [e.kind for e in events] == ["completed", "called"]
    assert hall.state.tickets["A001"].status is TicketStatus.COMPLETED


def test_illegal_commands_are_refused_and_change_nothing(hall: HallService) -> None:
    hall.issue("A", "k")
    head = hall.store.head()
    snap = hall.state.snapshot()
    cases = [
        ("call_next", {"counter": 1}, "counter_closed"),
        ("complete", {"number": "A001"}, "not_called"),
        ("recall", {"number": "A001"}, "not_called"),
        ("complete", {"number": "A999"}, "unknown_ticket"),
        ("close_counter", {"counter": 1}, "already_closed"),
        ("open_counter", {"counter": 77}, "unknown_counter"),
        ("open_counter", {"counter": 1, "services": ["Z"]}, "unknown_service"),
        ("unpark", {"number": "A001"}, "not_parked"),
    ]
    for name, kwargs, code in cases:
        with pytest.raises(CommandRefused) as exc:
            hall.execute(name, "s", **kwargs)
        assert exc.value.code == code, name
    _open(hall, 1)
    hall.execute("call_next", "s", counter=1)
    head = hall.store.head()
    snap = hall.state.snapshot()
    with pytest.raises(CommandRefused) as exc:
        hall.execute("call_ticket", "s", counter=2, number="A001")
    assert exc.value.code in ("counter_closed", "already_called")
    _open(hall, 2)
    head = hall.store.head()
    snap = hall.state.snapshot()
    with pytest.raises(CommandRefused) as exc:
        hall.execute("call_ticket", "s", counter=2, number="A001")
    assert exc.value.code == "already_called"
    with pytest.raises(CommandRefused) as exc:
        hall.execute("close_counter", "s", counter=1)
    assert exc.value.code == "still_serving"
    assert hall.store.head() == head
    assert hall.state.snapshot() == snap


def test_no_show_needs_the_configured_recalls(hall: HallService) -> None:
    _open(hall, 1)
    hall.issue("A", "k")
    hall.execute("call_next", "s", counter=1)
    with pytest.raises(CommandRefused) as exc:
        hall.execute("no_show", "s", number="A001")
    assert exc.value.code == "recall_first"
    hall.execute("recall", "s", number="A001")
    hall.execute("no_show", "s", number="A001")
    assert hall.state.tickets["A001"].status is TicketStatus.NO_SHOW
    assert hall.state.counters[1].serving is None


def test_transfer_keeps_place_unless_front(hall: HallService, clock: ManualClock) -> None:
    _open(hall, 2)  # A then B
    hall.issue("B", "k")  # B001, earliest
    clock.advance(60)
    hall.issue("A", "k")  # A001
    clock.advance(60)
    hall.issue("A", "k")  # A002
    # B001 moves to service A keeping its issue time: it is first in A's queue
    hall.execute("transfer", "s", number="B001", to_service="A")
    assert [t.number for t in hall.state.queue("A")] == ["B001", "A001", "A002"]
    # A002 put at the front
    hall.execute("transfer", "s", number="A002", to_service="A", front=True)
    assert hall.state.call_order("A")[0].number == "A002"
    # a transfer to a counter: only that counter calls it, before its services
    _open(hall, 4)  # serves C only
    hall.execute("transfer", "s", number="A001", to_counter=4)
    (called,) = hall.execute("call_next", "s", counter=4)
    assert called.ticket == "A001"


def test_park_unpark_cancel_and_priority(hall: HallService) -> None:
    _open(hall, 1)
    hall.issue("A", "k")
    hall.issue("A", "k")
    hall.execute("call_next", "s", counter=1)
    hall.execute("park", "s", number="A001")
    assert hall.state.counters[1].serving is None
    assert hall.state.tickets["A001"].status is TicketStatus.PARKED
    hall.execute("set_priority", "sup", number="A002", priority=True, category="pregnant")
    assert hall.state.tickets["A002"].priority
    with pytest.raises(CommandRefused):
        hall.execute("set_priority", "sup", number="A002", priority=True, category="nobody")
    hall.execute("unpark", "s", number="A001")
    assert [t.number for t in hall.state.call_order("A")] == ["A002", "A001"]
    hall.execute("cancel", "s", number="A002")
    assert hall.state.tickets["A002"].status is TicketStatus.CANCELLED
    with pytest.raises(CommandRefused):
        hall.execute("cancel", "s", number="A002")


def test_counter_lifecycle(hall: HallService) -> None:
    _open(hall, 1, ["A", "B"])
    assert hall.state.counters[1].services == ("A", "B")
    hall.execute("pause_counter", "s", counter=1)
    hall.issue("A", "k")
    with pytest.raises(CommandRefused) as exc:
        hall.execute("call_next", "s", counter=1)
    assert exc.value.code == "counter_paused"
    hall.execute("resume_counter", "s", counter=1)
    hall.execute("set_counter_services", "s", counter=1, services=["B"])
    with pytest.raises(CommandRefused) as exc:
        hall.execute("call_next", "s", counter=1)
    assert exc.value.code == "queue_empty"
    hall.execute("close_counter", "s", counter=1)
    assert hall.state.counters[1].status is CounterStatus.CLOSED


def test_every_event_carries_time_and_actor(hall: HallService, clock: ManualClock) -> None:
    _open(hall, 1)
    hall.issue("A", "kiosk-9")
    clock.advance(timedelta(minutes=3).total_seconds())
    hall.execute("call_next", "staff-7", counter=1)
    events = hall.store.read_after(0)
    assert all(e.actor for e in events)
    assert all(e.ts.utcoffset() == timedelta(hours=7) for e in events)
    assert events[-1].actor == "staff-7"
    issued = next(e for e in events if e.kind == "issued")
    assert issued["kiosk"] == "kiosk-9"


def test_state_is_rebuilt_from_the_log_on_start(hall: HallService, config: Config,
                                                clock: ManualClock) -> None:
    _open(hall, 1)
    for _ in range(3):
        hall.issue("A", "k")
    hall.execute("call_next", "s", counter=1)
    again = HallService(config, hall.store, clock)
    assert again.state.snapshot() == hall.state.snapshot()
