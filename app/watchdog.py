"""Talking to systemd: readiness, the watchdog heartbeat, and structured journal lines.

The kiosk's unit has ``Type=notify`` and ``WatchdogSec=``. The program says
``READY=1`` once its screen is up, ``STOPPING=1`` when it shuts down, and
``WATCHDOG=1`` at half the watchdog interval, from the screen thread only
(``ui/watchdog_bridge.py`` drives :meth:`Heartbeat.beat` from a timer on that
thread). A frozen screen thread therefore stops the heartbeat and systemd
restarts the kiosk; a busy worker thread does not.

The notification protocol is one datagram per message on the Unix socket
named by ``$NOTIFY_SOCKET`` (a leading ``@`` means the abstract namespace).
Outside systemd the variable is unset and every notification is a no-op.

:class:`JournalFormatter` writes one line per log record that journald
understands: a ``<N>`` syslog priority prefix, then ``key=value`` fields
(``event=startup``, ``event=device_fault device=printer state=paper_out``),
so ``journalctl -u motcua-kiosk -g event=device_fault`` finds every fault.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Mapping
from typing import Any, Protocol

log = logging.getLogger("motcua.watchdog")


class Notifier(Protocol):
    """Sends one service-manager notification such as ``READY=1``."""

    def notify(self, message: str) -> bool:
        """Send ``message``; True when it was delivered, False when there is no manager."""
        ...


class SystemdNotifier:
    """``sd_notify`` over ``$NOTIFY_SOCKET``; does nothing when the variable is unset."""

    def __init__(self, address: str | None = None) -> None:
        raw = address if address is not None else os.environ.get("NOTIFY_SOCKET", "")
        self.address: str | None = None
        if raw:
            # abstract namespace: systemd writes "@name", the kernel wants "\0name"
            self.address = "\0" + raw[1:] if raw.startswith("@") else raw
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def notify(self, message: str) -> bool:
        if self.address is None:
            return False
        with self._lock:
            try:
                if self._sock is None:
                    self._sock = socket.socket(
                        socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC
                    )
                self._sock.sendto(message.encode("utf-8"), self.address)
            except OSError as exc:
                # the manager went away (e.g. during shutdown): never take the kiosk down for it
                log.debug("sd_notify %r failed: %s", message, exc)
                return False
        return True

    def close(self) -> None:
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None


def watchdog_interval(environ: Mapping[str, str] | None = None) -> float | None:
    """The watchdog timeout systemd set for this process, in seconds (None if off).

    ``WATCHDOG_PID``, when present, must be this process: a child started by
    the kiosk must not feed the kiosk's watchdog.
    """
    env = os.environ if environ is None else environ
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if pid and pid != str(os.getpid()):
        return None
    return int(usec) / 1_000_000


class Heartbeat:
    """The kiosk's life signs towards systemd.

    :meth:`beat` must be called from the screen thread by a timer (the
    bridge does this); nothing else calls it, so it stops exactly when that
    thread stops answering. ``interval`` is how often to beat: half of the
    watchdog timeout, as systemd recommends, or ``fallback_interval`` when
    the watchdog is off (beats are then harmless no-ops).
    """

    def __init__(
        self,
        notifier: Notifier | None = None,
        timeout: float | None = None,
        fallback_interval: float = 5.0,
    ) -> None:
        self.notifier: Notifier = notifier if notifier is not None else SystemdNotifier()
        self.timeout = timeout if timeout is not None else watchdog_interval()
        self.interval = self.timeout / 2 if self.timeout else fallback_interval
        self.beats = 0
        self.is_ready = False
        self.is_stopping = False

    @property
    def interval_ms(self) -> int:
        return max(1, int(self.interval * 1000))

    def ready(self, status: str = "kiosk screen up") -> None:
        """Tell systemd start-up is complete (once)."""
        if self.is_ready:
            return
        self.is_ready = True
        self.notifier.notify(f"READY=1\nSTATUS={status}\nMAINPID={os.getpid()}")
        log_event(log, "ready", "the kiosk is up", status=status)

    def beat(self) -> None:
        """One heartbeat; call only from the screen thread's timer."""
        if self.is_stopping:
            return
        self.beats += 1
        self.notifier.notify("WATCHDOG=1")

    def status(self, text: str) -> None:
        """A one-line status shown by ``systemctl status``."""
        self.notifier.notify(f"STATUS={text}")

    def stopping(self, reason: str = "shutdown") -> None:
        """Tell systemd the kiosk is shutting down on purpose (once); beats stop."""
        if self.is_stopping:
            return
        self.is_stopping = True
        self.notifier.notify(f"STOPPING=1\nSTATUS=stopping: {reason}")
        log_event(log, "shutdown", "the kiosk is shutting down", reason=reason)


