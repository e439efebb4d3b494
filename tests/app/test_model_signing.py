"""Signed wait models: a swapped, rewritten, unsigned or wrongly signed model is refused."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import numpy as np
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.cli import main
from app.clock import ManualClock
from app.config import Config, load_config
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.wait import load_estimator
from app.wait.features import N_FEATURES
from app.wait.model import ModelRefused, load_model, sha256_hex
from app.wait.signing import PROJECT_PUBLIC_KEY, SIGNATURE_FILE, key_id
from tests.helpers.config import override
from tests.helpers.signing import sign, signing_key, trusting

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "models" / "wait"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped, project-signed model folder."""
    d = tmp_path / "wait"
    shutil.copytree(SHIPPED, d)
    return d


def _kiosk(config: Config, folder: Path, **estimates: object) -> Config:
    return override(config, "estimates", model_dir=str(folder), **estimates)


def _manifest(folder: Path) -> dict[str, object]:
    return dict(json.loads((folder / "manifest.json").read_text(encoding="utf-8")))


def _write_manifest(folder: Path, manifest: dict[str, object]) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def _refused_at_kiosk(cfg: Config, store: SQLiteStore, clock: ManualClock) -> tuple[str, str]:
    """Start the kiosk's estimator; it must fall back, record an incident and alert staff."""
    hall = HallService(cfg, store, clock)
    est = load_estimator(cfg, hall)
    info = est.info()
    assert not info.ai and est.model is None
    reason = info.fallback_reason or ""
    incidents = [e for e in store.read_after(0) if e.kind == "incident"]
    assert [(e["source"], e["code"]) for e in incidents] == [("wait_model", "model_refused")]
    assert incidents[0]["detail"] == reason
    assert len(est.alerts) == 1 and reason in est.alerts[0]
    # the citizen still gets an estimate: the plain one
    ticket = hall.issue("A", "kiosk-1")
    shown = est.current_estimates()[ticket.number]
    assert not shown.ai and shown.method != "none"
    with pytest.raises(ModelRefused) as exc:
        load_model(folder_of(cfg), cfg.estimates.public_key, cfg.estimates.require_signature)
    return reason, exc.value.detail


def folder_of(cfg: Config) -> Path:
    return Path(cfg.estimates.model_dir)


def test_shipped_model_is_signed_by_the_project_key(config: Config) -> None:
    assert config.estimates.require_signature and not config.estimates.public_key
    assert (SHIPPED / SIGNATURE_FILE).is_file()
    model = load_model(SHIPPED, "", require_signature=True)
    assert model.signed_by == key_id(PROJECT_PUBLIC_KEY)
    # no private key travels with the project
    for folder in ("models", "config", "app", "scripts", "docs"):
        for path in (ROOT / folder).rglob("*"):
            assert path.suffix not in (".key", ".pem"), path
            if path.is_file() and path.stat().st_size < 1 << 16:
                assert b"PRIVATE KEY" not in path.read_bytes(), path


def test_kiosk_template_requires_a_signature() -> None:
    for path in (ROOT / "config" / "examples").glob("*.toml"):
        assert load_config(path).estimates.require_signature, path.name


def test_shipped_model_is_used_at_the_kiosk(config: Config, store: SQLiteStore,
                                            clock: ManualClock, folder: Path) -> None:
    est = load_estimator(_kiosk(config, folder), HallService(config, store, clock))
    assert est.info().ai and est.model is not None
    assert est.model.signed_by == key_id(PROJECT_PUBLIC_KEY)


