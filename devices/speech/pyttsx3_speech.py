"""Speech through pyttsx3 2.99 and espeak-ng's voices (Vietnamese by default).

pyttsx3 2.99's espeak driver has faults this driver steps around:

- several ``say()`` calls queued before one ``runAndWait()`` come out as one
  utterance (only the last text is kept), so each utterance gets its own
  ``runAndWait()``;
- a ``save_to_file`` target is never reset, so every later ``say()`` would
  overwrite that file instead of speaking; so we never use ``say()``: every
  utterance is rendered to a fresh WAV file with ``save_to_file``;
- its own playback shells out to ``aplay`` and swallows failures; we play
  the WAV ourselves with the configured player and check its exit status,
  so a missing sound card is reported, not silently lost.

espeak can be initialised once per process and its engine is not
thread-safe, so one worker thread owns it and runs one utterance at a time;
:meth:`Pyttsx3Speech.say` hands the text to that thread and waits.
"""

from __future__ import annotations

import contextlib
import io
import logging
import queue
import shutil
import subprocess
import tempfile
import threading
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.config import SpeechConfig
from app.ports import Speech, SpeechError, Voice

log = logging.getLogger(__name__)

#: seconds to wait for one utterance to be rendered and played
UTTERANCE_TIMEOUT_S = 60.0
#: how often one utterance is rendered before it counts as failed
RENDER_ATTEMPTS = 3


def _wav_problem(path: Path) -> str:
    """Why ``path`` is not a usable WAV ("" when it is)."""
    try:
        with wave.open(str(path), "rb") as w:
            return "" if w.getnframes() > 0 else "empty file"
    except (OSError, wave.Error, EOFError) as exc:
        return str(exc)


class _Job:
    def __init__(self, text: str, language: str, kind: str = "say") -> None:
        self.text, self.language, self.kind = text, language, kind
        self.done = threading.Event()
        self.error: SpeechError | None = None
        self.wav: Path | None = None


