"""Wait-estimate benchmark: the shipped model against the plain estimators.

For each simulated hall shape, ten days after the training period (new
days, new seed) are replayed through the kiosk's own estimator (drift
fallback included) and through each plain estimator. Prints ``figure: value``
lines: per hall the MAE, median absolute error and RMSE in minutes of the
shown estimate (``model``) and of each plain method, the ratio of the
model's MAE to the best plain one (``mae_ratio_<hall>``), their geometric
mean, the 80 % range coverage over all halls, single-ticket inference
latency, model size, and the time to replay 20,000 tickets.

    python benchmarks/wait.py [MODEL_DIR]
"""

from __future__ import annotations

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
from app.wait.features import N_FEATURES, as_matrix  # noqa: E402
from app.wait.model import load_model  # noqa: E402
from app.wait.plain import PLAIN_METHODS, plain_waits  # noqa: E402
from app.wait.replay import replay  # noqa: E402

START = date(2026, 2, 23)  # the Monday after the shipped model's training period
DAYS = 10
SEED = 99


def _errs(pred: np.ndarray, actual: np.ndarray) -> tuple[float, float, float]:
    d = np.abs(pred - actual) / 60.0
    return float(d.mean()), float(np.median(d)), float(math.sqrt(float((d * d).mean())))


def evaluate_hall(name: str, model_dir: Path) -> tuple[dict[str, tuple[float, float, float]],
                                                        int, int]:
    shape = HALLS[name]
    cfg = hall_config(shape)
    events = simulate_days(shape, cfg, START, DAYS, SEED)
    model = load_model(model_dir)
    est = WaitEstimator(cfg, model, plain_method=str(model.manifest.get("best_plain", "skill")))
    est.set_recorder(lambda _k, _d: None)
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
            pending[(t.day, t.number)] = (t.issued_at, [s.p10_s, s.median_s, s.p90_s,
                                                        *(p[m] for m in PLAIN_METHODS)])
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
    inside = int(((y >= a[:, 0]) & (y <= a[:, 2])).sum())
    return out, inside, len(y)


def main() -> None:
    model_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "models" / "wait"
    ratios = []
    inside_all = total = 0
    for name in HALLS:
        res, inside, n = evaluate_hall(name, model_dir)
        inside_all += inside
        total += n
        for method, (mae, med, rmse) in res.items():
            print(f"mae_min_{name}_{method}: {mae:.2f}")
            print(f"median_err_min_{name}_{method}: {med:.2f}")
            print(f"rmse_min_{name}_{method}: {rmse:.2f}")
        best = min(res[m][0] for m in PLAIN_METHODS)
        ratio = res["model"][0] / best
        ratios.append(ratio)
        print(f"tickets_{name}: {n}")
        print(f"mae_ratio_{name}: {ratio:.3f}")
    print(f"mae_ratio_geomean: {math.exp(sum(math.log(r) for r in ratios) / len(ratios)):.3f}")
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

    # one busy hall's log of 20,000 tickets, through the replay the command runs
    shape = HALLS["city"]
    cfg = hall_config(shape)
    events = simulate_days(shape, cfg, START, 80, SEED)
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
