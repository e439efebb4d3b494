"""Simulate an evaluation hall on Ciw and write its days as the project's event log.

One Ciw node holds the hall: its servers are the counters, its customer
classes the services (ordinary and priority) and one "away" class per
counter, whose jobs are the counter's absences (a late start, lunch, a
pause, a day off): a counter takes its away job when it is free, so it
finishes the citizen in front of it first. :class:`HallNode` decides which
waiting citizen a free counter calls, by the hall's rule; everything else
(the clock, arrivals by the hour, servers, records) is Ciw's.

The days come out as the events a real kiosk and counters would have
written (``issued``, ``called``, ``recalled``, ``no_show``, ``completed``,
``counter_open``/``close``/``pause``/``resume``), built with the product's
commands so that the log is well formed; who is called when is decided
here, not by the product.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import ciw

from app import commands
from app.config import Config, parse_config
from app.events import Event
from app.hall import HallState
from evaluation.halls import AFTERNOON, MORNING, EvalCounter, EvalHall

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DAY_START = 7 * 60  # the simulation's minute 0 is 07:00
LUNCH = (MORNING[1], AFTERNOON[0])
NO_SHOW_MINUTES = 1.5  # a number called three times and marked absent
PRIORITY_CATEGORY = "elderly"
AWAY = "away-"


def hall_data(hall: EvalHall) -> dict[str, Any]:
    """The hall's configuration, as the mapping its TOML file holds."""
    hours = [f"{_hhmm(a)}-{_hhmm(b)}" for a, b in (MORNING, AFTERNOON)]
    days = ["mon", "tue", "wed", "thu", "fri"] + (["sat"] if hall.saturday else [])
    queue: dict[str, Any] = {"calling_rule": hall.rule}
    if hall.weights:
        queue["weights"] = dict(hall.weights)
    return {
        "hall": {"id": f"eval-{hall.name}",
                 "name": {"vi": f"Sảnh đánh giá {hall.name}",
                          "en": f"Evaluation hall {hall.name}"}},
        "queue": queue,
        "services": [
            {"code": s.code, "prefix": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i],
             "name": {"vi": s.name, "en": s.name},
             "hours": hours, "days": days, "mean_service_minutes": s.mean_minutes}
            for i, s in enumerate(hall.services)
        ],
        "counters": [{"number": c.number, "services": list(c.services)} for c in hall.counters],
    }


def hall_config(hall: EvalHall) -> Config:
    return parse_config(hall_data(hall))


def hall_toml(hall: EvalHall) -> str:
    """The configuration as TOML, for ``motcua wait train`` beside the log."""
    data = hall_data(hall)
    out = [f"# Evaluation hall '{hall.name}' (evaluation/simulate.py, on Ciw)", ""]
    for table in ("hall", "queue"):
        out.append(f"[{table}]")
        out += [f"{k} = {_toml(v)}" for k, v in data[table].items()]
        out.append("")
    for table in ("services", "counters"):
        for item in data[table]:
            out.append(f"[[{table}]]")
            out += [f"{k} = {_toml(v)}" for k, v in item.items()]
            out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------ one day


@dataclass(frozen=True)
class Away:
    """An absence of a counter: from ``start`` (when it is free) to ``end`` minutes."""

    counter: int
    start: float
    end: float
    kind: str  # late | lunch | pause | off
    yields: bool  # waits for the counter's queue to empty first


@dataclass
class DayPlan:
    """What the day brings: arrivals per class and the counters' absences."""

    surge: float
    away: list[Away]
    patience: dict[int, float]


