"""Train -> export -> load; integrity checks; fallback; clamping; staff control; queue order."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.clock import ManualClock
from app.config import Config
from app.errors import CommandRefused
from app.estimate import QueueLengthEstimator
from app.events import write_jsonl
from app.hall import HallState
from app.service import HallService
from app.sim.engine import simulate_days
from app.sim.halls import HALLS, hall_config, hall_toml
from app.store.sqlite import SQLiteStore
from app.wait import load_estimator
from app.wait.control import (
    set_ai_enabled,
    set_correction,
    set_estimates_visible,
    supervisor_reinstate,
)
from app.wait.estimator import WaitEstimator, clamp_estimate
from app.wait.features import FEATURES, N_FEATURES
from app.wait.model import ModelRefused, load_model, sha256_hex
from app.wait.train import TrainResult
from tests.helpers.signing import sign, trusting

pytest.importorskip("sklearn")


def _logs(tmp: Path, days: int = 5) -> list[Path]:
    out = []
    for name in ("ward", "rural"):
        shape = HALLS[name]
        events = simulate_days(shape, hall_config(shape), date(2026, 3, 2), days, seed=11)
        p = tmp / f"{name}.jsonl"
        with p.open("w", encoding="utf-8") as f:
            write_jsonl(events, f)
        (tmp / f"{name}.toml").write_text(hall_toml(shape), encoding="utf-8")
        out.append(p)
    return out


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, TrainResult]]:
    from app.config import load_config
    from app.wait.train import train

    tmp = tmp_path_factory.mktemp("wait")
    logs = _logs(tmp)
    result = train(logs, tmp / "model", load_config(), holdout_days=1, max_iter=40, force=True)
    sign(tmp / "model")
    yield tmp / "model", result


@pytest.fixture
def model_dir(trained: tuple[Path, TrainResult], tmp_path: Path) -> Path:
    """A fresh copy of the trained model folder (tests may damage it)."""
    d = tmp_path / "model"
    shutil.copytree(trained[0], d)
    return d


def _config(config: Config, model_dir: Path, **estimates: object) -> Config:
    """The kiosk's config with this model folder, trusting the test key that signed it."""
    return trusting(config, **{"model_dir": str(model_dir), **estimates})


def test_python_and_onnxruntime_agree(trained: tuple[Path, TrainResult],
                                      model_dir: Path) -> None:
    from app.config import load_config
    from app.wait.export import predict_python
    from app.wait.train import collect, read_log

    loaded = load_model(model_dir)
    samples = collect([read_log(trained[0].parent / "ward.jsonl", load_config())])
    x = samples.x()[:300]
    onnx_out = loaded.predict(x)
    assert onnx_out.shape == (len(x), 3)
    fitted = trained[1].fitted
    assert fitted is not None and fitted.anchor == FEATURES.index("est_sched_s")
    # the range was calibrated on the validation day: the offsets are in the file too
    assert fitted.offsets[0] != 0.0 and fitted.offsets[2] != 0.0
    py_out = predict_python(fitted.models, x, fitted.anchor, fitted.offsets)
    assert np.allclose(onnx_out, py_out, rtol=2e-3, atol=1.0)
    assert np.allclose(fitted.predict(x), py_out)
    # the trees correct the plain estimate: it moves the prediction with it
    bigger = x.copy()
    bigger[:, fitted.anchor] *= 2.0
    assert np.all(loaded.predict(bigger)[:, 1] > onnx_out[:, 1] - 1e-3)


def test_card_and_manifest(model_dir: Path) -> None:
    card = json.loads((model_dir / "card.json").read_text(encoding="utf-8"))
    manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sha256"] == sha256_hex((model_dir / "model.onnx").read_bytes())
    assert manifest["features"] == list(FEATURES) == card["features"]
    assert card["version"] == manifest["version"]
    assert manifest["bytes"] < 1 << 20
    held = card["held_out"]
    for k in ("model", "queue", "skill", "erlang"):
        assert held["mae_s"][k] > 0
    assert held["best_plain"] in ("queue", "skill", "erlang", "snapshot")
    assert 0 < held["coverage_80"] <= 1
    assert set(held["groups"]) <= {"priority", "ordinary"}
    assert card["training"]["tickets"] > 0 and card["training"]["validation"]["days"] == 1
    # every text a citizen reads is in Vietnamese and English
    for key in ("purpose", "model", "inputs", "personal_data", "fallback", "contact"):
        assert set(card[key]) == {"vi", "en"}, key
    assert card["limits"] and all(set(x) == {"vi", "en"} for x in card["limits"])
    # simulated training halls are said to be simulated
    assert "mô phỏng" in card["limits"][0]["vi"] and "simulated" in card["limits"][0]["en"]


