"""Every list model the screens bind to keeps Qt's model contract (pytest-qt's model tester).

The kiosk's own models are checked in ``test_kiosk_parts.py``; this checks the
row model the board, the counter console and the staff panel use, through
growing, changing and shrinking, and the board's three lists with a real hall.
"""

from __future__ import annotations

from typing import Any

from app.clock import ManualClock
from app.config import Config
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.views import take_snapshot
from ui.staff_models import RowListModel


def test_row_model_contract_through_changes(qtmodeltester: Any) -> None:
    model = RowListModel(("number", "serving", "status"))
    qtmodeltester.check(model)
    model.set_rows([{"number": 1, "serving": "A001", "status": "open"},
                    {"number": 2, "serving": None, "status": "closed"}])
    qtmodeltester.check(model)
    model.set_rows([{"number": 1, "serving": "A002", "status": "open"},
                    {"number": 2, "serving": "B001", "status": "open"},
                    {"number": 3, "serving": None, "status": "paused"}])
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.data(model.index(1, 0), model.role("serving")) == "B001"
    model.set_rows([{"number": 9}])  # missing roles read as None
    qtmodeltester.check(model)
    assert model.rows() == [{"number": 9, "serving": None, "status": None}]
    model.set_rows([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_the_boards_models_keep_the_contract_with_a_moving_hall(
    qtmodeltester: Any, config: Config, store: SQLiteStore, clock: ManualClock
) -> None:
    from ui.board import BoardBackend

    hall = HallService(config, store, clock)
    board = BoardBackend(hall, rotate_seconds=0)
    try:
        for model in (board.counters, board.calls, board.services):
            qtmodeltester.check(model)
        hall.execute("open_counter", "staff-1", counter=1)
        for _ in range(3):
            hall.issue("A", "kiosk-1")
        hall.execute("call_next", "staff-1", counter=1)
        board._on_snapshot(take_snapshot(hall))
        for model in (board.counters, board.calls, board.services):
            qtmodeltester.check(model)
        assert board.calls.rowCount() == 1
    finally:
        board.shutdown()
