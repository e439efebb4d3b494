"""The JSON Lines interchange: reading, writing, import and export from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.events import SPECS, EventFormatError, from_json, read_jsonl
from app.hall import TicketStatus, replay
from app.store.sqlite import SQLiteStore
from tests.conftest import ROOT
from tests.helpers.cli import hall_file

SAMPLE = """\
{"ts":"2026-04-13T07:30:00+07:00","event":"counter_open","counter":3,"services":["A","B"]}
{"ts":"2026-04-13T09:12:05+07:00","event":"issued","ticket":"A023","service":"A","priority":false}
{"ts":"2026-04-13T09:30:41+07:00","event":"called","ticket":"A023","service":"A","counter":3}
{"ts":"2026-04-13T09:34:10+07:00","event":"completed","ticket":"A023","service":"A","counter":3}
{"ts":"2026-04-13T09:35:12+07:00","event":"issued","ticket":"A024","service":"A","priority":false}
{"ts":"2026-04-13T09:36:30+07:00","event":"called","ticket":"A024","service":"A","counter":3}
{"ts":"2026-04-13T09:40:00+07:00","event":"no_show","ticket":"A024","service":"A","counter":3}
{"ts":"2026-04-13T11:31:02+07:00","event":"counter_close","counter":3}
"""


def test_the_documented_sample_reads_and_projects(config: object) -> None:
    events = list(read_jsonl(SAMPLE.splitlines()))
    assert [e.kind for e in events][:3] == ["counter_open", "issued", "called"]
    state = replay(config, events)  # type: ignore[arg-type]
    assert state.tickets["A023"].status is TicketStatus.COMPLETED
    assert state.tickets["A024"].status is TicketStatus.NO_SHOW
    assert state.anomalies == 0


def test_unknown_fields_are_kept_round_trip() -> None:
    obj = {"ts": "2026-04-13T09:12:05+07:00", "event": "issued", "ticket": "A023",
           "service": "A", "priority": False, "legacy_queue_id": 17, "note": "từ hệ thống cũ"}
    event = from_json(obj)
    assert event.to_json() == obj


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "each line must be a JSON object"),
        ('{"event":"issued"}', 'missing "ts"'),
        ('{"ts":"2026-04-13T09:00:00+07:00","event":"teleported"}', 'unknown event "teleported"'),
        ('{"ts":"2026-04-13T09:00:00","event":"counter_close","counter":3}', "has no UTC offset"),
        ('{"ts":"yesterday","event":"counter_close","counter":3}', "is not an ISO-8601 time"),
        ('{"ts":"2026-04-13T09:00:00+07:00","event":"called","ticket":"A023","service":"A"}',
         '"called" event is missing "counter"'),
        ('{"ts":"2026-04-13T09:00:00+07:00","event":"issued","ticket":"23","service":"A",'
         '"priority":false}', 'must be a ticket number such as "A023"'),
        ('{"ts":"2026-04-13T09:00:00+07:00","event":"issued","ticket":"A023","service":"A",'
         '"priority":"no"}', '"priority" is "no", must be true or false'),
    ],
)
def test_malformed_lines_name_the_line_and_the_problem(line: str, message: str) -> None:
    good = SAMPLE.splitlines()[0]
    with pytest.raises(EventFormatError) as exc:
        list(read_jsonl([good, "", line], "log.jsonl"))
    assert str(exc.value).startswith("log.jsonl:3: ")
    assert message in str(exc.value)


def test_time_going_backwards_is_refused() -> None:
    lines = SAMPLE.splitlines()
    with pytest.raises(EventFormatError, match="line 2: time goes backwards"):
        list(read_jsonl([lines[2], lines[1]]))


def test_import_then_export_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = hall_file(tmp_path)
    src = tmp_path / "in.jsonl"
    src.write_text(SAMPLE, encoding="utf-8")
    assert main(["--config", str(cfg), "events", "import", str(src)]) == 0
    out = tmp_path / "out.jsonl"
    assert main(["--config", str(cfg), "events", "export", str(out)]) == 0
    assert [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] == [
        json.loads(x) for x in SAMPLE.splitlines()
    ]
    capsys.readouterr()
    # a window of time
    assert main(["--config", str(cfg), "events", "export", "--from", "2026-04-13T09:30:00+07:00",
                 "--to", "2026-04-13T10:00:00+07:00", "-"]) == 0
    kinds = [json.loads(x)["event"] for x in capsys.readouterr().out.splitlines()]
    assert kinds == ["called", "completed", "issued", "called", "no_show"]


def test_a_bad_import_imports_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = hall_file(tmp_path)
    src = tmp_path / "in.jsonl"
    lines = SAMPLE.splitlines()
    lines[6] = lines[6].replace('"counter":3', '"counter":"three"')
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--config", str(cfg), "events", "import", str(src)]) == 1
    err = capsys.readouterr().err
    assert f"{src}:7:" in err and '"counter"' in err and "nothing imported" in err
    store = SQLiteStore(tmp_path / "events.db")
    try:
        assert store.head() == 0
    finally:
        store.close()


def test_the_documentation_matches_the_code() -> None:
    """docs/events.schema.json and the table in docs/events.md are generated from SPECS."""
    from app.events_schema import render_doc, schema

    on_disk = json.loads((ROOT / "docs" / "events.schema.json").read_text(encoding="utf-8"))
    hint = "run: python -m app.events_schema"
    assert on_disk == schema(), hint
    doc = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    assert doc == render_doc(doc), hint
    assert set(on_disk["properties"]["event"]["enum"]) == set(SPECS)
