"""The one table of staff actions, and counters checked in the core, whoever calls it."""

from __future__ import annotations

import pytest

from app import actions, commands
from app.actions import ACTIONS, HALL_COMMANDS, Kind, Role, Scope, resolve
from app.clock import ManualClock
from app.config import Config
from app.errors import CommandRefused
from app.hall import TicketStatus
from app.overrides import Overrides
from app.service import HallService
from app.staff import StaffAuth
from app.store.sqlite import SQLiteStore
from tests.helpers.staff import FAST_HASHER, signed_in


@pytest.fixture
def auth(config: Config, store: SQLiteStore, clock: ManualClock) -> StaffAuth:
    a = StaffAuth(config, store, clock, hasher=FAST_HASHER)
    a.add("cli", "102", "An", "staff", "482915", counters=[2])
    a.add("cli", "101", "Dũng", "staff", "613728", counters=[1])
    a.add("cli", "201", "Bình", "supervisor", "736204")
    return a


@pytest.fixture
def ov(hall: HallService, auth: StaffAuth) -> Overrides:
    for n in (1, 2):
        hall.execute("open_counter", "setup", counter=n)
    for _ in range(4):
        hall.issue("A", "kiosk-1")
    return Overrides(hall, auth)


def test_every_hall_command_is_an_action_and_runs_through_the_table() -> None:
    own = set(commands.__all__) - {"issue"}  # a kiosk issues; no staff action does
    assert own == HALL_COMMANDS
    for name in HALL_COMMANDS:
        assert ACTIONS[name].command is getattr(commands, name)
        assert ACTIONS[name].title, name


def test_routine_work_asks_no_reason_and_overrides_do() -> None:
    routine = {a.name for a in ACTIONS.values() if a.routine}
    assert routine == {"call_next", "recall", "complete", "no_show", "open_counter",
                       "pause_counter", "resume_counter", "close_counter"}
    for a in ACTIONS.values():
        if a.kind in (Kind.HALL, Kind.ESTIMATES, Kind.PRINT):
            assert a.reason is not a.routine, a.name


def test_moving_to_the_front_is_its_own_supervisor_action() -> None:
    assert resolve("transfer", {"front": True}).name == "transfer_front"
    assert resolve("transfer", {"front": False}).name == "transfer"
    assert resolve("transfer_front", {}).roles == frozenset({Role.SUPERVISOR})
    with pytest.raises(CommandRefused) as exc:
        resolve("fly_away", {})
    assert exc.value.code == "unknown_action" and "fly_away" in exc.value.message


def test_the_hall_service_runs_only_the_tables_commands(hall: HallService) -> None:
    for name in ("issue", "transfer_front", "ai_switch", "__class__", "report"):
        with pytest.raises(CommandRefused) as exc:
            hall.execute(name, "s", counter=1)
        assert exc.value.code == "unknown_command", name


def test_wrong_arguments_are_a_refusal_that_names_the_action(hall: HallService) -> None:
    with pytest.raises(CommandRefused) as exc:
        hall.execute("open_counter", "s", counter=1, colour="red")
    assert exc.value.code == "bad_arguments"
    assert "open_counter" in exc.value.message and "colour" in exc.value.message
    with pytest.raises(CommandRefused) as exc:
        hall.execute("call_next", "s")
    assert exc.value.code == "bad_arguments" and "counter" in exc.value.message


def test_staff_of_counter_2_cannot_work_at_counter_1_through_the_core(
    ov: Overrides, auth: StaffAuth, hall: HallService, store: SQLiteStore
) -> None:
    one = signed_in(auth, "101", "613728", "counter-1")
    two = signed_in(auth, "102", "482915", "counter-2")
    ov.perform(one, "call_next", counter=1)  # A001 at counter 1
    head = store.head()
    attempts = [
        ("call_next", {"counter": 1}, None),
        ("call_ticket", {"counter": 1, "number": "A003"}, "citizen_request"),
        ("pause_counter", {"counter": 1}, None),
        # no counter given: the ticket's own counter is the one that counts
        ("complete", {"number": "A001"}, None),
        ("recall", {"number": "A001"}, None),
        ("no_show", {"number": "A001"}, None),
        ("transfer", {"number": "A001", "to_service": "B"}, "wrong_service"),
        ("park", {"number": "A001"}, "citizen_request"),
    ]
    for action, kwargs, reason in attempts:
        for call in (ov.preview, ov.perform):
            with pytest.raises(CommandRefused) as exc:
                if call == ov.preview:
                    ov.preview(two, action, **kwargs)
                else:
                    ov.perform(two, action, reason, **kwargs)
            assert exc.value.code == "not_your_counter", action
            assert exc.value.message == (
                "You serve at counter 2, not 1: ask a supervisor or the staff of counter 1.")
            assert exc.value.params["counter"] == 1
    assert store.head() == head  # nothing was written
    assert hall.state.tickets["A001"].status is TicketStatus.CALLED
    # at their own counter they may, and a supervisor anywhere
    ov.perform(two, "call_next", counter=2)
    sup = signed_in(auth, "201", "736204")
    ov.perform(sup, "complete", number="A001")
    assert hall.state.tickets["A001"].status is TicketStatus.COMPLETED


