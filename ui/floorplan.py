"""The hall's floor plan as the ticket screen draws it, and the way to a counter.

Pure Python on the configuration: the route goes from the kiosk to the hall's
main walkway, along its points, and off it to the counter; the legs off the
walkway go round the waiting area, desks and walls, never through them.
Plans are in metres; the screen scales them.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass
from typing import Any

from app.config import Config, Point, Shape, pick

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


@dataclass(frozen=True)
class _Box:
    """A rectangle people walk around (the waiting area, a desk, a wall)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def contains(self, p: XY, pad: float = 0.0) -> bool:
        return (self.x0 - pad < p[0] < self.x1 + pad) and (self.y0 - pad < p[1] < self.y1 + pad)

    def crossed_by(self, a: XY, b: XY) -> bool:
        """Whether the segment a-b passes through the inside (touching the edge is fine)."""
        eps = 1e-6
        x0, y0, x1, y1 = self.x0 + eps, self.y0 + eps, self.x1 - eps, self.y1 - eps
        if x0 >= x1 or y0 >= y1:
            return False
        # Liang-Barsky clipping of the segment against the open box
        t0, t1 = 0.0, 1.0
        dx, dy = b[0] - a[0], b[1] - a[1]
        for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
            if p == 0:
                if q <= 0:
                    return False
                continue
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 >= t1:
                return False
        return True


#: a metre walked off the walkway counts as this many on it, so routes keep to
#: the walkway and leave it only to reach the counter or to go round something
OFF_WALKWAY = 2.0
#: how far from an obstacle's corner a detour passes, in metres
CLEARANCE = 0.5


def _project(p: XY, a: XY, b: XY) -> XY:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2 if length2 else 0.0
    t = max(0.0, min(1.0, t))
    return (a[0] + t * dx, a[1] + t * dy)


def _route_around(a: XY, b: XY, way: list[XY], boxes: list[_Box],
                  bounds: tuple[float, float] | None) -> list[XY] | None:
    """Shortest way from a to b on the walkway, joining and leaving it by free legs.

    A leg off the walkway is a straight line that crosses no box; it may bend
    at a box's corners (kept :data:`CLEARANCE` away). The walkway's own
    segments are taken as drawn: the hall's configuration says people walk
    there. None when no such way exists.
    """
    boxes = [bx for bx in boxes if not bx.contains(a) and not bx.contains(b)]

    def inside_plan(p: XY) -> bool:
        return bounds is None or (0 <= p[0] <= bounds[0] and 0 <= p[1] <= bounds[1])

    corners = [
        c for bx in boxes
        for c in ((bx.x0 - CLEARANCE, bx.y0 - CLEARANCE), (bx.x1 + CLEARANCE, bx.y0 - CLEARANCE),
                  (bx.x0 - CLEARANCE, bx.y1 + CLEARANCE), (bx.x1 + CLEARANCE, bx.y1 + CLEARANCE))
        if inside_plan(c) and not any(o.contains(c) for o in boxes)
    ]

    def free(p: XY, q: XY) -> bool:
        return not any(bx.crossed_by(p, q) for bx in boxes)

    # the walkway, split where a, b or a corner meets it at a right angle
    segments = list(itertools.pairwise(way))
    on_way: list[list[XY]] = [[p, q] for p, q in segments]
    feet: dict[XY, list[XY]] = {}
    for p in (a, b, *corners):
        # a point joins the walkway square to a segment, or at the nearest point of all
        projected = [_project(p, s0, s1) for s0, s1 in segments]
        nearest = min(projected, key=lambda f: math.dist(p, f)) if projected else None
        for i, f in enumerate(projected):
            if f == nearest or f not in segments[i]:
                on_way[i].append(f)
                feet.setdefault(p, []).append(f)
    nodes: list[XY] = []
    edges: dict[XY, list[tuple[XY, float]]] = {}

    def link(p: XY, q: XY, cost: float) -> None:
        edges.setdefault(p, []).append((q, cost))
        edges.setdefault(q, []).append((p, cost))

    for i, pts in enumerate(on_way):
        s0 = segments[i][0]
        ordered = sorted(set(pts), key=lambda p: math.dist(s0, p))
        nodes.extend(ordered)
        for p, q in itertools.pairwise(ordered):
            link(p, q, math.dist(p, q))
    off = [a, b, *corners]
    for i, p in enumerate(off):
        for f in feet.get(p, []):
            if free(p, f):
                link(p, f, OFF_WALKWAY * math.dist(p, f))
        for q in off[i + 1:]:
            if (p, q) != (a, b) and (q, p) != (a, b) and free(p, q):
                link(p, q, OFF_WALKWAY * math.dist(p, q))
    if not way and free(a, b):
        link(a, b, math.dist(a, b))

    # Dijkstra
    best: dict[XY, float] = {a: 0.0}
    prev: dict[XY, XY] = {}
    queue: list[tuple[float, XY]] = [(0.0, a)]
    done: set[XY] = set()
    while queue:
        cost, p = heapq.heappop(queue)
        if p in done:
            continue
        done.add(p)
        if p == b:
            break
        for q, step in edges.get(p, []):
            c = cost + step
            if c < best.get(q, math.inf) - 1e-12:
                best[q] = c
                prev[q] = p
                heapq.heappush(queue, (c, q))
    if b not in done:
        return None
    path = [b]
    while path[-1] != a:
        path.append(prev[path[-1]])
    path.reverse()
    return _straighten(_dedupe(path))


def _straighten(points: list[XY]) -> list[XY]:
    """Drop points that lie on the line between their neighbours."""
    out: list[XY] = []
    for p in points:
        while len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            cross = (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)
            if abs(cross) > 1e-9 or (p[0] - bx) * (bx - ax) + (p[1] - by) * (by - ay) < 0:
                break
            out.pop()
        out.append(p)
    return out


def route(start: Point, end: Point, walkway: tuple[Point, ...],
          obstacles: tuple[Shape, ...] = (), bounds: tuple[float, float] | None = None,
          ) -> list[XY]:
    """The polyline from ``start`` to ``end`` that follows the walkway, in metres.

    It joins the walkway, follows its points, and leaves it for the counter;
    the legs off the walkway go round ``obstacles`` (areas, desks, walls)
    instead of through them.
    """
    a, b = (start.x, start.y), (end.x, end.y)
    way = _dedupe([(p.x, p.y) for p in walkway])
    if len(way) < 2:
        way = []
    boxes = [_Box(s.x, s.y, s.x + s.w, s.y + s.h) for s in obstacles if s.kind != "door"]
    found = _route_around(a, b, way, boxes, bounds)
    if found is not None:
        return found
    # nothing free of obstacles (a counter walled in by the plan): the plain way
    if not way:
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
    fp = config.hall.floor_plan
    pts = route(config.kiosk_position, target, fp.walkway, fp.shapes, (fp.width, fp.height))
    return [{"x": x, "y": y} for x, y in pts]
