"""Guards the PySide6 pin in pyproject.toml: a Qt binding that leaks references to None/True/False
(PySide6 6.12.0 on Python 3.11) aborts the client after a few thousand signals."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class _Emitter(QObject):
    fired = Signal(int)


def test_signals_and_void_calls_keep_singleton_refcounts(qapp):
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)
    widget = QWidget()
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for i in range(500):
        emitter.fired.emit(i)
        widget.setEnabled(True)
        widget.update()
    after = [sys.getrefcount(x) for x in (None, True, False)]
    assert len(received) == 500
    # a few references may be taken by the interpreter meanwhile; a leak shows as -500 or worse
    assert all(a - b > -50 for a, b in zip(after, before)), (before, after)
