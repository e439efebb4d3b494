"""Train and score the wait estimates on the evaluation halls, as a hall would.

For each hall: ``days`` working days are simulated on Ciw; for each cut
date (rolling origin), the estimator is trained with the product's own
training (``app.wait.train.train``, which reads the hall's TOML beside its
log) on the ``train_days`` before the cut, then the ``test_days`` after it
are replayed through the kiosk's estimator (``app.wait.replay.replay``,
drift fallback included). Beside the shown estimate, every classical
predictor is scored on the same tickets, from the state at issue:

``queue``  people ahead × mean service time ÷ open counters
``les``    last to enter service: the wait of the last ticket of the service called
``hol``    head-of-line delay: how long the first waiting ticket has waited
``erlang`` Erlang C for the service
``skill``  the snapshot replay of the queue over the counters
``sched``  the same replay aware of the day's hours and breaks
``snapshot`` the product's strongest plain estimate (its own pace per counter, the
           time left of the citizen at the counter, priority slowdown, the calling rule)

The strongest plain method of a hall is the one with the smallest mean
absolute error there, chosen after the fact (an upper bound on any plain
method's skill).
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np

from app.config import Config
from app.events import Event, write_jsonl
from app.hall import HallState, Ticket, TicketStatus
from app.wait.context import build_context
from app.wait.estimator import WaitEstimator
from app.wait.model import load_model
from app.wait.plain import SnapshotSelector, erlang_wait, queue_wait, sched_wait, skill_wait
from app.wait.replay import replay
from app.wait.train import TrainingRefused, train
from evaluation.halls import HALLS, EvalHall
from evaluation.simulate import hall_config, hall_toml, simulate_days

CLASSICAL = ("queue", "les", "hol", "erlang", "skill", "sched", "snapshot")
#: the plain methods the product can show; the others are scored as yardsticks only
PRODUCT_PLAIN = ("queue", "erlang", "skill", "snapshot")
START = date(2026, 1, 5)


@dataclass
class HallScore:
    """One hall's figures over its test days (all cut dates together)."""

    name: str
    tickets: int = 0
    shown_abs: list[float] = field(default_factory=list)
    plain_abs: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in CLASSICAL})
    inside: int = 0
    width_s: list[float] = field(default_factory=list)
    methods: dict[str, int] = field(default_factory=dict)
    refused: int = 0
    kept_prior: int = 0

    def mae(self, which: str) -> float:
        vals = self.shown_abs if which == "shown" else self.plain_abs[which]
        return float(np.mean(vals)) / 60.0 if vals else math.nan

    @property
    def strongest(self) -> str:
        return min(CLASSICAL, key=self.mae)

    @property
    def ratio(self) -> float:
        return self.mae("shown") / self.mae(self.strongest)

    @property
    def coverage(self) -> float:
        return self.inside / self.tickets if self.tickets else math.nan


def classical_waits(state: HallState, ticket: Ticket,
                    selector: SnapshotSelector) -> dict[str, float]:
    """Every classical predictor's wait for a ticket just issued, seconds."""
    ctx = build_context(state)
    now = ticket.issued_at
    called = [t for t in state.tickets.values()
              if t.service == ticket.service and t.first_called_at is not None]
    les = 0.0
    if called:
        last = max(called, key=lambda t: t.first_called_at or now)
        les = ((last.first_called_at or now) - last.issued_at).total_seconds()
    line = [t for t in state.call_order(ticket.service) if t is not ticket]
    hol = (now - line[0].issued_at).total_seconds() if line else 0.0
    return {
        "queue": queue_wait(ctx, ticket),
        "les": max(0.0, les),
        "hol": max(0.0, hol),
        "erlang": erlang_wait(ctx, ticket),
        "skill": skill_wait(ctx, ticket),
        "sched": sched_wait(ctx, ticket),
        "snapshot": selector.wait(ctx, ticket, record=True),
    }


def _classical_table(config: Config, history: Sequence[Event], test: Iterable[Event]
                     ) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    state = HallState(config)
    selector = SnapshotSelector()
    for e in history:
        state.apply(e)
        if e.kind == "issued":
            t = state.tickets.get(e.ticket)
            if t is not None and t.status is TicketStatus.WAITING:
                selector.wait(build_context(state), t, record=True)
        elif e.kind == "called" and not e.get("recall", False):
            selector.called(e.ticket, e.ts)
    preds: dict[str, dict[str, float]] = {}
    issued: dict[str, datetime] = {}
    actual: dict[str, float] = {}
    for e in test:
        state.apply(e)
        if e.kind == "issued":
            t = state.tickets.get(e.ticket)
            if t is not None and t.status is TicketStatus.WAITING:
                key = f"{t.day}:{t.number}"
                preds[key] = classical_waits(state, t, selector)
                issued[key] = t.issued_at
        elif e.kind == "called" and not e.get("recall", False):
            selector.called(e.ticket, e.ts)
            key = f"{state.business_day(e.ts)}:{e.ticket}"
            at = issued.pop(key, None)
            if at is not None:
                actual[key] = (e.ts - at).total_seconds()
    return preds, actual


def working_days(events: Sequence[Event], config: Config) -> list[date]:
    state = HallState(config)
    return sorted({state.business_day(e.ts) for e in events})


