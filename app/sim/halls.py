"""Shapes of simulated halls: services, counters, shifts, demand and staff speed.

Each :class:`HallShape` is a small, readable description of a hall that the
simulator (:mod:`app.sim.engine`) turns into days of events. The shapes differ
on purpose, so a wait model trained on them has seen more than one kind of
hall:

``ward``
    the demo hall of ``config/default.toml``: three services, four counters,
    two of them shared between services.
``district``
    a large district centre: six services, nine counters with overlapping
    skills, a counter that opens late and one that closes early.
``rural``
    a small commune hall: two services, two counters, one of which also
    answers the phone (long pauses), and a long lunch break.
``city``
    a busy city hall with many priority citizens, slow and fast staff and
    a Saturday morning session.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.config import Config, parse_config


@dataclass(frozen=True)
class ServiceShape:
    """One service: its code, mean service time and share of the demand."""

    code: str
    name: str
    mean_minutes: float
    #: tickets per hour at the busiest moment of an ordinary day
    peak_per_hour: float
    #: spread of service times (sigma of the log-normal)
    spread: float = 0.55


@dataclass(frozen=True)
class CounterShape:
    """One counter: what it serves, when it works and how fast its staff are."""

    number: int
    services: tuple[str, ...]
    #: working windows, local time in minutes after midnight
    shifts: tuple[tuple[int, int], ...] = ((450, 690), (810, 1020))
    #: service time multiplier (0.8 = faster than usual)
    speed: float = 1.0
    #: chance per served ticket of a pause, and the mean pause length (minutes)
    pause_chance: float = 0.02
    pause_minutes: float = 6.0


@dataclass(frozen=True)
class HallShape:
    """A hall to simulate."""

    name: str
    services: tuple[ServiceShape, ...]
    counters: tuple[CounterShape, ...]
    #: issuing windows, minutes after midnight
    hours: tuple[tuple[int, int], ...] = ((450, 680), (810, 1005))
    #: 0=Monday ... 6=Sunday -> demand multiplier; days not listed are closed
    weekdays: dict[int, float] = field(
        default_factory=lambda: {0: 1.25, 1: 1.0, 2: 0.95, 3: 1.0, 4: 1.1}
    )
    #: Saturday-like days work only the morning
    morning_only_days: tuple[int, ...] = ()
    priority_share: float = 0.07
    no_show_share: float = 0.04
    #: day-to-day variation of demand (sigma of a log-normal multiplier)
    day_spread: float = 0.15


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def demand_profile(minute: float) -> float:
    """Relative arrival rate at a local time of day (1.0 = peak).

    Morning peak around 08:30-10:00, a dip before lunch, nothing at lunch,
    a second, lower peak around 14:00-15:30.
    """
    h = minute / 60.0
    if h < 7.5 or h > 17.0:
        return 0.0
    if h < 8.0:
        return 0.35
    if h < 8.5:
        return 0.75
    if h < 10.0:
        return 1.0
    if h < 11.0:
        return 0.7
    if h < 11.5:
        return 0.4
    if h < 13.5:
        return 0.05
    if h < 14.0:
        return 0.55
    if h < 15.5:
        return 0.85
    if h < 16.5:
        return 0.5
    return 0.25


DAY = ((450, 690), (810, 1020))

HALLS: dict[str, HallShape] = {
    "ward": HallShape(
        name="ward",
        services=(
            ServiceShape("A", "Certified copies", 4.0, 16.0),
            ServiceShape("B", "Civil status", 9.0, 7.0),
            ServiceShape("C", "Land and building", 12.0, 4.5),
        ),
        counters=(
            CounterShape(1, ("A",), DAY, speed=0.9),
            CounterShape(2, ("A", "B"), DAY),
            CounterShape(3, ("B", "A"), DAY, speed=1.15),
            CounterShape(4, ("C",), ((480, 690), (810, 1000)), pause_chance=0.04),
        ),
    ),
    "district": HallShape(
        name="district",
        services=(
            ServiceShape("A", "Certified copies", 3.5, 30.0, 0.45),
            ServiceShape("B", "Civil status", 8.0, 14.0),
            ServiceShape("C", "Land", 15.0, 7.0, 0.7),
            ServiceShape("D", "Business registration", 11.0, 6.0),
            ServiceShape("E", "Social insurance", 7.0, 9.0),
            ServiceShape("F", "Results collection", 2.5, 16.0, 0.4),
        ),
        counters=(
            CounterShape(1, ("A", "F"), DAY, speed=0.85),
            CounterShape(2, ("A",), DAY),
            CounterShape(3, ("B", "A"), DAY, speed=1.1),
            CounterShape(4, ("B",), DAY),
            CounterShape(5, ("C",), DAY, speed=1.25, pause_chance=0.05, pause_minutes=10),
            CounterShape(6, ("C", "D"), ((540, 690), (810, 1020))),
            CounterShape(7, ("D", "E"), DAY, speed=0.95),
            CounterShape(8, ("E", "B"), ((450, 690), (810, 930))),
            CounterShape(9, ("F", "A", "E"), DAY, speed=0.8),
        ),
        day_spread=0.2,
    ),
    "rural": HallShape(
        name="rural",
        services=(
            ServiceShape("A", "Certification and civil status", 6.0, 9.0, 0.6),
            ServiceShape("B", "Land and agriculture", 14.0, 3.0, 0.75),
        ),
        counters=(
            CounterShape(1, ("A", "B"), ((450, 660), (840, 1020)), speed=1.2,
                         pause_chance=0.08, pause_minutes=8),
            CounterShape(2, ("B", "A"), ((480, 660), (840, 990)), speed=0.9),
        ),
        hours=((450, 650), (840, 990)),
        weekdays={0: 1.3, 1: 1.0, 2: 1.0, 3: 0.9, 4: 1.0},
        priority_share=0.12,
        no_show_share=0.06,
        day_spread=0.25,
    ),
    "city": HallShape(
        name="city",
        services=(
            ServiceShape("A", "Certified copies", 3.0, 45.0, 0.45),
            ServiceShape("B", "Civil status", 8.0, 14.0),
            ServiceShape("C", "Residence", 6.0, 16.0),
            ServiceShape("D", "Land and building", 13.0, 8.0, 0.65),
        ),
        counters=(
            CounterShape(1, ("A",), DAY, speed=0.75),
            CounterShape(2, ("A",), DAY, speed=1.1),
            CounterShape(3, ("A", "C"), DAY),
            CounterShape(4, ("C",), DAY, speed=1.3, pause_chance=0.04),
            CounterShape(5, ("C", "B"), DAY),
            CounterShape(6, ("B",), DAY, speed=0.9),
            CounterShape(7, ("D",), DAY, pause_chance=0.05, pause_minutes=12),
            CounterShape(8, ("D", "B", "A"), ((540, 690), (810, 960)), speed=1.05),
        ),
        weekdays={0: 1.3, 1: 1.05, 2: 1.0, 3: 1.0, 4: 1.1, 5: 0.8},
        morning_only_days=(5,),
        priority_share=0.15,
        no_show_share=0.05,
    ),
}


def hall_data(shape: HallShape) -> dict[str, Any]:
    """The configuration of a simulated hall, as the mapping a TOML file holds."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    hours = [f"{_hhmm(a)}-{_hhmm(b)}" for a, b in shape.hours]
    return {
        "hall": {"id": f"sim-{shape.name}", "name": {"vi": f"Sảnh mô phỏng {shape.name}",
                                                      "en": f"Simulated hall {shape.name}"}},
        "services": [
            {
                "code": s.code,
                "prefix": letters[i],
                "name": {"vi": s.name, "en": s.name},
                "hours": hours,
                "mean_service_minutes": s.mean_minutes,
            }
            for i, s in enumerate(shape.services)
        ],
        "counters": [{"number": c.number, "services": list(c.services)} for c in shape.counters],
    }


def hall_config(shape: HallShape) -> Config:
    """A configuration for a simulated hall (services and counters from the shape)."""
    return parse_config(hall_data(shape))


def _toml_value(v: Any) -> str:
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {v!r} as TOML")


def hall_toml(shape: HallShape) -> str:
    """The configuration of a simulated hall as TOML (training reads it beside the log)."""
    data = hall_data(shape)
    out = [f"# Simulated hall '{shape.name}' (written by motcua simulate)", "", "[hall]"]
    out += [f"{k} = {_toml_value(v)}" for k, v in data["hall"].items()]
    for table in ("services", "counters"):
        for item in data[table]:
            out += ["", f"[[{table}]]"]
            out += [f"{k} = {_toml_value(v)}" for k, v in item.items()]
    return "\n".join(out) + "\n"
