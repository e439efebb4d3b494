"""The speech drivers: the simulated twin, and pyttsx3 with espeak-ng one utterance at a time."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from app.config import SpeechConfig
from app.ports import SpeechError
from devices.factory import make_speech
from devices.speech.simulated import SimulatedSpeech


def test_factory_gives_the_simulated_twin(tmp_path: Path) -> None:
    s = make_speech(SpeechConfig(kind="simulated", output_dir="wav"), tmp_path)
    assert isinstance(s, SimulatedSpeech)
    s.say("Mời công dân", "vi")
    assert s.texts == ["Mời công dân"]
    assert (tmp_path / "wav" / "utterance-0001.wav").exists()
    assert make_speech(SpeechConfig(kind="none"), tmp_path) is None


def test_simulated_wav_has_the_length_of_the_sentence(tmp_path: Path) -> None:
    s = SimulatedSpeech(rate=120)
    p = s.write_wav(tmp_path / "x.wav", "một hai ba bốn")  # 4 words at 120 wpm = 2 s
    with wave.open(str(p)) as w:
        assert w.getnframes() / w.getframerate() == pytest.approx(2.0, abs=0.01)


def test_simulated_faults() -> None:
    s = SimulatedSpeech()
    s.fail_next(1)
    with pytest.raises(SpeechError):
        s.say("a", "vi")
    s.say("b", "vi")
    assert s.texts == ["b"]


needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="no espeak-ng")


@needs_espeak
def test_pyttsx3_speaks_every_utterance_separately(tmp_path: Path) -> None:
    from devices.speech.pyttsx3_speech import Pyttsx3Speech

    played: Path = tmp_path / "played.txt"
    # a "player" that records which files it was asked to play
    player = ["sh", "-c", f'echo "$0" >> {played}']
    speech = Pyttsx3Speech(player=player, output_dir=tmp_path / "wav")
    try:
        assert speech.voice_for("vi").endswith("/vi")
        texts = ["Mời công dân có số thứ tự A, không, hai, ba đến quầy số 5",
                 "Bê, không, một, năm", "Ticket number A, zero, two, three"]
        for i, text in enumerate(texts):
            speech.say(text, "en" if i == 2 else "vi")
        speech.chime()
        files = played.read_text().split()
        assert len(files) == 4 and len(set(files)) == 4  # one file per utterance, none reused
        for f in files:
            with wave.open(f) as w:
                assert w.getnframes() > 0
        # longer text, longer audio: each file holds its own sentence, not the last one
        lengths = []
        for f in files[:2]:
            with wave.open(f) as w:
                lengths.append(w.getnframes())
        assert lengths[0] > lengths[1]
    finally:
        speech.close()


@needs_espeak
def test_pyttsx3_reports_a_missing_player(tmp_path: Path) -> None:
    from devices.speech.pyttsx3_speech import Pyttsx3Speech

    speech = Pyttsx3Speech(player=["no-such-player-xyz"])
    try:
        with pytest.raises(SpeechError) as exc:
            speech.say("xin chào", "vi")
        assert "no-such-player-xyz" in exc.value.diagnostic
        with pytest.raises(SpeechError):
            speech.say("hello", "qq")  # no voice for that language
    finally:
        speech.close()
