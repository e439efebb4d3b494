"""Training the wait model from event logs (the ``[train]`` extra).

``motcua wait train --events LOG.jsonl [--events MORE.jsonl] --out DIR``:

1. reads each log (JSON Lines, ``docs/events.md``) and refuses it, naming the
   file and line, when it is malformed or impossible: times going backwards,
   a ticket called, served or changed before it was issued, served before it
   was called, called after it was finished, or issued twice in a day;
2. replays each log through :class:`~app.hall.HallState` and, at every
   ``issued`` event, computes the features with the kiosk's own code
   (:mod:`app.wait.features`); the target is the time until the ticket was
   first called (tickets never called are left out);
3. holds out the last days of each log, fits three gradient-boosted quantile
   models (10th, 50th, 90th percentile of log minutes) on the rest, and
   compares the middle value with every plain estimator on the held-out days;
4. refuses to write a model that is worse there than the best plain
   estimator unless ``force`` is given; otherwise writes ``model.onnx``,
   ``card.json`` and ``manifest.json``.

A log may have its own hall configuration: ``ward.jsonl`` uses ``ward.toml``
beside it when that file exists (the simulator writes both); otherwise the
configuration given to the command is used.

scikit-learn and onnx are imported only inside the functions that need them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from app.config import Config, load_config
from app.errors import UserError
from app.events import Event, EventFormatError, parse_line
from app.hall import HallState
from app.wait.context import build_context
from app.wait.features import FEATURE_VERSION, FEATURES, as_matrix, feature_vector, plain_index
from app.wait.model import CARD_FILE, MANIFEST_FILE, MODEL_FILE, sha256_hex
from app.wait.plain import PLAIN_METHODS

#: trained a little wider than 10/90 %: trees fit their training days more tightly than
#: new days, and the held-out coverage of the shown range is what must be near 80 %
QUANTILES = (0.08, 0.5, 0.92)


class TrainingDataError(UserError):
    """A log cannot be learned from: the message names the file and line."""


class TrainingRefused(UserError):
    """The trained model is not good enough to install."""


# --------------------------------------------------------------------------- reading


@dataclass
class Log:
    """One event log, its configuration and the line of each event."""

    source: str
    config: Config
    events: list[Event]
    lines: list[int]


def read_log(path: Path, config: Config) -> Log:
    """Read a JSON Lines log; malformed or impossible logs raise naming the line."""
    own = path.with_suffix(".toml")
    cfg = load_config(own) if own.is_file() else config
    events: list[Event] = []
    lines: list[int] = []
    prev: datetime | None = None
    try:
        f = path.open(encoding="utf-8")
    except OSError as exc:
        raise TrainingDataError(f"{path}: cannot read ({exc.strerror})") from None
    with f:
        try:
            for lineno, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    e = parse_line(line)
                except EventFormatError as exc:
                    raise TrainingDataError(f"{path}:{lineno}: {exc}") from None
                if prev is not None and e.ts < prev:
                    raise TrainingDataError(
                        f"{path}:{lineno}: time goes backwards ({e.ts.isoformat()} is before "
                        f"{prev.isoformat()} on an earlier line)"
                    )
                prev = e.ts
                events.append(e.with_seq(len(events) + 1))
                lines.append(lineno)
        except UnicodeDecodeError as exc:
            raise TrainingDataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    log = Log(str(path), cfg, events, lines)
    check_sequences(log)
    return log


_TICKET_KINDS = frozenset(
    {"called", "recalled", "completed", "no_show", "transferred", "prioritized", "cancelled",
     "parked", "unparked", "estimated"}
)


def check_sequences(log: Log) -> None:
    """Refuse impossible ticket histories, naming the first wrong line."""
    probe = HallState(log.config)
    status: dict[tuple[date, str], str] = {}
    for e, lineno in zip(log.events, log.lines, strict=True):
        kind = e.kind
        if kind != "issued" and kind not in _TICKET_KINDS:
            continue
        key = (probe.business_day(e.ts), str(e.get("ticket")))
        where = f"{log.source}:{lineno}"
        now = status.get(key)
        if kind == "issued":
            if now is not None:
                raise TrainingDataError(f"{where}: ticket {key[1]} is issued twice on {key[0]}")
            status[key] = "waiting"
            continue
        if now is None:
            raise TrainingDataError(
                f"{where}: ticket {key[1]} is {kind.replace('_', ' ')} before it was issued"
            )
        if kind in ("called", "recalled"):
            if now == "finished":
                raise TrainingDataError(f"{where}: ticket {key[1]} is called after it was finished")
            status[key] = "called"
        elif kind in ("completed", "no_show"):
            if now != "called":
                what = "completed" if kind == "completed" else "marked no-show"
                raise TrainingDataError(
                    f"{where}: ticket {key[1]} is {what} before it was called"
                )
            status[key] = "finished"
        elif kind == "cancelled":
            status[key] = "finished"
        elif kind in ("transferred", "unparked"):
            if now == "finished":
                raise TrainingDataError(
                    f"{where}: ticket {key[1]} is {kind} after it was finished"
                )
            status[key] = "waiting"


# --------------------------------------------------------------------------- samples


@dataclass
class Samples:
    """Features at issue and the wait that followed, one row a ticket."""

    rows: list[list[float]] = field(default_factory=list)
    waits: list[float] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    log: list[int] = field(default_factory=list)
    priority: list[bool] = field(default_factory=list)
    service: list[str] = field(default_factory=list)
    issued_at: list[datetime] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.waits)

    def x(self, idx: Sequence[int] | None = None) -> npt.NDArray[np.float32]:
        rows = self.rows if idx is None else [self.rows[i] for i in idx]
        return as_matrix(rows) if rows else np.zeros((0, len(FEATURES)), np.float32)

    def y(self, idx: Sequence[int] | None = None) -> npt.NDArray[np.float64]:
        w = self.waits if idx is None else [self.waits[i] for i in idx]
        return np.asarray(w, dtype=np.float64)


def collect(logs: Iterable[Log]) -> Samples:
    """Replay each log and take one sample per ticket that was called."""
    out = Samples()
    for k, log in enumerate(logs):
        state = HallState(log.config)
        pending: dict[tuple[date, str], tuple[list[float], date, bool, str, datetime]] = {}
        for e in log.events:
            state.apply(e)
            if e.kind == "issued":
                t = state.tickets.get(e.ticket)
                if t is None or t.issued_at != e.ts:
                    continue
                ctx = build_context(state)
                pending[(t.day, t.number)] = (feature_vector(ctx, t), t.day, t.priority,
                                              t.service, t.issued_at)
            elif e.kind == "called":
                key = (state.business_day(e.ts), e.ticket)
                got = pending.pop(key, None)
                if got is None:
                    continue
                row, day, pri, svc, issued = got
                out.rows.append(row)
                out.waits.append(max(0.0, (e.ts - issued).total_seconds()))
                out.days.append(day)
                out.log.append(k)
                out.priority.append(pri)
                out.service.append(svc)
                out.issued_at.append(issued)
    return out


def split_days(samples: Samples, holdout_days: int | None) -> tuple[list[int], list[int]]:
    """Indices of training and held-out samples: the last days of each log are held out."""
    train: list[int] = []
    hold: list[int] = []
    for k in sorted(set(samples.log)):
        idx = [i for i, lg in enumerate(samples.log) if lg == k]
        days = sorted({samples.days[i] for i in idx})
        if len(days) < 2:
            raise TrainingDataError(
                f"log {k + 1} covers only {len(days)} day(s) with called tickets: at least two "
                "are needed, so that later days can check what earlier days taught"
            )
        n = holdout_days if holdout_days is not None else max(1, round(len(days) * 0.2))
        n = min(max(1, n), len(days) - 1)
        cut = set(days[-n:])
        for i in idx:
            (hold if samples.days[i] in cut else train).append(i)
    return train, hold


# --------------------------------------------------------------------------- fitting


@dataclass
class Fitted:
    """Three fitted quantile regressors (p10, p50, p90)."""

    models: list[Any]

    def predict(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        from app.wait.export import predict_python

        out: npt.NDArray[np.float64] = predict_python(self.models, x)
        return out


def fit(x: npt.NDArray[np.float32], waits: npt.NDArray[np.float64], max_iter: int = 150,
        seed: int = 0) -> Fitted:
    """Fit the three quantile models on log1p(minutes)."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    y = np.log1p(waits / 60.0)
    models = []
    for q in QUANTILES:
        m = HistGradientBoostingRegressor(
            loss="quantile", quantile=q, max_iter=max_iter, learning_rate=0.08,
            max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0,
            early_stopping=False, random_state=seed,
        )
        m.fit(x.astype(np.float64), y)
        models.append(m)
    return Fitted(models)


