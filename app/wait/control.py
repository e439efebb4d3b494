"""Staff control of the wait estimates, as events in the log.

A supervisor can add a correction (minutes, plus or minus) to the estimates
of a service, hide the estimates (the kiosk then shows only the number of
people ahead), switch the AI off (the kiosk then shows a labelled plain
estimate or only "N people ahead", per ``estimates.when_ai_off``), switch it
on again, and let the model be used again after it fell back by itself
(:func:`supervisor_reinstate`). Each is one event carrying the actor, the
role when known, and the reason; :class:`ControlState` folds those events
(and the model's own ``incident`` events) into the settings in force, so a
restart, a second kiosk or a replay all reach the same settings.

Role checks belong to the staff screens (issue 6), which call these
functions after checking who is signed in. The functions check only what
makes a request meaningless (no reason, unknown service, absurd minutes) and
raise :class:`~app.errors.CommandRefused` then, writing nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.config import Config
from app.errors import CommandRefused
from app.events import Event

#: corrections are bounded: a supervisor fixes a bias, not a different hall
MAX_CORRECTION_MINUTES = 240.0
MIN_CORRECTION_MINUTES = -120.0

#: the source and code of the incident the model records when it steps aside
INCIDENT_SOURCE = "wait_model"
DRIFT_CODE = "drift_fallback"


class Recorder(Protocol):
    """What the control functions need of a hall (:class:`~app.service.HallService`)."""

    config: Config

    def record(self, kind: str, actor: str | None = None, **data: Any) -> Event: ...


@dataclass
class ControlState:
    """The staff settings and the model's own fallback, as folded from events."""

    ai_enabled: bool = True
    visible: bool = True
    corrections: dict[str, float] = field(default_factory=dict)
    #: version of the model that fell back on its own (None: no fallback in force)
    drifted_model: str | None = None
    drift_detail: str = ""
    #: bumped by every reinstatement, so the live monitor starts a fresh window
    reinstated: int = 0

    def apply(self, e: Event) -> bool:
        """Fold one event; True when it changed a setting."""
        kind = e.kind
        if kind == "estimate_correction":
            minutes = float(e["minutes"])
            service = str(e["service"])
            if minutes == 0:
                self.corrections.pop(service, None)
            else:
                self.corrections[service] = minutes
            return True
        if kind == "estimates_visibility":
            self.visible = bool(e["visible"])
            return True
        if kind == "ai_switch":
            self.ai_enabled = bool(e["enabled"])
            return True
        if kind == "ai_reinstate":
            self.drifted_model = None
            self.drift_detail = ""
            self.reinstated += 1
            return True
        if (kind == "incident" and e.get("source") == INCIDENT_SOURCE
                and e.get("code") == DRIFT_CODE):
            self.drifted_model = str(e.get("model") or e.get("detail") or "?")
            self.drift_detail = str(e.get("detail") or "")
            return True
        return False

    def apply_all(self, events: Iterable[Event]) -> None:
        for e in events:
            self.apply(e)

    def correction_s(self, service: str) -> float:
        return self.corrections.get(service, 0.0) * 60.0


def _check(actor: str, reason: str) -> tuple[str, str]:
    actor = (actor or "").strip()
    reason = (reason or "").strip()
    if not actor:
        raise CommandRefused("no_actor",
                             "Sign in first: every change is recorded with who made it.")
    if not reason:
        raise CommandRefused("no_reason", "Give a reason: it is kept with the change.")
    return actor, reason


def _extra(role: str | None) -> dict[str, Any]:
    return {"role": role} if role else {}


def set_ai_enabled(hall: Recorder, actor: str, enabled: bool, reason: str,
                   role: str | None = None) -> Event:
    """Switch the AI estimate on or off for the whole hall."""
    actor, reason = _check(actor, reason)
    return hall.record("ai_switch", actor, enabled=bool(enabled), reason=reason, **_extra(role))


def set_correction(hall: Recorder, actor: str, service: str, minutes: float, reason: str,
                   role: str | None = None) -> Event:
    """Add ``minutes`` (may be negative; 0 removes the correction) to a service's estimates."""
    actor, reason = _check(actor, reason)
    try:
        hall.config.service(service)
    except KeyError:
        raise CommandRefused("unknown_service", f"There is no service {service}.",
                             params={"service": service}) from None
    if not (MIN_CORRECTION_MINUTES <= float(minutes) <= MAX_CORRECTION_MINUTES):
        raise CommandRefused(
            "correction_range",
            f"A correction must be between {MIN_CORRECTION_MINUTES:.0f} and "
            f"{MAX_CORRECTION_MINUTES:.0f} minutes.",
            params={"minutes": minutes},
        )
    return hall.record("estimate_correction", actor, service=service, minutes=float(minutes),
                       reason=reason, **_extra(role))


def set_estimates_visible(hall: Recorder, actor: str, visible: bool, reason: str,
                          role: str | None = None) -> Event:
    """Hide the estimates (only "N people ahead" is shown) or show them again."""
    actor, reason = _check(actor, reason)
    return hall.record("estimates_visibility", actor, visible=bool(visible), reason=reason,
                       **_extra(role))


def supervisor_reinstate(hall: Recorder, actor: str, reason: str, role: str | None = None,
                         model: str | None = None) -> Event:
    """Let the model be used again after it fell back on its own (a supervisor's decision)."""
    actor, reason = _check(actor, reason)
    data: dict[str, Any] = {"reason": reason, **_extra(role)}
    if model:
        data["model"] = model
    return hall.record("ai_reinstate", actor, **data)


__all__ = [
    "ControlState", "set_ai_enabled", "set_correction", "set_estimates_visible",
    "supervisor_reinstate",
]
