"""A model that no longer fits the hall is caught, set aside, recorded and reported."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.clock import ManualClock
from app.config import Config, load_config
from app.events import write_jsonl
from app.service import HallService
from app.sim.engine import simulate_days
from app.sim.halls import HALLS, hall_config, hall_toml
from app.store.sqlite import SQLiteStore
from app.wait.control import supervisor_reinstate
from app.wait.estimator import WaitEstimator
from app.wait.model import load_model
from app.wait.monitor import LiveMonitor
from app.wait.replay import HEADER, replay, write_csv

pytest.importorskip("sklearn")


@pytest.fixture(scope="module")
def stale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A model that learned almost nothing (one boosting round, no plain estimate to
    correct): it says about the same wait for everyone and no longer fits the hall."""
    from app.wait.train import train

    tmp = tmp_path_factory.mktemp("stale")
    shape = HALLS["ward"]
    cfg = hall_config(shape)
    for name, start, days in (("train", date(2026, 3, 2), 3), ("test", date(2026, 3, 9), 3)):
        events = simulate_days(shape, cfg, start, days, seed=21)
        with (tmp / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            write_jsonl(events, f)
        (tmp / f"{name}.toml").write_text(hall_toml(shape), encoding="utf-8")
    train([tmp / "train.jsonl"], tmp / "model", load_config(), holdout_days=1, max_iter=1,
          force=True, anchor=None)
    yield tmp


def test_drift_in_a_replay_falls_back_and_alerts(stale: Path) -> None:
    from app.wait.train import read_log

    cfg = hall_config(HALLS["ward"])
    est = WaitEstimator(cfg, load_model(stale / "model"), plain_method="skill")
    alerts: list[str] = []
    est.add_alert_listener(alerts.append)
    history = read_log(stale / "train.jsonl", cfg).events
    events = read_log(stale / "test.jsonl", cfg).events
    result = replay(cfg, est, events, history)

    assert [i["code"] for i in result.incidents] == ["drift_fallback"]
    assert result.incidents[0]["source"] == "wait_model" and result.incidents[0]["model"]
    assert alerts and "plain" in alerts[0]
    methods = [r[5] for r in result.rows]
    # once set aside, it stays aside: no model estimate after the first plain one
    assert methods[-1] == "skill" and "model" not in methods[methods.index("skill"):]
    assert est.info().fallback_reason and not est.info().ai
    buf = io.StringIO()
    write_csv(result, buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0]) == HEADER and len(rows) == len(result.rows) + 1


def test_live_drift_records_an_incident_and_a_supervisor_reinstates(
    stale: Path, config: Config, clock: ManualClock, store: SQLiteStore
) -> None:
    model = load_model(stale / "model")
    est = WaitEstimator(config, model, monitor=LiveMonitor(window=30, min_count=20))
    hall = HallService(config, store, clock, estimator=est)
    est.attach(hall)
    alerts: list[str] = []
    est.add_alert_listener(alerts.append)
    hall.execute("open_counter", "staff-1", counter=1)
    for _ in range(40):
        hall.issue("A", "kiosk-1")
    assert hall.state.tickets["A001"] and est.info().ai
    for _ in range(40):
        clock.advance(240)
        hall.execute("call_next", "staff-1", counter=1, finish_current=True)
        if not est.info().ai:
            break
    incidents = [e for e in store.read_after(0) if e.kind == "incident"]
    assert len(incidents) == 1 and incidents[0]["code"] == "drift_fallback"
    assert incidents[0].actor == config.kiosk.id
    assert alerts and not est.info().ai
    assert hall.issue("A", "kiosk-1").estimate.method == "snapshot"

    # a restarted kiosk stays on the plain method: the fallback is in the log
    again = WaitEstimator(config, load_model(stale / "model"))
    again.attach(HallService(config, store, clock))
    assert again.mode()[0] == "plain"

    supervisor_reinstate(hall, "sup-1", "model checked; the hall is back to normal")
    assert est.info().ai and hall.issue("A", "kiosk-1").estimate.ai


def test_replay_command(stale: Path, tmp_path: Path) -> None:
    out = tmp_path / "pred.csv"
    code = main(["--config", str(stale / "test.toml"), "wait", "replay",
                 "--model", str(stale / "model"), "--history", str(stale / "train.jsonl"),
                 "--events", str(stale / "test.jsonl"), "--out", str(out)])
    assert code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(HEADER)
    issued = sum(1 for line in (stale / "test.jsonl").open() if '"issued"' in line)
    assert len(lines) == issued + 1


def test_monitor_figures() -> None:
    from datetime import UTC, datetime, timedelta

    from app.estimate import Estimate

    m = LiveMonitor(window=10, min_count=5)
    t0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
    for i in range(8):
        m.expect(f"A{i:03d}", "A", i % 2 == 0, t0, Estimate(300, 200, 400, "model", "v"),
                 300.0, 600.0)
        m.called(f"A{i:03d}", t0 + timedelta(seconds=350))
    assert m.coverage() == 1.0 and m.mae_s() == pytest.approx(50.0)
    assert m.drifted() == (False, "")
    b = m.breakdown()
    assert b["priority"]["tickets"] == 4 and b["service:A"]["model_mae_s"] == pytest.approx(50)
    m.reset()
    for i in range(8, 18):
        m.expect(f"A{i:03d}", "A", False, t0, Estimate(300, 200, 400, "model", "v"), 60.0, 350.0)
        m.called(f"A{i:03d}", t0 + timedelta(seconds=350))
    assert m.drifted()[0]


def _score(m: LiveMonitor, errors: list[tuple[float, float]], start: int = 0) -> None:
    """Feed called tickets whose model and plain errors are the given seconds."""
    from datetime import UTC, datetime, timedelta

    from app.estimate import Estimate

    t0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
    for i, (model_err, plain_err) in enumerate(errors, start=start):
        m.expect(f"A{i:03d}", "A", False, t0, Estimate(600, 300, 900, "model", "v"),
                 600.0 + model_err, 600.0 + plain_err)
        m.called(f"A{i:03d}", t0 + timedelta(seconds=600))


def test_one_bad_hour_does_not_set_a_better_model_aside() -> None:
    """Errors of neighbouring tickets move together: one bad run is not drift."""
    m = LiveMonitor(window=100, min_count=60)
    # the model is clearly better for 80 tickets, then 20 in a row go badly against it
    good = [(60.0 + (i % 7) * 10, 150.0 + (i % 5) * 20) for i in range(80)]
    bad = [(2400.0 + i * 5, 300.0) for i in range(20)]
    _score(m, good + bad)
    drifted, _ = m.drifted()
    assert not drifted
    # the same tickets taken as independent would have looked like drift
    diffs = [a - b for a, b in good + bad]
    mean = sum(diffs) / len(diffs)
    naive_se = (sum((d - mean) ** 2 for d in diffs) / (len(diffs) - 1) / len(diffs)) ** 0.5
    model = sum(a for a, _ in good + bad) / 100
    plain = sum(b for _, b in good + bad) / 100
    assert model > 1.1 * plain and mean > 2 * naive_se


def test_a_model_worse_all_through_the_window_is_set_aside() -> None:
    m = LiveMonitor(window=100, min_count=60)
    _score(m, [(400.0 + (i % 9) * 30, 200.0 + (i % 4) * 25) for i in range(100)])
    drifted, detail = m.drifted()
    assert drifted and "100 tickets" in detail
