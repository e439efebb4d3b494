"""The hall's floor plan as the ticket screen draws it, and the way to a counter.

Pure Python on the configuration: the route goes from the kiosk straight to
the hall's main walkway, along it, and off it straight to the counter. Plans
are in metres; the screen scales them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from app.config import Config, Point, pick

XY = tuple[float, float]


@dataclass(frozen=True)
class _Foot:
    """Where a point meets the walkway: segment index, position and distance."""

    segment: int
    point: XY
    distance: float


def _foot(walkway: list[XY], p: XY) -> _Foot:
    best: _Foot | None = None
    for i in range(len(walkway) - 1):
        (ax, ay), (bx, by) = walkway[i], walkway[i + 1]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        along = ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2 if length2 else 0.0
        t = max(0.0, min(1.0, along))
        q = (ax + t * dx, ay + t * dy)
        d = math.dist(p, q)
        if best is None or d < best.distance:
            best = _Foot(i, q, d)
    assert best is not None
    return best


def _dedupe(points: list[XY]) -> list[XY]:
    out: list[XY] = []
    for p in points:
        if not out or math.dist(out[-1], p) > 1e-6:
            out.append(p)
    return out


def route(start: Point, end: Point, walkway: tuple[Point, ...]) -> list[XY]:
    """The polyline from ``start`` to ``end`` that follows the walkway, in metres."""
    a, b = (start.x, start.y), (end.x, end.y)
    way = [(p.x, p.y) for p in walkway]
    if len(way) < 2:
        return _dedupe([a, b])
    fa, fb = _foot(way, a), _foot(way, b)
    middle: list[XY]
    if fa.segment < fb.segment:
        middle = way[fa.segment + 1 : fb.segment + 1]
    elif fa.segment > fb.segment:
        middle = list(reversed(way[fb.segment + 1 : fa.segment + 1]))
    else:
        middle = []
    return _dedupe([a, fa.point, *middle, fb.point, b])


def route_length(points: list[XY]) -> float:
    return sum(math.dist(points[i], points[i + 1]) for i in range(len(points) - 1))


def plan_for_qml(config: Config, language: str) -> dict[str, Any]:
    """The static plan (shapes, counters, kiosk) as plain values QML can bind to."""
    fp = config.hall.floor_plan
    image = ""
    if fp.image:
        image = config.resolve(fp.image).resolve().as_uri()
    return {
        "width": fp.width,
        "height": fp.height,
        "image": image,
        "shapes": [
            {
                "x": s.x, "y": s.y, "w": s.w, "h": s.h, "kind": s.kind,
                "label": pick(s.label, language) if s.label else "",
            }
            for s in fp.shapes
        ],
        "counters": [
            {"number": c.number, "x": c.location.x, "y": c.location.y} for c in config.counters
        ],
        "kiosk": {"x": config.kiosk_position.x, "y": config.kiosk_position.y},
    }


def route_for_qml(config: Config, counter: int) -> list[dict[str, float]]:
    """The route from this kiosk to ``counter`` as a list of {x, y} in metres."""
    try:
        target = config.counter(counter).location
    except KeyError:
        return []
    pts = route(config.kiosk_position, target, config.hall.floor_plan.walkway)
    return [{"x": x, "y": y} for x, y in pts]
