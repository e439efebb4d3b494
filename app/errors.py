"""The one channel for what a person is told.

A :class:`UserError` carries a short sentence for the person at the screen
(``message``) apart from the diagnostic for the log (``diagnostic``). The
screens show the message and what to do next; the log gets the diagnostic.
"""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """Something a person must be told, in one plain sentence."""

    def __init__(self, message: str, diagnostic: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.diagnostic = diagnostic or message


class CommandRefused(UserError):
    """A command is not allowed in the hall's current state; nothing changed.

    ``code`` is a stable machine-readable reason (``closed_counter``,
    ``daily_cap``, ...) that screens and tests can match on.
    """

    def __init__(
        self, code: str, message: str, diagnostic: str = "", params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message, diagnostic)
        self.code = code
        #: the values in the message, so a screen can say it in its own language
        self.params = params or {}


class StoreError(UserError):
    """The event store cannot be reached or used."""


class DiskFullError(StoreError):
    """The disk holding the store is full: nothing was saved. The message says what to do."""
