"""The staff screens' words made in Python, in the current language (Qt Linguist, context "Staff").

The reasons offered, the actions' titles (keyed by the title keys of
:data:`app.actions.ACTIONS`), the names of the fields an action changes and
their values, the roles, and a staff member's sentence for each refusal of
the core. QML's own texts are in the QML files.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.actions import ACTIONS
from app.errors import CommandRefused


def reason_labels() -> dict[str, str]:
    """The short list of reasons, in the current language."""
    return {
        "citizen_request": QCoreApplication.translate("Staff", "The citizen asked"),
        "wrong_service": QCoreApplication.translate("Staff", "Wrong service chosen"),
        "priority_confirmed": QCoreApplication.translate("Staff", "Priority confirmed"),
        "citizen_left": QCoreApplication.translate("Staff", "The citizen left"),
        "correcting_mistake": QCoreApplication.translate("Staff", "Correcting a mistake"),
        "device_fault": QCoreApplication.translate("Staff", "Device fault"),
        "estimate_wrong": QCoreApplication.translate("Staff", "Estimates are wrong today"),
        "other": QCoreApplication.translate("Staff", "Other (say why)"),
    }


def action_titles() -> dict[str, str]:
    """The screens' titles of the staff actions, by title key (:attr:`app.actions.Action.title`)."""
    return {
        "call_next": QCoreApplication.translate("Staff", "Call next"),
        "call_ticket": QCoreApplication.translate("Staff", "Call this ticket"),
        "recall": QCoreApplication.translate("Staff", "Recall"),
        "complete": QCoreApplication.translate("Staff", "Complete"),
        "no_show": QCoreApplication.translate("Staff", "No-show"),
        "transfer": QCoreApplication.translate("Staff", "Transfer"),
        "set_priority": QCoreApplication.translate("Staff", "Set or clear priority"),
        "cancel": QCoreApplication.translate("Staff", "Cancel ticket"),
        "park": QCoreApplication.translate("Staff", "Set aside"),
        "unpark": QCoreApplication.translate("Staff", "Back into the queue"),
        "reprint": QCoreApplication.translate("Staff", "Reprint"),
        "open_counter": QCoreApplication.translate("Staff", "Open counter"),
        "pause_counter": QCoreApplication.translate("Staff", "Pause counter"),
        "resume_counter": QCoreApplication.translate("Staff", "Resume counter"),
        "close_counter": QCoreApplication.translate("Staff", "Close counter"),
        "set_counter_services": QCoreApplication.translate("Staff", "Change services"),
        "ai_switch": QCoreApplication.translate("Staff", "Switch the AI estimate"),
        "estimate_correction": QCoreApplication.translate("Staff", "Correct the estimates"),
        "estimates_visibility": QCoreApplication.translate("Staff", "Show or hide estimates"),
        "ai_reinstate": QCoreApplication.translate("Staff", "Use the AI model again"),
    }


def action_title(name: str) -> str:
    """The title of action ``name`` in the current language (its name when it has none)."""
    found = ACTIONS.get(name)
    key = found.title if found is not None else None
    return action_titles().get(key, name) if key else name


def role_text(role: str) -> str:
    """A role's name in the current language ("" for none)."""
    names = {
        "staff": QCoreApplication.translate("Staff", "staff"),
        "supervisor": QCoreApplication.translate("Staff", "supervisor"),
        "technician": QCoreApplication.translate("Staff", "technician"),
    }
    return names.get(role, "")


def field_label(name: str) -> str:
    labels = {
        "status": QCoreApplication.translate("Staff", "State"),
        "service": QCoreApplication.translate("Staff", "Service"),
        "counter": QCoreApplication.translate("Staff", "Counter"),
        "priority": QCoreApplication.translate("Staff", "Priority"),
        "front": QCoreApplication.translate("Staff", "First in line"),
        "ahead": QCoreApplication.translate("Staff", "People ahead"),
        "services": QCoreApplication.translate("Staff", "Services"),
        "serving": QCoreApplication.translate("Staff", "Serving"),
        "ai": QCoreApplication.translate("Staff", "AI estimate"),
        "visible": QCoreApplication.translate("Staff", "Estimates shown"),
        "correction_min": QCoreApplication.translate("Staff", "Correction (minutes)"),
        "fallback": QCoreApplication.translate("Staff", "Model stepped aside"),
    }
    return labels.get(name, name)


