"""The end-of-day report and the audit view, computed from the event log.

:func:`day_report` replays one business day and counts, per service and per
counter, the tickets issued, served, not shown and cancelled, with waits
(issue to first call) and service times (call to completion). It writes a CSV
(:func:`report_csv`) and a printable plain-text summary
(:func:`report_text`). Citizens' answers from the phone page to "was the
wait estimate right?" (``estimate_feedback`` events) are counted per service,
a ticket's first answer only; :func:`estimate_feedback_summary` gives the same
counts as a plain dictionary for the staff panel.

:func:`audit_entries` filters the staff actions of the log by staff member,
ticket, action and time, for the supervisor's audit view.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from app.config import Config, pick
from app.errors import UserError
from app.events import Event
from app.hall import HallState, Ticket, TicketStatus, voided_targets
from app.store.base import Store


@dataclass
class Line:
    """The figures of one service or one counter."""

    scope: str  # "service" or "counter"
    key: str
    name: str
    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    still_waiting: int = 0
    waits_s: list[float] = field(default_factory=list)
    service_s: list[float] = field(default_factory=list)
    #: citizens' answers on the phone page: the wait estimate was right / wrong
    estimate_right: int = 0
    estimate_wrong: int = 0

    @staticmethod
    def _minutes(values: list[float], how: str) -> float | None:
        if not values:
            return None
        if how == "mean":
            v = statistics.fmean(values)
        elif how == "median":
            v = statistics.median(values)
        else:
            v = max(values)
        return round(v / 60, 1)

    @property
    def mean_wait_min(self) -> float | None:
        return self._minutes(self.waits_s, "mean")

    @property
    def median_wait_min(self) -> float | None:
        return self._minutes(self.waits_s, "median")

    @property
    def max_wait_min(self) -> float | None:
        return self._minutes(self.waits_s, "max")

    @property
    def mean_service_min(self) -> float | None:
        return self._minutes(self.service_s, "mean")


@dataclass
class DayReport:
    """One business day of a hall."""

    hall: str
    day: date
    services: list[Line]
    counters: list[Line]
    total: Line
    staff_actions: int = 0
    overrides: int = 0
    #: :func:`estimate_feedback_summary` of the day
    feedback: dict[str, Any] = field(default_factory=dict)
    #: the short code of the newest signed checkpoint of the log (app.store.checkpoint)
    checkpoint: str = ""


def day_bounds(config: Config, day: date) -> tuple[datetime, datetime]:
    """The first and last moment of a business day (numbers restart at day_starts_at)."""
    start = datetime.combine(day, config.hall.day_start, tzinfo=config.hall.zone)
    return start, start + timedelta(days=1)


def _count(line: Line, t: Ticket) -> None:
    if t.status is TicketStatus.COMPLETED:
        line.served += 1
    elif t.status is TicketStatus.NO_SHOW:
        line.no_show += 1
    elif t.status is TicketStatus.CANCELLED:
        line.cancelled += 1
    elif t.status is TicketStatus.WAITING or t.status is TicketStatus.PARKED:
        line.still_waiting += 1
    if t.first_called_at is not None:
        line.waits_s.append((t.first_called_at - t.issued_at).total_seconds())
    if (t.status is TicketStatus.COMPLETED and t.finished_at is not None
            and t.called_at is not None):
        line.service_s.append((t.finished_at - t.called_at).total_seconds())


# --------------------------------------------------------------------------- estimate feedback

FEEDBACK_KIND = "estimate_feedback"


def _counts(right: int = 0, wrong: int = 0) -> dict[str, Any]:
    answers = right + wrong
    return {
        "answers": answers,
        "right": right,
        "wrong": wrong,
        "wrong_share": round(wrong / answers, 3) if answers else None,
    }


class _FeedbackTally:
    """Citizens' answers about the wait estimate, one per ticket, for one business day."""

    def __init__(self, day: date, config: Config | None = None) -> None:
        self.day = day
        self._state = HallState(config) if config is not None else None
        #: ticket -> (service, right): the first answer of each ticket
        self.answers: dict[str, tuple[str, bool]] = {}
        #: ticket -> the method of the estimate shown when it was issued
        self.methods: dict[str, str] = {}
        self.ignored = 0

    def _of_day(self, e: Event) -> bool:
        if self._state is not None:
            return self._state.business_day(e.ts) == self.day
        # no configuration: the event's own local date (day_starts_at 00:00)
        return e.ts.date() == self.day

    def add(self, e: Event) -> None:
        if e.kind not in (FEEDBACK_KIND, "estimated") or not self._of_day(e):
            return
        ticket = e.get("ticket")
        if not isinstance(ticket, str):
            return
        if e.kind == "estimated":
            self.methods.setdefault(ticket, str(e.get("method")))
        elif not isinstance(e.get("right"), bool):
            self.ignored += 1
        elif ticket in self.answers:
            # a ticket answers once; a second answer (two web services racing) is not counted
            self.ignored += 1
        else:
            self.answers[ticket] = (str(e.get("service")), bool(e.get("right")))

    def summary(self) -> dict[str, Any]:
        by_service: dict[str, list[int]] = {}
        by_kind: dict[str, list[int]] = {}
        for ticket, (service, right) in self.answers.items():
            method = self.methods.get(ticket)
            kind = "unknown" if method is None else "ai" if method == "model" else "plain"
            for table, key in ((by_service, service), (by_kind, kind)):
                pair = table.setdefault(key, [0, 0])
                pair[0 if right else 1] += 1
        n_right = sum(1 for _, r in self.answers.values() if r)
        return {
            "day": self.day.isoformat(),
            **_counts(n_right, len(self.answers) - n_right),
            "services": {k: _counts(*v) for k, v in sorted(by_service.items())},
            "estimates": {k: _counts(*v) for k, v in sorted(by_kind.items())},
            "ignored": self.ignored,
        }


