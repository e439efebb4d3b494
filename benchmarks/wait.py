"""Wait-estimate benchmark: the shown estimate against the strongest plain method.

Two suites, each hall trained per hall as a hall would (``motcua wait
train`` on 30 working days of its own log, with its configuration beside
it) and replayed as the kiosk would on the 15 days after, at two cut dates
(rolling origin):

``own``          the halls of the project's own simulator (``app/sim``, SimPy)
``independent``  the evaluation halls (``evaluation/``, on Ciw), written apart
                 from the product and used only to report

The strongest plain method of a hall is the classical predictor (people
ahead × service time, last to enter service, head-of-line delay, Erlang C,
the snapshot replays) with the smallest error there, chosen after the fact.
Prints ``figure: value`` lines: per hall the shown estimate's mean absolute
error in minutes, the strongest plain one and their ratio, the 80 % range's
coverage and width; per suite ``<suite>_mae_ratio_geomean``,
``<suite>_worst_hall_ratio``, ``<suite>_coverage_80_min``/``_max`` and
``<suite>_range_width_mean_min``; then a ticket's features and model run
on a busy hall (``infer_p99_us``), the per-event summary of the hall they
read (``context_p99_us``) and ``model_bytes`` of the shipped model.

    python benchmarks/wait.py [--seed N] [--suite own|independent] [--cuts K]

The shipped model is trained on seeds 7 to 11 (scripts/train-model.sh); the
default seed here differs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.hall import HallState, TicketStatus  # noqa: E402
from app.sim.engine import simulate_days  # noqa: E402
from app.sim.halls import HALLS as OWN_HALLS  # noqa: E402
from app.sim.halls import hall_config, hall_toml  # noqa: E402
from app.wait.context import build_context  # noqa: E402
from app.wait.features import as_matrix, feature_vector  # noqa: E402
from app.wait.model import load_model  # noqa: E402
from evaluation.halls import HALLS as EVAL_HALLS  # noqa: E402
from evaluation.run import START, HallScore, evaluate_hall, evaluate_log, geomean  # noqa: E402

SEED = 2026
TRAIN_DAYS = 30
TEST_DAYS = 15


def own_scores(seed: int, cuts: int) -> list[HallScore]:
    out = []
    for name, shape in OWN_HALLS.items():
        cfg = hall_config(shape)
        events = simulate_days(shape, cfg, START, TRAIN_DAYS + TEST_DAYS * cuts, seed)
        out.append(evaluate_log(name, cfg, hall_toml(shape), events, seed, TRAIN_DAYS,
                                TEST_DAYS, cuts))
    return out


def independent_scores(seed: int, cuts: int) -> list[HallScore]:
    return [evaluate_hall(h, seed, TRAIN_DAYS, TEST_DAYS, cuts) for h in EVAL_HALLS.values()]


def report(suite: str, scores: list[HallScore]) -> None:
    for s in scores:
        print(f"{suite}_{s.name}_tickets: {s.tickets}")
        print(f"{suite}_{s.name}_mae_min_shown: {s.mae('shown'):.2f}")
        print(f"{suite}_{s.name}_mae_min_strongest_plain: {s.mae(s.strongest):.2f}")
        print(f"{suite}_{s.name}_strongest_plain: {s.strongest}")
        print(f"{suite}_{s.name}_mae_ratio: {s.ratio:.3f}")
        print(f"{suite}_{s.name}_coverage_80: {s.coverage:.3f}")
        print(f"{suite}_{s.name}_range_width_min: {np.mean(s.width_s) / 60:.1f}")
        print(f"{suite}_{s.name}_models_refused: {s.refused}")
    print(f"{suite}_mae_ratio_geomean: {geomean([s.ratio for s in scores]):.3f}")
    print(f"{suite}_worst_hall_ratio: {max(s.ratio for s in scores):.3f}")
    print(f"{suite}_coverage_80_min: {min(s.coverage for s in scores):.3f}")
    print(f"{suite}_coverage_80_max: {max(s.coverage for s in scores):.3f}")
    widths = [float(np.mean(s.width_s)) / 60 for s in scores]
    print(f"{suite}_range_width_mean_min: {np.mean(widths):.1f}")


def _timed(fn: Callable[[], object], n: int = 1200, warm: int = 200) -> list[float]:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        fn()
        if i >= warm:
            times.append((time.perf_counter() - t0) * 1e6)
    return times


def inference(model_dir: Path, seed: int) -> None:
    """One ticket's estimate on a busy district hall at mid-morning.

    ``infer_*``: the ticket's features and the model run (what each ticket
    costs); ``context_*``: the summary of the hall those features read,
    built once per event for every waiting ticket together.
    """
    shape = OWN_HALLS["district"]
    cfg = hall_config(shape)
    events = simulate_days(shape, cfg, date(2026, 3, 2), 1, seed)
    state = HallState(cfg)
    for e in events:
        state.apply(e)
        if e.ts.astimezone(cfg.hall.zone).hour >= 10:
            break
    waiting = [t for t in state.tickets.values() if t.status is TicketStatus.WAITING]
    model = load_model(model_dir)
    ticket = waiting[-1]
    ctx = build_context(state)
    infer = _timed(lambda: model.predict(as_matrix([feature_vector(ctx, ticket)])))
    context = _timed(lambda: build_context(state), n=600, warm=100)
    print(f"infer_waiting_tickets: {len(waiting)}")
    print(f"infer_p50_us: {np.percentile(infer, 50):.1f}")
    print(f"infer_p99_us: {np.percentile(infer, 99):.1f}")
    print(f"context_p50_us: {np.percentile(context, 50):.1f}")
    print(f"context_p99_us: {np.percentile(context, 99):.1f}")
    print(f"model_bytes: {(model_dir / 'model.onnx').stat().st_size}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--cuts", type=int, default=2)
    parser.add_argument("--suite", choices=("own", "independent"), action="append")
    parser.add_argument("--model", default=str(ROOT / "models" / "wait"))
    args = parser.parse_args()
    print(f"seed: {args.seed}")
    suites = args.suite or ["own", "independent"]
    if "own" in suites:
        report("own", own_scores(args.seed, args.cuts))
    if "independent" in suites:
        report("independent", independent_scores(args.seed, args.cuts))
    inference(Path(args.model), args.seed)


if __name__ == "__main__":
    main()