def test_a_different_model_with_a_recomputed_manifest_is_refused(
    config: Config, store: SQLiteStore, clock: ManualClock, folder: Path
) -> None:
    onnx = pytest.importorskip("onnx")
    from onnx import helper

    # a valid model that says every wait is half as long again (its trees work in logs)
    graph = onnx.load(str(folder / "model.onnx"))
    trees = next(n for n in graph.graph.node if n.op_type == "TreeEnsembleRegressor")
    base = next(a for a in trees.attribute if a.name == "base_values")
    shifted = helper.make_attribute("base_values", [v + 0.4 for v in base.floats])
    trees.attribute.remove(base)
    trees.attribute.append(shifted)
    onnx.save(graph, str(folder / "model.onnx"))
    data = (folder / "model.onnx").read_bytes()
    manifest = _manifest(folder)
    manifest.update(sha256=sha256_hex(data), bytes=len(data))
    _write_manifest(folder, manifest)
    # the swap is consistent: without a signature check the kiosk would use it
    swapped, shipped = load_model(folder), load_model(SHIPPED)
    assert swapped.version == manifest["version"]
    x = np.full((1, N_FEATURES), 3.0, dtype=np.float32)
    assert swapped.predict(x)[0, 1] > shipped.predict(x)[0, 1] * 1.3

    reason, detail = _refused_at_kiosk(_kiosk(config, folder), store, clock)
    assert reason == "the model's files were changed after it was signed"
    assert detail == "changed since signing: model.onnx, manifest.json"


def test_a_rewritten_card_is_refused(config: Config, store: SQLiteStore, clock: ManualClock,
                                     folder: Path) -> None:
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    card["personal_data"]["en"] = "We keep your face for a year."
    (folder / "card.json").write_text(json.dumps(card), encoding="utf-8")
    manifest = _manifest(folder)
    manifest["card_sha256"] = sha256_hex((folder / "card.json").read_bytes())
    _write_manifest(folder, manifest)

    reason, detail = _refused_at_kiosk(_kiosk(config, folder), store, clock)
    assert reason == "the model's files were changed after it was signed"
    assert detail == "changed since signing: manifest.json, card.json"


def test_an_unsigned_model_is_refused(config: Config, store: SQLiteStore, clock: ManualClock,
                                      folder: Path) -> None:
    (folder / SIGNATURE_FILE).unlink()
    reason, detail = _refused_at_kiosk(_kiosk(config, folder), store, clock)
    assert reason == "the model is not signed"
    assert "motcua wait sign" in detail


def test_a_model_signed_with_another_key_is_refused(config: Config, store: SQLiteStore,
                                                     clock: ManualClock, folder: Path) -> None:
    # an attacker re-signs the folder with a key of their own
    sign(folder, Ed25519PrivateKey.generate())
    reason, detail = _refused_at_kiosk(_kiosk(config, folder), store, clock)
    assert reason == "the model is signed with a key this kiosk does not trust"
    assert key_id(PROJECT_PUBLIC_KEY) in detail


def test_a_forged_signature_under_the_trusted_key_id_is_refused(
    config: Config, store: SQLiteStore, clock: ManualClock, folder: Path
) -> None:
    doc = json.loads((folder / SIGNATURE_FILE).read_text(encoding="utf-8"))
    other = Ed25519PrivateKey.generate()
    import base64

    doc["signature"] = base64.b64encode(other.sign(b"anything")).decode()
    (folder / SIGNATURE_FILE).write_text(json.dumps(doc), encoding="utf-8")
    reason, _ = _refused_at_kiosk(_kiosk(config, folder), store, clock)
    assert reason == "the model's signature is not valid"


def test_damaged_signature_file_is_refused(folder: Path) -> None:
    (folder / SIGNATURE_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelRefused, match="signature is damaged"):
        load_model(folder, "", require_signature=True)


def test_a_hall_signs_its_own_model_with_its_own_key(config: Config, store: SQLiteStore,
                                                     clock: ManualClock, folder: Path) -> None:
    public = sign(folder)
    cfg = trusting(_kiosk(config, folder))
    est = load_estimator(cfg, HallService(cfg, store, clock))
    assert est.info().ai and est.model is not None and est.model.signed_by == key_id(public)
    # the same kiosk no longer trusts the project's signature
    shutil.copy(SHIPPED / SIGNATURE_FILE, folder / SIGNATURE_FILE)
    with pytest.raises(ModelRefused, match="does not trust"):
        load_model(folder, public, require_signature=True)