def estimate_feedback_summary(
    events: Iterable[Event], day: date, config: Config | None = None
) -> dict[str, Any]:
    """What citizens said of the wait estimates on ``day``, as plain data for any screen.

    ``events`` may be the whole log: only ``day``'s count (its business day
    when ``config`` is given, else the events' own local date). Each ticket
    counts once, with its first answer; later answers are in ``ignored``.
    The result::

        {"day": "2026-04-13", "answers": 12, "right": 9, "wrong": 3, "wrong_share": 0.25,
         "services": {"A": {"answers": 8, "right": 6, "wrong": 2, "wrong_share": 0.25}, ...},
         "estimates": {"ai": {...}, "plain": {...}},   # which kind of estimate was shown
         "ignored": 0}

    ``wrong_share`` is None when there are no answers.
    """
    tally = _FeedbackTally(day, config)
    for e in events:
        tally.add(e)
    return tally.summary()


def build_report(config: Config, events: Iterable[Event], day: date,
                 voided: set[int] | None = None) -> DayReport:
    """The report of ``day`` from the events of that day (``voided`` records left out)."""
    state = HallState(config)
    if voided:
        state.voided = set(voided)
        events = (e for e in events if e.seq not in voided)
    tally = _FeedbackTally(day, config)
    staff_actions = overrides = 0
    for e in events:
        state.apply(e)
        tally.add(e)
        if e.get("role"):
            staff_actions += 1
            if e.get("reason"):
                overrides += 1
    lang = "vi"
    services = {s.code: Line("service", s.code, pick(s.name, lang)) for s in config.services}
    counters = {c.number: Line("counter", str(c.number), f"Quầy {c.number}")
                for c in config.counters}
    total = Line("total", "", "Tổng")
    tickets = state.tickets.values() if state.day == day else []
    for t in tickets:
        svc = services.setdefault(t.original_service or t.service,
                                  Line("service", t.service, t.service))
        svc.issued += 1
        total.issued += 1
        _count(svc, t)
        _count(total, t)
        if t.counter is not None and t.status in (TicketStatus.COMPLETED, TicketStatus.NO_SHOW):
            ctr = counters.setdefault(t.counter,
                                      Line("counter", str(t.counter), f"Quầy {t.counter}"))
            ctr.issued += 1
            _count(ctr, t)
    for service, right in tally.answers.values():
        svc = services.setdefault(service, Line("service", service, service))
        for line in (svc, total):
            if right:
                line.estimate_right += 1
            else:
                line.estimate_wrong += 1
    return DayReport(config.hall.id, day, list(services.values()), list(counters.values()),
                     total, staff_actions, overrides, tally.summary())


def day_report(config: Config, store: Store, day: date) -> DayReport:
    start, end = day_bounds(config, day)
    # a void may come days after the record it sets aside
    voided = voided_targets([e for e in store.read_between(start, None) if e.kind == "voided"])
    report = build_report(config, store.read_between(start, end), day, voided)
    stored = store.checkpoints()
    if stored:
        report = replace(report, checkpoint=stored[-1].code)
    return report


CSV_COLUMNS = ("scope", "key", "name", "issued", "served", "no_show", "cancelled",
               "still_waiting", "mean_wait_min", "median_wait_min", "max_wait_min",
               "mean_service_min", "estimate_right", "estimate_wrong")


