"""The simulated speech engine: records what it would have said.

It behaves like the real engine where the rest of the product can tell:
``say`` blocks for as long as the sentence would take when
``realtime`` is set, voices are listed per language, and it can be told to
fail (``fail_next`` / ``broken``) the way a missing espeak-ng or sound card
fails. :meth:`write_wav` renders a WAV file of the right length (a soft tone
per word, a two-note chime), so the audio path can be checked without a
voice installed.
"""

from __future__ import annotations

import math
import struct
import threading
import time
import wave
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.config import SpeechConfig
from app.ports import Speech, SpeechError, Voice

RATE_HZ = 16000


@dataclass(frozen=True)
class Utterance:
    """One thing the engine said (or the chime, with ``text == "<chime>"``)."""

    text: str
    language: str
    at: datetime


class SimulatedSpeech(Speech):
    """Speech that records instead of speaking."""

    def __init__(self, rate: int = 150, volume: float = 1.0, output_dir: Path | None = None,
                 realtime: bool = False) -> None:
        self.rate = rate
        self.volume = volume
        self.output_dir = output_dir
        self.realtime = realtime
        self.spoken: list[Utterance] = []
        self.broken = False
        self._fail_next = 0
        self._lock = threading.Lock()
        self._busy = False
        self.overlaps = 0  # how often say() was entered while already speaking

    @classmethod
    def from_config(cls, config: SpeechConfig, base_dir: Path) -> SimulatedSpeech:
        out = None
        if config.output_dir:
            out = Path(config.output_dir)
            out = out if out.is_absolute() else base_dir / out
        return cls(rate=config.rate, volume=config.volume, output_dir=out)

    # ------------------------------------------------------------------ faults

    def fail_next(self, n: int = 1) -> None:
        """Make the next ``n`` utterances fail like a dead engine."""
        self._fail_next = n

    # ------------------------------------------------------------------ Speech

    def voices(self) -> list[Voice]:
        return [
            Voice("sim/vi", "Simulated Vietnamese", ("vi",)),
            Voice("sim/en", "Simulated English", ("en",)),
        ]

    def seconds_for(self, text: str) -> float:
        words = max(1, len(text.replace(",", " ").split()))
        return words * 60.0 / self.rate

    def say(self, text: str, language: str) -> None:
        self._utter(text, language)

    def chime(self) -> None:
        self._utter("<chime>", "")

    def _utter(self, text: str, language: str) -> None:
        with self._lock:
            if self._busy:
                self.overlaps += 1
            self._busy = True
            if self.broken or self._fail_next > 0:
                self._fail_next = max(0, self._fail_next - 1)
                self._busy = False
                raise SpeechError("The announcement could not be spoken.",
                                  "simulated speech: engine failure injected")
        try:
            if self.realtime:
                time.sleep(self.seconds_for(text) if text != "<chime>" else 0.6)
            u = Utterance(text, language, datetime.now(UTC))
            with self._lock:
                self.spoken.append(u)
                index = len(self.spoken)
            if self.output_dir is not None:
                self.output_dir.mkdir(parents=True, exist_ok=True)
                self.write_wav(self.output_dir / f"utterance-{index:04d}.wav", text)
        finally:
            with self._lock:
                self._busy = False

    @property
    def texts(self) -> list[str]:
        """What was said, without the chimes."""
        with self._lock:
            return [u.text for u in self.spoken if u.text != "<chime>"]

    # ------------------------------------------------------------------ audio

    def write_wav(self, path: Path, text: str) -> Path:
        """A WAV of ``text``'s length: one soft tone per word, or the chime."""
        frames = bytearray()
        amp = int(12000 * self.volume)

        def tone(freq: float, seconds: float) -> None:
            n = int(RATE_HZ * seconds)
            for i in range(n):
                # fade in and out to avoid clicks
                env = min(1.0, i / 200, (n - i) / 200)
                sample = amp * env * math.sin(2 * math.pi * freq * i / RATE_HZ)
                frames.extend(struct.pack("<h", int(sample)))

        def silence(seconds: float) -> None:
            frames.extend(b"\0\0" * int(RATE_HZ * seconds))

        if text == "<chime>":
            tone(880.0, 0.25)
            tone(660.0, 0.35)
        else:
            per_word = 60.0 / self.rate
            for word in text.replace(",", " ").split():
                tone(220.0 + 20 * (len(word) % 5), per_word * 0.8)
                silence(per_word * 0.2)
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE_HZ)
            w.writeframes(bytes(frames))
        return path
