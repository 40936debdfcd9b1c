"""The regulation's list views (001 Art.5): upcoming, ongoing, awaiting approval, finished (with search),
register a meeting (placeholder until the approval issue), and the unit representative's invitations."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QDate, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ecabinet_client.domain.rules import utcnow

from . import labels
from .session import Session

VIEW_STATES = {
    "upcoming": ("approved",),
    "ongoing": ("ongoing",),
    "awaiting": ("awaiting_approval",),
    "finished": ("ended", "cancelled"),
}



def heading_label() -> QLabel:
    """The bold, larger title of a view."""
    label = QLabel()
    f = label.font()
    f.setPointSizeF(f.pointSizeF() * 1.25)
    f.setBold(True)
    label.setFont(f)
    return label

class Retranslating(QWidget):
    """A view that sets its texts in ``retranslate()``, called again when the language changes."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LazyView(Retranslating):
    """A view of the store that refreshes only while it is shown; subclasses define ``reload()``."""

    stale = False

    @Slot(object)
    def on_changed(self, tables) -> None:
        if {"meetings", "invitations"} & set(tables or ()):
            self.reload_when_shown()

    def reload_when_shown(self) -> None:
        """Reload now if shown; a hidden view reloads when it is next shown (a bootstrap changes a lot)."""
        if self.isVisible():
            self.reload()
        else:
            self.stale = True

    def showEvent(self, event) -> None:  # noqa: N802, ANN001
        if self.stale:
            self.stale = False
            self.reload()
        super().showEvent(event)


