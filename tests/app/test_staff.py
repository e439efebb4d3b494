"""Staff accounts, roles, lockout and sessions (no Qt)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.actions import ACTIONS
from app.clock import ManualClock
from app.config import Config
from app.errors import CommandRefused
from app.staff import Role, StaffAuth, allowed
from app.store.sqlite import SQLiteStore
from tests.helpers.staff import FAST_HASHER as FAST


@pytest.fixture
def auth(config: Config, store: SQLiteStore, clock: ManualClock) -> StaffAuth:
    a = StaffAuth(config, store, clock, hasher=FAST)
    a.add("cli", "101", "Nguyễn Văn An", "staff", "482915", counters=[2])
    a.add("cli", "201", "Trần Thị Bình", "supervisor", "736204")
    a.add("cli", "301", "Lê Minh Châu", "technician", "550917")
    return a


def test_pin_is_stored_only_as_an_argon2_hash_beside_the_log(
    auth: StaffAuth, store: SQLiteStore
) -> None:
    with sqlite3.connect(store.path) as conn:
        bodies = [b for (b,) in conn.execute("SELECT body FROM events")]
        pins = dict(conn.execute("SELECT staff, pin_hash FROM staff_pins").fetchall())
    text = "\n".join(bodies)
    for pin in ("482915", "736204", "550917"):
        assert pin not in text and pin not in "".join(pins.values())
    added = [json.loads(b) for b in bodies if '"staff_added"' in b]
    assert [e["staff"] for e in added] == ["101", "201", "301"]
    assert all("pin_hash" not in e for e in added) and "$argon2" not in text
    assert sorted(pins) == ["101", "201", "301"]
    assert all(h.startswith("$argon2id$") for h in pins.values())


def test_accounts_are_projected_from_the_log(auth: StaffAuth, config: Config,
                                             store: SQLiteStore, clock: ManualClock) -> None:
    other = StaffAuth(config, store, clock, hasher=FAST)  # e.g. another process
    assert [a.id for a in other.accounts()] == ["101", "201", "301"]
    assert other.account("101") is not None and other.account("101").counters == (2,)  # type: ignore[union-attr]
    with pytest.raises(CommandRefused) as exc:
        other.add("cli", "101", "Someone", "staff", "123456")
    assert exc.value.code == "duplicate_staff"


@pytest.mark.parametrize("pin", ["98", "abcd12", "1111", "1234567890123"])
def test_bad_pins_are_refused_without_echoing_them(auth: StaffAuth, pin: str) -> None:
    with pytest.raises(CommandRefused) as exc:
        auth.add("cli", "102", "X", "staff", pin)
    assert exc.value.code in ("bad_pin", "weak_pin")
    assert pin not in exc.value.message


def test_sign_in_gives_a_session_with_the_role(auth: StaffAuth) -> None:
    s = auth.sign_in("201", "736204", "kiosk-1")
    assert s.role is Role.SUPERVISOR and s.name == "Trần Thị Bình"
    with pytest.raises(CommandRefused) as exc:
        auth.sign_in("201", "000123", "kiosk-1")
    assert exc.value.code == "wrong_pin"
    with pytest.raises(CommandRefused) as exc:
        auth.sign_in("999", "736204", "kiosk-1")
    assert exc.value.code == "wrong_pin"  # same answer for unknown numbers


def test_roles_are_enforced_on_every_action(auth: StaffAuth) -> None:
    staff = auth.sign_in("101", "482915", "kiosk-1")
    sup = auth.sign_in("201", "736204", "kiosk-1")
    tech = auth.sign_in("301", "550917", "kiosk-1")
    for action, act in ACTIONS.items():
        for session in (staff, sup, tech):
            if session.role in act.roles:
                auth.require(session, action)
            else:
                with pytest.raises(CommandRefused) as exc:
                    auth.require(session, action)
                assert exc.value.code == "not_allowed"
    # the example: a staff PIN cannot switch the AI off; a supervisor can
    assert not allowed("staff", "ai_switch") and allowed("supervisor", "ai_switch")
    assert not allowed("supervisor", "no_such_action")


def test_staff_serve_only_at_their_own_counter(auth: StaffAuth) -> None:
    s = auth.sign_in("101", "482915", "counter-2")
    auth.require(s, "call_next", counter=2)
    with pytest.raises(CommandRefused) as exc:
        auth.require(s, "call_next", counter=3)
    assert exc.value.code == "not_your_counter"


def test_five_wrong_pins_lock_the_account_and_the_pad(auth: StaffAuth,
                                                      clock: ManualClock) -> None:
    for _ in range(5):
        with pytest.raises(CommandRefused) as exc:
            auth.sign_in("101", "999999", "kiosk-1")
        assert exc.value.code == "wrong_pin"
    # even the right PIN is refused now, at this pad and at another
    with pytest.raises(CommandRefused) as exc:
        auth.sign_in("101", "482915", "kiosk-1")
    assert exc.value.code == "locked"
    with pytest.raises(CommandRefused) as exc:
        auth.sign_in("101", "482915", "kiosk-2")
    assert exc.value.code == "locked"
    # the pad is locked for everyone
    with pytest.raises(CommandRefused) as exc:
        auth.sign_in("201", "736204", "kiosk-1")
    assert exc.value.code == "locked"
    assert auth.locked_until(pad="kiosk-1") is not None
    # other accounts can still sign in at other pads
    assert auth.sign_in("201", "736204", "kiosk-2").role is Role.SUPERVISOR
    # five minutes later it opens by itself
    clock.advance(299)
    assert auth.locked_until(staff="101") is not None
    clock.advance(2)
    assert auth.locked_until(staff="101") is None
    assert auth.sign_in("101", "482915", "kiosk-1").staff == "101"


def test_guessing_across_accounts_locks_the_pad(auth: StaffAuth) -> None:
    for sid in ("101", "201", "301", "401", "501"):
        with pytest.raises(CommandRefused):
            auth.sign_in(sid, "999999", "kiosk-1")
    assert auth.locked_until(pad="kiosk-1") is not None
    assert auth.locked_until(staff="101") is None  # one failure each


def test_failures_a_day_apart_do_not_add_up(auth: StaffAuth, clock: ManualClock) -> None:
    for _ in range(4):
        with pytest.raises(CommandRefused):
            auth.sign_in("101", "999999", "kiosk-1")
        clock.advance(6 * 3600 + 1)
    with pytest.raises(CommandRefused) as exc:
        auth.sign_in("101", "999999", "kiosk-1")
    assert exc.value.code == "wrong_pin"
    assert auth.locked_until(staff="101") is None


def test_a_good_sign_in_clears_the_count(auth: StaffAuth) -> None:
    for _ in range(4):
        with pytest.raises(CommandRefused):
            auth.sign_in("101", "999999", "kiosk-1")
    auth.sign_in("101", "482915", "kiosk-1")
    for _ in range(4):
        with pytest.raises(CommandRefused):
            auth.sign_in("101", "999999", "kiosk-1")
    assert auth.locked_until(staff="101") is None


def test_lockout_survives_a_restart_and_a_supervisor_unlocks(
    auth: StaffAuth, config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    for _ in range(5):
        with pytest.raises(CommandRefused):
            auth.sign_in("101", "999999", "kiosk-1")
    fresh = StaffAuth(config, store, clock, hasher=FAST)
    assert fresh.locked_until(staff="101") is not None
    fresh.unlock("201", staff="101", pad="kiosk-1", actor_role="supervisor", reason="forgot PIN")
    assert auth.sign_in("101", "482915", "kiosk-1").staff == "101"


def test_reset_pin_replaces_the_old_one_and_lifts_the_lock(auth: StaffAuth) -> None:
    for _ in range(5):
        with pytest.raises(CommandRefused):
            auth.sign_in("101", "999999", "kiosk-9")
    auth.reset_pin("201", "101", "271828", actor_role="supervisor")
    with pytest.raises(CommandRefused):
        auth.sign_in("101", "482915", "kiosk-1")
    assert auth.sign_in("101", "271828", "kiosk-1").staff == "101"


def test_disabled_account_cannot_sign_in(auth: StaffAuth) -> None:
    auth.set_enabled("201", "101", False)
    with pytest.raises(CommandRefused) as exc:
        auth.sign_in("101", "482915", "kiosk-1")
    assert exc.value.code == "wrong_pin"  # told apart from a wrong PIN only on record
    auth.set_enabled("201", "101", True)
    assert auth.sign_in("101", "482915", "kiosk-1").staff == "101"


def test_session_ends_after_a_minute_without_a_touch(auth: StaffAuth, clock: ManualClock,
                                                    store: SQLiteStore) -> None:
    s = auth.sign_in("201", "736204", "kiosk-1")
    clock.advance(50)
    auth.require(s, "cancel")  # a touch keeps it alive
    clock.advance(50)
    assert auth.alive(s)
    clock.advance(11)
    assert not auth.alive(s)
    with pytest.raises(CommandRefused) as exc:
        auth.require(s, "cancel")
    assert exc.value.code == "session_expired"
    kinds = [e.kind for e in store.read_after(0)]
    assert kinds[-1] == "staff_signout"
    assert store.read_after(0)[-1]["why"] == "timeout"
