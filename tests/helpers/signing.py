"""A model-signing key for tests, made once per test run (never the project's key)."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.config import Config
from app.wait.model import CARD_FILE, MANIFEST_FILE, MODEL_FILE
from app.wait.signing import generate_key, load_private_key, public_key_text, sign_model_dir


@functools.cache
def signing_key() -> tuple[Ed25519PrivateKey, str, Path]:
    """The private key, its public base64 form and its file."""
    folder = Path(tempfile.mkdtemp(prefix="motcua-test-key-"))
    path = folder / "test.key"
    public = generate_key(path)
    return load_private_key(path), public, path


def sign(model_dir: Path, key: Ed25519PrivateKey | None = None) -> str:
    """Sign a model folder (with the test key unless told); returns the public key."""
    key = key or signing_key()[0]
    sign_model_dir(model_dir, (MODEL_FILE, MANIFEST_FILE, CARD_FILE), key)
    return public_key_text(key)


def trusting(config: Config, public_key: str | None = None, **estimates: object) -> Config:
    """``config`` whose kiosk trusts ``public_key`` (the test key unless told)."""
    est = config.estimates.model_copy(
        update={"public_key": public_key or signing_key()[1], **estimates}
    )
    return config.model_copy(update={"estimates": est})
