"""Logging with a ring buffer, Qt messages routed to a ``qt`` logger, a crash dialog from
``sys.excepthook`` (GUI thread only) and a ``faulthandler`` crash log reported at the next start."""

from __future__ import annotations

import collections
import faulthandler
import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")


class RingBuffer(logging.Handler):
    """The last ``capacity`` log records, attached to crash reports."""

    def __init__(self, capacity: int = 500) -> None:
        super().__init__()
        self.records: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(self.format(record))

    def text(self) -> str:
        return "\n".join(self.records)


ring = RingBuffer()
_fault_file = None


def setup_logging(log_dir: Path, level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if ring not in root.handlers:
        root.addHandler(ring)
    root.setLevel(min(root.level or level, level))
    log_dir.mkdir(parents=True, exist_ok=True)
    _install_faulthandler(log_dir / "crash.log")


def _install_faulthandler(path: Path) -> None:
    global _fault_file
    if path.exists() and path.stat().st_size:
        log.warning("the previous run crashed; its report:\n%s", path.read_text(errors="replace")[-4000:])
        path.replace(path.with_suffix(".previous.log"))
    _fault_file = open(path, "w")
    faulthandler.enable(_fault_file)


def _qt_message(mode: QtMsgType, context, message: str) -> None:
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    qt_log.log(level, message)


def install_qt_message_handler() -> None:
    qInstallMessageHandler(_qt_message)


class CrashDialog(QDialog):
    """An unexpected error: a plain message, what to do next, and the details behind "Copy details"."""

    def __init__(self, details: str, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(self.tr("Unexpected error"))
        lay = QVBoxLayout(self)
        self.message = QLabel(self.tr(
            "Something went wrong in eCabinet. Your data and pending changes are safe.\n"
            "You can keep working; if it happens again, copy the details and send them to your administrator."))
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        lay.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button = buttons.addButton(self.tr("Show details"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.on_copy)
        self.show_button.clicked.connect(lambda: self.text.setVisible(not self.text.isVisible()))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(520, 200)

    def on_copy(self) -> None:
        QApplication.clipboard().setText(self.details)


_dialogs: list[CrashDialog] = []


def excepthook(exc_type, exc, tb) -> None:
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error", exc_info=(exc_type, exc, tb))
    app = QCoreApplication.instance()
    if not isinstance(app, QApplication) or threading.current_thread() is not threading.main_thread():
        return
    dlg = CrashDialog(details + "\n--- recent log ---\n" + ring.text())
    _dialogs.append(dlg)
    dlg.finished.connect(lambda *_: _dialogs.remove(dlg) if dlg in _dialogs else None)
    dlg.show()


def install_excepthook() -> None:
    sys.excepthook = excepthook
