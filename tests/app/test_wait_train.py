"""Training refuses impossible logs (naming the line) and models worse than the plain method."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.config import Config
from app.events import write_jsonl
from app.sim.engine import simulate_days
from app.sim.halls import HALLS, hall_config, hall_toml
from app.wait.train import TrainingDataError, TrainingRefused, read_log, train

T = "2026-03-02T09:{:02d}:00+07:00"


def _write(tmp: Path, objs: list[dict[str, object]]) -> Path:
    p = tmp / "log.jsonl"
    p.write_text("".join(json.dumps(o) + "\n" for o in objs), encoding="utf-8")
    return p


def _issued(m: int, ticket: str = "A001") -> dict[str, object]:
    return {"ts": T.format(m), "event": "issued", "actor": "kiosk-1", "ticket": ticket,
            "service": "A", "priority": False}


def _ev(m: int, kind: str, ticket: str = "A001", **kw: object) -> dict[str, object]:
    return {"ts": T.format(m), "event": kind, "actor": "staff-1", "ticket": ticket,
            "service": "A", "counter": 1, **kw}


@pytest.mark.parametrize(
    ("objs", "line", "words"),
    [
        ([_issued(1), _ev(2, "called", "A002")], 2, "called before it was issued"),
        ([_issued(1), _ev(2, "completed")], 2, "completed before it was called"),
        ([_issued(5), _ev(3, "called")], 2, "time goes backwards"),
        ([_issued(1), _issued(2)], 2, "issued twice"),
        ([_issued(1), _ev(2, "called"), _ev(3, "completed"), _ev(4, "called")], 4,
         "called after it was finished"),
        ([_issued(1), {"ts": T.format(2), "event": "called", "ticket": "A001"}], 2, "missing"),
    ],
)
def test_impossible_logs_are_refused_naming_the_line(
    tmp_path: Path, config: Config, objs: list[dict[str, object]], line: int, words: str
) -> None:
    p = _write(tmp_path, objs)
    with pytest.raises(TrainingDataError) as exc:
        read_log(p, config)
    assert f"{p}:{line}:" in exc.value.message and words in exc.value.message


def test_train_command_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, [_issued(1), _ev(2, "called", "A009")])
    assert main(["wait", "train", "--events", str(p), "--out", str(tmp_path / "m")]) == 1
    assert f"{p}:2:" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_a_worse_model_is_refused_unless_forced(tmp_path: Path, config: Config) -> None:
    pytest.importorskip("sklearn")
    shape = HALLS["ward"]
    events = simulate_days(shape, hall_config(shape), date(2026, 3, 2), 3, seed=2)
    log = tmp_path / "ward.jsonl"
    with log.open("w", encoding="utf-8") as f:
        write_jsonl(events, f)
    (tmp_path / "ward.toml").write_text(hall_toml(shape), encoding="utf-8")
    # one boosting round on the wait alone (no plain estimate to correct): it learned nothing
    with pytest.raises(TrainingRefused, match="not better than the strongest plain"):
        train([log], tmp_path / "m", config, holdout_days=1, max_iter=1, anchor=None)
    assert not (tmp_path / "m").exists()
    result = train([log], tmp_path / "m", config, holdout_days=1, max_iter=1, force=True,
                   anchor=None)
    assert not result.passed and result.card["passed"] is False
    assert (tmp_path / "m" / "manifest.json").is_file()