class HallNode(ciw.Node):  # type: ignore[misc]
    """A Ciw node whose free counters call citizens by the hall's rule."""

    hall: EvalHall
    plan: DayPlan
    rng: random.Random
    outcomes: dict[int, str]

    def _counter(self, server: Any) -> EvalCounter:
        counter: EvalCounter = self.hall.counters[server.id_number - 1]
        return counter

    def _eligible(self, server: Any) -> list[Any]:
        counter = self._counter(server)
        waiting = [ind for cls in self.individuals for ind in cls if not ind.server]
        away = [ind for ind in waiting if ind.customer_class == f"{AWAY}{counter.number}"]
        citizens = [ind for ind in waiting if _service(ind.customer_class) in counter.services]
        mine = [ind for ind in away if not _away_of(self.plan, ind).yields]
        if mine:
            return [mine[0]]
        if citizens:
            return [self._choose(counter, citizens)]
        return away[:1]

    def _choose(self, counter: EvalCounter, citizens: list[Any]) -> Any:
        priority = [ind for ind in citizens if _is_priority(ind.customer_class)]
        pool = priority or citizens
        if self.hall.rule == "service_order":
            for code in counter.services:
                same = [ind for ind in pool if _service(ind.customer_class) == code]
                if same:
                    return min(same, key=lambda ind: ind.arrival_date)
        if self.hall.rule == "weighted":
            return max(
                pool,
                key=lambda ind: (self.now - ind.arrival_date + 1e-6)
                * self.hall.weights.get(_service(ind.customer_class), 1.0),
            )
        return min(pool, key=lambda ind: ind.arrival_date)

    def _fill(self) -> None:
        for server in sorted(self.servers, key=lambda s: s.id_number):
            if server.busy:
                continue
            chosen = self._eligible(server)
            if not chosen:
                continue
            ind = chosen[0]
            self.attach_server(server, ind)
            ind.service_start_date = self.now
            ind.service_time = self.get_service_time(ind)
            ind.service_end_date = self.now + ind.service_time
            self.number_in_service += 1
            self.reset_class_change(ind)
            server.next_end_service_date = ind.service_end_date

    def begin_service_if_possible_accept(self, next_individual: Any) -> None:
        next_individual.arrival_date = self.now
        self._fill()

    def begin_service_if_possible_release(self, next_individual: Any, newly_free: Any) -> None:
        self._fill()


class ServiceTime(ciw.dists.Distribution):  # type: ignore[misc]
    """How long a counter spends on a job: citizen, given-up citizen or absence."""

    def __init__(self, cls: str) -> None:
        super().__init__()
        self.cls = cls

    def sample(self, t: float | None = None, ind: Any = None) -> float:
        # Ciw copies each distribution and then shows it the simulation
        node: HallNode = self.simulation.transitive_nodes[0]
        now = float(t if t is not None else node.now)
        if self.cls.startswith(AWAY):
            away = _away_of(node.plan, ind)
            return max(0.25, away.end - now)
        hall = node.hall
        counter = hall.counters[ind.server.id_number - 1]
        patience = node.plan.patience.get(ind.id_number, math.inf)
        if now - ind.arrival_date > patience:
            node.outcomes[ind.id_number] = "no_show"
            return NO_SHOW_MINUTES
        service = next(s for s in hall.services if s.code == _service(self.cls))
        mean = service.mean_minutes * counter.speed
        if _is_priority(self.cls):
            mean *= hall.priority_slowdown
        sigma = math.sqrt(math.log(1 + service.spread**2))
        mu = math.log(mean) - sigma**2 / 2
        node.outcomes[ind.id_number] = "completed"
        return max(0.5, node.rng.lognormvariate(mu, sigma))


def plan_day(hall: EvalHall, rng: random.Random, weekday: int) -> DayPlan:
    surge = rng.uniform(1.5, 2.0) if rng.random() < hall.surge_chance else 1.0
    if weekday == 0:
        surge *= 1.15
    away: list[Away] = []
    end_of_day = 24 * 60.0 - DAY_START
    for c in hall.counters:
        opens: float = MORNING[0] - DAY_START
        if rng.random() < c.away_chance:
            away.append(Away(c.number, 0.0, end_of_day, "off", False))
            continue
        if rng.random() < c.late_chance:
            opens += rng.uniform(10, 40)
        away.append(Away(c.number, 0.0, opens, "late", False))
        lunch_start = LUNCH[0] - DAY_START + rng.uniform(-5, 10)
        lunch_end = LUNCH[1] - DAY_START + rng.uniform(-5, 15)
        away.append(Away(c.number, lunch_start, lunch_end, "lunch", c.serves_on))
        # short pauses, at most two a day, at random times of service
        for _ in range(2):
            if rng.random() < c.pause_chance * 20:
                start = rng.uniform(opens + 20, AFTERNOON[1] - DAY_START - 20)
                if lunch_start - 15 < start < lunch_end:
                    continue
                away.append(Away(c.number, start, start + rng.uniform(5, 15), "pause", False))
    patience: dict[int, float] = {}
    return DayPlan(surge, sorted(away, key=lambda a: (a.start, a.counter)), patience)


