"""Each estimate formula logs its own method name, and old logs still read."""

from __future__ import annotations

import io
from datetime import date

from app.config import Config
from app.estimate import METHODS, QueueLengthEstimator
from app.events import read_jsonl
from app.report import build_report
from app.service import HallService
from app.wait.estimator import WaitEstimator
from app.wait.plain import PLAIN_METHODS, PlainEstimator


def _logged(hall: HallService) -> list[str]:
    return [str(e["method"]) for e in hall.store.read_after(0) if e.kind == "estimated"]


def test_every_method_has_its_own_name() -> None:
    names = [QueueLengthEstimator.METHOD, *PLAIN_METHODS, "model", "none"]
    assert len(set(names)) == len(names)
    assert set(names) == set(METHODS)


def test_the_cores_own_estimate_is_logged_as_queue_mean(hall: HallService) -> None:
    hall.execute("open_counter", "staff-1", counter=1)
    assert isinstance(hall.estimator, QueueLengthEstimator)
    issued = hall.issue("A", "kiosk-1")
    assert issued.estimate.method == "queue_mean"
    assert _logged(hall) == ["queue_mean"]


def test_the_plain_queue_method_keeps_its_name(hall: HallService) -> None:
    hall.estimator = PlainEstimator("queue")
    hall.execute("open_counter", "staff-1", counter=1)
    hall.issue("A", "kiosk-1")
    assert _logged(hall) == ["queue"]


def test_an_old_log_naming_queue_still_loads_and_counts_as_plain(config: Config) -> None:
    lines = [
        '{"event": "issued", "ts": "2026-04-13T09:00:00+07:00", "actor": "kiosk-1", '
        '"ticket": "A001", "service": "A", "priority": false, "token": "t0k3n"}',
        '{"event": "estimated", "ts": "2026-04-13T09:00:00+07:00", "actor": "kiosk-1", '
        '"ticket": "A001", "service": "A", "median_s": 300, "p10_s": 120, "p90_s": 600, '
        '"method": "queue"}',
        '{"event": "estimate_feedback", "ts": "2026-04-13T10:00:00+07:00", "actor": "web", '
        '"ticket": "A001", "service": "A", "right": true}',
    ]
    events = list(read_jsonl(io.StringIO("\n".join(lines) + "\n")))
    assert [e.get("method") for e in events if e.kind == "estimated"] == ["queue"]
    report = build_report(config, events, date(2026, 4, 13))
    assert report.feedback["estimates"]["plain"]["right"] == 1


def test_without_a_model_a_hall_that_wants_people_ahead_only_gets_them(
    config: Config, hall: HallService
) -> None:
    quiet = config.model_copy(update={"estimates": config.estimates.model_copy(
        update={"when_ai_off": "people_ahead"})})
    hall.execute("open_counter", "staff-1", counter=1)
    ticket = hall.state.tickets[hall.issue("A", "kiosk-1").number]
    no_model = WaitEstimator(quiet, None, "no wait model is installed", "skill")
    assert no_model.estimate(hall.state, ticket).method == "none"
    assert no_model.info().fallback_reason == "no wait model is installed"
    plain_hall = WaitEstimator(config, None, "no wait model is installed", "skill")
    assert plain_hall.estimate(hall.state, ticket).method == "skill"
    hall.state.config = quiet
    assert QueueLengthEstimator().estimate(hall.state, ticket).method == "none"