# --------------------------------------------------------------------------- journal lines

#: logging levels to syslog priorities, which journald reads from a "<N>" prefix
_PRIORITY = {
    logging.CRITICAL: 2,
    logging.ERROR: 3,
    logging.WARNING: 4,
    logging.INFO: 6,
    logging.DEBUG: 7,
}


def _priority(levelno: int) -> int:
    for level, prio in _PRIORITY.items():
        if levelno >= level:
            return prio
    return 7


def _quote(value: Any) -> str:
    text = str(value).replace("\n", " ")
    if text and not any(c in text for c in ' "=\\'):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def log_event(
    logger: logging.Logger,
    event: str,
    message: str,
    level: int = logging.INFO,
    **fields: Any,
) -> None:
    """Log one structured record: ``event=<event>`` plus ``fields`` as ``key=value``."""
    logger.log(level, message, extra={"motcua_event": event, "motcua_fields": fields})


def device_fault(
    logger: logging.Logger, device: str, state: str, message: str, **fields: Any
) -> None:
    """Record a device fault as one structured journal line (WARNING priority)."""
    log_event(
        logger, "device_fault", message, logging.WARNING, device=device, state=state, **fields
    )


class JournalFormatter(logging.Formatter):
    """One line per record for journald: ``<prio>logger: event=... key=value msg="..."``.

    Records logged through :func:`log_event` carry their fields; a warning or
    error from a ``devices.*`` logger is an ``event=device_fault`` with its
    ``device``; any other record gets ``event=log``. A traceback is folded onto the same line so
    one record stays one journal entry.
    """

    def format(self, record: logging.LogRecord) -> str:
        event = getattr(record, "motcua_event", None)
        fields: Mapping[str, Any] = getattr(record, "motcua_fields", {}) or {}
        if event is None:
            event = "log"
            # a driver's warning is a device fault even when its author did not say so
            parts_of_name = record.name.split(".")
            if parts_of_name[0] == "devices" and record.levelno >= logging.WARNING:
                event = "device_fault"
                if len(parts_of_name) > 1:
                    fields = {"device": parts_of_name[1]}
        parts = [f"event={_quote(event)}", f"level={record.levelname.lower()}"]
        parts += [f"{k}={_quote(v)}" for k, v in fields.items()]
        parts.append(f"msg={_quote(record.getMessage())}")
        if record.exc_info:
            parts.append(f"exc={_quote(self.formatException(record.exc_info))}")
        return f"<{_priority(record.levelno)}>{record.name}: " + " ".join(parts)


def under_journal(environ: Mapping[str, str] | None = None) -> bool:
    """True when stderr goes to journald (systemd sets ``$JOURNAL_STREAM`` then)."""
    env = os.environ if environ is None else environ
    return bool(env.get("JOURNAL_STREAM"))


def install_journal_logging(
    root: logging.Logger | None = None, environ: Mapping[str, str] | None = None
) -> bool:
    """Switch the root logger's handlers to :class:`JournalFormatter` when under journald."""
    if not under_journal(environ):
        return False
    target = root or logging.getLogger()
    if not target.handlers:
        target.addHandler(logging.StreamHandler())
    for handler in target.handlers:
        handler.setFormatter(JournalFormatter())
    return True
