"""Retention: keep ticket data only as long as configured, then aggregates only.

``purge_id_checks`` removes the ID-card hashes (``id_checked`` events) of
every day before today: the check-in runs it when a new day begins.

``purge`` removes the bodies of every ticket event (issue, calls, estimates,
prints…) of the business days older
than ``retention.days``. Before it does, it appends one ``day_summary`` event
per purged day (counts and mean waits per service; no ticket numbers, no
tokens, no hashes) and a ``purged`` event saying what was removed, in the
same log, so the purge itself is on record. Staff, counter and settings
events are not ticket data and stay.

The chain covers each record's body hash, not the body (see
:func:`app.events.link_hash`), so ``motcua audit verify`` still passes after
a purge and still detects any change to what was kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean
from typing import Any

from app.events import Event
from app.service import HallService


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did."""

    before_day: date
    days: int
    records: int


def _summaries(hall: HallService, events: list[Event]) -> dict[date, dict[str, Any]]:
    issued: dict[tuple[date, str], datetime] = {}
    service_of: dict[tuple[date, str], str] = {}
    called: dict[tuple[date, str], datetime] = {}
    per: dict[date, dict[str, dict[str, Any]]] = defaultdict(dict)

    def row(day: date, service: str) -> dict[str, Any]:
        return per[day].setdefault(
            service,
            {"issued": 0, "priority": 0, "completed": 0, "no_show": 0, "cancelled": 0,
             "estimate_right": 0, "estimate_wrong": 0, "waits": [], "services": []},
        )

    for e in events:
        ticket = e.get("ticket")
        if not isinstance(ticket, str):
            continue
        day = hall.state.business_day(e.ts)
        key = (day, ticket)
        if e.kind == "issued":
            issued[key] = e.ts
            service_of[key] = str(e["service"])
            r = row(day, service_of[key])
            r["issued"] += 1
            r["priority"] += 1 if e.get("priority") else 0
        elif key not in service_of:
            continue
        elif e.kind == "called" and key not in called:
            called[key] = e.ts
            row(day, service_of[key])["waits"].append((e.ts - issued[key]).total_seconds())
        elif e.kind == "completed":
            r = row(day, service_of[key])
            r["completed"] += 1
            if key in called:
                r["services"].append((e.ts - called[key]).total_seconds())
        elif e.kind in ("no_show", "cancelled"):
            row(day, service_of[key])[e.kind] += 1
        elif e.kind == "estimate_feedback":
            row(day, str(e.get("service") or service_of[key]))[
                "estimate_right" if e.get("right") else "estimate_wrong"
            ] += 1
        elif e.kind == "transferred" and e.get("to_service"):
            service_of[key] = str(e["to_service"])

    out: dict[date, dict[str, Any]] = {}
    for day, services in per.items():
        out[day] = {
            code: {
                "issued": r["issued"],
                "priority": r["priority"],
                "completed": r["completed"],
                "no_show": r["no_show"],
                "cancelled": r["cancelled"],
                "estimate_right": r["estimate_right"],
                "estimate_wrong": r["estimate_wrong"],
                "mean_wait_s": round(mean(r["waits"]), 1) if r["waits"] else None,
                "max_wait_s": round(max(r["waits"]), 1) if r["waits"] else None,
                "mean_service_s": round(mean(r["services"]), 1) if r["services"] else None,
            }
            for code, r in sorted(services.items())
        }
    return out


def purge_id_checks(hall: HallService, actor: str) -> int:
    """Remove the ID-card hashes of every earlier business day; returns how many went.

    The hash is kept only to allow one active ticket per citizen and service
    today; the ticket itself stays (without it) for the usual retention.
    """
    now = hall.now()
    start = datetime.combine(
        hall.state.business_day(now), hall.config.hall.day_start, tzinfo=hall.config.hall.zone
    )
    old = [e.seq for e in hall.store.read_between(None, start)
           if e.kind == "id_checked" and e.seq is not None]
    if not old:
        return 0
    hall.store.append_all([
        Event("purged", now, actor, {
            "before_day": start.date().isoformat(), "records": len(old),
            "first_seq": min(old), "last_seq": max(old), "what": "id_checked",
        })
    ])
    hall.store.redact(old)
    hall.refresh()
    return len(old)


def purge(hall: HallService, actor: str, keep_days: int | None = None) -> PurgeResult:
    """Remove ticket data older than ``keep_days`` (default: ``retention.days``)."""
    days = hall.config.retention.days if keep_days is None else keep_days
    if days < 1:
        raise ValueError("keep at least one day")
    now = hall.now()
    today = hall.state.business_day(now)
    before = today - timedelta(days=days)
    start = hall.config.hall.day_start
    cutoff = datetime.combine(before, start, tzinfo=hall.config.hall.zone)
    old = [e for e in hall.store.read_between(None, cutoff) if "ticket" in e.data]
    if not old:
        return PurgeResult(before, 0, 0)
    summaries = _summaries(hall, old)
    records = [e.seq for e in old if e.seq is not None]
    notes = [
        Event("day_summary", now, actor, {"day": day.isoformat(), "services": services})
        for day, services in sorted(summaries.items())
    ]
    notes.append(
        Event("purged", now, actor, {
            "before_day": before.isoformat(), "records": len(records),
            "first_seq": min(records), "last_seq": max(records),
        })
    )
    hall.store.append_all(notes)
    hall.store.redact(records)
    hall.refresh()
    purge_id_checks(hall, actor)
    return PurgeResult(before, len(summaries), len(records))