class Pyttsx3Speech(Speech):
    """espeak-ng through pyttsx3, one utterance at a time on one worker thread."""

    def __init__(
        self,
        rate: int = 150,
        volume: float = 1.0,
        player: Sequence[str] | None = ("aplay", "-q"),
        output_dir: Path | None = None,
        voice_ids: dict[str, str] | None = None,
    ) -> None:
        self.rate = rate
        self.volume = volume
        self.player = list(player) if player else None
        self.output_dir = output_dir
        self._voice_ids = dict(voice_ids or {})
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._engine: Any = None
        self._voices: list[Voice] = []
        self._tmp = Path(tempfile.mkdtemp(prefix="motcua-speech-"))
        self._count = 0
        #: utterances that had to be rendered again (see RENDER_ATTEMPTS)
        self.retries = 0
        self._start_lock = threading.Lock()

    @classmethod
    def from_config(cls, config: SpeechConfig, base_dir: Path) -> Pyttsx3Speech:
        out = None
        if config.output_dir:
            out = Path(config.output_dir)
            out = out if out.is_absolute() else base_dir / out
        return cls(rate=config.rate, volume=config.volume, output_dir=out)

    # ------------------------------------------------------------------ worker

    def _ensure_worker(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="pyttsx3", daemon=True)
                self._thread.start()

    def _submit(self, job: _Job) -> _Job:
        self._ensure_worker()
        self._jobs.put(job)
        if not job.done.wait(UTTERANCE_TIMEOUT_S):
            raise SpeechError("The announcement could not be spoken.",
                              f"speech engine did not finish within {UTTERANCE_TIMEOUT_S} s")
        if job.error is not None:
            raise job.error
        return job

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                self._run(job)
            except SpeechError as exc:
                job.error = exc
            except Exception as exc:  # the engine's own errors are untyped
                job.error = SpeechError("The announcement could not be spoken.", repr(exc))
            finally:
                job.done.set()

    def _load(self) -> Any:
        if self._engine is None:
            try:
                import pyttsx3

                engine = pyttsx3.init("espeak")
            except Exception as exc:
                raise SpeechError(
                    "The speech engine is not available.",
                    f"pyttsx3/espeak-ng failed to start: {exc!r} "
                    "(is the espeak-ng package installed?)",
                ) from exc
            self._voices = [
                Voice(str(v.id), str(v.name), tuple(str(x) for x in (v.languages or ())))
                for v in engine.getProperty("voices")
            ]
            engine.setProperty("rate", self.rate)
            engine.setProperty("volume", self.volume)
            self._engine = engine
        return self._engine

    def voice_for(self, language: str) -> str:
        """The espeak voice id for a language ("vi" -> Northern Vietnamese)."""
        if language in self._voice_ids:
            return self._voice_ids[language]
        if not self._voices and threading.current_thread() is not self._thread:
            self.voices()
        # espeak-ng names its main voice of a language ".../<code>" (gmw/en, aav/vi)
        exact = [v for v in self._voices if v.id.rsplit("/", 1)[-1] == language]
        exact += [v for v in self._voices if language in v.languages]
        if exact:
            return exact[0].id
        prefixed = [v for v in self._voices
                    if any(x.startswith(language + "-") for x in v.languages)]
        if prefixed:
            return prefixed[0].id
        raise SpeechError(
            "The announcement could not be spoken in this language.",
            f"no espeak-ng voice for language {language!r}",
        )

    def _next_path(self, stem: str) -> Path:
        self._count += 1
        folder = self.output_dir or self._tmp
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{stem}-{self._count:05d}.wav"

    def _run(self, job: _Job) -> None:
        if job.kind == "load":
            self._load()
            return
        if job.kind == "chime":
            path = self._next_path("chime")
            from devices.speech.simulated import SimulatedSpeech

            SimulatedSpeech(volume=self.volume).write_wav(path, "<chime>")
        else:
            engine = self._load()
            voice = self.voice_for(job.language)
            path = self._next_path("utterance")
            problem = ""
            # the driver now and then ends a run without having written the file
            # (mostly the first utterance of an engine): render again, up to twice
            for _attempt in range(RENDER_ATTEMPTS):
                engine.setProperty("voice", voice)
                # the driver prints "Audio saved to ..." for every file
                with contextlib.redirect_stdout(io.StringIO()):
                    engine.save_to_file(job.text, str(path))
                    engine.runAndWait()
                problem = _wav_problem(path)
                if not problem:
                    break
                self.retries += 1
                log.info("espeak-ng rendered no audio (%s); trying again", problem)
            if problem:
                raise SpeechError("The announcement could not be spoken.",
                                  f"espeak-ng wrote no audio for {job.text!r}: {problem}")
        job.wav = path
        try:
            self._play(path)
        finally:
            if self.output_dir is None:
                path.unlink(missing_ok=True)

    def _play(self, path: Path) -> None:
        if self.player is None:
            return
        if shutil.which(self.player[0]) is None:
            raise SpeechError("No sound output is available.",
                              f"the audio player {self.player[0]!r} is not installed")
        try:
            result = subprocess.run([*self.player, str(path)], capture_output=True, text=True,
                                    timeout=UTTERANCE_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise SpeechError("No sound output is available.",
                              f"{self.player[0]} did not finish: {exc}") from exc
        if result.returncode != 0:
            raise SpeechError("No sound output is available.",
                              f"{self.player[0]} exited {result.returncode}: "
                              f"{result.stderr.strip()[:300]}")

    # ------------------------------------------------------------------ Speech

    def voices(self) -> list[Voice]:
        if not self._voices:
            self._submit(_Job("", "", kind="load"))
        return list(self._voices)

    def say(self, text: str, language: str) -> None:
        if not text.strip():
            return
        self._submit(_Job(text, language))

    def render(self, text: str, language: str) -> Path | None:
        """Speak ``text`` and return the WAV it played (kept only with ``output_dir``)."""
        return self._submit(_Job(text, language)).wav

    def chime(self) -> None:
        self._submit(_Job("", "", kind="chime"))

    def close(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout=5)
            self._thread = None
        shutil.rmtree(self._tmp, ignore_errors=True)
