"""What the person at a screen was told: every sentence a backend put up, in order.

A test can then say "exactly one message, and it is a refusal: you may only
serve at your own counter" rather than look at whatever the screen shows last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Told:
    """The sentences a backend showed (its ``message`` and ``messageOk`` on ``messageChanged``)."""

    backend: Any
    #: (sentence, ok) each time a non-empty message was shown
    said: list[tuple[str, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.backend.messageChanged.connect(self._on_message_changed)

    def _on_message_changed(self) -> None:
        text = str(self.backend.message)
        if text:
            self.said.append((text, bool(self.backend.messageOk)))

    @property
    def errors(self) -> list[str]:
        return [text for text, ok in self.said if not ok]

    def close(self) -> None:
        self.backend.messageChanged.disconnect(self._on_message_changed)


def told(backend: Any) -> Told:
    """Start listening to what ``backend`` tells the person at its screen."""
    return Told(backend)