def clamp_rows(raw: npt.NDArray[Any], cap: float) -> npt.NDArray[np.float64]:
    """Sort each row's three values and clamp them to [0, cap] (as the kiosk does)."""
    r = np.asarray(raw, dtype=np.float64)
    r = np.where(np.isfinite(r), r, cap)
    r = np.sort(r, axis=1)
    out: npt.NDArray[np.float64] = np.clip(r, 0.0, cap)
    return out


def errors(pred: npt.NDArray[np.float64], actual: npt.NDArray[np.float64]) -> dict[str, float]:
    """MAE, median absolute error and RMSE, in seconds."""
    if len(actual) == 0:
        return {"mae_s": math.nan, "median_abs_s": math.nan, "rmse_s": math.nan}
    d = np.abs(pred - actual)
    return {
        "mae_s": float(d.mean()),
        "median_abs_s": float(np.median(d)),
        "rmse_s": float(math.sqrt(float((d * d).mean()))),
    }


def evaluate(samples: Samples, idx: list[int], ranges: npt.NDArray[np.float64],
             cap: float) -> dict[str, Any]:
    """The model's and each plain estimator's accuracy on the samples ``idx``."""
    x = samples.x(idx)
    y = samples.y(idx)
    out: dict[str, Any] = {"tickets": len(idx)}
    out["model"] = errors(ranges[:, 1], y)
    for m in PLAIN_METHODS:
        out[m] = errors(np.clip(x[:, plain_index(m)].astype(np.float64), 0, cap), y)
    best = min(PLAIN_METHODS, key=lambda m: out[m]["mae_s"])
    out["best_plain"] = best
    out["mae_ratio"] = out["model"]["mae_s"] / max(out[best]["mae_s"], 1e-9)
    inside = (y >= ranges[:, 0]) & (y <= ranges[:, 2])
    out["coverage_80"] = float(inside.mean()) if len(y) else math.nan
    pri = np.asarray([samples.priority[i] for i in idx], dtype=bool)
    groups: dict[str, Any] = {}
    for name, mask in (("priority", pri), ("ordinary", ~pri)):
        if mask.any():
            groups[name] = {
                "tickets": int(mask.sum()),
                "model_mae_s": float(np.abs(ranges[mask, 1] - y[mask]).mean()),
                "plain_mae_s": float(
                    np.abs(np.clip(x[mask, plain_index(best)], 0, cap) - y[mask]).mean()
                ),
                "coverage_80": float(inside[mask].mean()),
            }
    out["groups"] = groups
    return out


