"""The read models every screen binds to (app.views), without Qt."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import FrozenInstanceError
from datetime import timedelta
from typing import Any

import pytest

from app import views
from app.clock import ManualClock
from app.config import Config
from app.estimate import Estimate, EstimatorInfo, QueueLengthEstimator
from app.hall import HallState, Ticket, TicketStatus
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.wait import load_estimator


class CountingEstimator:
    """The plain estimator, counting how often it is asked (a screen must not ask per tile)."""

    def __init__(self, info: EstimatorInfo | None = None) -> None:
        self.plain = QueueLengthEstimator()
        self.asked: list[str] = []
        self._info = info or EstimatorInfo(ai=False)

    def estimate(self, state: HallState, ticket: Ticket) -> Estimate:
        self.asked.append(ticket.number)
        return self.plain.estimate(state, ticket)

    def info(self) -> EstimatorInfo:
        return self._info


def _open(hall: HallService, *counters: int) -> None:
    for n in counters:
        hall.execute("open_counter", "101", counter=n)


def _issue(hall: HallService, service: str, n: int) -> list[str]:
    return [hall.issue(service, "kiosk-1").number for _ in range(n)]


def test_the_core_views_need_no_qt() -> None:
    code = ("import sys, app.views, app.web.live; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_snapshot_counts_and_estimates_each_service(hall: HallService) -> None:
    _open(hall, 1, 2)
    _issue(hall, "A", 3)
    _issue(hall, "B", 1)
    snap = views.take_snapshot(hall)
    assert snap.waiting == {"A": 3, "B": 1, "C": 0}
    a = snap.service("A")
    assert a is not None and a.estimate is not None and a.kind == "plain"
    # the estimate of someone joining now is that of the last in line
    last = hall.state.call_order("A")[-1]
    assert a.estimate == hall.estimate(last)
    c = snap.service("C")
    assert c is not None and c.estimate is None and c.kind == "none"
    assert snap.seq == hall.state.last_seq
    with pytest.raises(FrozenInstanceError):
        snap.seq = 0  # type: ignore[misc]


def test_recent_calls_newest_first_each_number_once(hall: HallService) -> None:
    _open(hall, 1, 2, 3)
    _issue(hall, "A", 3)
    _issue(hall, "B", 1)
    hall.execute("call_next", "101", counter=1)  # A001
    hall.execute("call_next", "101", counter=2)  # A002
    hall.execute("call_next", "101", counter=3)  # B001
    hall.execute("recall", "101", number="A001")
    calls = views.recent_calls(hall.state)
    assert [(c.number, c.counter) for c in calls] == [("A001", 1), ("B001", 3), ("A002", 2)]
    assert [c.newest for c in calls] == [True, False, False]
    assert calls[0].recall and not calls[1].recall
    assert len(views.recent_calls(hall.state, limit=2)) == 2


def test_every_screen_lists_the_same_calls(hall: HallService) -> None:
    _open(hall, 1)
    numbers = _issue(hall, "A", 10)
    for _ in numbers:
        hall.execute("call_next", "101", counter=1, finish_current=True)
    snap = views.take_snapshot(hall, tracked=numbers[-1])
    board = [c.number for c in views.board_view(snap).calls]
    kiosk = [c.number for c in views.kiosk_view(snap).calls]
    phone = [n for n, _ in views.phone_view(snap, hall.config).recent_calls]
    assert board == list(reversed(numbers))[:views.BOARD_CALLS]
    assert kiosk == board[:views.KIOSK_CALLS]
    assert phone == board[:views.PHONE_CALLS]


def test_yesterdays_calls_are_not_shown(hall: HallService, clock: ManualClock) -> None:
    _open(hall, 1)
    _issue(hall, "A", 1)
    hall.execute("call_next", "101", counter=1)
    assert views.recent_calls(hall.state)
    clock.advance(timedelta(days=1).total_seconds())
    hall.refresh()  # the new business day starts with the clock
    assert views.take_snapshot(hall).calls == ()


def test_the_tracked_ticket(hall: HallService) -> None:
    _open(hall, 1)
    _first, second = _issue(hall, "A", 2)
    t = views.take_snapshot(hall, tracked=second).tracked
    assert t is not None
    assert (t.number, t.status, t.people_ahead) == (second, TicketStatus.WAITING, 1)
    assert t.estimate is not None and t.kind == "plain" and not t.called
    hall.execute("call_next", "101", counter=1)
    hall.execute("call_next", "101", counter=1, finish_current=True)
    t = views.take_snapshot(hall, tracked=second).tracked
    assert t is not None and t.status is TicketStatus.CALLED and t.counter == 1
    assert t.estimate is None and t.called and t.kind == "none"
    assert views.take_snapshot(hall, tracked="Z999").tracked is None


def test_hidden_estimates_show_only_people_ahead(config: Config, store: SQLiteStore,
                                                 clock: ManualClock) -> None:
    hall = HallService(config, store, clock,
                       estimator=CountingEstimator(EstimatorInfo(ai=True, visible=False)))
    _open(hall, 1)
    (number,) = _issue(hall, "A", 1)
    snap = views.take_snapshot(hall, tracked=number)
    assert snap.tracked is not None
    assert snap.tracked.estimate is None and not snap.tracked.estimate_visible
    assert [s.kind for s in snap.services] == ["none", "none", "none"]


def test_closed_counters_are_told(hall: HallService) -> None:
    (number,) = _issue(hall, "A", 1)  # no counter open yet
    snap = views.take_snapshot(hall, tracked=number)
    a = snap.service("A")
    assert a is not None and not a.serving.open
    assert snap.tracked is not None and not snap.tracked.serving.open
    assert not views.phone_view(snap, hall.config).serving.open
    _open(hall, 1)
    snap = views.take_snapshot(hall, tracked=number)
    assert snap.tracked is not None and snap.tracked.serving.open


def test_without_a_batch_only_the_needed_estimates_are_asked(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    est = CountingEstimator()
    hall = HallService(config, store, clock, estimator=est)
    _open(hall, 1, 2)
    numbers = _issue(hall, "A", 5)
    est.asked.clear()
    views.take_snapshot(hall, tracked=numbers[1])
    # one per service with people waiting (A), and the tracked ticket
    assert sorted(est.asked) == sorted([numbers[-1], numbers[1]])


def test_the_wait_estimators_batch_is_read_not_recomputed(
    config: Config, store: SQLiteStore, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    hall = HallService(config, store, clock)
    estimator = load_estimator(config, hall)
    assert hall.estimator is estimator
    _open(hall, 1, 2)
    numbers = _issue(hall, "A", 4) + _issue(hall, "B", 2)
    batch = estimator.current_estimates()
    assert set(batch) == set(numbers)

    def no_single_estimates(*_: Any) -> Estimate:
        raise AssertionError("a screen asked for a single estimate")

    monkeypatch.setattr(estimator, "estimate", no_single_estimates)
    refreshes = estimator.refreshes
    snap = views.take_snapshot(hall, tracked=numbers[0])
    assert estimator.refreshes == refreshes
    assert snap.service("A") is not None
    assert snap.service("A").estimate == batch[hall.state.call_order("A")[-1].number]  # type: ignore[union-attr]
    assert snap.tracked is not None and snap.tracked.estimate == batch[numbers[0]]


def test_a_listener_before_the_estimator_still_sees_the_new_batch(
    config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    hall = HallService(config, store, clock)
    seen: list[views.HallSnapshot] = []
    # the kiosk subscribes when it opens; the model loads later
    hall.subscribe(lambda _events: seen.append(views.take_snapshot(hall)))
    estimator = load_estimator(config, hall)
    _open(hall, 1)
    (number,) = _issue(hall, "A", 1)
    a = seen[-1].service("A")
    assert a is not None and a.estimate == estimator.current_estimates()[number]


def test_a_lagging_batch_is_not_shown(config: Config, store: SQLiteStore,
                                      clock: ManualClock) -> None:
    hall = HallService(config, store, clock)
    estimator = load_estimator(config, hall)
    _open(hall, 1)
    _issue(hall, "A", 1)
    assert estimator.batch(hall.state) is not None
    estimator.detach()
    assert views.current_batch(hall) is None
    # another process appended: the state moved past what the estimator has seen
    other = HallService(config, SQLiteStore(store.path), clock)
    other.issue("A", "kiosk-2")
    hall.refresh()
    assert estimator.batch(hall.state) is None


def test_the_board_view(hall: HallService) -> None:
    _open(hall, 1, 2)
    _issue(hall, "A", 2)
    hall.execute("call_next", "101", counter=1)
    hall.execute("pause_counter", "101", counter=2)
    board = views.board_view(views.take_snapshot(hall))
    by_number = {c.number: c for c in board.counters}
    assert by_number[1].serving == "A001" and by_number[1].status == "open"
    assert by_number[2].status == "paused"
    assert by_number[4].status == "closed" and by_number[4].serving == ""
    assert [c.number for c in board.counters] == sorted(by_number)


def test_the_console_view(hall: HallService) -> None:
    _open(hall, 2, 3)
    a = _issue(hall, "A", 2)
    b = _issue(hall, "B", 1)
    hall.execute("call_next", "101", counter=3)  # counter 3 serves B first
    view = views.console_view(hall, 3)
    assert view.serving == b[0] and view.serving_service == "B"
    assert view.counter.services == ("B", "A")
    assert view.queue == tuple(a)
    hall.execute("complete", "101", number=b[0])
    assert views.console_view(hall, 3).serving == ""
    with pytest.raises(KeyError):
        views.console_view(hall, 99)


def test_the_phone_view_needs_a_tracked_ticket(hall: HallService) -> None:
    with pytest.raises(ValueError, match="tracks no ticket"):
        views.phone_view(views.take_snapshot(hall), hall.config)
    _open(hall, 1)
    (number,) = _issue(hall, "A", 1)
    page = views.phone_view(views.take_snapshot(hall, tracked=number), hall.config,
                            feedback="hidden")
    assert page.number == number and page.people_ahead == 0 and page.counters
    assert page.service_in("en") and page.service_in("vi")
