"""Replay: run a log through the kiosk's estimator, one event at a time.

``motcua wait replay --model DIR --history TRAIN.jsonl --events TEST.jsonl
--out PRED.csv`` applies the history (to warm up the live monitor and the
staff settings), then feeds the test events one by one through the same
:class:`~app.wait.estimator.WaitEstimator` the kiosk runs. For every
``issued`` event it writes one row::

    ticket,issued_ts,predicted_wait_s,p10_s,p90_s,method

computed from the state after that event and nothing later (``method`` is
``model`` or the plain method used). Calls are scored as they come, so drift
in the log makes the estimator fall back exactly as the kiosk would; the
incidents it would have recorded are returned (and printed by the command).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from app.config import Config
from app.estimate import Estimate
from app.events import Event
from app.hall import HallState
from app.wait.estimator import WaitEstimator

HEADER = ("ticket", "issued_ts", "predicted_wait_s", "p10_s", "p90_s", "method")


@dataclass
class ReplayResult:
    """What a replay produced."""

    rows: list[tuple[str, str, float, float, float, str]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    actual: dict[str, float] = field(default_factory=dict)


def replay(config: Config, estimator: WaitEstimator, events: Iterable[Event],
           history: Iterable[Event] = ()) -> ReplayResult:
    """Estimate every issued ticket of ``events`` as the kiosk would have."""
    result = ReplayResult()
    estimator.set_recorder(lambda kind, data: result.incidents.append({"event": kind, **data}))
    state = HallState(config)
    for e in history:
        state.apply(e)
        if e.kind == "issued":
            t = state.tickets.get(e.ticket)
            if t is not None and t.issued_at == e.ts:
                estimator.estimate(state, t)
        estimator.observe([e], refresh=False)
    issued: dict[str, Any] = {}
    for e in events:
        state.apply(e)
        if e.kind == "issued":
            t = state.tickets.get(e.ticket)
            if t is not None and t.issued_at == e.ts:
                est: Estimate = estimator.estimate(state, t)
                key = f"{t.day}:{t.number}"
                issued[key] = t.issued_at
                result.rows.append((t.number, t.issued_at.isoformat(), round(est.median_s, 1),
                                    round(est.p10_s, 1), round(est.p90_s, 1), est.method))
        elif e.kind == "called" and not e.get("recall", False):
            key = f"{state.business_day(e.ts)}:{e.ticket}"
            at = issued.pop(key, None)
            if at is not None:
                result.actual[f"{key}@{at.isoformat()}"] = (e.ts - at).total_seconds()
        estimator.observe([e], refresh=False)
    estimator.set_recorder(None)
    return result


def write_csv(result: ReplayResult, out: TextIO) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(result.rows)


def write_csv_file(result: ReplayResult, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        write_csv(result, f)