SHIPPED = Path(__file__).resolve().parents[2] / "models" / "wait"


def test_shipped_model_loads_and_its_card_speaks_both_languages() -> None:
    from app.web.pages import card_sections

    model = load_model(SHIPPED)
    card = model.card
    assert model.manifest["features"] == list(FEATURES) == list(card.features)
    texts = [card.purpose, card.inputs, card.personal_data, card.fallback, card.contact]
    assert card.model is not None
    for words in [*texts, card.model, *card.limits]:
        assert set(words) == {"vi", "en"} and words["vi"] != words["en"], words
    # the Vietnamese texts are written with their diacritics
    assert "Ước tính" in card.purpose["vi"] and "dữ liệu cá nhân" in card.personal_data["vi"]
    # the phone page shows each field in the page's language and not the other
    for lang, other in (("vi", "en"), ("en", "vi")):
        text = html.unescape(" ".join(markup for _heading, markup in card_sections(card, lang)))
        for item in [*texts, *card.limits]:
            assert item[lang] in text and item[other] not in text, (lang, item)


def test_model_estimates_at_the_kiosk(config: Config, clock: ManualClock, store: SQLiteStore,
                                      model_dir: Path) -> None:
    cfg = _config(config, model_dir)
    hall = HallService(cfg, store, clock)
    est = load_estimator(cfg, hall)
    card = est.info().card
    assert est.info().ai and card is not None and card.version == est.model.version  # type: ignore
    hall.execute("open_counter", "staff-1", counter=1)
    tickets = [hall.issue("A", "kiosk-1") for _ in range(3)]
    assert all(t.estimate.ai for t in tickets)
    logged = [e for e in store.read_after(0) if e.kind == "estimated"]
    assert len(logged) == 3 and all(e["model"] == est.model.version for e in logged)  # type: ignore
    cur = est.current_estimates()
    assert set(cur) == {t.number for t in tickets}
    refreshes = est.refreshes
    clock.advance(600)
    assert est.refreshes == refreshes  # time alone re-estimates nothing
    hall.execute("call_next", "staff-1", counter=1)
    hall.issue("A", "kiosk-1")
    assert est.refreshes == refreshes  # coalesced: nothing is re-estimated until it is read
    assert len(est.current_estimates()) == 3
    assert est.refreshes == refreshes + 1  # two queue changes, one re-estimate
    est.current_estimates()
    assert est.refreshes == refreshes + 1


def _refused(config: Config, clock: ManualClock, store: SQLiteStore, model_dir: Path,
             **estimates: object) -> tuple[WaitEstimator, HallService]:
    cfg = _config(config, model_dir, **estimates)
    hall = HallService(cfg, store, clock)
    est = load_estimator(cfg, hall)
    assert est.model is None and not est.info().ai
    hall.execute("open_counter", "staff-1", counter=1)
    t = hall.issue("A", "kiosk-1")  # tickets still issue, with the plain estimate
    assert t.estimate.method == "snapshot" and not t.estimate.ai
    incidents = [e for e in store.read_after(0) if e.kind == "incident"]
    assert incidents and incidents[0]["code"] == "model_refused"
    return est, hall


