"""Spoken calls: "Mời công dân có số thứ tự A, không, hai, ba đến quầy số 5".

Ticket numbers are read the way Vietnamese speakers read them at a counter:
the letter, then each digit on its own ("A023" -> "A, không, hai, ba";
"A010" -> "A, không, một, không"), never as a quantity (espeak would say
"hai mươi ba"). The sentence comes from ``devices.speech.call_template`` per
language, spoken ``repeat`` times in each of ``devices.speech.languages``,
after a chime.

:class:`Announcer` keeps a FIFO queue served by one worker thread, so calls
that arrive together are all announced, in order, none dropped or
overwritten, and the screen thread never waits on the speech engine. A
failing engine is reported through ``on_error`` (once per failure run) and
the queue keeps draining, so the display is never held up by it.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from app.config import SpeechConfig, pick
from app.ports import DeviceError, Speech

log = logging.getLogger(__name__)

DIGITS: dict[str, tuple[str, ...]] = {
    "vi": ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    "lo": ("ສູນ", "ໜຶ່ງ", "ສອງ", "ສາມ", "ສີ່", "ຫ້າ", "ຫົກ", "ເຈັດ", "ແປດ", "ເກົ້າ"),
}

#: how Vietnamese speakers name the letters (espeak reads a bare "B" oddly);
#: vowels are read as themselves
VI_LETTERS: dict[str, str] = {
    "B": "Bê", "C": "Xê", "D": "Dê", "F": "Ép", "G": "Giê", "H": "Hát", "J": "Gi", "K": "Ca",
    "L": "E-lờ", "M": "Em-mờ", "N": "En-nờ", "P": "Pê", "Q": "Quy", "R": "E-rờ", "S": "Ét-xì",
    "T": "Tê", "V": "Vê", "W": "Vê kép", "X": "Ích-xì", "Z": "Dét",
}


def read_number(ticket: str, language: str = "vi") -> str:
    """A ticket number as it is spoken: letter(s), then each digit on its own."""
    digits = DIGITS.get(language, DIGITS["en"])
    words: list[str] = []
    for ch in ticket.strip().upper():
        if ch.isdigit():
            words.append(digits[int(ch)])
        elif ch.isalpha():
            words.append(VI_LETTERS.get(ch, ch) if language == "vi" else ch)
    return ", ".join(words)


def call_sentences(config: SpeechConfig, ticket: str, counter: int) -> list[tuple[str, str]]:
    """The (language, sentence) pairs of one call, in speaking order, repeats included."""
    out: list[tuple[str, str]] = []
    for lang in config.languages:
        template = pick(config.call_template, lang)
        if lang not in config.call_template:
            # no template in this language: the Vietnamese one, read the Vietnamese way
            lang = "vi"
        text = template.format(number=read_number(ticket, lang), counter=counter)
        out.extend([(lang, text)] * config.repeat)
    return out


@runtime_checkable
class Chimes(Protocol):
    """A speech device that can also play the call chime."""

    def chime(self) -> None: ...


@dataclass(frozen=True)
class Announcement:
    """One call to announce."""

    ticket: str
    counter: int
    recall: bool = False


_STOP = object()


class Announcer:
    """Announces calls one after another on its own worker thread.

    ``on_spoken(announcement)`` runs after each call has been spoken;
    ``on_error(error)`` when the engine fails (then once more only after it
    has worked again). Both run on the worker thread.
    """

    def __init__(
        self,
        speech: Speech | None,
        config: SpeechConfig,
        on_error: Callable[[DeviceError], None] | None = None,
        on_spoken: Callable[[Announcement], None] | None = None,
    ) -> None:
        self.speech = speech
        self.config = config
        self.on_error = on_error
        self.on_spoken = on_spoken
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._failing = False
        self.spoken = 0
        self.failed = 0

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="announcer", daemon=True)
            self._thread.start()

    def announce(self, ticket: str, counter: int, recall: bool = False) -> None:
        """Queue a call; returns at once (safe from any thread)."""
        self._queue.put(Announcement(ticket, counter, recall))
        self.start()

    def say(self, text: str, language: str = "vi") -> None:
        """Queue a free sentence (the speech test)."""
        self._queue.put((language, text))
        self.start()

    def join(self) -> None:
        """Wait until everything queued so far has been spoken (or failed)."""
        self._queue.join()

    def stop(self) -> None:
        """Finish what is queued, then stop the worker."""
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join()
            self._thread = None

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                self._speak(item)
            finally:
                self._queue.task_done()

    def _speak(self, item: object) -> None:
        if self.speech is None:
            return
        try:
            if isinstance(item, Announcement):
                if self.config.chime and isinstance(self.speech, Chimes):
                    self.speech.chime()
                for lang, text in call_sentences(self.config, item.ticket, item.counter):
                    self.speech.say(text, lang)
            elif isinstance(item, tuple):
                lang, text = item
                self.speech.say(str(text), str(lang))
        except DeviceError as exc:
            self.failed += 1
            log.warning("speech failed: %s", exc.diagnostic)
            if not self._failing and self.on_error is not None:
                self.on_error(exc)
            self._failing = True
            return
        except Exception as exc:  # a broken engine must not stop the queue
            self.failed += 1
            log.exception("speech engine crashed")
            if not self._failing and self.on_error is not None:
                self.on_error(DeviceError("The speech engine failed.", repr(exc)))
            self._failing = True
            return
        self._failing = False
        self.spoken += 1
        if isinstance(item, Announcement) and self.on_spoken is not None:
            self.on_spoken(item)