def report_csv(report: DayReport) -> str:
    """The report as CSV: one row per service, per counter, and the total."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(("day", *CSV_COLUMNS))
    for line in [*report.services, *report.counters, report.total]:
        w.writerow((report.day.isoformat(), line.scope, line.key, line.name, line.issued,
                    line.served, line.no_show, line.cancelled, line.still_waiting,
                    _blank(line.mean_wait_min), _blank(line.median_wait_min),
                    _blank(line.max_wait_min), _blank(line.mean_service_min),
                    line.estimate_right, line.estimate_wrong))
    return out.getvalue()


def _blank(v: float | None) -> str:
    return "" if v is None else f"{v:.1f}"


def report_text(report: DayReport, hall_name: str = "") -> str:
    """A printable summary (monospace, fits an A4 page or an 80 mm slip at 48 columns)."""
    def row(line: Line) -> str:
        wait = _blank(line.mean_wait_min) or "-"
        serve = _blank(line.mean_service_min) or "-"
        return (f"{line.name[:18]:<18} {line.issued:>4} {line.served:>4} {line.no_show:>4}"
                f" {wait:>6} {serve:>6}")

    head = f"{'':<18} {'Số':>4} {'Xong':>4} {'Vắng':>4} {'Chờ':>6} {'Phục':>6}"
    lines = [
        hall_name or report.hall,
        f"Báo cáo cuối ngày / End-of-day report: {report.day:%d/%m/%Y}",
        "",
        "Theo dịch vụ / By service (phút / minutes)",
        head,
        *[row(x) for x in report.services],
        "-" * 48,
        row(report.total),
        "",
        "Theo quầy / By counter",
        head,
        *[row(x) for x in report.counters],
        "",
        f"Chờ lâu nhất / Longest wait: {_blank(report.total.max_wait_min) or '-'} phút",
        f"Còn chờ / Still waiting: {report.total.still_waiting}; "
        f"huỷ / cancelled: {report.total.cancelled}",
        f"Thao tác của nhân viên / Staff actions: {report.staff_actions} "
        f"(can thiệp có lý do / overrides with a reason: {report.overrides})",
        "",
        *_feedback_text(report),
    ]
    if report.checkpoint:
        # copied onto paper, it lets `motcua audit verify --checkpoint` catch a log cut or rewritten
        lines += ["", f"Mã kiểm tra nhật ký / Log checkpoint: {report.checkpoint}"]
    return "\n".join(lines) + "\n"


def _feedback_text(report: DayReport) -> list[str]:
    """The citizens' answers about the wait estimate, per service."""
    lines = ["Ước tính thời gian chờ có đúng? / Was the wait estimate right?",
             "(người dân trả lời trên điện thoại / answers from the phone page)"]
    answered = [x for x in report.services if x.estimate_right or x.estimate_wrong]
    if not answered:
        return [*lines, "Chưa có câu trả lời / No answers"]
    lines.append(f"{'':<26} {'Đúng':>5} {'Sai':>5}")
    lines.append(f"{'':<26} {'Right':>5} {'Wrong':>5}")
    for x in [*answered, report.total]:
        lines.append(f"{x.name[:26]:<26} {x.estimate_right:>5} {x.estimate_wrong:>5}")
    estimates = report.feedback.get("estimates", {})
    ai, plain = estimates.get("ai"), estimates.get("plain")
    if ai or plain:
        def wrong(c: dict[str, Any] | None) -> str:
            return f"{c['wrong']}/{c['answers']}" if c else "-"

        lines.append(f"Sai / wrong: AI {wrong(ai)}; cách đơn giản / plain {wrong(plain)}")
    return lines


# --------------------------------------------------------------------------- audit

#: events that are not staff actions (the kiosk's own work)
_NOT_STAFF = frozenset({"issued", "estimated", "printed", FEEDBACK_KIND})


@dataclass(frozen=True)
class AuditFilter:
    """What the supervisor is looking for; empty fields match everything."""

    staff: str = ""
    ticket: str = ""
    action: str = ""
    start: datetime | None = None
    end: datetime | None = None

    def matches(self, e: Event) -> bool:
        if e.kind in _NOT_STAFF and not e.get("role"):
            return False
        if self.staff and e.actor != self.staff and e.get("staff") != self.staff:
            return False
        if self.ticket and str(e.get("ticket", "")).upper() != self.ticket.upper():
            return False
        if self.action and e.kind != self.action:
            return False
        if self.start is not None and e.ts < self.start:
            return False
        return not (self.end is not None and e.ts >= self.end)


def audit_entries(events: Iterable[Event], flt: AuditFilter, limit: int = 500) -> list[Event]:
    """The newest ``limit`` staff actions matching ``flt``, newest first."""
    found = [e for e in events if flt.matches(e)]
    return list(reversed(found[-limit:]))


def parse_day(value: str | None, config: Config, now: datetime) -> date:
    """A day given as YYYY-MM-DD (default: the current business day)."""
    if not value:
        return HallState(config).business_day(now)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f'"{value}" is not a day; write it as YYYY-MM-DD') from None


__all__ = [
    "AuditFilter", "DayReport", "Line", "audit_entries", "build_report", "day_bounds",
    "day_report", "estimate_feedback_summary", "parse_day", "report_csv", "report_text",
]
