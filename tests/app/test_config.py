"""Configuration: the shipped files are valid; bad files name the key, the value and the rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from app.config import ConfigError, load_config, parse_config
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "config" / "examples").glob("*.toml"))


def _minimal() -> dict[str, Any]:
    return {
        "hall": {"name": {"vi": "Sảnh", "en": "Hall"}},
        "services": [
            {"code": "A", "prefix": "A", "name": {"vi": "Chứng thực"}},
            {"code": "B", "prefix": "B", "name": {"vi": "Hộ tịch"}},
            {"code": "C", "prefix": "C", "name": {"vi": "Đất đai"}},
        ],
        "counters": [{"number": 1, "services": ["A", "B"]}],
    }


def test_default_config_is_valid_and_simulated() -> None:
    cfg = load_config(ROOT / "config" / "default.toml")
    assert cfg.devices.printer.kind == "simulated"
    assert cfg.store.url.startswith("sqlite:///")
    assert cfg.hall.languages[0] == "vi"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_configs_are_valid(path: Path) -> None:
    cfg = load_config(path)
    assert cfg.services and cfg.counters


def test_district_example_has_five_services_and_ten_counters() -> None:
    cfg = load_config(ROOT / "config" / "examples" / "district-hall.toml")
    assert len(cfg.services) == 5
    assert len(cfg.counters) == 10
    assert all("en" in s.name and "vi" in s.name for s in cfg.services)


def test_minimal_config_gets_defaults() -> None:
    cfg = parse_config(_minimal())
    assert cfg.kiosk.idle_seconds == 30
    assert cfg.service("A").format_number(23) == "A023"
    with pytest.raises(ValidationError):  # frozen: nobody changes the config while running
        cfg.kiosk.idle_seconds = 5  # type: ignore[misc]


def _error(data: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as exc:
        parse_config(data)
    return exc.value.message


def test_bad_prefix_names_key_value_and_rule() -> None:
    data = _minimal()
    data["services"][2]["prefix"] = "AA"
    assert _error(data) == 'services[2].prefix: "AA" must be one capital letter'


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["hall"].update(timezone="Mars/Base"),
         'hall.timezone: "Mars/Base" is not a known time zone'),
        (lambda d: d["services"][0].update(hours=["9-5"]),
         'services[0].hours[0]: "9-5" must be a time window as HH:MM-HH:MM'),
        (lambda d: d["services"][1].update(daily_cap=0),
         "services[1].daily_cap: 0 input should be greater than or equal to 1"),
        (lambda d: d["counters"][0].update(services=["A", "Z"]),
         'counters[0].services[1]: "Z" is not a service; known services: A, B, C'),
        (lambda d: d["services"][1].update(prefix="A"),
         'services[1].prefix: "A" is used by another service'),
        (lambda d: d.update(devices={"printer": {"baudrate": 12345}}),
         "devices.printer.baudrate: 12345 must be one of 9600, 19200, 38400, 57600 or 115200"),
        (lambda d: d.update(kiosk={"idel_seconds": 30}),
         "kiosk.idel_seconds: 30 is not a known setting (check the spelling)"),
        (lambda d: d["hall"].pop("name"), "hall.name: is required but missing"),
        (lambda d: d["services"][0].update(name={"en": "Copies"}),
         'services[0].name: needs a Vietnamese text (key "vi")'),
        (lambda d: d["services"][0].update(first=10, last=5),
         "services[0]: last (5) must be greater than first (10)"),
        (lambda d: d.update(store={"url": "mysql://x"}),
         'store.url: "mysql://x" must start with "sqlite:///" or "postgresql://"'),
    ],
)
def test_invalid_values_are_named(change: Any, expected: str) -> None:
    data = _minimal()
    change(data)
    assert _error(data).startswith(expected)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the configuration file"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[hall\nname = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
    latin = tmp_path / "latin.toml"
    latin.write_bytes("[hall]\nname = 'Sảnh'\n".encode("cp1258", errors="replace") + b"\xff")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(latin)


def test_cli_stops_with_the_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    data = (ROOT / "config" / "default.toml").read_text(encoding="utf-8")
    bad = tmp_path / "hall.toml"
    bad.write_text(data.replace('prefix = "B"', 'prefix = "BB"'), encoding="utf-8")
    assert main(["--config", str(bad), "events", "export", "-"]) == 2
    err = capsys.readouterr().err
    assert 'services[1].prefix: "BB" must be one capital letter' in err