# --------------------------------------------------------------------------- writing


LIMITS = (
    "Trained on the logs named in 'training'; a hall that works very differently "
    "(new services, new counters, a different day) may be estimated worse until retrained.",
    "It predicts the wait from the moment of issue to the first call; transfers, "
    "parking and staff choices out of order are not foreseen.",
    "Waits longer than the hall's longest seen day are extrapolated poorly; estimates "
    "are clamped to estimates.max_wait_minutes.",
    "When the model does worse than the plain method on recent tickets, the kiosk "
    "switches to the plain method by itself and tells staff.",
)


def _r(v: float) -> float:
    return round(float(v), 1)


def build_card(version: str, logs: Sequence[Log], samples: Samples, train: list[int],
               hold: list[int], report: dict[str, Any], passed: bool) -> dict[str, Any]:
    """The model card: what the AI panel and docs/model-card.md show."""
    days_train = sorted({samples.days[i] for i in train})
    days_hold = sorted({samples.days[i] for i in hold})

    def errs(d: dict[str, float]) -> dict[str, float]:
        return {k: _r(v) for k, v in d.items()}

    return {
        "version": version,
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "purpose": "Estimate how long a citizen will wait from taking a ticket to being "
                   "called, as a middle value and a range that 8 in 10 waits fall in.",
        "model": "gradient-boosted trees (scikit-learn HistGradientBoostingRegressor, "
                 "quantile loss at 8/50/92 % so that about 8 in 10 new waits fall in the "
                 "range), run with onnxruntime on the kiosk",
        "inputs": list(FEATURES),
        "feature_version": FEATURE_VERSION,
        "personal_data": "none: no names, ID numbers, ages, faces or priority categories; "
                         "only whether a ticket has legal priority (its place in line)",
        "training": {
            "logs": [Path(lg.source).name for lg in logs],
            "period": [str(days_train[0]), str(days_train[-1])] if days_train else [],
            "days": len(days_train),
            "tickets": len(train),
        },
        "held_out": {
            "period": [str(days_hold[0]), str(days_hold[-1])] if days_hold else [],
            "days": len(days_hold),
            "tickets": len(hold),
            "mae_s": {k: _r(report[k]["mae_s"]) for k in ("model", *PLAIN_METHODS)},
            "errors": {k: errs(report[k]) for k in ("model", *PLAIN_METHODS)},
            "best_plain": report["best_plain"],
            "mae_ratio": round(float(report["mae_ratio"]), 3),
            "coverage_80": round(float(report["coverage_80"]), 3),
            "groups": {
                g: {k: (_r(v) if isinstance(v, float) and k != "coverage_80" else
                        round(v, 3) if isinstance(v, float) else v) for k, v in d.items()}
                for g, d in report["groups"].items()
            },
            "per_log": report.get("per_log", {}),
        },
        "passed": passed,
        "fallback": "If the model is missing, fails its integrity check, or does worse than "
                    f"the plain '{report['best_plain']}' estimate on recent tickets, the kiosk "
                    "shows that plain estimate instead, labelled as such, and tells staff.",
        "limits": list(LIMITS),
        "contact": "Ask the staff at the information desk; a supervisor can correct, hide "
                   "or switch off the estimates.",
    }