class MeetingList(LazyView):
    """A list of meetings in some states; the finished view adds search by title, dates, chair and unit.

    Signals:
        meeting_activated(str)
    """

    meeting_activated = Signal(str)

    def __init__(self, *, session: Session, view: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        lay = QVBoxLayout(self)
        self.heading = heading_label()
        lay.addWidget(self.heading)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.chair = QLineEdit()
        self.unit = QLineEdit()
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-3))
        self.date_to = QDateEdit(QDate.currentDate())
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd/MM/yyyy")
        self.search_bar = QWidget()
        sb = QHBoxLayout(self.search_bar)
        sb.setContentsMargins(0, 0, 0, 0)
        self.from_label, self.to_label = QLabel(), QLabel()
        sb.addWidget(self.search, 2)
        sb.addWidget(self.chair, 1)
        sb.addWidget(self.unit, 1)
        sb.addWidget(self.from_label)
        sb.addWidget(self.date_from)
        sb.addWidget(self.to_label)
        sb.addWidget(self.date_to)
        lay.addWidget(self.search_bar)
        finished = view == "finished"
        for w in (self.chair, self.unit, self.from_label, self.to_label, self.date_from, self.date_to):
            w.setVisible(finished)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(lambda it, _c: self.meeting_activated.emit(it.data(0, Qt.ItemDataRole.UserRole)))
        lay.addWidget(self.tree, 1)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.empty)
        for w in (self.search, self.chair, self.unit):
            w.textChanged.connect(self.reload)
        for d in (self.date_from, self.date_to):
            d.dateChanged.connect(self.reload)
        session.changed.connect(self.on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText({
            "upcoming": self.tr("Upcoming meetings"), "ongoing": self.tr("Ongoing meetings"),
            "awaiting": self.tr("Meetings awaiting approval"), "finished": self.tr("Finished meetings"),
        }[self.view])
        self.search.setPlaceholderText(self.tr("Search by title (accents optional)"))
        self.chair.setPlaceholderText(self.tr("Chair"))
        self.unit.setPlaceholderText(self.tr("Unit or organisation"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.tree.setHeaderLabels([self.tr("Time"), self.tr("Title"), self.tr("Kind"), self.tr("State"),
                                   self.tr("My response"), self.tr("Chair"), self.tr("Room")])
        self.reload_when_shown()

    @Slot()
    def reload(self, *_args) -> None:
        kw = {}
        if self.view == "finished":
            kw = dict(start=datetime.combine(self.date_from.date().toPython(), time(0)).astimezone(),
                      end=datetime.combine(self.date_to.date().toPython(), time(23, 59, 59)).astimezone(),
                      chair=self.chair.text(), unit=self.unit.text())
        elif self.view == "upcoming":
            kw = dict(start=utcnow())
        rows = self.session.meetings(states=VIEW_STATES[self.view], query=self.search.text(), **kw)
        if self.view == "finished":
            rows.reverse()
        self.tree.clear()
        for r in rows:
            it = QTreeWidgetItem([labels.when(r.starts_at), r.title, labels.kind(r.kind), labels.meeting_state(r.state),
                                  labels.response(r.my_state) + (" ⟳" if r.pending_sync else ""), r.chair, r.room])
            it.setData(0, Qt.ItemDataRole.UserRole, r.id)
            colour = labels.response_colour(r.my_state)
            if colour is not None:
                it.setForeground(4, QBrush(colour))
            if r.kind == "urgent":
                f = it.font(2)
                f.setBold(True)
                it.setFont(2, f)
            self.tree.addTopLevelItem(it)
        for c in (0, 2, 3, 4):
            self.tree.resizeColumnToContents(c)
        self.tree.setColumnWidth(1, max(260, self.tree.columnWidth(1)))
        self.empty.setText("" if rows else self.tr("No meetings here."))
        self.empty.setVisible(not rows)


class RegisterPlaceholder(Retranslating):
    """Đăng ký cuộc họp: the form comes with the registration and approval issue."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.heading = heading_label()
        self.text = QLabel()
        self.text.setWordWrap(True)
        lay.addWidget(self.heading)
        lay.addWidget(self.text)
        lay.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Register a meeting"))
        self.text.setText(self.tr("The registration form (content, chair, secretary, approver, time, room, attendees "
                                  "and documents, submitted for approval) comes with the registration and approval "
                                  "feature. It is not available in this version yet."))


class UnitInvitations(LazyView):
    """Đại diện đơn vị: invitations addressed to my unit, and who attends for it."""

    def __init__(self, *, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lay = QVBoxLayout(self)
        self.heading = heading_label()
        lay.addWidget(self.heading)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        lay.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.member = QComboBox()
        self.assign_button = QPushButton()
        self.assign_button.clicked.connect(self.on_assign)
        self.member_label = QLabel()
        row.addWidget(self.member_label)
        row.addWidget(self.member, 1)
        row.addWidget(self.assign_button)
        lay.addLayout(row)
        session.changed.connect(self.on_changed)  # a bound slot: disconnected when this widget is deleted
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Invitations to my unit"))
        self.tree.setHeaderLabels([self.tr("Time"), self.tr("Meeting"), self.tr("Attends for the unit"), self.tr("Response")])
        self.member_label.setText(self.tr("Who attends:"))
        self.assign_button.setText(self.tr("Assign"))
        self.reload_when_shown()

    @Slot()
    def reload(self, *_args) -> None:
        s = self.session
        self.tree.clear()
        for inv, m in s.unit_invitations():
            who = s.user_name(inv.get("assigned_user_id")) or self.tr("Not assigned yet")
            if s.is_pending("invitations", inv["id"]):
                who += " " + self.tr("(waiting to sync)")
            it = QTreeWidgetItem([labels.when(datetime.fromisoformat(m["starts_at"])), m["title"], who,
                                  labels.response(inv["state"])])
            it.setData(0, Qt.ItemDataRole.UserRole, inv)
            self.tree.addTopLevelItem(it)
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(1, 360)
        self.tree.resizeColumnToContents(2)
        current = self.member.currentData()
        self.member.clear()
        for u in s.unit_members(s.user.get("unit_id")):
            self.member.addItem(_person(u), u)
        if current:
            i = self.member.findText(_person(current))
            if i >= 0:
                self.member.setCurrentIndex(i)

    @Slot()
    def on_assign(self) -> None:
        item = self.tree.currentItem()
        user = self.member.currentData()
        if item is None or user is None:
            QMessageBox.information(self, self.tr("Assign"), self.tr("Choose an invitation in the list and a person first."))
            return
        self.session.assign(item.data(0, Qt.ItemDataRole.UserRole), user)


def _person(u: dict) -> str:
    return u.get("full_name", "") + (f" — {u['title']}" if u.get("title") else "")
