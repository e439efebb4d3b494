"""The staff panel's read model and the rows of a staff screen's list (no Qt)."""

from __future__ import annotations

from app import views
from app.clock import ManualClock
from app.service import HallService


def test_the_panel_lists_every_ticket_in_play_in_the_order_staff_look(
    hall: HallService, clock: ManualClock
) -> None:
    for n in (1, 2):
        hall.execute("open_counter", "101", counter=n)
    a = [hall.issue("A", "kiosk-1").number for _ in range(4)]  # A001..A004
    b = hall.issue("B", "kiosk-1").number  # B001
    hall.execute("call_next", "101", counter=1)  # A001 being served
    hall.execute("park", "101", number=a[1])  # A002 set aside
    hall.execute("transfer", "101", number=a[3], to_counter=2)  # A004 sent to counter 2
    hall.execute("cancel", "sup", number=a[2])  # A003 out of play
    clock.advance(7 * 60)
    assert views.panel_view(hall) == (a[0], a[3], b, a[1])
    rows = {r.number: r for r in views.queue_rows(hall, views.panel_view(hall))}
    assert (rows[a[0]].status, rows[a[0]].counter, rows[a[0]].ahead) == ("called", 1, -1)
    assert (rows[a[3]].counter, rows[a[3]].ahead) == (2, 0)
    assert rows[b].ahead == 0 and rows[b].waited_min == 7
    assert rows[a[1]].status == "parked"
    assert views.queue_rows(hall, ("Z999",)) == ()
