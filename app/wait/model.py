"""Loading the wait model: checked before it is trusted, loaded once.

A model folder holds ``model.onnx``, ``card.json`` (the model card) and
``manifest.json``::

    {"format": 1, "version": "...", "model_file": "model.onnx",
     "sha256": "<hex of model.onnx>", "bytes": 123456,
     "card_sha256": "<hex of card.json>",
     "features": [...], "feature_version": 1,
     "input": "features", "output": "wait_s",
     "signature": "<base64 Ed25519 signature>"   (optional)}

:func:`load_model` refuses the folder, with a :class:`ModelRefused` that says
why in one sentence, when a file is missing or unreadable, a hash does not
match, the signature is missing or wrong (when a public key is configured),
the card and manifest disagree, the card is not a model card
(:class:`~app.modelcard.ModelCard`; the reason names the field), the model's
feature list is not the kiosk's, or onnxruntime cannot load it or its input
and output are not the expected shape. The kiosk then uses the plain
estimator and shows the reason.

Signatures: when ``estimates.public_key`` is set (base64 of a raw 32-byte
Ed25519 key), the manifest must carry ``signature`` over
:func:`signed_bytes` of the manifest. Checking it needs the ``cryptography``
package; when that is not installed, a configured key cannot be checked and
the model is refused (a kiosk never trusts what it could not verify).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from app.modelcard import CardInvalid, ModelCard
from app.wait.features import FEATURE_VERSION, FEATURES, N_FEATURES

MODEL_FILE = "model.onnx"
CARD_FILE = "card.json"
MANIFEST_FILE = "manifest.json"
MAX_MODEL_BYTES = 1 << 20


class ModelRefused(Exception):
    """The model folder cannot be trusted or used; ``reason`` is one plain sentence."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail or reason


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def signed_bytes(manifest: dict[str, Any]) -> bytes:
    """What a signature covers: the manifest without its signature, canonically."""
    body = {k: v for k, v in manifest.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ModelRefused(f"the {what} is missing", f"{path} does not exist") from None
    except OSError as exc:
        raise ModelRefused(f"the {what} cannot be read", f"{path}: {exc.strerror}") from None


def _json(data: bytes, path: Path, what: str) -> dict[str, Any]:
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelRefused(f"the {what} is damaged", f"{path}: {exc}") from None
    if not isinstance(obj, dict):
        raise ModelRefused(f"the {what} is damaged", f"{path}: not a JSON object")
    return obj


def verify_signature(manifest: dict[str, Any], public_key: str) -> None:
    """Check the manifest's Ed25519 signature against a configured public key."""
    sig = manifest.get("signature")
    if not isinstance(sig, str) or not sig:
        raise ModelRefused("the model is not signed", "a public key is configured, "
                           "but manifest.json has no signature")
    try:
        from cryptography.exceptions import InvalidSignature  # type: ignore[import-not-found]
        from cryptography.hazmat.primitives.asymmetric.ed25519 import (  # type: ignore[import-not-found]
            Ed25519PublicKey,
        )
    except ImportError:
        raise ModelRefused(
            "the model's signature cannot be checked on this kiosk",
            "estimates.public_key is set but the 'cryptography' package is not installed",
        ) from None
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(sig, validate=True), signed_bytes(manifest))
    except (InvalidSignature, ValueError) as exc:
        raise ModelRefused("the model's signature is not valid", repr(exc)) from None