def write_model(out: Path, onnx_bytes: bytes, card: dict[str, Any]) -> dict[str, Any]:
    """Write model, card and manifest (the manifest last, so a half-written folder fails)."""
    out.mkdir(parents=True, exist_ok=True)
    card_bytes = (json.dumps(card, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    manifest = {
        "format": 1,
        "version": card["version"],
        "model_file": MODEL_FILE,
        "sha256": sha256_hex(onnx_bytes),
        "bytes": len(onnx_bytes),
        "card_sha256": sha256_hex(card_bytes),
        "features": list(FEATURES),
        "feature_version": FEATURE_VERSION,
        "input": "features",
        "output": "wait_s",
        "quantiles": list(QUANTILES),
        "best_plain": card["held_out"]["best_plain"],
    }
    (out / MODEL_FILE).write_bytes(onnx_bytes)
    (out / CARD_FILE).write_bytes(card_bytes)
    (out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


@dataclass
class TrainResult:
    """What training did: the report, where it wrote, whether it passed."""

    report: dict[str, Any]
    card: dict[str, Any]
    out: Path | None
    passed: bool
    model_bytes: int
    #: the fitted scikit-learn regressors (p10, p50, p90)
    models: list[Any] = field(default_factory=list)


def train(paths: Sequence[Path], out: Path, config: Config, holdout_days: int | None = None,
          force: bool = False, max_iter: int = 150, seed: int = 0) -> TrainResult:
    """Learn a model from logs; refuse (TrainingRefused) one that loses to the plain method."""
    from app.wait.export import build_onnx

    logs = [read_log(p, config) for p in paths]
    samples = collect(logs)
    if len(samples) < 50:
        raise TrainingDataError(
            f"only {len(samples)} called tickets in the logs: too few to learn from (50 or more)"
        )
    train_idx, hold_idx = split_days(samples, holdout_days)
    cap = config.estimates.max_wait_minutes * 60.0
    fitted = fit(samples.x(train_idx), samples.y(train_idx), max_iter=max_iter, seed=seed)
    ranges = clamp_rows(fitted.predict(samples.x(hold_idx)), cap)
    report = evaluate(samples, hold_idx, ranges, cap)
    per_log: dict[str, Any] = {}
    for k, lg in enumerate(logs):
        sub = [j for j, i in enumerate(hold_idx) if samples.log[i] == k]
        if sub:
            r = evaluate(samples, [hold_idx[j] for j in sub], ranges[sub], cap)
            per_log[Path(lg.source).name] = {
                "tickets": r["tickets"], "model_mae_s": _r(r["model"]["mae_s"]),
                "best_plain": r["best_plain"],
                "best_plain_mae_s": _r(r[r["best_plain"]]["mae_s"]),
                "mae_ratio": round(float(r["mae_ratio"]), 3),
                "coverage_80": round(float(r["coverage_80"]), 3),
            }
    report["per_log"] = per_log
    passed = report["model"]["mae_s"] <= report[report["best_plain"]]["mae_s"]
    meta = {"features": json.dumps(list(FEATURES)), "feature_version": str(FEATURE_VERSION)}
    body = build_onnx(fitted.models, len(FEATURES), meta)
    stamp = (max(samples.days) + timedelta(days=0)).strftime("%Y%m%d")
    version = f"wait-{stamp}-{sha256_hex(body)[:8]}"
    onnx_bytes = build_onnx(fitted.models, len(FEATURES), {**meta, "version": version})
    card = build_card(version, logs, samples, train_idx, hold_idx, report, passed)
    if not passed and not force:
        best = report["best_plain"]
        raise TrainingRefused(
            f"the new model is worse than the plain '{best}' estimate on the held-out days "
            f"(mean error {report['model']['mae_s'] / 60:.1f} min against "
            f"{report[best]['mae_s'] / 60:.1f} min); nothing was written. "
            "Use --force to write it anyway."
        )
    write_model(out, onnx_bytes, card)
    return TrainResult(report, card, out, passed, len(onnx_bytes),
                       fitted.models)