def test_without_require_signature_an_unsigned_model_is_used(folder: Path,
                                                             config: Config) -> None:
    (folder / SIGNATURE_FILE).unlink()
    assert load_model(folder, "", require_signature=False).signed_by == ""
    cfg = _kiosk(config, folder, require_signature=False)
    assert load_estimator(cfg).info().ai


def test_a_bad_public_key_in_the_config_names_the_key(tmp_path: Path) -> None:
    from app.config import ConfigError, parse_config

    data = {
        "hall": {"name": {"vi": "Sảnh"}},
        "services": [{"code": "A", "prefix": "A", "name": {"vi": "A"}}],
        "counters": [{"number": 1, "services": ["A"]}],
        "estimates": {"public_key": "not-a-key"},
    }
    with pytest.raises(ConfigError, match=r"estimates\.public_key: \"not-a-key\" is not an "):
        parse_config(data)


# --------------------------------------------------------------------------- command line


def test_keygen_and_sign_from_the_command_line(tmp_path: Path, folder: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "keys" / "hall.key"
    assert main(["wait", "keygen", "--out", str(key)]) == 0
    out = capsys.readouterr().out
    public = (tmp_path / "keys" / "hall.key.pub").read_text(encoding="ascii").strip()
    assert f'public_key = "{public}"' in out
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    # a key is never overwritten by accident
    assert main(["wait", "keygen", "--out", str(key)]) == 1
    assert "already exists" in capsys.readouterr().err

    assert main(["wait", "sign", str(folder), "--key", str(key)]) == 0
    assert key_id(public) in capsys.readouterr().out
    assert load_model(folder, public, require_signature=True).signed_by == key_id(public)


def test_sign_refuses_a_broken_folder_and_a_bad_key(tmp_path: Path, folder: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _, _, key = signing_key()
    (folder / "model.onnx").write_bytes(b"garbage")
    before = (folder / SIGNATURE_FILE).read_bytes()
    assert main(["wait", "sign", str(folder), "--key", str(key)]) == 1
    err = capsys.readouterr().err
    assert "not signed: the model file does not match its manifest" in err
    assert "Traceback" not in err
    assert (folder / SIGNATURE_FILE).read_bytes() == before

    notakey = tmp_path / "x.key"
    notakey.write_text("hello", encoding="utf-8")
    assert main(["wait", "sign", str(SHIPPED), "--key", str(notakey)]) == 1
    assert "is not an unencrypted private key" in capsys.readouterr().err
    assert main(["wait", "sign", str(SHIPPED), "--key", str(tmp_path / "none.key")]) == 1
    assert "cannot read the signing key" in capsys.readouterr().err


@pytest.mark.slow
def test_train_output_is_signed_in_one_step(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sklearn")
    from datetime import date

    from app.events import write_jsonl
    from app.sim.engine import simulate_days
    from app.sim.halls import HALLS, hall_config, hall_toml

    shape = HALLS["ward"]
    log = tmp_path / "ward.jsonl"
    with log.open("w", encoding="utf-8") as f:
        write_jsonl(simulate_days(shape, hall_config(shape), date(2026, 3, 2), 3, seed=5), f)
    (tmp_path / "ward.toml").write_text(hall_toml(shape), encoding="utf-8")
    _, public, key = signing_key()
    out = tmp_path / "model"
    assert main(["wait", "train", "--events", str(log), "--out", str(out), "--holdout-days",
                 "1", "--max-iter", "2", "--force", "--sign-key", str(key)]) == 0
    assert "signed " in capsys.readouterr().out
    assert load_model(out, public, require_signature=True).signed_by == key_id(public)


def test_train_with_a_bad_key_stops_before_training(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wait", "train", "--events", str(tmp_path / "none.jsonl"), "--out",
                 str(tmp_path / "m"), "--sign-key", str(tmp_path / "none.key")]) == 1
    assert "cannot read the signing key" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()
