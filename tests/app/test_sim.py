"""The hall simulator: valid, possible, varied and reproducible days of events."""

from __future__ import annotations

import itertools
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import simpy

from app.cli import main
from app.config import parse_config
from app.events import from_json
from app.hall import HallState
from app.service import HallService
from app.sim.engine import HallSink, LogSink, Simulation, simulate_days
from app.sim.halls import HALLS, hall_config, hall_toml
from app.wait.train import Log, check_sequences

START = date(2026, 3, 2)  # a Monday


def _ward(days: int = 3, seed: int = 1) -> list:
    shape = HALLS["ward"]
    return simulate_days(shape, hall_config(shape), START, days, seed)


def test_events_are_valid_ordered_and_possible() -> None:
    events = _ward()
    cfg = hall_config(HALLS["ward"])
    for e in events:
        assert from_json(e.to_json()).to_json() == e.to_json()
    assert all(a.ts <= b.ts for a, b in itertools.pairwise(events))
    check_sequences(Log("ward", cfg, events, list(range(1, len(events) + 1))))
    kinds = Counter(e.kind for e in events)
    for kind in ("issued", "called", "completed", "recalled", "no_show", "counter_open",
                 "counter_close", "counter_pause", "counter_resume"):
        assert kinds[kind] > 0, kind
    assert any(e.kind == "issued" and e["priority"] for e in events)


def test_every_ticket_ends_the_day_finished() -> None:
    events = _ward(2)
    state = HallState(hall_config(HALLS["ward"]))
    for e in events:
        state.apply(e)
    assert all(not t.status.active for t in state.tickets.values())
    assert all(c.status.value == "closed" for c in state.counters.values())


def test_arrivals_follow_the_day_shape() -> None:
    events = _ward(5)
    hours = Counter(e.ts.hour for e in events if e.kind == "issued")
    assert hours[9] > hours[12] and hours[14] > hours[12]
    assert hours[12] == 0  # lunch: the kiosk issues nothing
    assert sum(hours[h] for h in range(0, 7)) == 0


def test_same_seed_same_days_other_seed_other_days() -> None:
    a = [e.to_json() for e in _ward(2, seed=3)]
    b = [e.to_json() for e in _ward(2, seed=3)]
    c = [e.to_json() for e in _ward(2, seed=4)]
    assert a == b
    assert a != c


def test_halls_differ_in_shape() -> None:
    shapes = {(len(h.services), len(h.counters)) for h in HALLS.values()}
    assert len(shapes) == len(HALLS) >= 4
    # a Saturday exists only in the city hall
    sat = date(2026, 3, 7)
    assert simulate_days(HALLS["ward"], hall_config(HALLS["ward"]), sat, 1) == []
    city = simulate_days(HALLS["city"], hall_config(HALLS["city"]), sat, 1)
    assert city and max(e.ts.hour for e in city if e.kind == "issued") < 12


def test_hall_toml_is_the_hall_config() -> None:
    for shape in HALLS.values():
        assert parse_config(tomllib.loads(hall_toml(shape))) == hall_config(shape)


def test_simulate_command_writes_log_and_config(tmp_path: Path) -> None:
    assert main(["simulate", "--hall", "rural", "--days", "2", "--out", str(tmp_path)]) == 0
    log = (tmp_path / "rural.jsonl").read_text(encoding="utf-8").splitlines()
    assert log and all(line.startswith("{") for line in log)
    assert (tmp_path / "rural.toml").is_file()
    assert main(["simulate", "--hall", "nowhere", "--out", str(tmp_path)]) == 1


def test_simulation_drives_a_live_hall(hall: HallService) -> None:
    """The same processes can act through a HallService (the demo hall)."""
    shape = HALLS["ward"]
    sim = Simulation(shape, HallSink(hall), START, __import__("random").Random(2),
                     env=simpy.Environment(initial_time=9 * 3600), profile=lambda _m: 1.0)
    for s in shape.services:
        sim.env.process(sim.citizens(s))
    for c in shape.counters:
        sim.env.process(sim.counter(c))
    sim.env.run(until=10 * 3600)
    kinds = Counter(e.kind for e in hall.store.read_after(0))
    assert kinds["issued"] > 5 and kinds["called"] > 0 and kinds["estimated"] == kinds["issued"]


def test_log_sink_refuses_quietly() -> None:
    sink = LogSink(hall_config(HALLS["ward"]))
    assert sink.command("call_next", __import__("datetime").datetime(
        2026, 3, 2, 9, tzinfo=sink.state.config.hall.zone), "staff-1", counter=1) == []
    assert sink.events == []
