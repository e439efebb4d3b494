"""The staff backend never touches the store on the screen thread, nor in a property."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from app.clock import ManualClock
from app.config import Config
from app.overrides import Overrides
from app.service import HallService
from app.staff import StaffAuth
from app.store.sqlite import SQLiteStore
from tests.helpers.qt import settle, wait_until
from tests.helpers.staff import FAST_HASHER
from tests.helpers.told import told
from ui.staff.backend import StaffBackend

pytestmark = pytest.mark.usefixtures("qapp")

STORE_CALLS = ("read_after", "read_between", "transaction", "head", "append_all",
               "wait")


@pytest.fixture
def on_screen_thread(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The store calls made on the screen thread (recorded from the moment it is asked for)."""
    seen: list[str] = []
    main = threading.main_thread()
    for name in STORE_CALLS:
        real = getattr(store, name)

        def spy(*args: Any, __real: Any = real, __name: str = name, **kwargs: Any) -> Any:
            if threading.current_thread() is main:
                seen.append(__name)
            return __real(*args, **kwargs)

        monkeypatch.setattr(store, name, spy)
    return seen


@pytest.fixture
def backend(config: Config, store: SQLiteStore, clock: ManualClock,
            hall: HallService) -> Iterator[StaffBackend]:
    auth = StaffAuth(config, store, clock, hasher=FAST_HASHER)
    auth.add("cli", "201", "Bình", "supervisor", "736204")
    hall.execute("open_counter", "setup", counter=1)
    hall.issue("A", "kiosk-1")
    hall.issue("A", "kiosk-1")
    b = StaffBackend(hall, auth, Overrides(hall, auth), pad="kiosk-1", reason_always=True)
    yield b
    b.shutdown()


def test_sign_in_actions_and_properties_leave_the_store_to_the_worker(
    backend: StaffBackend, on_screen_thread: list[str], clock: ManualClock
) -> None:
    said = told(backend)
    backend.signIn("201", "736204")
    wait_until(lambda: backend.signedIn)
    for _ in range(3):  # QML reads properties again and again
        assert backend.aiOn and backend.estimatesVisible
    backend.prepare("ai_switch", {"enabled": False})
    wait_until(lambda: backend.pendingAction == "ai_switch")
    backend.confirm("estimate_wrong", "")
    wait_until(lambda: not backend.aiOn)  # kept, and refreshed after the action
    backend.prepare("cancel", {"number": "A002"})
    wait_until(lambda: backend.pendingAction == "cancel")
    backend.confirm("citizen_left", "")
    wait_until(lambda: not backend.busy and backend.pendingAction == "")
    backend.loadReport()
    backend.loadAudit("", "", "", "")
    wait_until(lambda: backend.reportText != "" and backend.audit.rowCount() > 0)
    clock.advance(3600)
    backend.checkSession()  # the session ran out: its end is recorded on the worker
    assert not backend.signedIn
    settle(50)
    assert on_screen_thread == []
    assert said.errors == []
    said.close()


def test_a_sign_out_just_before_the_screen_closes_is_recorded(
    config: Config, store: SQLiteStore, clock: ManualClock, hall: HallService
) -> None:
    auth = StaffAuth(config, store, clock, hasher=FAST_HASHER)
    auth.add("cli", "201", "Bình", "supervisor", "736204")
    b = StaffBackend(hall, auth, Overrides(hall, auth), pad="kiosk-1")
    b.signIn("201", "736204")
    wait_until(lambda: b.signedIn)
    b.signOut()
    b.shutdown()  # at once: the worker still has the sign-out to write
    ends = [e for e in store.read_after(0) if e.kind == "staff_signout"]
    assert [(e["staff"], e["why"]) for e in ends] == [("201", "signed_out")]