@dataclass
class LoadedModel:
    """A verified model with its onnxruntime session (loaded once)."""

    path: Path
    version: str
    manifest: dict[str, Any]
    card: ModelCard
    session: Any
    input_name: str
    output_name: str
    model_bytes: int
    inferences: int = 0

    def predict(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Raw (p10, p50, p90) seconds for each row: not sorted, not clamped."""
        self.inferences += 1
        out = self.session.run([self.output_name], {self.input_name: x})[0]
        return np.asarray(out, dtype=np.float32)


def load_model(model_dir: Path, public_key: str = "") -> LoadedModel:
    """Verify and load the model in ``model_dir``; raises :class:`ModelRefused`."""
    manifest_path = model_dir / MANIFEST_FILE
    if not model_dir.is_dir():
        raise ModelRefused("no wait model is installed", f"{model_dir} is not a folder")
    manifest = _json(_read(manifest_path, "model manifest"), manifest_path, "model manifest")
    version = manifest.get("version")
    if not isinstance(version, str) or not version:
        raise ModelRefused("the model manifest is damaged", "manifest.json has no version")
    if public_key:
        verify_signature(manifest, public_key)

    name = manifest.get("model_file", MODEL_FILE)
    if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
        raise ModelRefused("the model manifest is damaged", f"bad model_file {name!r}")
    model_path = model_dir / name
    data = _read(model_path, "model file")
    if len(data) > MAX_MODEL_BYTES:
        raise ModelRefused("the model file is too large",
                           f"{model_path}: {len(data)} bytes (at most {MAX_MODEL_BYTES})")
    if sha256_hex(data) != manifest.get("sha256"):
        raise ModelRefused(
            "the model file does not match its manifest (it may have been altered)",
            f"sha256 {sha256_hex(data)} != manifest {manifest.get('sha256')}",
        )
    card_path = model_dir / CARD_FILE
    card_data = _read(card_path, "model card")
    if sha256_hex(card_data) != manifest.get("card_sha256"):
        raise ModelRefused("the model card does not match its manifest",
                           f"card sha256 {sha256_hex(card_data)}")
    raw_card = _json(card_data, card_path, "model card")
    if raw_card.get("version") != version:
        raise ModelRefused("the model card is for another model version",
                           f"card {raw_card.get('version')!r} != manifest {version!r}")
    try:
        card = ModelCard.parse(raw_card)
    except CardInvalid as exc:
        raise ModelRefused(f"the model card is damaged (field {exc.field})",
                           f"{card_path}: {exc}") from None
    if manifest.get("features") != list(FEATURES) or manifest.get("feature_version") != (
        FEATURE_VERSION
    ):
        raise ModelRefused(
            "the model was made for different inputs than this kiosk computes",
            f"manifest features {manifest.get('features')!r} "
            f"(version {manifest.get('feature_version')!r}); kiosk {list(FEATURES)!r} "
            f"(version {FEATURE_VERSION})",
        )

    session = _session(data, model_path)
    inputs, outputs = session.get_inputs(), session.get_outputs()
    if len(inputs) != 1 or inputs[0].type != "tensor(float)" or len(inputs[0].shape) != 2 or (
        inputs[0].shape[1] != N_FEATURES
    ):
        shapes = [(i.name, i.type, i.shape) for i in inputs]
        raise ModelRefused("the model's inputs do not match the feature list",
                           f"inputs {shapes}, expected one float [N, {N_FEATURES}]")
    if len(outputs) < 1 or len(outputs[0].shape) != 2 or outputs[0].shape[1] != 3:
        raise ModelRefused("the model's output is not a wait range",
                           f"outputs {[(o.name, o.shape) for o in outputs]}")
    meta = session.get_modelmeta().custom_metadata_map
    if "features" in meta and json.loads(meta["features"]) != list(FEATURES):
        raise ModelRefused("the model's inputs do not match the feature list",
                           "features in the model's metadata differ from the kiosk's")
    model = LoadedModel(model_dir, version, manifest, card, session, inputs[0].name,
                        outputs[0].name, len(data))
    probe = model.predict(np.zeros((1, N_FEATURES), dtype=np.float32))
    model.inferences = 0
    if probe.shape != (1, 3) or not all(math.isfinite(float(v)) for v in probe.ravel()):
        raise ModelRefused("the model gives no usable answer", f"probe output {probe!r}")
    return model


def _session(data: bytes, path: Path) -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    # one small model on a kiosk CPU: threads cost more than they bring
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    try:
        return ort.InferenceSession(data, sess_options=opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own assorted types
        raise ModelRefused("the model file cannot be loaded (it is damaged or of the wrong kind)",
                           f"{path}: {exc}") from None
