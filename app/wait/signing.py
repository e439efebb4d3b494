"""Signed wait models: Ed25519 over the model file, its manifest and its card.

A signed model folder holds, beside ``model.onnx``, ``manifest.json`` and
``card.json``, a ``signature.json``::

    {"format": 1, "algorithm": "ed25519", "key_id": "<16 hex>",
     "files": {"card.json": "<sha256>", "manifest.json": "<sha256>",
               "model.onnx": "<sha256>"},
     "signature": "<base64>"}

The signature covers :func:`signed_message`: a fixed tag and the SHA-256 of
each of the three files **as they are on disk**, by name. The hashes listed
in ``files`` are only there to say which file changed; verification hashes
the files itself. So a different model with a recomputed manifest, a
rewritten card, a missing signature or a signature by another key are all
refused.

Keys: ``motcua wait keygen`` writes a private key (PKCS #8 PEM, mode 0600)
and its public half (base64 of the raw 32 bytes, the form
``estimates.public_key`` takes). A kiosk trusts the configured key, or, when
none is configured, :data:`PROJECT_PUBLIC_KEY`: the key that signed the model
shipped in ``models/wait``. Its private half is kept by the project's
maintainers, never in the repository.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from app.errors import UserError

SIGNATURE_FILE = "signature.json"
SIGNATURE_FORMAT = 1
#: the start of every signed message, so a model signature is never valid for anything else
TAG = b"motcua wait model signature v1\n"

#: the motcua project's model-signing key (public half): it signed models/wait
PROJECT_PUBLIC_KEY = "Wb2V/GQVdjK4JnUWX5n+N2Cqq1jGesGDw73clinkiWo="


class SignatureRefused(Exception):
    """The signature of a model folder is missing or does not hold; ``reason`` is one sentence."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail or reason


class SigningError(UserError):
    """A signing key cannot be made, read or used (said for the person at the terminal)."""


@dataclass(frozen=True)
class Signed:
    """What :func:`sign_model_dir` wrote."""

    path: Path
    key_id: str
    files: dict[str, str]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key_id(public_key: str) -> str:
    """A short name for a public key: the first 16 hex digits of its SHA-256."""
    return _sha256(public_key.strip().encode("ascii"))[:16]


def trusted_key(configured: str) -> str:
    """The public key a kiosk checks against: the configured one, else the project's."""
    return configured.strip() or PROJECT_PUBLIC_KEY


