"""Puts the hidden staff entry (corner hold -> PIN pad -> staff panel) into the kiosk window.

:func:`install_staff_entry` builds the staff side for one kiosk window (the
accounts, the role-checked overrides, the backend) and loads
``qml/staff/StaffEntry.qml`` into the kiosk's ``staffEntrySlot``. The PIN
pad is the kiosk's own (its id is the kiosk id), so wrong PINs lock this pad.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject

from app.overrides import Overrides, PrintControl
from app.service import HallService
from app.staff import StaffAuth
from ui.qml_app import QML_DIR
from ui.staff.backend import StaffBackend

if TYPE_CHECKING:
    from argon2 import PasswordHasher

log = logging.getLogger(__name__)

STAFF_ENTRY_QML = QML_DIR / "staff" / "StaffEntry.qml"


class KioskWindow(Protocol):
    """What the staff entry needs of the kiosk window (:class:`ui.main.KioskWindow`)."""

    hall: HallService
    #: the kiosk's backend: QML's ``kiosk``; its print service and speaker, once opened
    backend: Any

    def install_overlay(self, slot: str, qml_file: Path | str,
                        properties: Mapping[str, Any] | None = None) -> QObject | None: ...


@dataclass
class StaffEntry:
    """What :func:`install_staff_entry` made; close it before the kiosk window."""

    backend: StaffBackend
    auth: StaffAuth
    overrides: Overrides
    item: QObject | None

    def close(self) -> None:
        self.backend.shutdown()


def install_staff_entry(
    kiosk: KioskWindow,
    printing: PrintControl | None = None,
    printer_status: Callable[[], str] | None = None,
    test_ticket: Callable[[], object] | None = None,
    speech_test: Callable[[], object] | None = None,
    hasher: PasswordHasher | None = None,
) -> StaffEntry:
    """Build the staff side of ``kiosk`` and load the hidden entry into its window."""
    hall = kiosk.hall
    auth = StaffAuth(hall.config, hall.store, hall.clock, hasher=hasher)
    overrides = Overrides(hall, auth, printing)
    backend = StaffBackend(
        hall, auth, overrides, pad=hall.config.kiosk.id,
        printer_status=printer_status, test_ticket=test_ticket, speech_test=speech_test,
        reason_always=True,
    )
    props: dict[str, Any] = {
        "staff": backend,
        "kiosk": kiosk.backend,
        "holdSeconds": hall.config.staff.hold_seconds,
    }
    item = kiosk.install_overlay("staffEntrySlot", STAFF_ENTRY_QML, props)
    if item is None:
        log.error("the staff entry could not be loaded; staff must use the counter console")
    return StaffEntry(backend, auth, overrides, item)


def install_for_kiosk(kiosk: KioskWindow) -> StaffEntry:
    """The staff entry of a running kiosk, with its printer and speech for the device tests.

    The panel reaches the kiosk's own print service (opened on the kiosk's
    printer worker) rather than opening the serial port a second time.
    """
    from app.announce import call_sentences
    from app.errors import UserError
    from devices.factory import make_speech

    config = kiosk.hall.config

    def print_service() -> Any:
        service = getattr(kiosk.backend, "_printer", None)
        if service is None:
            raise UserError("The printer has not been opened yet; print a ticket first.")
        return service

    class _Reprint:
        def reprint(self, number: str, language: str) -> object:
            outcome = print_service().reprint(number, language)
            if not getattr(outcome, "ok", True):
                raise UserError(str(getattr(outcome, "message", "The ticket was not printed.")))
            return outcome

    def printer_status() -> str:
        status = print_service().status()
        return f"{status.state.value}: {status.detail}".rstrip(": ")

    def test_ticket() -> object:
        from app.doctor import make_test_ticket

        return print_service().printer.print_ticket(make_test_ticket(config, kiosk.hall.now()))

    def speech_test() -> object:
        speaker = getattr(kiosk.backend, "_speaker", None) or make_speech(
            config.devices.speech, Path(config.base_dir or "."))
        if speaker is None:
            raise UserError("This kiosk has no speech device.")
        lang, text = call_sentences(config.devices.speech, "A001", 1)[0]
        speaker.say(text, lang)
        return None

    return install_staff_entry(kiosk, printing=_Reprint(), printer_status=printer_status,
                               test_ticket=test_ticket, speech_test=speech_test)
