"""A configuration file for command-line tests: the default hall over a store in a folder."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def config_file(folder: Path, db: Path | None = None) -> Path:
    """``config.toml`` in ``folder``: the shipped default with its store at ``db``."""
    text = (ROOT / "config" / "default.toml").read_text(encoding="utf-8")
    db = db or folder / "motcua.db"
    text = re.sub(r'^url = "sqlite:///.*"$', f'url = "sqlite:///{db}"', text, flags=re.M)
    text = re.sub(r'^model_dir = ".*"$', f'model_dir = "{ROOT / "models" / "wait"}"', text,
                  flags=re.M)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def hall_file(folder: Path) -> Path:
    """``hall.toml`` in ``folder``: the shipped default, its store ``events.db`` beside it."""
    text = (ROOT / "config" / "default.toml").read_text(encoding="utf-8")
    path = folder / "hall.toml"
    path.write_text(text.replace("sqlite:///../var/motcua.db", "sqlite:///events.db"),
                    encoding="utf-8")
    return path
