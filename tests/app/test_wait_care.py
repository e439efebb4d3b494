"""Energy and fairness of the wait model: it runs only when the queue changes,
and its error is audited for priority against ordinary tickets."""

from __future__ import annotations

import json

from app.clock import ManualClock
from app.config import Config
from app.service import HallService
from app.wait import load_estimator
from tests.conftest import ROOT


def test_inference_runs_per_queue_change_never_on_a_timer(
    config: Config, hall: HallService, clock: ManualClock
) -> None:
    estimator = load_estimator(config, hall)
    assert estimator.model is not None and estimator.info().ai
    model = estimator.model
    hall.execute("open_counter", "staff-1", counter=1)
    model.inferences = 0

    for _ in range(5):
        hall.issue("A", "kiosk-1")
    # the ticket's own estimate only: re-estimating the queue waits until someone reads it
    assert model.inferences == 5
    after_issues = model.inferences

    hall.execute("call_next", "staff-1", counter=1)
    assert model.inferences == after_issues  # coalesced
    estimator.current_estimates()
    assert model.inferences - after_issues == 1  # one batch for the whole queue
    estimator.current_estimates()
    assert model.inferences - after_issues == 1

    # time passing, and events that do not change the queue, cost nothing
    before = model.inferences
    clock.advance(3600)
    hall.refresh()
    hall.record("printed", "kiosk-1", ticket="A002", service="A")
    hall.record("incident", "kiosk-1", source="printer", code="paper_near_end")
    assert model.inferences == before


def test_the_error_gap_between_priority_and_ordinary_tickets_is_reported(
    config: Config, hall: HallService, clock: ManualClock
) -> None:
    # on the held-out days, in the model card the panel and the phone page show
    card = json.loads((ROOT / "models" / "wait" / "card.json").read_text(encoding="utf-8"))
    groups = card["held_out"]["groups"]
    for group in ("priority", "ordinary"):
        assert groups[group]["tickets"] > 0
        assert groups[group]["model_mae_s"] >= 0 and groups[group]["plain_mae_s"] >= 0

    # and live, as tickets are called
    estimator = load_estimator(config, hall)
    hall.execute("open_counter", "staff-1", counter=1)
    hall.issue("A", "kiosk-1")
    hall.issue("A", "kiosk-1", priority=True, category="elderly")
    for _ in range(2):
        clock.advance(240)
        hall.execute("call_next", "staff-1", counter=1, finish_current=True)
    live = estimator.monitor.breakdown()
    assert live["priority"]["tickets"] == 1 and live["ordinary"]["tickets"] == 1
    for group in ("priority", "ordinary"):
        assert live[group]["shown_mae_s"] >= 0 and live[group]["plain_mae_s"] >= 0