def test_the_counter_is_checked_on_the_state_inside_the_transaction(
    ov: Overrides, auth: StaffAuth, hall: HallService, config: Config, store: SQLiteStore,
    clock: ManualClock,
) -> None:
    two = signed_in(auth, "102", "482915", "counter-2")
    ov.perform(two, "call_next", counter=2)  # A001 at counter 2
    # another process moves A001 to counter 1 behind this one's back
    other = HallService(config, store, clock)
    other.execute("park", "sup", number="A001")
    other.execute("unpark", "sup", number="A001")
    other.execute("call_ticket", "101", counter=1, number="A001")
    assert hall.state.tickets["A001"].counter == 2  # this process has not looked yet
    with pytest.raises(CommandRefused) as exc:
        ov.perform(two, "complete", number="A001")
    assert exc.value.code == "not_your_counter"


def test_untied_actions_and_accounts_without_counters_are_not_limited(
    ov: Overrides, auth: StaffAuth, hall: HallService
) -> None:
    assert ACTIONS["set_priority"].scope is Scope.NONE
    auth.add("cli", "109", "Hà", "staff", "918273")  # no counters on the account
    anywhere = signed_in(auth, "109", "918273")
    ov.perform(anywhere, "call_next", counter=1)
    two = signed_in(auth, "102", "482915", "counter-2")
    ov.perform(two, "set_priority", "priority_confirmed", number="A004", priority=True,
               category="elderly")
    assert hall.state.tickets["A004"].priority


def test_the_estimate_controls_run_from_the_table(ov: Overrides, auth: StaffAuth) -> None:
    sup = signed_in(auth, "201", "736204")
    [e] = ov.perform(sup, "estimate_correction", "estimate_wrong", service="A", minutes=5)
    assert (e.kind, e["minutes"], e["role"]) == ("estimate_correction", 5.0, "supervisor")
    with pytest.raises(CommandRefused) as exc:
        ov.perform(sup, "ai_switch", "estimate_wrong", enabled=False, volume=3)
    assert exc.value.code == "bad_arguments"


def test_every_action_is_described_once() -> None:
    assert actions.allowed("supervisor", "ai_switch") and not actions.allowed("staff", "ai_switch")
    assert not actions.allowed("nobody", "call_next")
    for a in ACTIONS.values():
        assert (a.command is not None) == (a.kind in (Kind.HALL, Kind.ESTIMATES))


def test_the_families_of_kinds_are_what_the_commands_write(hall: HallService) -> None:
    from app.events import COUNTER_KINDS, SPECS, TICKET_LIFECYCLE

    assert set(SPECS) >= TICKET_LIFECYCLE | COUNTER_KINDS
    for _ in range(3):
        hall.issue("A", "kiosk-1")
    run = [
        ("open_counter", {"counter": 1}), ("call_next", {"counter": 1}),
        ("recall", {"number": "A001"}), ("no_show", {"number": "A001"}),
        ("call_ticket", {"counter": 1, "number": "A003"}), ("complete", {"number": "A003"}),
        ("set_priority", {"number": "A002", "priority": True, "category": "elderly"}),
        ("park", {"number": "A002"}), ("unpark", {"number": "A002"}),
        ("transfer", {"number": "A002", "to_service": "B"}), ("cancel", {"number": "A002"}),
        ("pause_counter", {"counter": 1}), ("resume_counter", {"counter": 1}),
        ("set_counter_services", {"counter": 1, "services": ["A", "B"]}),
        ("close_counter", {"counter": 1}),
    ]
    assert {name for name, _ in run} == HALL_COMMANDS
    written = {e.kind for name, kwargs in run for e in hall.execute(name, "s", **kwargs)}
    assert written == TICKET_LIFECYCLE | COUNTER_KINDS


def test_moving_to_the_front_by_its_own_name_moves_to_the_front(
    ov: Overrides, auth: StaffAuth, hall: HallService
) -> None:
    sup = signed_in(auth, "201", "736204")
    [e] = ov.perform(sup, "transfer_front", "citizen_request", number="A004", to_service="A")
    assert e["front"] is True and hall.state.call_order("A")[0].number == "A004"
    with pytest.raises(CommandRefused) as exc:
        ov.perform(sup, "ai_switch", "estimate_wrong", enabled=False, role="staff")
    assert exc.value.code == "bad_arguments" and "role" in exc.value.message
