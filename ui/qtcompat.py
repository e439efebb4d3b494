"""Work-arounds for bugs in the Qt binding, each with a probe so it retires itself.

PySide6 6.12.0's ``SignalInstance.emit`` returns ``True`` without taking a
reference to it. Every discarded result then takes one reference from the
interpreter's ``True`` (not immortal before Python 3.12): after a few
thousand emits the process aborts with "bool_dealloc: deallocating True or
False". :func:`emit` gives the reference back when (and only when) the probe
at import shows the binding still loses it. Emit through it in long-running
code: ``emit(self.changed)`` rather than ``self.changed.emit()``.

On a binding without the bug (6.11.3, the pinned one) every helper here is a
plain call plus one flag test; ``ctypes`` is not even imported.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


def _incref(obj: object) -> None:
    import ctypes

    ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


class _Probe(QObject):
    fired = Signal()


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    lost = sys.getrefcount(True) < before
    if lost:  # give back what the probe itself took
        for _ in range(8):
            _incref(True)
    return lost


EMIT_LOSES_REFERENCE = _emit_loses_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, without the reference leak of PySide6 6.12.0."""
    result = signal.emit(*args)
    if EMIT_LOSES_REFERENCE and isinstance(result, bool):
        _incref(result)


def _void_loses_a_reference() -> bool:
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is None:
        return False
    before = sys.getrefcount(None)
    QCoreApplication.processEvents()
    lost = sys.getrefcount(None) < before
    if lost:
        _incref(None)
    return lost


def process_events() -> None:
    """``QCoreApplication.processEvents()`` for tight loops (tests, benchmarks).

    PySide6 6.12.0 also returns ``None`` from void calls without a reference;
    a loop of thousands of calls would free ``None`` itself.
    """
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    give_back_none(1)


_void_checked: list[bool] = []


def give_back_none(count: int) -> None:
    """Return ``count`` references to ``None`` taken by void calls of the buggy binding."""
    if not _void_checked:
        _void_checked.append(_void_loses_a_reference())
    if _void_checked[0]:
        for _ in range(count):
            _incref(None)
