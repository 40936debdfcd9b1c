"""The main window: navigation between the week calendar (default) and the regulation's views, the
meeting page, the status bar, tray notifications and the settings dialog."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPixmap, QColor, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QProgressBar, QPushButton, QStackedWidget,
    QSystemTrayIcon, QWidget,
)

from ecabinet_client.domain.model import Role

from . import labels
from .calendar import WeekView
from .session import Session

if TYPE_CHECKING:
    from .meeting import MeetingPage

log = logging.getLogger(__name__)


@functools.cache
def app_icon() -> QIcon:
    """The application's icon (set on the application, so every window has it)."""
    pm = QPixmap(64, 64)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#c62828"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(4, 4, 56, 56, 12, 12)
    p.setPen(QColor("#ffd54f"))
    f = p.font()
    f.setPixelSize(34)
    f.setBold(True)
    p.setFont(f)
    p.drawText(pm.rect(), Qt.AlignmentFlag.AlignCenter, "e")
    p.end()
    return QIcon(pm)


class MainWindow(QMainWindow):
    """The signed-in window.

    Signals:
        sign_out_requested(bool): the user signs out (wipe or not).
        language_chosen(str)
        first_painted(): the window has been painted once (with what the store had): sync may start.
    """

    sign_out_requested = Signal(bool)
    language_chosen = Signal(str)
    first_painted = Signal()

    VIEWS = ("week", "upcoming", "ongoing", "awaiting", "finished", "register", "unit")

    def __init__(self, *, session: Session, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self._painted = False
        central = QWidget()
        h = QHBoxLayout(central)
        h.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(220)
        self.nav.setStyleSheet("#nav { border: none; background: palette(window); outline: 0; }"
                               "#nav::item { padding: 9px 12px; border-radius: 6px; margin: 2px 6px; }"
                               "#nav::item:selected { background: palette(highlight); color: palette(highlighted-text); }")
        h.addWidget(self.nav)
        self.stack = QStackedWidget()
        h.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.pages: dict[str, QWidget] = {}  # each view is made when first shown (see page())
        self._meeting_page: MeetingPage | None = None  # made when a meeting is first opened
        self.visible_views = [v for v in self.VIEWS if self._allowed(v)]
        for v in self.visible_views:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, v)
            self.nav.addItem(item)
        self.week = self.page("week")
        self.nav.currentRowChanged.connect(self.on_nav)
        self.nav.setCurrentRow(0)

        # status bar
        sb = self.statusBar()
        self.online_label = QLabel()
        self.sync_label = QLabel()
        self.pending_label = QLabel()
        self.download = QProgressBar()
        self.download.setMaximumWidth(160)
        self.download.setVisible(False)
        self.sync_button = QPushButton()
        self.sync_button.setFlat(True)
        self.sync_button.clicked.connect(session.sync_now)
        self.user_label = QLabel()
        sb.addWidget(self.online_label)
        sb.addWidget(self.sync_label)
        sb.addWidget(self.pending_label)
        sb.addWidget(self.download)
        sb.addPermanentWidget(self.user_label)
        sb.addPermanentWidget(self.sync_button)
        session.status_changed.connect(self.on_status)
        session.mutation_failed.connect(self.on_mutation_failed)
        session.notified.connect(self.on_notified)

        # actions and shortcuts
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(session.sync_now)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.on_settings)
        self.back_action = QAction(self)
        self.back_action.setShortcut(QKeySequence("Esc"))
        self.back_action.triggered.connect(self.on_back)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.on_find)
        self.view_actions = []
        for i, v in enumerate(self.visible_views):
            a = QAction(self)
            a.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            a.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
            self.view_actions.append(a)
        for a in (self.sync_action, self.settings_action, self.back_action, self.find_action, *self.view_actions):
            self.addAction(a)
        self.settings_button = QPushButton()
        self.settings_button.setFlat(True)
        self.settings_button.clicked.connect(self.on_settings)
        sb.addPermanentWidget(self.settings_button)

        # tray
        self.tray: QSystemTrayIcon | None = None
        self.notifications: list[tuple[str, str, str]] = []
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.activated.connect(lambda *_: (self.showNormal(), self.raise_(), self.activateWindow()))
            self.tray.show()
        self.reminder_timer = QTimer(self)
        self.reminder_timer.setInterval(60_000)
        self.reminder_timer.timeout.connect(session.on_reminder_tick)
        self.reminder_timer.start()
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(30_000)
        self.sync_timer.timeout.connect(session.sync_now)
        self.sync_timer.start()
        self.retranslate()
        self.on_status()
        self.resize(1200, 780)

    def showEvent(self, event) -> None:  # noqa: ANN001
        super().showEvent(event)
        if not self._painted and self.windowHandle() is not None:
            self.windowHandle().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001
        """The first expose of the window paints it (children included) before the event returns: announce
        ``first_painted`` right after."""
        if event.type() == QEvent.Type.Expose and obj is self.windowHandle() and obj.isExposed() and not self._painted:
            self._painted = True
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self.first_painted.emit)
        return super().eventFilter(obj, event)

    def _allowed(self, view: str) -> bool:
        s = self.session
        if view == "awaiting":
            return s.has_role(Role.APPROVER) or s.has_role(Role.REGISTRAR)
        if view == "register":
            return s.has_role(Role.REGISTRAR)
        if view == "unit":
            return s.has_role(Role.UNIT_REPRESENTATIVE)
        return True

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("eCabinet — paperless meeting room"))
        names = {"week": self.tr("Week calendar"), "upcoming": self.tr("Upcoming"), "ongoing": self.tr("Ongoing"),
                 "awaiting": self.tr("Awaiting approval"), "finished": self.tr("Finished"),
                 "register": self.tr("Register a meeting"), "unit": self.tr("Unit invitations")}
        for i in range(self.nav.count()):
            v = self.nav.item(i).data(Qt.ItemDataRole.UserRole)
            self.nav.item(i).setText(names[v])
            self.nav.item(i).setToolTip(f"Ctrl+{i + 1}")
        self.sync_button.setText(self.tr("⟳ Sync now"))
        self.sync_button.setToolTip(self.tr("Sync now (F5)"))
        self.settings_button.setText(self.tr("⚙ Settings"))
        self.settings_button.setToolTip(self.tr("Settings (Ctrl+,)"))
        u = self.session.user
        self.user_label.setText(f"{u.get('full_name', '')} · {', '.join(_role_names(u.get('roles') or []))}")
        if self.tray:
            self.tray.setToolTip(self.tr("eCabinet"))
        self.on_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- navigation -----------------------------------------------------------------------------------
    @Slot(int)
    def on_nav(self, row: int) -> None:
        if 0 <= row < len(self.visible_views):
            self.stack.setCurrentWidget(self.page(self.visible_views[row]))

    def page(self, view: str) -> QWidget:
        """The page of ``view``, made the first time it is asked for (the start builds only the calendar)."""
        if view not in self.pages:
            from .lists import MeetingList, RegisterPlaceholder, UnitInvitations  # the start shows the calendar

            if view == "week":
                page = WeekView(session=self.session)
            elif view == "register":
                page = RegisterPlaceholder()
            elif view == "unit":
                page = UnitInvitations(session=self.session)
            else:
                page = MeetingList(session=self.session, view=view)
            if hasattr(page, "meeting_activated"):
                page.meeting_activated.connect(self.open_meeting)
            self.stack.addWidget(page)
            self.pages[view] = page
        return self.pages[view]

    @property
    def meeting_page(self) -> MeetingPage:
        if self._meeting_page is None:
            from .meeting import MeetingPage

            self._meeting_page = MeetingPage(session=self.session, settings=self.settings)
            self.stack.addWidget(self._meeting_page)
            self._meeting_page.back_requested.connect(self.on_back)
        return self._meeting_page

    @Slot(str)
    def open_meeting(self, meeting_id: str) -> None:
        self.stack.setCurrentWidget(self.meeting_page)
        self.meeting_page.show_meeting(meeting_id)

    @Slot()
    def on_back(self) -> None:
        if self._meeting_page is not None and self.stack.currentWidget() is self._meeting_page:
            self.on_nav(self.nav.currentRow())

    @Slot()
    def on_find(self) -> None:
        from .lists import MeetingList

        page = self.stack.currentWidget()
        if isinstance(page, MeetingList):
            page.search.setFocus()

    def current_view(self) -> str:
        page = self.stack.currentWidget()
        return next((k for k, v in self.pages.items() if v is page), "meeting")

    # --- status and notifications --------------------------------------------------------------------
    @Slot()
    def on_status(self) -> None:
        s = self.session
        colour, text = ("#2e7d32", self.tr("Online")) if s.online else ("#c62828", self.tr("Offline"))
        self.online_label.setText(f'<span style="color:{colour}">●</span> {text}')
        last = s.last_sync
        self.sync_label.setText(self.tr("Last sync: %1").replace("%1", last.astimezone().strftime("%H:%M:%S")) if last
                                else self.tr("Not synced yet"))
        n = s.pending_count
        self.pending_label.setText(self.tr("%1 change(s) waiting to sync").replace("%1", str(n)) if n else self.tr("All changes synced"))
        done, total = s.download_progress
        self.download.setVisible(total > 0)
        if total:
            self.download.setMaximum(total)
            self.download.setValue(done)

    @Slot(object)
    def on_mutation_failed(self, failure: dict) -> None:
        self.statusBar().showMessage(self.tr("The server refused a change: %1").replace("%1", failure.get("message", "")), 15_000)
        self.notify("refused", self.tr("A change was refused"), failure.get("message", ""))

    @Slot(str, str, str)
    def on_notified(self, kind: str, title: str, body: str) -> None:
        heading = {"invitation": self.tr("New invitation"), "changed": self.tr("A meeting you attend has changed"),
                   "reminder": self.tr("Meeting starts soon")}.get(kind, kind)
        if kind == "changed":
            body = labels.meeting_state(body)
        elif kind == "invitation" and body:
            try:
                body = labels.when(datetime.fromisoformat(body))
            except ValueError:
                pass
        elif kind == "reminder":
            body = self.tr("Starts at %1").replace("%1", body)
        elif kind == "many":
            self.notify(kind, self.tr("%1 new notifications").replace("%1", title),
                        self.tr("New invitations and changes to your meetings: see the week calendar."))
            return
        self.notify(kind, heading, f"{title}\n{body}")

    def notify(self, kind: str, title: str, body: str) -> None:
        self.notifications.append((kind, title, body))
        log.info("notification %s: %s", kind, title)
        if self.tray is not None:
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 10_000)
        else:
            self.statusBar().showMessage(f"{title}: {body}", 10_000)

    # --- settings -------------------------------------------------------------------------------------
    @Slot()
    def on_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dlg = SettingsDialog(session=self.session, settings=self.settings, parent=self)
        dlg.language_chosen.connect(self.language_chosen)
        dlg.font_size_chosen.connect(self.on_font_size)
        dlg.sign_out_requested.connect(lambda wipe: (dlg.accept(), self.sign_out_requested.emit(wipe)))
        self.settings_dialog = dlg
        dlg.open()

    @Slot(int)
    def on_font_size(self, pt: int) -> None:
        self.settings.reading_font_pt = pt
        self.settings.save()
        if self._meeting_page is not None:  # a page made later reads the setting itself
            self._meeting_page.apply_reading_font()

    def closeEvent(self, event) -> None:
        self.reminder_timer.stop()
        self.sync_timer.stop()
        if self.tray:
            self.tray.hide()
        super().closeEvent(event)


def _role_names(roles: list[str]) -> list[str]:
    from .signin import QApplicationTr

    return [QApplicationTr.role(r) for r in roles]
