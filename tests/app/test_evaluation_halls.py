"""The evaluation halls (on Ciw): their logs are ones a real hall could have written."""

from __future__ import annotations

from collections import Counter
from datetime import date, time
from pathlib import Path

import pytest

from app.events import write_jsonl
from app.hall import HallState

pytest.importorskip("ciw")

from evaluation.halls import HALLS
from evaluation.simulate import hall_config, hall_toml, simulate_days


@pytest.mark.parametrize("name", sorted(HALLS))
def test_every_hall_writes_a_log_the_projection_takes_whole(name: str) -> None:
    hall = HALLS[name]
    cfg = hall_config(hall)
    events = simulate_days(hall, cfg, date(2026, 3, 2), 2, seed=11)
    state = HallState(cfg)
    issued: set[tuple[date, str]] = set()
    for e in events:
        day = state.business_day(e.ts)
        if e.kind == "issued":
            assert (day, e.ticket) not in issued  # no number twice a day
            issued.add((day, str(e.ticket)))
        elif e.kind == "called":
            assert (day, e.ticket) in issued
        state.apply(e)
    assert state.anomalies == 0
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    kinds = Counter(e.kind for e in events)
    assert kinds["issued"] == kinds["called"]
    assert kinds["completed"] + kinds["no_show"] == kinds["issued"]


def test_the_halls_behave_as_described() -> None:
    hall = HALLS["district"]
    cfg = hall_config(hall)
    events = simulate_days(hall, cfg, date(2026, 3, 2), 12, seed=5)
    local = [(e, e.ts.astimezone(cfg.hall.zone)) for e in events]
    # counters serve on after the last issue time (16:30) until their line is empty
    assert any(e.kind == "called" and t.time() > time(16, 30) for e, t in local)
    # citizens give up; the hall learns it only when the number is called
    assert any(e.kind == "no_show" for e in events)
    # some days a counter opens late, or not at all
    hall = HALLS["absent"]
    cfg = hall_config(hall)
    events = simulate_days(hall, cfg, date(2026, 3, 2), 6, seed=5)
    local = [(e, e.ts.astimezone(cfg.hall.zone)) for e in events]
    opened: dict[date, set[int]] = {}
    for e, t in local:
        if e.kind == "counter_open":
            opened.setdefault(t.date(), set()).add(int(e["counter"]))
    every = {c.number for c in hall.counters}
    assert any(opened[d] != every for d in opened)
    first_open = [t.time() for e, t in local if e.kind == "counter_open"]
    assert max(first_open) > time(7, 50)


def test_the_log_and_its_configuration_train_as_a_hall_would(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from app.config import load_config
    from app.wait.train import train

    hall = HALLS["ward"]
    cfg = hall_config(hall)
    (tmp_path / "ward.toml").write_text(hall_toml(hall), encoding="utf-8")
    assert load_config(tmp_path / "ward.toml").queue.calling_rule == hall.rule
    events = simulate_days(hall, cfg, date(2026, 3, 2), 16, seed=3)
    log = tmp_path / "ward.jsonl"
    with log.open("w", encoding="utf-8") as f:
        write_jsonl(events, f)
    result = train([log], tmp_path / "m", cfg, max_iter=20, force=True)
    rolling = result.report["rolling"]
    assert len(rolling["folds"]) >= 2  # several cut dates, not one held-out block
    assert rolling["best_plain"] in ("queue", "skill", "erlang", "snapshot")
    assert result.card["rolling"]["mae_ratio"] == rolling["mae_ratio"]
    assert result.passed == (
        result.report["mae_ratio"] <= 1.0 and rolling["mae_ratio"] <= 1.0
    )


def test_a_hall_keeps_its_model_while_its_own_log_is_thin(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from app.sim.engine import simulate_days as own_days
    from app.sim.halls import HALLS as OWN
    from app.sim.halls import hall_config as own_config
    from app.sim.halls import hall_toml as own_toml
    from app.wait.model import load_model
    from app.wait.train import TrainingRefused, train
    from evaluation.run import SHIPPED_MODEL

    shape = OWN["ward"]
    cfg = own_config(shape)
    (tmp_path / "ward.toml").write_text(own_toml(shape), encoding="utf-8")
    log = tmp_path / "ward.jsonl"
    with log.open("w", encoding="utf-8") as f:
        write_jsonl(own_days(shape, cfg, date(2026, 4, 6), 12, seed=21), f)
    prior = load_model(SHIPPED_MODEL)
    # a model that learned nothing (one round, no plain estimate to correct)
    with pytest.raises(TrainingRefused) as refused:
        train([log], tmp_path / "m", cfg, max_iter=1, anchor=None, prior=prior)
    assert refused.value.keep == "prior" and "installed model" in str(refused.value)
    assert not (tmp_path / "m").exists()