def _rates(hall: EvalHall, share: float, surge: float) -> tuple[list[float], list[float]]:
    """Arrival rates per minute and the ends of their intervals (Ciw's PoissonIntervals)."""
    total = sum(hall.morning_profile) + sum(hall.afternoon_profile)
    per_half_hour = hall.citizens_per_day * share * surge / total
    rates: list[float] = []
    ends: list[float] = []
    t = 0.0
    for start, profile in ((MORNING[0], hall.morning_profile),
                           (AFTERNOON[0], hall.afternoon_profile)):
        begin = start - DAY_START
        if begin > t:
            rates.append(0.0)
            ends.append(begin)
        for i, w in enumerate(profile):
            rates.append(w * per_half_hour / 30.0)
            ends.append(begin + 30.0 * (i + 1))
        t = ends[-1]
    return rates, ends


def simulate_day(hall: EvalHall, config: Config, day: date, seed: int) -> list[Event]:
    """One day of the hall as events (without sequence numbers)."""
    rng = random.Random(f"{hall.name}:{day.isoformat()}:{seed}")
    ciw.seed(rng.randrange(2**31))
    plan = plan_day(hall, rng, day.weekday())
    closes = AFTERNOON[1] - DAY_START
    classes: list[str] = []
    arrivals: dict[str, list[Any]] = {}
    for s in hall.services:
        for prio, share in ((False, 1 - hall.priority_share), (True, hall.priority_share)):
            cls = f"{s.code}+p" if prio else s.code
            rates, ends = _rates(hall, s.share * share, plan.surge)
            arrivals[cls] = [ciw.dists.PoissonIntervals(rates, ends, max_sample_date=closes)]
            classes.append(cls)
    for c in hall.counters:
        starts = [a.start for a in plan.away if a.counter == c.number]
        gaps = [starts[0] + 1e-3] + [b - a for a, b in itertools.pairwise(starts)]
        arrivals[f"{AWAY}{c.number}"] = [ciw.dists.Sequential([*gaps, 1e9])]
        classes.append(f"{AWAY}{c.number}")
    network = ciw.create_network(
        arrival_distributions=arrivals,
        service_distributions={cls: [ServiceTime(cls)] for cls in classes},
        number_of_servers=[len(hall.counters)],
    )

    class DayNode(HallNode):
        def __init__(self, id_: int, simulation: Any) -> None:
            super().__init__(id_, simulation)
            self.hall = hall
            self.plan = plan
            self.rng = rng
            self.outcomes = {}

    sim = ciw.Simulation(network, node_class=DayNode)
    mean_patience = hall.patience_minutes
    # patience is drawn per citizen as they arrive (Ciw numbers individuals in order)
    # nobody gives up in the first 20 minutes; after that, at a steady rate
    for i in range(1, 20000):
        plan.patience[i] = (20 + rng.expovariate(1 / mean_patience)) if mean_patience else math.inf
    sim.simulate_until_max_time(24 * 60.0 - DAY_START - 1)
    node: HallNode = sim.transitive_nodes[0]
    records = [r for r in sim.get_all_records() if r.record_type == "service"]
    return _events(hall, config, day, records, node.outcomes, plan)