def value_text(value: Any) -> str:
    words = {
        "waiting": QCoreApplication.translate("Staff", "waiting"),
        "called": QCoreApplication.translate("Staff", "being served"),
        "parked": QCoreApplication.translate("Staff", "set aside"),
        "completed": QCoreApplication.translate("Staff", "completed"),
        "no_show": QCoreApplication.translate("Staff", "did not come"),
        "cancelled": QCoreApplication.translate("Staff", "cancelled"),
        "open": QCoreApplication.translate("Staff", "open"),
        "paused": QCoreApplication.translate("Staff", "paused"),
        "closed": QCoreApplication.translate("Staff", "closed"),
    }
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("Staff", "yes")
            if value
            else QCoreApplication.translate("Staff", "no")
        )
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "—"
    return words.get(str(value), str(value))


def refusal_message(exc: CommandRefused) -> str:
    """A staff member's sentence for a refusal, in the current language."""
    p = {k: str(v) for k, v in exc.params.items()}
    known = {
        "wrong_pin": QCoreApplication.translate("Staff", "Wrong staff number or PIN."),
        "locked": QCoreApplication.translate(
            "Staff", "Too many wrong PINs: sign-in is locked until %1."
        ).replace("%1", p.get("until", "")[11:16]),
        "locked_supervisor": QCoreApplication.translate(
            "Staff", "Too many wrong PINs: sign-in stays locked until a supervisor unlocks it."
        ),
        "disabled": QCoreApplication.translate(
            "Staff", "This staff account is disabled; ask a supervisor."
        ),
        "not_allowed": QCoreApplication.translate(
            "Staff", "Your role may not do this; ask a supervisor."
        ),
        "not_your_counter": QCoreApplication.translate(
            "Staff", "You may only serve at your own counter."
        ),
        "session_expired": QCoreApplication.translate(
            "Staff", "Your staff session has ended; sign in again."
        ),
        "not_signed_in": QCoreApplication.translate("Staff", "Sign in with your staff PIN first."),
        "reason_needed": QCoreApplication.translate("Staff", "Choose a reason first."),
        "reason_text": QCoreApplication.translate("Staff", "Say in a few words why."),
        "still_serving": QCoreApplication.translate(
            "Staff", "%1 is still being served: complete it first."
        ).replace("%1", p.get("ticket", "")),
        "queue_empty": QCoreApplication.translate("Staff", "Nobody is waiting for this counter."),
        "counter_paused": QCoreApplication.translate(
            "Staff", "The counter is paused: resume it first."
        ),
        "counter_closed": QCoreApplication.translate(
            "Staff", "The counter is closed: open it first."
        ),
        "not_called": QCoreApplication.translate("Staff", "%1 has not been called.").replace(
            "%1", p.get("ticket", "")
        ),
        "recall_first": QCoreApplication.translate(
            "Staff", "Call %1 again before marking a no-show."
        ).replace("%1", p.get("ticket", "")),
        "already_called": QCoreApplication.translate(
            "Staff", "%1 is already being served."
        ).replace("%1", p.get("ticket", "")),
        "not_waiting": QCoreApplication.translate("Staff", "%1 is not waiting.").replace(
            "%1", p.get("ticket", "")
        ),
        "finished": QCoreApplication.translate("Staff", "%1 is already finished.").replace(
            "%1", p.get("ticket", "")
        ),
        "no_change": QCoreApplication.translate("Staff", "Nothing would change."),
        "already_open": QCoreApplication.translate("Staff", "The counter is already open."),
        "not_open": QCoreApplication.translate("Staff", "The counter is not open."),
        "not_paused": QCoreApplication.translate("Staff", "The counter is not paused."),
        "already_closed": QCoreApplication.translate("Staff", "The counter is already closed."),
        "no_printer": QCoreApplication.translate("Staff", "This screen has no printer."),
    }
    return known.get(exc.code, exc.message)
