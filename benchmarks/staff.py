"""Staff work: PIN check with the shipped argon2 settings, an override, the audit chain, speech.

- sign-in: one StaffAuth.sign_in with argon2-cffi's default parameters (the
  time a PIN guesser pays per try, and what staff wait for after OK); the
  PIN is checked inside the write transaction, so this is also how long one
  sign-in holds the store's write lock;
- pads: 8 PIN pads (threads, each with its own connection) guessing 3 wrong
  PINs of one account at once: how many were checked before the lock, and
  the slowest ticket issued meanwhile (it waits for the sign-ins' lock);
- override: one Overrides.perform (role check, preview of before/after,
  durable append with fsync) of a transfer;
- verify: `audit verify` over the log this benchmark wrote (about 2000 events);
- espeak: time to render one Vietnamese call sentence with pyttsx3/espeak-ng
  (no playback), when espeak-ng is installed.

Prints `figure: value` lines only.
"""

from __future__ import annotations

import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.announce import call_sentences  # noqa: E402
from app.config import load_config, parse_config  # noqa: E402
from app.errors import CommandRefused  # noqa: E402
from app.overrides import Overrides  # noqa: E402
from app.service import HallService  # noqa: E402
from app.staff import StaffAuth  # noqa: E402
from app.store.sqlite import SQLiteStore  # noqa: E402

CONFIG = ROOT / "config" / "default.toml"


def main() -> None:
    logging.disable(logging.WARNING)
    data = load_config(CONFIG).model_dump(exclude={"base_dir"})
    for service in data["services"]:
        service["daily_cap"] = None
    cfg = parse_config(data)
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        hall = HallService(cfg, store)
        auth = StaffAuth(cfg, store)
        auth.add("bench", "201", "Supervisor", "supervisor", "736204")
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            session = auth.sign_in("201", "736204", "bench-pad")
            times.append(time.perf_counter() - t0)
        print(f"signin_ms_median: {statistics.median(times) * 1000:.0f}")

        hall.execute("open_counter", "bench", counter=1)
        for _ in range(900):
            hall.issue("A", "bench")
        ov = Overrides(hall, auth)
        times = []
        for i in range(1, 101):
            number = f"A{i:03d}"
            t0 = time.perf_counter()
            ov.perform(session, "transfer", "wrong_service", number=number, to_service="B")
            times.append(time.perf_counter() - t0)
        print(f"override_ms_median: {statistics.median(times) * 1000:.1f}")
        print(f"override_ms_max: {max(times) * 1000:.1f}")

        t0 = time.perf_counter()
        result = store.verify()
        elapsed = time.perf_counter() - t0
        print(f"verify_events: {result.checked}")
        print(f"verify_ms: {elapsed * 1000:.0f}")
        _pads(cfg, store, hall)
        store.close()

        if shutil.which("espeak-ng"):
            from devices.speech.pyttsx3_speech import Pyttsx3Speech

            speech = Pyttsx3Speech(player=None)
            lang, text = call_sentences(cfg.devices.speech, "A023", 5)[0]
            speech.say(text, lang)  # start the engine
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                speech.say(text, lang)
                times.append(time.perf_counter() - t0)
            speech.close()
            print(f"espeak_render_ms_median: {statistics.median(times) * 1000:.0f}")
            print(f"espeak_rerenders: {speech.retries}")


def _pads(cfg: object, store: SQLiteStore, hall: HallService) -> None:
    import threading

    auth = StaffAuth(cfg, store)  # type: ignore[arg-type]
    auth.add("bench", "777", "Guessed", "staff", "480151")
    codes: list[str] = []
    barrier = threading.Barrier(9)

    def guess(i: int) -> None:
        own = SQLiteStore(store.path)
        pad = StaffAuth(cfg, own)  # type: ignore[arg-type]
        barrier.wait()
        for _ in range(3):
            try:
                pad.sign_in("777", f"99000{i}", f"pad-{i}")
            except CommandRefused as exc:
                codes.append(exc.code)
        own.close()

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    barrier.wait()
    issue_times = []
    while any(t.is_alive() for t in threads):
        t0 = time.perf_counter()
        hall.issue("B", "bench")
        issue_times.append(time.perf_counter() - t0)
    for t in threads:
        t.join()
    print(f"pads_8_wrong_pins_checked: {codes.count('wrong_pin')}")
    print(f"pads_8_refused_locked: {codes.count('locked')}")
    print(f"issue_ms_max_during_8_pads: {max(issue_times) * 1000:.0f}")


if __name__ == "__main__":
    main()
