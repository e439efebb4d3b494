"""Wait-estimate benchmark: the shipped model against the plain estimators.

For each simulated hall shape, ten days after the training period (new
days, a seed that training never used) are replayed through the kiosk's own
estimator (drift fallback included) and through each plain estimator.
Prints ``figure: value`` lines: per hall the MAE, median absolute error and
RMSE in minutes of the shown estimate (``model``) and of each plain method,
the ratio of the model's MAE to the best plain one (``mae_ratio_<hall>``),
their geometric mean, the 80 % range coverage over all halls, the same
ratios for the model alone with no fallback (``model_only_...``), the
drift fallbacks that happened, single-ticket inference latency, model size,
and the time to replay 20,000 tickets.

    python benchmarks/wait.py [MODEL_DIR] [--seed N] [--no-replay]

The shipped model is trained on seeds 7 to 11 (scripts/train-model.sh);
the default seed here, and any other used to report figures, must differ.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.hall import HallState  # noqa: E402
from app.sim.engine import simulate_days  # noqa: E402
from app.sim.halls import HALLS, hall_config  # noqa: E402
from app.wait.context import build_context  # noqa: E402
from app.wait.estimator import WaitEstimator  # noqa: E402
from app.wait.features import N_FEATURES, as_matrix, feature_vector  # noqa: E402
from app.wait.model import load_model  # noqa: E402
from app.wait.plain import PLAIN_METHODS, plain_waits  # noqa: E402
from app.wait.replay import replay  # noqa: E402

START = date(2026, 3, 2)  # the Monday after the shipped model's training period
DAYS = 10
SEED = 2026


def _errs(pred: np.ndarray, actual: np.ndarray) -> tuple[float, float, float]:
    d = np.abs(pred - actual) / 60.0
    return float(d.mean()), float(np.median(d)), float(math.sqrt(float((d * d).mean())))


def evaluate_hall(name: str, model_dir: Path, seed: int
                  ) -> tuple[dict[str, tuple[float, float, float]], int, int, int]:
    shape = HALLS[name]
    cfg = hall_config(shape)
    events = simulate_days(shape, cfg, START, DAYS, seed)
    model = load_model(model_dir)
    est = WaitEstimator(cfg, model, plain_method=str(model.manifest.get("best_plain", "skill")))
    fallbacks: list[str] = []
    est.set_recorder(lambda kind, data: fallbacks.append(str(data.get("code"))))
    state = HallState(cfg)
    pending: dict[tuple[object, str], tuple[object, list[float]]] = {}
    shown: list[list[float]] = []
    actual: list[float] = []
    for e in events:
        state.apply(e)
        if e.kind == "issued":
            t = state.tickets[e.ticket]
            ctx = build_context(state)
            s = est.estimate_in(ctx, [t], record=True)[t.number]
            p = plain_waits(ctx, t)
            alone = float(np.clip(model.predict(as_matrix([feature_vector(ctx, t)]))[0],
                                  0.0, est.cap)[1])
            pending[(t.day, t.number)] = (t.issued_at, [s.p10_s, s.median_s, s.p90_s,
                                                        *(p[m] for m in PLAIN_METHODS), alone])
        elif e.kind == "called" and not e.get("recall", False):
            got = pending.pop((state.business_day(e.ts), e.ticket), None)
            if got is not None:
                issued_at, vals = got
                shown.append(vals)
                actual.append((e.ts - issued_at).total_seconds())  # type: ignore[operator]
        est.observe([e], refresh=False)
    a = np.asarray(shown)
    y = np.asarray(actual)
    out = {"model": _errs(a[:, 1], y)}
    for i, m in enumerate(PLAIN_METHODS):
        out[m] = _errs(a[:, 3 + i], y)
    out["model_only"] = _errs(a[:, 3 + len(PLAIN_METHODS)], y)
    inside = int(((y >= a[:, 0]) & (y <= a[:, 2])).sum())
    return out, inside, len(y), fallbacks.count("drift_fallback")


def _geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(r) for r in values) / len(values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", nargs="?", default=str(ROOT / "models" / "wait"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-replay", action="store_true", help="skip the 20,000-ticket replay")
    args = parser.parse_args()
    model_dir = Path(args.model_dir)
    print(f"seed: {args.seed}")
    ratios = []
    alone = []
    inside_all = total = 0
    for name in HALLS:
        res, inside, n, fell_back = evaluate_hall(name, model_dir, args.seed)
        inside_all += inside
        total += n
        for method, (mae, med, rmse) in res.items():
            print(f"mae_min_{name}_{method}: {mae:.2f}")
            print(f"median_err_min_{name}_{method}: {med:.2f}")
            print(f"rmse_min_{name}_{method}: {rmse:.2f}")
        best = min(res[m][0] for m in PLAIN_METHODS)
        ratio = res["model"][0] / best
        ratios.append(ratio)
        alone.append(res["model_only"][0] / best)
        print(f"tickets_{name}: {n}")
        print(f"drift_fallbacks_{name}: {fell_back}")
        print(f"mae_ratio_{name}: {ratio:.3f}")
        print(f"model_only_mae_ratio_{name}: {alone[-1]:.3f}")
    print(f"mae_ratio_geomean: {_geomean(ratios):.3f}")
    print(f"model_only_mae_ratio_geomean: {_geomean(alone):.3f}")
    print(f"coverage_80: {inside_all / total:.3f}")

    model = load_model(model_dir)
    rng = np.random.default_rng(0)
    x = as_matrix(rng.uniform(0, 600, size=(1, N_FEATURES)).tolist())
    for _ in range(50):
        model.predict(x)
    times = []
    for _ in range(2000):
        t0 = time.perf_counter()
        model.predict(x)
        times.append((time.perf_counter() - t0) * 1e6)
    print(f"infer_p50_us: {np.percentile(times, 50):.1f}")
    print(f"infer_p99_us: {np.percentile(times, 99):.1f}")
    print(f"model_bytes: {(model_dir / 'model.onnx').stat().st_size}")
    if args.no_replay:
        return

    # one busy hall's log of 20,000 tickets, through the replay the command runs
    shape = HALLS["city"]
    cfg = hall_config(shape)
    events = simulate_days(shape, cfg, START, 80, args.seed)
    issued = [i for i, e in enumerate(events) if e.kind == "issued"]
    events = events[: issued[min(20000, len(issued)) - 1] + 1]
    est = WaitEstimator(cfg, load_model(model_dir))
    t0 = time.perf_counter()
    result = replay(cfg, est, events)
    took = time.perf_counter() - t0
    print(f"replay_tickets: {len(result.rows)}")
    print(f"replay_s: {took:.1f}")


if __name__ == "__main__":
    main()
