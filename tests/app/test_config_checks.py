"""Configurations that would break at run time are refused at load; hours; the generated docs."""

from __future__ import annotations

import copy
import tomllib
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.clock import ManualClock
from app.config import ConfigError, in_windows, parse_config, window_seconds
from app.config_docs import DOC, _model_of, render
from app.service import HallService
from app.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def data() -> dict[str, Any]:
    return tomllib.loads((ROOT / "config" / "default.toml").read_text(encoding="utf-8"))


def _refused(data: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as exc:
        parse_config(data)
    return exc.value.message


@pytest.mark.parametrize(
    ("where", "text", "says"),
    [
        (("devices", "printer", "ticket_texts", "wait"), "Chờ {low–{high} phút",
         'devices.printer.ticket_texts.wait: the "vi" text "Chờ {low–{high} phút" is not a '
         "valid template"),
        (("devices", "printer", "ticket_texts", "people_ahead"), "Trước bạn có {m} người",
         "devices.printer.ticket_texts: people_ahead.vi uses {m}; it may use {n}"),
        (("devices", "printer", "ticket_texts", "counter_one"), "Quầy {counters} }",
         "devices.printer.ticket_texts.counter_one: "),
        (("devices", "speech", "call_template"), "Mời số {number} đến quầy {quay}",
         "devices.speech.call_template: the \"vi\" text \"Mời số {number} đến quầy {quay}\" "
         "uses {quay}, which is not known here; it may use {number}, {counter}"),
        (("devices", "speech", "call_template"), "Mời {} đến quầy {counter}",
         "uses {}, which is not known here"),
        (("devices", "printer", "ticket_texts", "people_ahead"), "{n.real} người",
         "people_ahead.vi uses {n.real}"),
        (("devices", "printer", "ticket_texts", "wait"), "{low:q}–{high}", "not a valid template"),
    ],
)
def test_templates_are_checked_at_load(data: dict[str, Any], where: tuple[str, ...], text: str,
                                       says: str) -> None:
    node = data
    for key in where[:-1]:
        node = node.setdefault(key, {})
    node[where[-1]] = {"vi": text}
    assert says in _refused(data)


def test_valid_templates_and_escaped_braces_load(data: dict[str, Any]) -> None:
    data["devices"]["speech"]["call_template"] = {"vi": "Số {number} {{ưu tiên}} quầy {counter}"}
    data["devices"]["printer"]["ticket_texts"] = {"wait": {"vi": "{low:>3}–{high} phút"}}
    cfg = parse_config(data)
    assert cfg.devices.speech.call_template["vi"].format(number="A 1", counter=2) == (
        "Số A 1 {ưu tiên} quầy 2"
    )


def test_hours_include_their_last_minute_and_24_00() -> None:
    assert window_seconds("07:30-11:30") == (27000, 41460)
    assert window_seconds("00:00-24:00") == (0, 86400)
    assert in_windows(("07:30-11:30",), time(11, 30, 59, 999999))
    assert not in_windows(("07:30-11:30",), time(11, 31))
    assert not in_windows(("07:30-11:30",), time(7, 29, 59))
    for whole_day in ("00:00-23:59", "00:00-24:00"):
        assert in_windows((whole_day,), time(23, 59, 59, 999999))
        assert in_windows((whole_day,), time(0, 0))


@pytest.mark.parametrize(("hours", "says"), [
    ("24:00-24:00", '"24:00" is not a time of day (00:00 to 23:59; 24:00 only as an end)'),
    ("10:00-09:00", "ends before it starts"),
    ("10:00-24:01", '"24:01" is not a time of day'),
])
def test_bad_hours_name_the_key(data: dict[str, Any], hours: str, says: str) -> None:
    data["services"][0]["hours"] = [hours]
    message = _refused(data)
    assert message.startswith("services[0].hours[0]: ") and says in message


@pytest.mark.parametrize("hours", ["00:00-23:59", "00:00-24:00"])
def test_a_ticket_in_the_last_minute_of_the_day(data: dict[str, Any], tmp_path: Path,
                                                hours: str) -> None:
    data["services"][0]["hours"] = [hours]
    cfg = parse_config(data)
    store = SQLiteStore(tmp_path / "s.db")
    try:
        clock = ManualClock(datetime(2026, 4, 13, 23, 59, 30, tzinfo=VN))
        hall = HallService(cfg, store, clock)
        assert hall.issue(cfg.services[0].code, "kiosk-1").number
    finally:
        store.close()


def test_every_option_has_a_description() -> None:
    from app.config import Config

    missing = []
    seen: set[type] = set()

    def walk(model: Any) -> None:
        seen.add(model)
        for name, info in model.model_fields.items():
            sub = _model_of(info.annotation)
            if sub is None and name != "base_dir" and not info.description:
                missing.append(f"{model.__name__}.{name}")
            if sub is not None and sub not in seen:
                walk(sub)

    walk(Config)
    assert missing == []


def test_configuration_page_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/configuration.md is out of date: run python -m app.config_docs"
    )


def test_configuration_page_lists_every_section() -> None:
    page = render()
    for key in ("[hall]", "[services[]]", "[devices.printer.ticket_texts]", "[estimates]",
                "[web]"):
        assert f"## `{key}`" in page
    assert "| `require_signature` |" in page and "| `header_timeout_seconds` |" in page


def test_example_configs_unchanged_by_copying(data: dict[str, Any]) -> None:
    # parse_config never changes what it was given (the fuzz tests rely on it)
    before = copy.deepcopy(data)
    parse_config(data)
    assert data == before
