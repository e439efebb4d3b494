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
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from app.config import Config, load_config
from app.errors import UserError
from app.events import TICKET_LIFECYCLE, Event, EventFormatError, parse_line
from app.hall import HallState
from app.wait.context import build_context
from app.wait.features import FEATURE_VERSION, FEATURES, as_matrix, feature_vector, plain_index
from app.wait.model import CARD_FILE, MANIFEST_FILE, MODEL_FILE, sha256_hex
from app.wait.plain import FEATURE_PLAIN_METHODS, PLAIN_METHODS, SnapshotSelector

#: the range is trained at 10/90 % and then calibrated on validation days (:func:`calibrate`)
QUANTILES = (0.1, 0.5, 0.9)
#: the share of waits the shown range should hold
COVERAGE = 0.8
#: the plain estimate the model corrects (its target is the log ratio of the wait to it)
ANCHOR: str | None = "est_sched_s"


class TrainingDataError(UserError):
    """A log cannot be learned from: the message names the file and line."""


class TrainingRefused(UserError):
    """The trained model is not good enough to install.

    ``keep`` says what the hall should go on showing: ``"plain"`` (the
    strongest plain estimate) or ``"prior"`` (the model it compared with,
    which did better on the hall's own days).
    """

    def __init__(self, message: str, keep: str = "plain") -> None:
        super().__init__(message)
        self.keep = keep


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


_TICKET_KINDS = TICKET_LIFECYCLE | {"estimated"}


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
    #: the snapshot estimate at issue (it depends on the day so far, not only on the state)
    snapshot: list[float] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.waits)

    def x(self, idx: Sequence[int] | None = None) -> npt.NDArray[np.float32]:
        rows = self.rows if idx is None else [self.rows[i] for i in idx]
        return as_matrix(rows) if rows else np.zeros((0, len(FEATURES)), np.float32)

    def y(self, idx: Sequence[int] | None = None) -> npt.NDArray[np.float64]:
        w = self.waits if idx is None else [self.waits[i] for i in idx]
        return np.asarray(w, dtype=np.float64)

    def plain(self, method: str, idx: Sequence[int]) -> npt.NDArray[np.float64]:
        """A plain method's middle value for the samples ``idx``, seconds."""
        if method in FEATURE_PLAIN_METHODS:
            return self.x(idx)[:, plain_index(method)].astype(np.float64)
        if method == "snapshot":
            return np.asarray([self.snapshot[i] for i in idx], dtype=np.float64)
        raise KeyError(method)


def collect(logs: Iterable[Log]) -> Samples:
    """Replay each log and take one sample per ticket that was called."""
    out = Samples()
    for k, log in enumerate(logs):
        state = HallState(log.config)
        selector = SnapshotSelector()
        pending: dict[tuple[date, str],
                      tuple[list[float], date, bool, str, datetime, float]] = {}
        for e in log.events:
            state.apply(e)
            if e.kind == "issued":
                t = state.tickets.get(e.ticket)
                if t is None or t.issued_at != e.ts:
                    continue
                ctx = build_context(state)
                pending[(t.day, t.number)] = (feature_vector(ctx, t), t.day, t.priority,
                                              t.service, t.issued_at,
                                              selector.wait(ctx, t, record=True))
            elif e.kind == "called":
                if not e.get("recall", False):
                    selector.called(e.ticket, e.ts)
                key = (state.business_day(e.ts), e.ticket)
                got = pending.pop(key, None)
                if got is None:
                    continue
                row, day, pri, svc, issued, snap = got
                out.snapshot.append(snap)
                out.rows.append(row)
                out.waits.append(max(0.0, (e.ts - issued).total_seconds()))
                out.days.append(day)
                out.log.append(k)
                out.priority.append(pri)
                out.service.append(svc)
                out.issued_at.append(issued)
    return out