def decode_public_key(public_key: str) -> Ed25519PublicKey:
    """The key from its base64 form; ``ValueError`` with a plain message when it is not one."""
    try:
        raw = base64.b64decode(public_key.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("is not base64 (it should be the line `motcua wait keygen` printed)") \
            from None
    if len(raw) != 32:
        raise ValueError(f"is {len(raw)} bytes once decoded; an Ed25519 public key is 32")
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The base64 form of a public key (``estimates.public_key``)."""
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def signed_message(hashes: dict[str, str]) -> bytes:
    """What a signature covers: the tag and each file's SHA-256, canonically."""
    body = {"format": SIGNATURE_FORMAT, "files": dict(sorted(hashes.items()))}
    return TAG + json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")


def _hash_files(model_dir: Path, files: Sequence[str],
                contents: Mapping[str, bytes] | None = None) -> dict[str, str]:
    out = {}
    for name in files:
        if contents is not None and name in contents:
            out[name] = _sha256(contents[name])
            continue
        path = model_dir / name
        try:
            out[name] = _sha256(path.read_bytes())
        except OSError as exc:
            raise SignatureRefused(f"the model's {name} cannot be read",
                                   f"{path}: {exc.strerror}") from None
    return out


# --------------------------------------------------------------------------- keys


def generate_key(private_path: Path, force: bool = False) -> str:
    """Write a new private key to ``private_path`` (0600) and ``.pub`` beside it.

    Returns the public key's base64 form. Refuses to overwrite a key unless
    ``force``: a lost private key cannot sign again, a replaced one silently
    invalidates every model it signed.
    """
    pub_path = private_path.with_name(private_path.name + ".pub")
    if not force and (private_path.exists() or pub_path.exists()):
        raise SigningError(f"{private_path} already exists; choose another name or use --force")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    public = public_key_text(key)
    try:
        private_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = private_path.with_name(private_path.name + ".part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        os.replace(tmp, private_path)
        pub_path.write_text(public + "\n", encoding="ascii")
    except OSError as exc:
        raise SigningError(f"{private_path}: cannot write the key ({exc.strerror})") from None
    return public


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """Read a private key written by :func:`generate_key`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"{path}: cannot read the signing key ({exc.strerror})") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise SigningError(f"{path} is not an unencrypted private key from "
                        "`motcua wait keygen`", repr(exc)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{path} is not an Ed25519 key (made by `motcua wait keygen`)")
    return key


# --------------------------------------------------------------------------- sign and verify


def sign_model_dir(model_dir: Path, files: Sequence[str], key: Ed25519PrivateKey) -> Signed:
    """Sign ``files`` of ``model_dir`` and write ``signature.json`` there."""
    try:
        hashes = _hash_files(model_dir, files)
    except SignatureRefused as exc:
        raise SigningError(exc.reason, exc.detail) from None
    public = public_key_text(key)
    doc = {
        "format": SIGNATURE_FORMAT,
        "algorithm": "ed25519",
        "key_id": key_id(public),
        "files": dict(sorted(hashes.items())),
        "signature": base64.b64encode(key.sign(signed_message(hashes))).decode("ascii"),
    }
    path = model_dir / SIGNATURE_FILE
    try:
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise SigningError(f"{path}: cannot write the signature ({exc.strerror})") from None
    return Signed(path, str(doc["key_id"]), hashes)


def _read_signature(model_dir: Path) -> dict[str, Any]:
    path = model_dir / SIGNATURE_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SignatureRefused("the model is not signed",
                               f"{path} is missing; sign it with `motcua wait sign`") from None
    except OSError as exc:
        raise SignatureRefused("the model's signature cannot be read",
                               f"{path}: {exc.strerror}") from None
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SignatureRefused("the model's signature is damaged", f"{path}: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != SIGNATURE_FORMAT or doc.get(
        "algorithm"
    ) != "ed25519" or not isinstance(doc.get("signature"), str):
        raise SignatureRefused("the model's signature is damaged",
                               f"{path}: not a format-{SIGNATURE_FORMAT} Ed25519 signature")
    return doc


def verify_model_dir(model_dir: Path, files: Sequence[str], public_key: str,
                     contents: Mapping[str, bytes] | None = None) -> str:
    """Check ``signature.json`` of ``model_dir`` against ``public_key``; returns the key id.

    ``contents`` gives the bytes of files already read (they are not read again).

    Raises :class:`SignatureRefused` saying why: not signed, damaged, signed
    by another key, or a file changed since it was signed (naming the file).
    """
    doc = _read_signature(model_dir)
    try:
        key = decode_public_key(public_key)
    except ValueError as exc:
        raise SignatureRefused("the kiosk's model key is not valid",
                               f"estimates.public_key {exc}") from None
    want = key_id(public_key)
    if doc.get("key_id") != want:
        raise SignatureRefused(
            "the model is signed with a key this kiosk does not trust",
            f"signed by key {doc.get('key_id')!r}, the kiosk trusts key {want!r} "
            "(estimates.public_key)",
        )
    hashes = _hash_files(model_dir, files, contents)
    try:
        sig = base64.b64decode(str(doc["signature"]), validate=True)
        key.verify(sig, signed_message(hashes))
    except (binascii.Error, ValueError, InvalidSignature):
        raw_listed = doc.get("files")
        listed: dict[str, Any] = raw_listed if isinstance(raw_listed, dict) else {}
        changed = [n for n in files if listed.get(n) != hashes[n]]
        if changed:
            raise SignatureRefused(
                "the model's files were changed after it was signed",
                f"changed since signing: {', '.join(changed)}",
            ) from None
        raise SignatureRefused("the model's signature is not valid",
                               f"{model_dir / SIGNATURE_FILE}: the signature does not verify "
                               f"with key {want}") from None
    return want


__all__ = [
    "PROJECT_PUBLIC_KEY",
    "SIGNATURE_FILE",
    "SignatureRefused",
    "Signed",
    "SigningError",
    "decode_public_key",
    "generate_key",
    "key_id",
    "load_private_key",
    "public_key_text",
    "sign_model_dir",
    "signed_message",
    "trusted_key",
    "verify_model_dir",
]
