"""Staff work: PIN check with the shipped argon2 settings, an override, the audit chain, speech.

- sign-in: one StaffAuth.sign_in with argon2-cffi's default parameters (the
  time a PIN guesser pays per try, and what staff wait for after OK);
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


if __name__ == "__main__":
    main()
