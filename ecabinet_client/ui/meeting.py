"""The meeting page and the response flows (confirm, decline with a reason, delegate to a substitute of
the same organisation, share with an assistant)."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHeaderView, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton, QScrollArea, QTreeWidget,
    QStyle, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.rules import parse_time, utcnow

from . import i18n, labels, tasks
from .session import Session

log = logging.getLogger(__name__)


def show_domain_error(parent: QWidget, exc: DomainError) -> QMessageBox:
    """A rule said no: its wording, in the user's language, in a window-modal (non-blocking) box."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("MeetingPage", "Not possible"), exc.message(i18n.current_language()),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("domainError")
    parent.message_box = box
    box.open()
    return box


class PersonPicker(QDialog):
    """Choose a person from a list, searchable accent-insensitively by name, title and unit."""

    def __init__(self, *, session: Session, people_fn, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.people_fn = people_fn
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name, title or unit (accents optional)"))
        self.search.setClearButtonEnabled(True)
        lay.addWidget(self.search)
        self.list = QListWidget()
        lay.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.search.textChanged.connect(self.on_search)
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())
        self.list.currentRowChanged.connect(lambda r: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(r >= 0))
        self.on_search("")
        self.resize(460, 420)

    @Slot(str)
    def on_search(self, query: str) -> None:
        self.list.clear()
        for u in self.people_fn(query):
            item = QListWidgetItem(f"{u.get('full_name')} — {u.get('title') or ''} · {self.session.unit_name(u.get('unit_id'))}")
            item.setData(Qt.ItemDataRole.UserRole, u)
            self.list.addItem(item)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def chosen(self) -> dict | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class DeclineDialog(QDialog):
    """Declining needs a reason (004 Art.6.3)."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Decline the invitation"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Reason (required):")))
        self.reason = QPlainTextEdit()
        lay.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.reason.textChanged.connect(lambda: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.reason.toPlainText().strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)


class MeetingPage(QWidget):
    """Everything about one meeting, with my response.

    Signals:
        back_requested(): the user wants the previous view.
    """

    back_requested = Signal()

    def __init__(self, *, session: Session, settings=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.apply_reading_font()
        self.console = self.live_panel = None  # the windows opened from here (one of each)
        self.meeting_id: str | None = None
        self.data: dict | None = None
        self.downloading: str | None = None  # sha256 of the document being fetched for opening
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        top.addWidget(self.back_button)
        self.title = QLabel()
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)
        top.addWidget(self.title, 1)
        self.console_button = QPushButton()
        self.console_button.clicked.connect(self.on_open_console)
        self.live_button = QPushButton()
        self.live_button.clicked.connect(self.on_join_live)
        for b in (self.console_button, self.live_button):
            b.setVisible(False)
            top.addWidget(b)
        outer.addLayout(top)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.details_box = QGroupBox()
        self.details = QFormLayout(self.details_box)
        self.body.addWidget(self.details_box)

        self.response_box = QGroupBox()
        rl = QVBoxLayout(self.response_box)
        self.my_response = QLabel()
        self.my_response.setWordWrap(True)
        self.my_response.setTextFormat(Qt.TextFormat.RichText)
        rl.addWidget(self.my_response)
        row = QHBoxLayout()
        self.confirm_button, self.decline_button, self.delegate_button, self.share_button = (
            QPushButton(), QPushButton(), QPushButton(), QPushButton())
        for b in (self.confirm_button, self.decline_button, self.delegate_button, self.share_button):
            row.addWidget(b)
        row.addStretch(1)
        rl.addLayout(row)
        self.body.addWidget(self.response_box)
        self.confirm_button.clicked.connect(self.on_confirm)
        self.decline_button.clicked.connect(self.on_decline)
        self.delegate_button.clicked.connect(self.on_delegate)
        self.share_button.clicked.connect(self.on_share)

        self.agenda_box = QGroupBox()
        al = QVBoxLayout(self.agenda_box)
        self.agenda = QTreeWidget()
        self.agenda.setColumnCount(3)
        self.agenda.setRootIsDecorated(True)
        self.agenda.setMinimumHeight(180)
        self.agenda.header().setStretchLastSection(False)
        self.agenda.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.agenda.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.agenda.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.agenda.itemActivated.connect(self.on_item_activated)
        al.addWidget(self.agenda)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        al.addWidget(self.progress)
        self.body.addWidget(self.agenda_box)

        self.attendees_box = QGroupBox()
        tl = QVBoxLayout(self.attendees_box)
        self.attendees = QTreeWidget()
        self.attendees.setColumnCount(3)
        self.attendees.setRootIsDecorated(False)
        self.attendees.setMinimumHeight(160)
        self.attendees.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.attendees.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        tl.addWidget(self.attendees)
        self.body.addWidget(self.attendees_box)

        self.conclusion_box = QGroupBox()
        cl = QVBoxLayout(self.conclusion_box)
        self.conclusion = QLabel()
        self.conclusion.setWordWrap(True)
        cl.addWidget(self.conclusion)
        self.body.addWidget(self.conclusion_box)
        self.body.addStretch(1)
        session.changed.connect(self.on_changed)
        session.mutation_failed.connect(self.on_mutation_failed)
        session.document_progress.connect(self.on_document_progress)
        self.retranslate()


    def apply_reading_font(self) -> None:
        """The reading font size chosen in the settings, for the page's text."""
        if self.settings is not None:
            f = self.font()
            f.setPointSize(self.settings.reading_font_pt)
            self.setFont(f)
    def retranslate(self) -> None:
        self.back_button.setText(self.tr("◀ Back"))
        self.back_button.setToolTip(self.tr("Back (Esc)"))
        self.details_box.setTitle(self.tr("Details"))
        self.response_box.setTitle(self.tr("My response"))
        self.confirm_button.setText(self.tr("Attend"))
        self.decline_button.setText(self.tr("Decline…"))
        self.delegate_button.setText(self.tr("Send a substitute…"))
        self.share_button.setText(self.tr("Share with an assistant…"))
        self.console_button.setText(self.tr("Open the meeting console"))
        self.console_button.setToolTip(self.tr("Check-in, roll call, agenda, votes, speakers and the conclusion"))
        self.live_button.setText(self.tr("Join the live meeting"))
        self.live_button.setToolTip(self.tr("Follow the agenda, check in, ask to speak and vote"))
        self.agenda_box.setTitle(self.tr("Agenda and documents"))
        self.agenda.setHeaderLabels([self.tr("Item / document"), self.tr("Size"), self.tr("State")])
        self.attendees_box.setTitle(self.tr("Attendees"))
        self.attendees.setHeaderLabels([self.tr("Invitee"), self.tr("Response"), self.tr("Substitute / reason")])
        self.conclusion_box.setTitle(self.tr("Conclusion"))
        if self.meeting_id:
            self.show_meeting(self.meeting_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot(object)
    def on_changed(self, _tables) -> None:
        if self.meeting_id and self.isVisible():
            self.show_meeting(self.meeting_id)

    def show_meeting(self, meeting_id: str) -> None:
        self.meeting_id = meeting_id
        m = self.data = self.session.meeting(meeting_id)
        if m is None:
            self.title.setText(self.tr("This meeting is no longer available to you."))
            return
        self.title.setText(m["title"])
        self._show_live_buttons(m)
        while self.details.rowCount():
            self.details.removeRow(0)
        s = self.session
        starts, ends = parse_time(m["starts_at"]), parse_time(m["ends_at"])
        for label, value in (
            (self.tr("Kind"), labels.kind(m.get("kind") or "regular")),
            (self.tr("State"), labels.meeting_state(m["state"]) + (f" — {m['state_reason']}" if m.get("state_reason") else "")),
            (self.tr("Time"), f"{labels.when(starts)} – {labels.when(ends, '%H:%M')}"),
            (self.tr("Room"), m.get("room") or "—"),
            (self.tr("Chair"), s.user_name(m.get("chair_id")) or "—"),
            (self.tr("Secretary"), s.user_name(m.get("secretary_id")) or "—"),
            (self.tr("Approver"), s.user_name(m.get("approver_id")) or "—"),
        ):
            lab = QLabel(value)
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(label, lab)
        self._show_response(m)
        self.agenda.clear()
        for i, item in enumerate(m["agenda"], 1):
            node = QTreeWidgetItem([f"{i}. {item['title']}", "", ""])
            self.agenda.addTopLevelItem(node)
            for d in item["documents"]:
                node.addChild(self._doc_item(d))
            node.setExpanded(True)
        for d in m["documents"]:
            self.agenda.addTopLevelItem(self._doc_item(d))
        self.attendees.clear()
        for inv in m["invitations"]:
            who = s.user_name(inv.get("user_id")) or s.unit_name(inv.get("unit_id"))
            if inv.get("unit_id") and inv.get("assigned_user_id"):
                who += " → " + s.user_name(inv["assigned_user_id"])
            extra = s.user_name(inv.get("substitute_id")) if inv.get("substitute_id") else (inv.get("reason") or "")
            self.attendees.addTopLevelItem(QTreeWidgetItem([who, labels.response(inv["state"]), extra]))
        self.conclusion_box.setVisible(m["state"] == "ended")
        self.conclusion.setText("\n\n".join(c.get("text") or "" for c in m["conclusions"]) or self.tr("No conclusion recorded yet."))

    def _doc_item(self, d: dict) -> QTreeWidgetItem:
        path = self.session.document_path(d)
        state = self.tr("✔ Available offline") if path else self.tr("Not downloaded — double-click to download")
        it = QTreeWidgetItem([d["name"], labels.size(d.get("size")), state])
        it.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        it.setData(0, Qt.ItemDataRole.UserRole, d)
        return it

    def _show_response(self, m: dict) -> None:
        inv = m["my_invitation"]
        buttons = (self.confirm_button, self.decline_button, self.delegate_button)
        self.share_button.setEnabled(m["state"] in ("approved", "ongoing"))
        if inv is None:
            self.my_response.setText(self.tr("You are not invited in person to this meeting."))
            for b in buttons:
                b.setEnabled(False)
            return
        deadline = self.session.response_deadline(m)
        late = utcnow() > deadline
        text = self.tr("Your response: <b>%1</b>. Respond before %2.").replace("%1", labels.response(inv["state"])).replace(
            "%2", labels.when(deadline))
        if inv.get("state") == "delegated" and inv.get("substitute_id"):
            text += " " + self.tr("Substitute: %1.").replace("%1", self.session.user_name(inv["substitute_id"]))
        if inv.get("state") == "declined" and inv.get("reason"):
            text += " " + self.tr("Reason: %1.").replace("%1", inv["reason"])
        if self.session.is_pending("invitations", inv["id"]):
            text += " <i>" + self.tr("(waiting to sync)") + "</i>"
        for f in self.session.failures():
            if f.get("args", {}).get("invitation_id") == inv["id"]:
                text += "<br><span style='color:#c62828'>" + self.tr("Refused by the server: %1").replace("%1", f["message"]) + "</span>"
        if late:
            text += "<br>" + self.tr("The response deadline has passed.")
        self.my_response.setText(text)
        open_state = m["state"] in ("approved", "awaiting_approval") and not late
        for b in buttons:
            b.setEnabled(open_state)

    # --- responses --------------------------------------------------------------------------------------
    def _invitation(self) -> dict | None:
        return self.data and self.data.get("my_invitation")

    # --- the live meeting -----------------------------------------------------------------------------
    def _show_live_buttons(self, m: dict) -> None:
        from .console import can_run
        from .live import attends

        live = m["state"] in ("approved", "ongoing", "ended")
        self.console_button.setVisible(live and can_run(self.session, m))
        self.live_button.setVisible(live and not can_run(self.session, m) and attends(self.session, m))

    @Slot()
    def on_open_console(self) -> None:
        from .console import open_console

        if self.console is not None and shiboken6.isValid(self.console):
            self.console.raise_()
            self.console.activateWindow()
            return
        self.console = open_console(self.session, self.meeting_id, self, settings=self.settings)

    @Slot()
    def on_join_live(self) -> None:
        from .live import open_live_panel

        if self.live_panel is not None and shiboken6.isValid(self.live_panel):
            self.live_panel.raise_()
            self.live_panel.activateWindow()
            return
        self.live_panel = open_live_panel(self.session, self.meeting_id, self)
        self.live_panel.document_requested.connect(self.open_document_by_id)

    @Slot(str)
    def open_document_by_id(self, document_id: str) -> None:
        d = self.session.client.row("documents", document_id)
        if d is not None:
            self.activate_document(d)

    def _do(self, fn) -> bool:
        """Run an intent; a local refusal is shown at once, success shows the queued change at once."""
        try:
            fn()
        except DomainError as exc:
            show_domain_error(self, exc)
            return False
        if self.meeting_id:
            self.show_meeting(self.meeting_id)
        return True

    @Slot()
    def on_confirm(self) -> None:
        inv = self._invitation()
        if inv:
            self._do(lambda: self.session.respond(inv, "confirmed"))

    @Slot()
    def on_decline(self) -> None:
        inv = self._invitation()
        if not inv:
            return
        dlg = DeclineDialog(parent=self)
        self.dialog = dlg
        dlg.accepted.connect(lambda: self._do(lambda: self.session.respond(inv, "declined", dlg.reason.toPlainText())))
        dlg.open()

    @Slot()
    def on_delegate(self) -> None:
        inv = self._invitation()
        if not inv:
            return
        dlg = PersonPicker(session=self.session, people_fn=self.session.colleagues, title=self.tr("Send a substitute"),
                           intro=self.tr("Choose a colleague of your organisation to attend in your place."), parent=self)
        self.dialog = dlg
        dlg.accepted.connect(lambda: dlg.chosen() and self._do(lambda: self.session.delegate(inv, dlg.chosen())))
        dlg.open()

    @Slot()
    def on_share(self) -> None:
        if not self.meeting_id:
            return
        mid = self.meeting_id
        dlg = PersonPicker(session=self.session, title=self.tr("Share with an assistant"),
                           people_fn=lambda q: [u for u in self.session.assistants()
                                                if not q or u in self.session.colleagues(q)],
                           intro=self.tr("The assistant will follow this meeting for you and remind you of it."), parent=self)
        self.dialog = dlg
        dlg.accepted.connect(lambda: dlg.chosen() and self._do(lambda: self.session.share(mid, dlg.chosen())))
        dlg.open()

    @Slot(object)
    def on_mutation_failed(self, _failure) -> None:
        if self.meeting_id and self.isVisible():
            self.show_meeting(self.meeting_id)

    # --- documents ----------------------------------------------------------------------------------
    @Slot(QTreeWidgetItem, int)
    def on_item_activated(self, item: QTreeWidgetItem, _col: int) -> None:
        d = item.data(0, Qt.ItemDataRole.UserRole)
        if d:
            self.activate_document(d)

    def activate_document(self, d: dict) -> None:
        """Open a document of this meeting in the viewer, downloading it first (with progress) if needed."""
        if self.session.document_path(d):
            self.open_document(d)
            return
        self.progress.setVisible(True)
        self.progress.setMaximum(max(int(d.get("size") or 0), 1))
        self.progress.setValue(0)
        self.downloading = d["sha256"]
        future = self.session.client.download(d["id"])
        tasks.run_in_background(future.result, lambda _path: self.on_downloaded(d), self.on_download_failed)

    @Slot(str, int, int)
    def on_document_progress(self, sha: str, done: int, total: int) -> None:
        if sha == self.downloading:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

    def on_downloaded(self, document: dict) -> None:
        self.progress.setVisible(False)
        self.downloading = None
        self.show_meeting(self.meeting_id)
        self.open_document(document)

    @Slot(object)
    def on_download_failed(self, _exc) -> None:
        self.progress.setVisible(False)
        self.downloading = None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Download failed"),
                          self.tr("The document could not be downloaded. Check the connection and try again."),
                          QMessageBox.StandardButton.Ok, self)
        self.message_box = box
        box.open()

    def open_document(self, document: dict) -> None:
        """The built-in viewer on the cached file, with this meeting's synced notes and comments."""
        from ecabinet_client.viewer.window import open_document

        self.viewer = open_document(self.session, document, parent=self)
