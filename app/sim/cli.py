"""``motcua simulate``: days of simulated hall events, or a live demo hall.

``motcua simulate --hall ward --days 30 --out DIR`` writes ``DIR/ward.jsonl``
(the events, in the log format) and ``DIR/ward.toml`` (the hall's
configuration, which training reads beside the log). ``--hall all`` writes
every shape of :mod:`app.sim.halls`.

``motcua simulate --live --minutes 30 --speed 10`` makes the configured hall
move: simulated citizens take tickets and simulated staff call and serve
them through the hall's own commands, ``speed`` times faster than real time,
with the wait estimator attached as on a kiosk.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from app.errors import UserError


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("simulate", help="simulate a hall: days of events, or a live demo")
    p.add_argument("--hall", default="ward",
                   help="hall shape: ward, district, rural, city or all (default: ward)")
    p.add_argument("--days", type=int, default=30, help="calendar days to simulate")
    p.add_argument("--start", default="2026-01-05", help="first day (YYYY-MM-DD)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default="", metavar="DIR", help="folder for <hall>.jsonl and .toml")
    p.add_argument("--live", action="store_true", help="drive the configured hall's store live")
    p.add_argument("--minutes", type=float, default=30.0, help="live: simulated minutes to run")
    p.add_argument("--speed", type=float, default=10.0, help="live: times faster than real time")
    p.set_defaults(func=cmd_simulate)


def cmd_simulate(ctx: Any) -> int:
    from app.sim.halls import HALLS

    a = ctx.args
    names = list(HALLS) if a.hall == "all" else [a.hall]
    for n in names:
        if n not in HALLS:
            raise UserError(f'unknown hall "{n}"; known halls: {", ".join(HALLS)}, all')
    if a.live:
        return _live(ctx, HALLS[names[0]])
    if not a.out:
        raise UserError("say where to write the events: --out DIR")
    if not 1 <= a.days <= 3660:
        raise UserError("--days must be between 1 and 3660")
    try:
        start = date.fromisoformat(a.start)
    except ValueError:
        raise UserError(f'--start "{a.start}" is not a date (YYYY-MM-DD)') from None
    from app.events import write_jsonl
    from app.sim.engine import simulate_days
    from app.sim.halls import hall_config, hall_toml

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for n in names:
        shape = HALLS[n]
        events = simulate_days(shape, hall_config(shape), start, a.days, a.seed)
        with (out / f"{n}.jsonl").open("w", encoding="utf-8") as f:
            write_jsonl(events, f)
        (out / f"{n}.toml").write_text(hall_toml(shape), encoding="utf-8")
        tickets = sum(1 for e in events if e.kind == "issued")
        print(f"{n}: {len(events)} events, {tickets} tickets -> {out / (n + '.jsonl')}")
    return 0


def _live(ctx: Any, shape: Any) -> int:
    import random
    from datetime import datetime, timedelta

    import simpy

    from app.service import HallService
    from app.sim.engine import HallSink, Simulation
    from app.wait import load_estimator

    cfg = ctx.config
    known = {s.code for s in cfg.services}
    if not {s.code for s in shape.services} <= known:
        raise UserError(f"the configured hall has services {sorted(known)}; the '{shape.name}' "
                        "shape needs " + ", ".join(s.code for s in shape.services))
    hall = HallService(cfg, ctx.store)
    estimator = load_estimator(cfg, hall)
    now = hall.now()
    minute = now.hour * 60 + now.minute + now.second / 60
    env = simpy.RealtimeEnvironment(initial_time=minute * 60.0, factor=1.0 / a_speed(ctx),
                                    strict=False)
    whole_day = (0, 24 * 60)
    live_shape = type(shape)(
        name=shape.name, services=shape.services,
        counters=tuple(type(c)(c.number, c.services, (whole_day,), c.speed, c.pause_chance,
                               c.pause_minutes) for c in shape.counters),
        hours=(whole_day,), weekdays={d: 1.0 for d in range(7)},
        priority_share=shape.priority_share, no_show_share=shape.no_show_share,
    )
    sim = Simulation(live_shape, HallSink(hall), now.date(), random.Random(ctx.args.seed),
                     env=env, profile=lambda _m: 0.7)
    for s in live_shape.services:
        env.process(sim.citizens(s))
    for c in live_shape.counters:
        env.process(sim.counter(c))
    until = minute * 60.0 + ctx.args.minutes * 60.0
    print(f"simulating {ctx.args.minutes:g} minutes of '{shape.name}' at x{a_speed(ctx):g} "
          f"into {ctx.store.describe()} (Ctrl+C stops)", file=sys.stderr)
    started = datetime.now()
    env.run(until=until)
    took = datetime.now() - started
    waiting = len(estimator.current_estimates())
    print(f"done in {took / timedelta(seconds=1):.0f} s; {waiting} tickets waiting",
          file=sys.stderr)
    estimator.detach()
    return 0


def a_speed(ctx: Any) -> float:
    speed = float(ctx.args.speed)
    if not 0.1 <= speed <= 1000:
        raise UserError("--speed must be between 0.1 and 1000")
    return speed