def _events(hall: EvalHall, config: Config, day: date, records: Iterable[Any],
            outcomes: dict[int, str], plan: DayPlan) -> list[Event]:
    """Turn Ciw's service records into the product's events, in time order."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=ZONE)

    def at(minute: float) -> datetime:
        return midnight + timedelta(minutes=DAY_START + minute)

    # at one instant: a citizen finishes, a counter opens, a ticket is issued, a
    # number is called, recalled, and only then does a counter close or pause
    actions: list[tuple[float, int, str, dict[str, Any]]] = []
    counters_seen: set[int] = set()
    last_end: dict[int, float] = {}
    for r in records:
        counter = hall.counters[r.server_id - 1].number
        if r.customer_class.startswith(AWAY):
            away = next(a for a in plan.away
                        if a.counter == counter and abs(a.start - r.arrival_date) < 1e-2)
            if away.kind == "off":
                continue
            begin, end = r.service_start_date, r.service_end_date
            if away.kind == "late":
                actions.append((end, 1, "open", {"counter": counter}))
                counters_seen.add(counter)
            elif away.kind == "lunch":
                actions.append((begin, 5, "close", {"counter": counter}))
                actions.append((end, 1, "open", {"counter": counter}))
            else:
                actions.append((begin, 5, "pause", {"counter": counter}))
                actions.append((end, 1, "resume", {"counter": counter}))
            continue
        code = _service(r.customer_class)
        actions.append((r.arrival_date, 2, "issue",
                        {"id": r.id_number, "service": code,
                         "priority": _is_priority(r.customer_class)}))
        actions.append((r.service_start_date, 3, "call", {"id": r.id_number, "counter": counter}))
        outcome = outcomes.get(r.id_number, "completed")
        if outcome == "no_show":
            start = r.service_start_date
            for k in range(1, config.queue.recalls_before_no_show + 1):
                actions.append((start + 0.4 * k, 4, "recall", {"id": r.id_number}))
        actions.append((r.service_end_date, 0, outcome, {"id": r.id_number}))
        last_end[counter] = max(last_end.get(counter, 0.0), r.service_end_date)
    for counter in counters_seen:
        closes = max(last_end.get(counter, 0.0), AFTERNOON[1] - DAY_START) + 0.5
        actions.append((closes, 6, "close", {"counter": counter}))
    actions.sort(key=lambda a: (a[0], a[1]))

    state = HallState(config)
    numbers: dict[int, str] = {}
    out: list[Event] = []
    staff = "eval-staff"
    for minute, _, what, data in actions:
        ts = at(minute)
        produced: list[Event]
        if what == "issue":
            e = commands.issue(state, ts, "kiosk-1", data["service"], data["priority"],
                               PRIORITY_CATEGORY if data["priority"] else None)
            numbers[data["id"]] = str(e.data["ticket"])
            produced = [e]
        elif what == "call":
            produced = commands.call_ticket(state, ts, staff, data["counter"], numbers[data["id"]])
        elif what == "recall":
            produced = [commands.recall(state, ts, staff, numbers[data["id"]])]
        elif what == "completed":
            produced = [commands.complete(state, ts, staff, numbers[data["id"]])]
        elif what == "no_show":
            produced = [commands.no_show(state, ts, staff, numbers[data["id"]])]
        elif what == "open":
            produced = [commands.open_counter(state, ts, staff, data["counter"])]
        elif what == "close":
            produced = [commands.close_counter(state, ts, staff, data["counter"])]
        elif what == "pause":
            produced = [commands.pause_counter(state, ts, staff, data["counter"])]
        else:
            produced = [commands.resume_counter(state, ts, staff, data["counter"])]
        for e in produced:
            state.apply(e)
            out.append(e)
    return out


def simulate_days(hall: EvalHall, config: Config, start: date, days: int,
                  seed: int) -> list[Event]:
    """``days`` working days from ``start`` (Sundays, and Saturdays unless open, skipped)."""
    out: list[Event] = []
    d = start
    done = 0
    while done < days:
        if d.weekday() < 5 or (d.weekday() == 5 and hall.saturday):
            out.extend(simulate_day(hall, config, d, seed))
            done += 1
        d += timedelta(days=1)
    return [e.with_seq(i + 1) for i, e in enumerate(out)]


def _service(cls: str) -> str:
    return cls.split("+", 1)[0]


def _is_priority(cls: str) -> bool:
    return cls.endswith("+p")


def _away_of(plan: DayPlan, ind: Any) -> Away:
    counter = int(str(ind.customer_class)[len(AWAY):])
    return min((a for a in plan.away if a.counter == counter),
               key=lambda a: abs(a.start - ind.arrival_date))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _toml(v: Any) -> str:
    import json

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {v!r} as TOML")
