"""A one-line message strip for the live-meeting windows (refusals of the service, confirmations), and the
user-facing text of an exception: never a traceback."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from . import i18n


def error_text(exc: BaseException) -> str:
    """What to tell the user about ``exc``: a rule's message in their language, or a short generic line."""
    message = getattr(exc, "message", None)
    if callable(message):  # DomainError
        try:
            return message(i18n.current_language())
        except TypeError:
            return message()
    if isinstance(message, str) and message:  # SyncError
        return message
    from ecabinet_client.sync.api import OfflineError

    if isinstance(exc, OfflineError):
        return QCoreApplication.translate("Banner", "The service cannot be reached. Check the network and try again.")
    return QCoreApplication.translate("Banner", "Something went wrong: %1").replace("%1", type(exc).__name__)


class Banner(QWidget):
    """A message strip: red for a refusal, green for a confirmation; information hides itself after a while."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.label, 1)
        self.close_button = QToolButton()
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setMinimumSize(32, 32)
        self.close_button.clicked.connect(self.hide)
        lay.addWidget(self.close_button)
        self.error = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    @Slot(str, bool)
    def show_message(self, text: str, error: bool = False) -> None:
        self.error = error
        self.label.setText(text)
        colour = ("#fdecea", "#b71c1c") if error else ("#e8f5e9", "#1b5e20")
        self.setStyleSheet(f"#banner {{ background: {colour[0]}; border-radius: 6px; }}"
                           f" #bannerText {{ color: {colour[1]}; font-weight: bold; }}")
        self.show()
        self._timer.stop()
        if not error:
            self._timer.start(12_000)
