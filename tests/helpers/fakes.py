"""Fakes shaped like the real thing (built on the real API, so they cannot drift)."""

from __future__ import annotations

import threading
from typing import Any
from unittest import mock

from app.ports import PrinterState, Speech
from app.printing import PrintOutcome, PrintService


def printer(ok: bool = True, gate: threading.Event | None = None) -> mock.Mock:
    """A PrintService fake that prints, or runs out of paper; ``gate`` holds each print."""
    service = mock.Mock(spec=PrintService)

    def print_ticket(issued: Any, language: str) -> PrintOutcome:
        if gate is not None:
            gate.wait(5)
        state = PrinterState.READY if ok else PrinterState.PAPER_OUT
        return PrintOutcome(ok, state, "done" if ok else "The printer is out of paper.",
                            issued.number)

    service.print_ticket.side_effect = print_ticket
    return service


def speech() -> mock.Mock:
    """A speech device that says nothing and records every call."""
    return mock.Mock(spec=Speech)


class RecordingNotifier:
    """A service manager's notify socket that keeps every message (safe across threads)."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.lock = threading.Lock()

    def notify(self, message: str) -> bool:
        with self.lock:
            self.messages.append(message)
        return True

    def count(self, prefix: str = "WATCHDOG=1") -> int:
        with self.lock:
            return sum(m.startswith(prefix) for m in self.messages)