def test_tampered_model_is_refused_with_fallback(config: Config, clock: ManualClock,
                                                 store: SQLiteStore, model_dir: Path) -> None:
    data = bytearray((model_dir / "model.onnx").read_bytes())
    data[len(data) // 2] ^= 0x01
    (model_dir / "model.onnx").write_bytes(bytes(data))
    est, _hall = _refused(config, clock, store, model_dir)
    assert "does not match its manifest" in (est.info().fallback_reason or "")


def test_corrupt_model_is_refused(model_dir: Path) -> None:
    junk = b"this is not an onnx model" * 10
    (model_dir / "model.onnx").write_bytes(junk)
    manifest = json.loads((model_dir / "manifest.json").read_text())
    manifest["sha256"] = sha256_hex(junk)
    (model_dir / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelRefused, match="cannot be loaded"):
        load_model(model_dir)


def test_model_for_other_features_is_refused(model_dir: Path) -> None:
    manifest = json.loads((model_dir / "manifest.json").read_text())
    manifest["features"] = manifest["features"][:-1]
    (model_dir / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelRefused, match="different inputs"):
        load_model(model_dir)


def test_model_with_wrong_input_width_is_refused(model_dir: Path) -> None:
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("features", TensorProto.FLOAT, [None, N_FEATURES - 2])
    y = helper.make_tensor_value_info("wait_s", TensorProto.FLOAT, [None, 3])
    graph = helper.make_graph([helper.make_node("Identity", ["features"], ["wait_s"])],
                              "bad", [x], [y])
    body = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])
    body.ir_version = 8
    data = body.SerializeToString()
    (model_dir / "model.onnx").write_bytes(data)
    manifest = json.loads((model_dir / "manifest.json").read_text())
    manifest["sha256"] = sha256_hex(data)
    (model_dir / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelRefused, match="inputs do not match"):
        load_model(model_dir)


def test_card_of_another_model_is_refused(model_dir: Path) -> None:
    (model_dir / "card.json").write_text('{"version": "other"}')
    with pytest.raises(ModelRefused, match="card"):
        load_model(model_dir)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c["held_out"].update(coverage_80=1.5), "held_out.coverage_80"),
        (lambda c: c.pop("contact"), "contact"),
        (lambda c: c["purpose"].pop("vi"), "purpose"),
        (lambda c: c["training"].update(period=["2026-02-14", "2026-01-05"]), "training"),
        (lambda c: c["held_out"].update(best_plain="guess"), "held_out"),
        (lambda c: c.update(accuracy={"mae": 1}), "accuracy"),
    ],
)
def test_a_malformed_card_is_refused_naming_the_field(
    config: Config, clock: ManualClock, store: SQLiteStore, model_dir: Path,
    change: Any, field: str,
) -> None:
    card = json.loads((model_dir / "card.json").read_text(encoding="utf-8"))
    change(card)
    data = json.dumps(card).encode("utf-8")
    (model_dir / "card.json").write_bytes(data)
    manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
    manifest["card_sha256"] = hashlib.sha256(data).hexdigest()
    (model_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelRefused, match=f"card is damaged \\(field {re.escape(field)}"):
        load_model(model_dir)
    # the kiosk falls back as for any failed check, and says why
    est = load_estimator(_config(config, model_dir), HallService(config, store, clock))
    assert not est.info().ai and field in (est.info().fallback_reason or "")


def test_missing_model(config: Config, clock: ManualClock, store: SQLiteStore,
                       tmp_path: Path) -> None:
    est, _ = _refused(config, clock, store, tmp_path / "nothing-here")
    assert est.info().fallback_reason == "no wait model is installed"


def test_configured_key_without_a_way_to_check_refuses(config: Config, clock: ManualClock,
                                                      store: SQLiteStore,
                                                      model_dir: Path) -> None:
    est, _ = _refused(config, clock, store, model_dir, public_key="A" * 43 + "=")
    assert "sign" in (est.info().fallback_reason or "")


