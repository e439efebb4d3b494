"""``motcua staff``: accounts from the command line; the PIN never on the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli import main
from app.store.sqlite import SQLiteStore


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    src = (Path(__file__).resolve().parents[2] / "config" / "default.toml").read_text()
    p = tmp_path / "hall.toml"
    p.write_text(src.replace('url = "sqlite:///../var/motcua.db"',
                             f'url = "sqlite:///{tmp_path / "hall.db"}"'))
    return p


def _run(cfg: Path, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--config", str(cfg), *args])


def test_add_list_disable_reset(cfg: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(cfg, monkeypatch, "staff", "add", "101", "--name", "Nguyễn Văn An", "--role",
                "staff", "--counter", "2", "--pin-stdin", stdin="482915\n") == 0
    assert _run(cfg, monkeypatch, "staff", "add", "201", "--name", "Trần Thị Bình", "--role",
                "supervisor", "--pin-stdin", stdin="736204\n") == 0
    assert _run(cfg, monkeypatch, "staff", "add", "101", "--name", "X", "--role", "staff",
                "--pin-stdin", stdin="123456\n") == 1
    assert _run(cfg, monkeypatch, "staff", "disable", "101", "--reason", "left") == 0
    assert _run(cfg, monkeypatch, "staff", "reset-pin", "201", "--pin-stdin",
                stdin="918273\n") == 0
    capsys.readouterr()
    assert _run(cfg, monkeypatch, "staff", "list") == 0
    out = capsys.readouterr().out
    assert "101" in out and "disabled" in out and "supervisor" in out and "Trần Thị Bình" in out
    store = SQLiteStore(tmp_path / "hall.db")
    text = "\n".join(e.canonical() for e in store.read_after(0))
    store.close()
    for pin in ("482915", "736204", "918273", "123456"):
        assert pin not in text


def test_bad_pin_is_refused_with_a_message(cfg: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(cfg, monkeypatch, "staff", "add", "101", "--name", "An", "--role", "staff",
                "--pin-stdin", stdin="12\n") == 1
    err = capsys.readouterr().err
    assert "4 to 12 digits" in err
