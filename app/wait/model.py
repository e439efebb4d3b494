"""Loading the wait model: checked before it is trusted, loaded once.

A model folder holds ``model.onnx``, ``card.json`` (the model card),
``manifest.json`` and, once signed, ``signature.json``::

    {"format": 1, "version": "...", "model_file": "model.onnx",
     "sha256": "<hex of model.onnx>", "bytes": 123456,
     "card_sha256": "<hex of card.json>",
     "features": [...], "feature_version": 1,
     "input": "features", "output": "wait_s"}

:func:`load_model` refuses the folder, with a :class:`ModelRefused` that says
why in one sentence, when a file is missing or unreadable, the signature is
missing, by an untrusted key or does not cover the files as they are (when a
signature is required or a key is configured), a hash does not match, the
card and manifest disagree, the card is not a model card
(:class:`~app.modelcard.ModelCard`; the reason names the field), the model's
feature list is not the kiosk's, or onnxruntime cannot load it or its input
and output are not the expected shape. The kiosk then uses the plain
estimator and shows the reason.

Signatures (:mod:`app.wait.signing`): Ed25519 over the model file, the
manifest and the card together, checked against ``estimates.public_key`` or,
when none is configured, the project's key that signed the shipped model.
``estimates.require_signature`` (on by default) refuses an unsigned model.
"""

from __future__ import annotations

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


def check_signature(model_dir: Path, contents: dict[str, bytes], public_key: str) -> str:
    """Verify the folder's signature over model, manifest and card; returns the key id.

    ``contents`` are the files' bytes as they were read for loading, so what
    is checked is exactly what is used.
    """
    from app.wait.signing import SignatureRefused, trusted_key, verify_model_dir

    try:
        return verify_model_dir(model_dir, tuple(contents), trusted_key(public_key), contents)
    except SignatureRefused as exc:
        raise ModelRefused(exc.reason, exc.detail) from None


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
    #: the id of the key whose signature was verified ("" when none was checked)
    signed_by: str = ""

    def predict(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Raw (p10, p50, p90) seconds for each row: not sorted, not clamped."""
        self.inferences += 1
        out = self.session.run([self.output_name], {self.input_name: x})[0]
        return np.asarray(out, dtype=np.float32)


def load_model(model_dir: Path, public_key: str = "",
               require_signature: bool = False) -> LoadedModel:
    """Verify and load the model in ``model_dir``; raises :class:`ModelRefused`.

    The signature is checked when ``require_signature`` or a ``public_key``
    is given (see :func:`check_signature`); without either an unsigned
    folder is loaded, as the training tools and tests do.
    """
    manifest_path = model_dir / MANIFEST_FILE
    if not model_dir.is_dir():
        raise ModelRefused("no wait model is installed", f"{model_dir} is not a folder")
    manifest_data = _read(manifest_path, "model manifest")
    manifest = _json(manifest_data, manifest_path, "model manifest")
    version = manifest.get("version")
    if not isinstance(version, str) or not version:
        raise ModelRefused("the model manifest is damaged", "manifest.json has no version")
    name = manifest.get("model_file", MODEL_FILE)
    if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith(".") or (
        name in (MANIFEST_FILE, CARD_FILE, "signature.json")
    ):
        raise ModelRefused("the model manifest is damaged", f"bad model_file {name!r}")
    model_path = model_dir / name
    data = _read(model_path, "model file")
    card_path = model_dir / CARD_FILE
    card_data = _read(card_path, "model card")
    if len(data) > MAX_MODEL_BYTES:
        raise ModelRefused("the model file is too large",
                           f"{model_path}: {len(data)} bytes (at most {MAX_MODEL_BYTES})")
    if sha256_hex(data) != manifest.get("sha256"):
        raise ModelRefused(
            "the model file does not match its manifest (it may have been altered)",
            f"sha256 {sha256_hex(data)} != manifest {manifest.get('sha256')}",
        )
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

    # last of the checks, first before onnxruntime parses the file: the integrity
    # checks above name a damaged file; the signature catches a consistent forgery
    signed_by = ""
    if require_signature or public_key:
        signed_by = check_signature(
            model_dir, {name: data, MANIFEST_FILE: manifest_data, CARD_FILE: card_data}, public_key
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
                        outputs[0].name, len(data), signed_by=signed_by)
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
