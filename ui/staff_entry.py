"""Puts the hidden staff entry (corner hold -> PIN pad -> staff panel) into the kiosk window.

:func:`install_staff_entry` builds the staff side for one kiosk window (the
accounts, the role-checked overrides, the backend) and loads
``qml/staff/StaffEntry.qml`` into the kiosk's ``staffEntrySlot``. The PIN
pad is the kiosk's own (its id is the kiosk id), so wrong PINs lock this pad.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from app.overrides import Overrides, PrintControl
from app.staff import StaffAuth
from ui.qml_app import QML_DIR
from ui.staff_bridge import StaffBackend

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from ui.main import KioskWindow

log = logging.getLogger(__name__)

STAFF_ENTRY_QML = QML_DIR / "staff" / "StaffEntry.qml"


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