def test_absurd_states_give_bounded_estimates(config: Config, clock: ManualClock,
                                             store: SQLiteStore, model_dir: Path) -> None:
    cfg = _config(config, model_dir)
    model = load_model(model_dir)
    cap = cfg.estimates.max_wait_minutes * 60.0
    rng = np.random.default_rng(0)
    absurd = np.concatenate([
        rng.uniform(-1e7, 1e7, size=(200, N_FEATURES)),
        np.full((1, N_FEATURES), 1e7), np.full((1, N_FEATURES), -1e7),
    ]).astype(np.float32)
    for p10, p50, p90 in model.predict(absurd):
        e = clamp_estimate(float(p10), float(p50), float(p90), cap, "model")
        assert 0 <= e.p10_s <= e.median_s <= e.p90_s <= cap
    assert clamp_estimate(float("nan"), float("inf"), -5, cap, "model").p90_s == cap
    # a hall with hundreds waiting and every counter but one closed
    hall = HallService(cfg, store, clock, estimator=WaitEstimator(cfg, model))
    hall.execute("open_counter", "staff-1", counter=1)
    for _ in range(120):
        last = hall.issue("A", "kiosk-1")
    assert 0 <= last.estimate.p10_s <= last.estimate.median_s <= last.estimate.p90_s <= cap


def test_model_never_changes_who_is_called_next(config: Config, clock: ManualClock,
                                                tmp_path: Path, model_dir: Path) -> None:
    """The same commands give the same calls with the model, with the plain method, or with
    an estimator that says absurd things."""

    class Hostile(QueueLengthEstimator):
        def estimate(self, state: HallState, ticket):  # type: ignore[no-untyped-def]
            base = super().estimate(state, ticket)
            return type(base)(1e9, -5, 1e12, "model", "hostile")

    cfg = _config(config, model_dir)
    calls = []
    for i, est in enumerate([WaitEstimator(cfg, load_model(model_dir)), None, Hostile()]):
        c = ManualClock(clock.now())
        store = SQLiteStore(tmp_path / f"s{i}.db")
        hall = HallService(cfg, store, c, estimator=est)
        for n in (1, 2, 3):
            hall.execute("open_counter", "staff", counter=n)
        seq = []
        for k in range(30):
            hall.issue("AB"[k % 2], "kiosk-1", priority=k % 7 == 0,
                       category="elderly" if k % 7 == 0 else None)
            c.advance(40)
            if k % 3 == 2:
                out = hall.execute("call_next", "staff", counter=1 + k % 3, finish_current=True)
                seq.append(out[-1].ticket)
        calls.append((seq, hall.state.snapshot()["tickets"]))
        store.close()
    assert calls[0] == calls[1] == calls[2]


def test_staff_control(config: Config, clock: ManualClock, store: SQLiteStore,
                       model_dir: Path) -> None:
    cfg = _config(config, model_dir)
    hall = HallService(cfg, store, clock)
    est = load_estimator(cfg, hall)
    hall.execute("open_counter", "staff-1", counter=1)
    base = hall.issue("A", "kiosk-1").estimate
    assert base.ai
    with pytest.raises(CommandRefused):
        set_ai_enabled(hall, "sup-1", False, "  ")
    with pytest.raises(CommandRefused):
        set_correction(hall, "sup-1", "Z", 5, "no such service")
    with pytest.raises(CommandRefused):
        set_correction(hall, "sup-1", "A", 10_000, "absurd")

    e = set_correction(hall, "sup-1", "A", 10, "form printer broken", role="supervisor")
    assert e.actor == "sup-1" and e["reason"] == "form printer broken" and e["role"] == "supervisor"
    corrected = hall.issue("A", "kiosk-1").estimate
    assert corrected.median_s >= 600

    set_estimates_visible(hall, "sup-1", False, "estimates confuse people today")
    assert est.info().visible is False

    set_ai_enabled(hall, "sup-1", False, "checking the model")
    off = hall.issue("A", "kiosk-1").estimate
    assert off.method == "snapshot" and not off.ai and est.info().fallback_reason
    set_ai_enabled(hall, "sup-1", True, "checked")
    assert est.info().ai

    # a second kiosk started later reads the same settings from the log
    again = load_estimator(cfg, HallService(cfg, store, clock))
    assert again.control.corrections == {"A": 10.0} and again.control.visible is False

    people_only = _config(config, model_dir, when_ai_off="people_ahead")
    hall2 = HallService(people_only, store, clock)
    est2 = load_estimator(people_only, hall2)
    set_ai_enabled(hall2, "sup-1", False, "people ahead only")
    assert hall2.issue("A", "kiosk-1").estimate.method == "none"
    supervisor_reinstate(hall2, "sup-1", "fine again")
    assert est2.control.reinstated == 1
