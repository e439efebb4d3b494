"""Every estimate shown is on record with the method and model version that made it."""

from __future__ import annotations

import json

from app.config import Config
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.wait import load_estimator
from tests.conftest import ROOT


def test_every_issue_records_its_estimate_and_model_version(
    config: Config, store: SQLiteStore, hall: HallService
) -> None:
    card = json.loads((ROOT / "models" / "wait" / "card.json").read_text(encoding="utf-8"))
    estimator = load_estimator(config, hall)
    assert estimator.info().ai, estimator.info().fallback_reason
    hall.execute("open_counter", "staff-1", counter=1)
    issued = [hall.issue("A", "kiosk-1") for _ in range(3)]

    events = store.read_after(0)
    recorded = {e.ticket: e for e in events if e.kind == "estimated"}
    assert set(recorded) == {t.number for t in issued}
    for t in issued:
        e = recorded[t.number]
        # what the kiosk showed is exactly what the log says it showed
        assert e["method"] == t.estimate.method == "model"
        assert e["model"] == card["version"]
        assert e["p10_s"] <= e["median_s"] <= e["p90_s"]
        assert abs(e["median_s"] - t.estimate.median_s) < 0.1
    # the issue and its estimate are one transaction: adjacent in the log
    for e in events:
        if e.kind == "issued":
            after = next(x for x in events if x.seq == (e.seq or 0) + 1)
            assert after.kind == "estimated" and after.ticket == e.ticket


def test_with_the_ai_off_the_record_says_so(config: Config, hall: HallService) -> None:
    from app.wait.control import set_ai_enabled

    estimator = load_estimator(config, hall)
    set_ai_enabled(hall, "sup-1", False, "testing the switch")
    assert not estimator.info().ai
    t = hall.issue("B", "kiosk-1")
    (e,) = [x for x in hall.store.read_after(0) if x.kind == "estimated"]
    assert e.ticket == t.number
    assert e["method"] != "model" and e.get("model") is None