def evaluate_plain(hall: EvalHall, seed: int, days: int = 10) -> HallScore:
    """Only the classical predictors, on ``days`` simulated days (no training)."""
    config = hall_config(hall)
    events = simulate_days(hall, config, START, days, seed)
    preds, actual = _classical_table(config, [], events)
    score = HallScore(hall.name)
    for key, wait in actual.items():
        if key in preds:
            score.tickets += 1
            for m in CLASSICAL:
                score.plain_abs[m].append(abs(preds[key][m] - wait))
    return score


#: the model a hall has before it trains its own (the prior where its data is thin)
SHIPPED_MODEL = Path(__file__).resolve().parent.parent / "models" / "wait"


def evaluate_hall(hall: EvalHall, seed: int, train_days: int = 30, test_days: int = 15,
                  cuts: int = 2, workdir: Path | None = None,
                  prior: Path | None = SHIPPED_MODEL) -> HallScore:
    """An evaluation hall: simulated on Ciw, trained and replayed as a hall would."""
    config = hall_config(hall)
    total = train_days + test_days + (cuts - 1) * test_days
    events = simulate_days(hall, config, START, total, seed)
    return evaluate_log(hall.name, config, hall_toml(hall), events, seed, train_days,
                        test_days, cuts, workdir, prior)


def evaluate_log(name: str, config: Config, toml: str, events: Sequence[Event], seed: int,
                 train_days: int = 30, test_days: int = 15, cuts: int = 2,
                 workdir: Path | None = None,
                 prior: Path | None = SHIPPED_MODEL) -> HallScore:
    """Rolling origin over a hall's log: train on ``train_days``, replay ``test_days``."""
    days = working_days(events, config)
    score = HallScore(name)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        root = Path(tmp)
        (root / "hall.toml").write_text(toml, encoding="utf-8")
        for cut in range(cuts):
            if train_days + cut * test_days >= len(days):
                break
            first_test = days[train_days + cut * test_days]
            after = days[min(len(days) - 1, train_days + (cut + 1) * test_days - 1)]
            first_train = days[cut * test_days]
            hist = [e for e in events if first_train <= _day(e, config) < first_test]
            test = [e for e in events if first_test <= _day(e, config) <= after]
            log = root / "hall.jsonl"
            with log.open("w", encoding="utf-8") as f:
                write_jsonl(hist, f)
            out = root / f"model-{cut}"
            prior_model = load_model(prior) if prior is not None else None
            try:
                train([log], out, config, seed=seed, prior=prior_model)
            except TrainingRefused as refused:
                # the hall keeps what it had: the prior model, or the plain estimate
                score.refused += 1
                if refused.keep == "prior" and prior_model is not None:
                    score.kept_prior += 1
                    est = WaitEstimator(config, prior_model, None, "snapshot")
                else:
                    est = WaitEstimator(config, None, "the new model was refused", "snapshot")
            else:
                est = WaitEstimator(config, load_model(out), None, "snapshot")
            result = replay(config, est, test, hist)
            preds, actual = _classical_table(config, hist, test)
            shown = {}
            for number, issued_ts, median, p10, p90, method in result.rows:
                day = datetime.fromisoformat(issued_ts).astimezone(config.hall.zone)
                shown[f"{HallState(config).business_day(day)}:{number}"] = (
                    median, p10, p90, method)
            for key, wait in actual.items():
                if key not in shown or key not in preds:
                    continue
                median, p10, p90, method = shown[key]
                score.tickets += 1
                score.shown_abs.append(abs(median - wait))
                for m in CLASSICAL:
                    score.plain_abs[m].append(abs(preds[key][m] - wait))
                score.inside += int(p10 <= wait <= p90)
                score.width_s.append(p90 - p10)
                score.methods[method] = score.methods.get(method, 0) + 1
    return score


def _day(e: Event, config: Config) -> date:
    local = e.ts.astimezone(config.hall.zone)
    return local.date()


def geomean(values: Sequence[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(description="score the wait estimates on the evaluation halls")
    p.add_argument("--seed", type=int, default=101)
    p.add_argument("--cuts", type=int, default=2)
    p.add_argument("--hall", action="append", choices=sorted(HALLS))
    p.add_argument("--plain-only", action="store_true", help="score the plain methods only")
    a = p.parse_args(argv)
    if a.plain_only:
        for n in a.hall or HALLS:
            s = evaluate_plain(HALLS[n], a.seed)
            print(f"{n}: tickets={s.tickets} "
                  + " ".join(f"{m}={s.mae(m):.2f}" for m in CLASSICAL))
        return
    scores = [evaluate_hall(HALLS[n], a.seed, cuts=a.cuts) for n in (a.hall or HALLS)]
    for s in scores:
        plain = " ".join(f"{m}={s.mae(m):.2f}" for m in CLASSICAL)
        print(f"{s.name}: tickets={s.tickets} shown={s.mae('shown'):.2f} {plain} "
              f"strongest={s.strongest} ratio={s.ratio:.3f} coverage={s.coverage:.3f} "
              f"width={np.mean(s.width_s) / 60:.1f} methods={s.methods} refused={s.refused}")
    print(f"mae_ratio_geomean: {geomean([s.ratio for s in scores]):.3f}")
    print(f"worst_hall_ratio: {max(s.ratio for s in scores):.3f}")


if __name__ == "__main__":
    main()