def split_days(samples: Samples, holdout_days: int | None,
               validation_days: int | None = None) -> tuple[list[int], list[int], list[int]]:
    """Indices of training, validation and held-out samples, by whole days of each log.

    The last ``holdout_days`` of each log are held out (the card's accuracy is
    measured there and nowhere else); the ``validation_days`` before them
    calibrate the range; the earlier days train the trees. A log too short for
    all three gives no validation days (the range is then not calibrated).
    """
    train: list[int] = []
    val: list[int] = []
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
        v = validation_days if validation_days is not None else n
        v = max(0, min(v, len(days) - n - 1))
        cut = set(days[-n:])
        check = set(days[-n - v:-n]) if v else set()
        for i in idx:
            d = samples.days[i]
            (hold if d in cut else val if d in check else train).append(i)
    return train, val, hold


# --------------------------------------------------------------------------- fitting


@dataclass
class Fitted:
    """Three fitted quantile regressors (low, middle, high) and how to read them."""

    models: list[Any]
    #: the feature column the trees correct (its log ratio is learned); None: log1p minutes
    anchor: int | None = None
    #: added to each regressor's output: the range's calibration on validation days
    offsets: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def raw(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """The trees' output, in the training target's units, before the offsets."""
        cols = [m.predict(x.astype(np.float64)) for m in self.models]
        return np.stack(cols, axis=1)

    def predict(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        from app.wait.export import predict_python

        out: npt.NDArray[np.float64] = predict_python(self.models, x, self.anchor, self.offsets)
        return out


@dataclass(frozen=True)
class Params:
    """The gradient boosting's settings (chosen on validation days, see docs/wait-estimates.md)."""

    max_iter: int = 250
    learning_rate: float = 0.06
    max_leaf_nodes: int = 15
    min_samples_leaf: int = 60
    l2_regularization: float = 1.0


def fit(x: npt.NDArray[np.float32], waits: npt.NDArray[np.float64], max_iter: int | None = None,
        seed: int = 0, anchor: str | None = ANCHOR, params: Params | None = None) -> Fitted:
    """Fit the three quantile models; with an anchor, on the log ratio to that plain estimate."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    from app.wait.export import target

    p = params or Params()
    col = FEATURES.index(anchor) if anchor is not None else None
    y = target(waits, x, col)
    models = []
    for q in QUANTILES:
        m = HistGradientBoostingRegressor(
            loss="quantile", quantile=q,
            max_iter=max_iter if max_iter is not None else p.max_iter,
            learning_rate=p.learning_rate, max_leaf_nodes=p.max_leaf_nodes,
            min_samples_leaf=p.min_samples_leaf, l2_regularization=p.l2_regularization,
            early_stopping=False, random_state=seed,
        )
        m.fit(x.astype(np.float64), y)
        models.append(m)
    return Fitted(models, col)


def calibrate(fitted: Fitted, x: npt.NDArray[np.float32], waits: npt.NDArray[np.float64],
              coverage: float = COVERAGE) -> Fitted:
    """Shift the range's ends so that ``coverage`` of these (validation) waits fall inside.

    Trees fit the days they learned from more tightly than new days, so their
    10th and 90th percentiles make too narrow a range on new days. Each end is
    moved by the quantile of the validation residuals that puts (1 - coverage) / 2
    of the waits beyond it (split conformal calibration, one side at a time).
    The middle value is left alone.
    """
    from app.wait.export import target

    if len(waits) == 0:
        return fitted
    y = target(waits, x, fitted.anchor)
    raw = fitted.raw(x)
    tail = (1.0 - coverage) / 2.0
    lo = float(np.quantile(y - raw[:, 0], tail))
    hi = float(np.quantile(y - raw[:, 2], 1.0 - tail))
    return Fitted(fitted.models, fitted.anchor, (lo, 0.0, hi))


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
    y = samples.y(idx)
    out: dict[str, Any] = {"tickets": len(idx)}
    out["model"] = errors(ranges[:, 1], y)
    for m in PLAIN_METHODS:
        out[m] = errors(np.clip(samples.plain(m, idx), 0, cap), y)
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
                    np.abs(np.clip(samples.plain(best, idx)[mask], 0, cap) - y[mask]).mean()
                ),
                "coverage_80": float(inside[mask].mean()),
            }
    out["groups"] = groups
    return out


# --------------------------------------------------------------------------- writing


#: the card's texts, shown to citizens on the kiosk's "How is this estimated?" panel and
#: on the phone page: every one in Vietnamese and English, in plain words
Texts = dict[str, str]

PURPOSE: Texts = {
    "vi": "Ước tính bạn sẽ phải chờ bao lâu từ lúc lấy số đến lúc được gọi lên quầy. "
          "Kết quả gồm một con số ở giữa và một khoảng thời gian: cứ 10 người thì "
          "khoảng 8 người được gọi trong khoảng đó.",
    "en": "Estimate how long you will wait from taking a ticket to being called to a "
          "counter: a middle value and a range; about 8 in 10 people are called within "
          "the range.",
}
MODEL: Texts = {
    "vi": "Một mô hình nhỏ gồm nhiều cây quyết định (gradient boosting), chạy ngay trên máy "
          "lấy số và không gửi dữ liệu đi đâu. Nó điều chỉnh cách tính đơn giản (xếp lần "
          "lượt những người đang chờ vào các quầy đang mở) theo những gì đã học được từ "
          "nhật ký của sảnh.",
    "en": "A small model of gradient-boosted decision trees that runs on the kiosk itself "
          "and sends nothing elsewhere. It corrects the plain estimate (the people waiting "
          "replayed over the open counters) with what it learned from the hall's log.",
}
INPUTS: Texts = {
    "vi": "Chỉ dùng số liệu về hàng chờ và các quầy tại lúc lấy số: số người đứng trước "
          "bạn (và bao nhiêu người trong đó được ưu tiên), các quầy đang mở, tạm nghỉ hay "
          "đang rảnh, thời gian phục vụ gần đây, số lượt gọi và số người đến gần đây, thời "
          "gian chờ của những người vừa được gọi, giờ trong ngày, thứ trong tuần, giờ làm "
          "việc của sảnh và các cách tính đơn giản.",
    "en": "Only figures about the queue and the counters when the ticket is taken: how "
          "many people are ahead of you (and how many of them have priority), which "
          "counters are open, paused or free, recent service times, recent calls and "
          "arrivals, how long the people just called waited, the time of day, the day of "
          "the week, the hall's opening hours and the plain estimates.",
}
PERSONAL_DATA: Texts = {
    "vi": "Không dùng dữ liệu cá nhân: không có họ tên, số giấy tờ, tuổi, khuôn mặt hay "
          "đối tượng ưu tiên. Mô hình chỉ biết vé có được ưu tiên theo quy định hay không, "
          "vì điều đó quyết định thứ tự gọi.",
    "en": "No personal data: no names, ID numbers, ages, faces or priority categories. The "
          "model only knows whether a ticket has legal priority, because that decides the "
          "order of calls.",
}
FALLBACK: Texts = {
    "vi": "Nếu mô hình bị thiếu, không qua được bước kiểm tra an toàn, hoặc gần đây ước "
          "tính kém hơn cách tính đơn giản, máy sẽ tự chuyển sang cách tính đơn giản (ghi "
          "rõ là không dùng AI) và báo cho nhân viên. Thứ tự gọi số không bao giờ phụ "
          "thuộc vào ước tính.",
    "en": "If the model is missing, fails its safety check, or has recently estimated "
          "worse than the plain method, the kiosk switches to the plain method by itself "
          "(labelled as not AI) and tells the staff. The order of calls never depends on "
          "the estimate.",
}
CONTACT: Texts = {
    "vi": "Hãy hỏi nhân viên tại quầy hướng dẫn. Người phụ trách có thể điều chỉnh, ẩn "
          "hoặc tắt ước tính AI; mọi thay đổi đều được ghi lại.",
    "en": "Ask the staff at the information desk. A supervisor can correct, hide or switch "
          "off the AI estimate; every change is recorded.",
}
LIMITS: tuple[Texts, ...] = (
    {
        "vi": "Mô hình chỉ biết những gì có trong dữ liệu đã học. Khi sảnh làm việc khác đi "
              "(dịch vụ mới, quầy mới, giờ làm việc mới), ước tính có thể kém chính xác hơn "
              "cho đến khi mô hình được huấn luyện lại.",
        "en": "The model only knows what was in the data it learned from. When the hall "
              "works differently (new services, new counters, new hours), estimates may be "
              "less accurate until it is retrained.",
    },
    {
        "vi": "Mô hình ước tính thời gian đến lần gọi đầu tiên. Việc chuyển vé sang dịch vụ "
              "khác, tạm gác vé hay gọi không theo thứ tự thì mô hình không biết trước.",
        "en": "It estimates the time until the first call. Transfers to another service, "
              "tickets set aside and calls out of order are not foreseen.",
    },
    {
        "vi": "Những lượt chờ dài (từ một giờ trở lên) là khó ước tính nhất; khi đó khoảng "
              "thời gian hiển thị rộng hơn. Ước tính không bao giờ vượt quá mức tối đa mà "
              "sảnh đặt ra.",
        "en": "Long waits (an hour or more) are the hardest to estimate; the range shown is "
              "then wider. Estimates never go beyond the maximum the hall sets.",
    },
    {
        "vi": "Khi mô hình ước tính kém hơn cách tính đơn giản trên những vé gần đây, máy "
              "tự chuyển sang cách tính đơn giản và báo cho nhân viên.",
        "en": "When the model does worse than the plain method on recent tickets, the kiosk "
              "switches to the plain method by itself and tells the staff.",
    },
)
SIMULATED: Texts = {
    "vi": "Mô hình này học từ các sảnh mô phỏng trên máy tính, chưa học từ số liệu thật "
          "của sảnh này; sảnh nên huấn luyện lại khi đã có vài tuần nhật ký của mình.",
    "en": "This model learned from halls simulated on a computer, not yet from this hall's "
          "real figures; the hall should retrain it once it has a few weeks of its own log.",
}


def _r(v: float) -> float:
    return round(float(v), 1)


def _created() -> str:
    """When the model was made; SOURCE_DATE_EPOCH fixes it, so a rebuild is identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return when.replace(microsecond=0).isoformat()


def _period(samples: Samples, idx: list[int]) -> dict[str, Any]:
    days = sorted({samples.days[i] for i in idx})
    return {"period": [str(days[0]), str(days[-1])] if days else [], "days": len(days),
            "tickets": len(idx)}


def build_card(version: str, logs: Sequence[Log], samples: Samples, train: list[int],
               hold: list[int], report: dict[str, Any], passed: bool,
               val: list[int] | None = None, fitted: Fitted | None = None) -> dict[str, Any]:
    """The model card: what the AI panel, the phone page and docs/model-card.md show.

    Texts a citizen reads are ``{"vi": ..., "en": ...}``; figures are data.
    """

    def errs(d: dict[str, float]) -> dict[str, float]:
        return {k: _r(v) for k, v in d.items()}

    limits = [dict(t) for t in LIMITS]
    if any(lg.config.hall.id.startswith("sim-") for lg in logs):
        limits.insert(0, dict(SIMULATED))
    names = [Path(lg.source).name for lg in logs]
    # several logs of one name (simulated seeds) are told apart by their folder
    if len(set(names)) < len(names):
        names = [f"{Path(lg.source).parent.name}/{Path(lg.source).name}" for lg in logs]
    return {
        "version": version,
        "created": _created(),
        "purpose": dict(PURPOSE),
        "model": dict(MODEL),
        "inputs": dict(INPUTS),
        "personal_data": dict(PERSONAL_DATA),
        "features": list(FEATURES),
        "feature_version": FEATURE_VERSION,
        "method": {
            "trees": "scikit-learn HistGradientBoostingRegressor, quantile loss",
            "quantiles": list(QUANTILES),
            "target": (f"log((wait + 60 s) / ({FEATURES[fitted.anchor]} + 60 s))"
                       if fitted is not None and fitted.anchor is not None
                       else "log1p(wait in minutes)"),
            "range_calibration": {
                "coverage": COVERAGE,
                "offsets": [round(v, 4) for v in fitted.offsets] if fitted else [0, 0, 0],
            },
        },
        "training": {
            "logs": names,
            **_period(samples, train),
            "validation": _period(samples, val or []),
        },
        "held_out": {
            **_period(samples, hold),
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
            "per_log": {names[k]: v for k, v in report.get("per_log", {}).items()},
        },
        **({"rolling": report["rolling"]} if report.get("rolling") else {}),
        "passed": passed,
        "fallback": dict(FALLBACK),
        "limits": limits,
        "contact": dict(CONTACT),
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
    #: the fitted scikit-learn regressors (low, middle, high)
    models: list[Any] = field(default_factory=list)
    #: the regressors with their anchor and calibration (what the ONNX file computes)
    fitted: Fitted | None = None


#: cut dates of the rolling evaluation (the held-out block is the first)
ROLLING_FOLDS = 3


def rolling_evaluation(samples: Samples, cap: float, holdout_days: int | None,
                       validation_days: int | None, first: dict[str, Any],
                       hold_idx: list[int], hold_ranges: npt.NDArray[np.float64],
                       folds: int = ROLLING_FOLDS, max_iter: int | None = None, seed: int = 0,
                       anchor: str | None = ANCHOR,
                       params: Params | None = None) -> dict[str, Any]:
    """Train on the days before each of several cut dates, score on the days after.

    The first fold is the held-out block itself; each further fold moves the
    cut back by one block of held-out length, so the model is judged on
    several periods it never saw, each time against every plain method on the
    same tickets. The verdict pools the folds: the model must beat the
    strongest plain method there.
    """
    scored_idx: list[int] = list(hold_idx)
    scored_ranges: list[npt.NDArray[np.float64]] = [hold_ranges]
    per_fold: list[dict[str, Any]] = [{"cut": str(min(samples.days[i] for i in hold_idx)),
                                        "tickets": first["tickets"],
                                        "mae_ratio": round(float(first["mae_ratio"]), 3)}]
    for k in range(2, folds + 1):
        train_i: list[int] = []
        val_i: list[int] = []
        test_i: list[int] = []
        for lg in sorted(set(samples.log)):
            idx = [i for i, g in enumerate(samples.log) if g == lg]
            days = sorted({samples.days[i] for i in idx})
            n = holdout_days if holdout_days is not None else max(1, round(len(days) * 0.2))
            v = validation_days if validation_days is not None else n
            end = len(days) - (k - 1) * n
            begin = end - n
            if begin - v < max(2 * n, 5):
                continue  # too few days left before this cut to learn from
            test_days = set(days[begin:end])
            val_days = set(days[begin - v:begin])
            before = set(days[:begin - v])
            for i in idx:
                d = samples.days[i]
                if d in test_days:
                    test_i.append(i)
                elif d in val_days:
                    val_i.append(i)
                elif d in before:
                    train_i.append(i)
        if len(train_i) < 50 or not test_i:
            continue
        fitted = fit(samples.x(train_i), samples.y(train_i), max_iter=max_iter, seed=seed,
                     anchor=anchor, params=params)
        fitted = calibrate(fitted, samples.x(val_i), samples.y(val_i))
        ranges = clamp_rows(fitted.predict(samples.x(test_i)), cap)
        r = evaluate(samples, test_i, ranges, cap)
        per_fold.append({"cut": str(min(samples.days[i] for i in test_i)),
                         "tickets": r["tickets"], "mae_ratio": round(float(r["mae_ratio"]), 3)})
        scored_idx.extend(test_i)
        scored_ranges.append(ranges)
    pooled = evaluate(samples, scored_idx, np.concatenate(scored_ranges), cap)
    best = pooled["best_plain"]
    return {
        "_idx": scored_idx,
        "folds": per_fold,
        "tickets": pooled["tickets"],
        "best_plain": best,
        "model_mae_s": _r(pooled["model"]["mae_s"]),
        "best_plain_mae_s": _r(pooled[best]["mae_s"]),
        "mae_ratio": round(float(pooled["mae_ratio"]), 3),
        "coverage_80": round(float(pooled["coverage_80"]), 3),
    }


def train(paths: Sequence[Path], out: Path, config: Config, holdout_days: int | None = None,
          force: bool = False, max_iter: int | None = None, seed: int = 0,
          validation_days: int | None = None, params: Params | None = None,
          anchor: str | None = ANCHOR, prior: Any = None) -> TrainResult:
    """Learn a model from logs; refuse (TrainingRefused) one that loses to the plain method."""
    from app.wait.export import build_onnx

    logs = [read_log(p, config) for p in paths]
    samples = collect(logs)
    if len(samples) < 50:
        raise TrainingDataError(
            f"only {len(samples)} called tickets in the logs: too few to learn from (50 or more)"
        )
    train_idx, val_idx, hold_idx = split_days(samples, holdout_days, validation_days)
    cap = config.estimates.max_wait_minutes * 60.0
    fitted = fit(samples.x(train_idx), samples.y(train_idx), max_iter=max_iter, seed=seed,
                 anchor=anchor, params=params)
    fitted = calibrate(fitted, samples.x(val_idx), samples.y(val_idx))
    ranges = clamp_rows(fitted.predict(samples.x(hold_idx)), cap)
    report = evaluate(samples, hold_idx, ranges, cap)
    per_log: dict[int, Any] = {}
    for k in range(len(logs)):
        sub = [j for j, i in enumerate(hold_idx) if samples.log[i] == k]
        if sub:
            r = evaluate(samples, [hold_idx[j] for j in sub], ranges[sub], cap)
            per_log[k] = {
                "tickets": r["tickets"], "model_mae_s": _r(r["model"]["mae_s"]),
                "best_plain": r["best_plain"],
                "best_plain_mae_s": _r(r[r["best_plain"]]["mae_s"]),
                "mae_ratio": round(float(r["mae_ratio"]), 3),
                "coverage_80": round(float(r["coverage_80"]), 3),
            }
    report["per_log"] = per_log
    rolling = rolling_evaluation(samples, cap, holdout_days, validation_days, report, hold_idx,
                                 ranges, max_iter=max_iter, seed=seed, anchor=anchor,
                                 params=params)
    rolled_idx = rolling.pop("_idx")
    report["rolling"] = rolling
    passed = (report["model"]["mae_s"] <= report[report["best_plain"]]["mae_s"]
              and rolling["mae_ratio"] <= 1.0)
    prior_better = False
    if prior is not None and prior.card.feature_version == FEATURE_VERSION:
        # the model the hall has (the shipped one, say), on the same days: where the hall's
        # own data is still thin, it can be the better of the two
        prior_mae = float(np.abs(
            clamp_rows(prior.predict(samples.x(rolled_idx)), cap)[:, 1] - samples.y(rolled_idx)
        ).mean())
        report["prior"] = {"version": prior.version, "rolling_mae_s": _r(prior_mae)}
        prior_better = (prior_mae < rolling["model_mae_s"]
                        and prior_mae <= rolling["best_plain_mae_s"])
    meta = {"features": json.dumps(list(FEATURES)), "feature_version": str(FEATURE_VERSION)}
    if fitted.anchor is not None:
        meta["anchor"] = FEATURES[fitted.anchor]

    def onnx_of(meta: dict[str, str]) -> bytes:
        return build_onnx(fitted.models, len(FEATURES), meta, fitted.anchor, fitted.offsets)

    body = onnx_of(meta)
    stamp = max(samples.days).strftime("%Y%m%d")
    version = f"wait-{stamp}-{sha256_hex(body)[:8]}"
    onnx_bytes = onnx_of({**meta, "version": version})
    card = build_card(version, logs, samples, train_idx, hold_idx, report, passed,
                      val_idx, fitted)
    if prior_better and not force:
        raise TrainingRefused(
            f"the installed model {report['prior']['version']} does better on this hall's "
            f"days than the new one ({report['prior']['rolling_mae_s'] / 60:.1f} min against "
            f"{rolling['model_mae_s'] / 60:.1f} min over {len(rolling['folds'])} cut dates); "
            "nothing was written: keep it until the hall's own log has more days. "
            "Use --force to write the new one anyway.",
            keep="prior",
        )
    if not passed and not force:
        best = report["best_plain"]
        raise TrainingRefused(
            f"the new model is not better than the strongest plain estimate: on the held-out "
            f"days {report['model']['mae_s'] / 60:.1f} min against '{best}' "
            f"{report[best]['mae_s'] / 60:.1f} min; over {len(rolling['folds'])} cut dates "
            f"{rolling['model_mae_s'] / 60:.1f} min against '{rolling['best_plain']}' "
            f"{rolling['best_plain_mae_s'] / 60:.1f} min (mean errors); nothing was written. "
            "Use --force to write it anyway."
        )
    write_model(out, onnx_bytes, card)
    return TrainResult(report, card, out, passed, len(onnx_bytes), fitted.models, fitted)
