"""Bàn điều khiển cuộc họp: the secretary's and the chair's console for a live meeting (001 Art.5.2).

One window (it also works full screen on a second display, F11): start and end the meeting, move the current
agenda item (every client follows), check-in and roll call with the rotating QR code, documents added live,
votes, the speaker queue with its timer, the conclusions, and a place for the transcript panel.

Everything is read from the local store and written as queued intents (``Session.queue``); the service
decides and every client, this one included, shows what it decided. Network work (the rotating code, an
upload) runs through ``tasks.run_in_background``. Open it with :func:`open_console`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
    QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QMainWindow, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton, QRadioButton, QSpinBox,
    QSplitter, QStackedWidget, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from ecabinet_client.domain import live
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.model import AttendanceStatus, Majority, MeetingState, PollState, SpeakerState
from ecabinet_client.domain.rules import parse_time, utcnow
from ecabinet_client.sync.client import Client
from ecabinet_client.sync.engine import is_vote_count

from . import labels, tasks
from .banner import Banner, error_text
from .checkin import QrWidget, write_poster
from .session import Session
from .settings import Settings

log = logging.getLogger(__name__)

LIVE_TABLES = {"meetings", "agenda_items", "invitations", "checkins", "polls", "speaker_requests", "documents",
               "conclusions", "users"}


def guarded(obj: Any, fn: Callable) -> Callable:
    """``fn`` called only while ``obj`` (a widget) still exists: for results of background work."""
    def call(*args: Any) -> None:
        if shiboken6.isValid(obj) and not getattr(obj, "closing", False):
            fn(*args)
    return call


def big(widget: QWidget, factor: float) -> QWidget:
    f = widget.font()
    f.setPointSizeF(max(6.0, f.pointSizeF() * factor))
    widget.setFont(f)
    return widget


def majority_text(value: str) -> str:
    return {
        Majority.SIMPLE_PRESENT: QCoreApplication.translate("Console", "more than half of those present"),
        Majority.SIMPLE_ALL: QCoreApplication.translate("Console", "more than half of all members"),
        Majority.TWO_THIRDS_PRESENT: QCoreApplication.translate("Console", "at least two thirds of those present"),
        Majority.TWO_THIRDS_ALL: QCoreApplication.translate("Console", "at least two thirds of all members"),
    }.get(value, value)


def poll_state_text(state: str) -> str:
    return {
        PollState.DRAFT: QCoreApplication.translate("Console", "Prepared"),
        PollState.OPEN: QCoreApplication.translate("Console", "Voting"),
        PollState.CLOSED: QCoreApplication.translate("Console", "Closed"),
        PollState.PUBLISHED: QCoreApplication.translate("Console", "Published"),
    }.get(state, state)


def outcome_text(result: dict | None) -> str:
    if not result:
        return ""
    return {
        "passed": QCoreApplication.translate("Console", "Passed"),
        "rejected": QCoreApplication.translate("Console", "Not passed"),
        "no_quorum": QCoreApplication.translate("Console", "No quorum"),
    }.get(result.get("outcome"), "")


def attendance_text(status: str | None) -> str:
    return {
        AttendanceStatus.PRESENT: QCoreApplication.translate("Console", "Present"),
        AttendanceStatus.ABSENT: QCoreApplication.translate("Console", "Absent"),
        AttendanceStatus.EXCUSED: QCoreApplication.translate("Console", "Excused"),
        AttendanceStatus.LEFT: QCoreApplication.translate("Console", "Left"),
        None: QCoreApplication.translate("Console", "Not checked in"),
    }.get(status, status or "")


ATTENDANCE_COLOURS = {"present": "#2e7d32", "left": "#ef6c00", "absent": "#c62828", "excused": "#6a1b9a"}


# --- dialogs ----------------------------------------------------------------------------------------------------------
class NewPollDialog(QDialog):
    """Tạo biểu quyết: question, agenda item, options, open or secret, the majority rule."""

    def __init__(self, *, agenda: list[dict], current_item: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPollDialog")
        self.setWindowTitle(self.tr("New vote"))
        form = QFormLayout(self)
        self.question = QLineEdit()
        self.question.setObjectName("pollQuestion")
        form.addRow(self.tr("Question"), self.question)
        self.item = QComboBox()
        self.item.addItem(self.tr("(the whole meeting)"), None)
        for n, a in enumerate(agenda, 1):
            self.item.addItem(f"{n}. {a.get('title')}", a["id"])
        if current_item:
            self.item.setCurrentIndex(max(0, self.item.findData(current_item)))
        form.addRow(self.tr("Agenda item"), self.item)
        self.standard = QRadioButton(self.tr("Agree / Disagree / Abstain"))
        self.custom = QRadioButton(self.tr("Custom options (one per line)"))
        self.standard.setChecked(True)
        self.options = QPlainTextEdit()
        self.options.setObjectName("pollOptions")
        self.options.setPlaceholderText(self.tr("Option A\nOption B"))
        self.options.setEnabled(False)
        self.options.setMaximumHeight(100)
        self.custom.toggled.connect(self.options.setEnabled)
        box = QVBoxLayout()
        box.addWidget(self.standard)
        box.addWidget(self.custom)
        box.addWidget(self.options)
        form.addRow(self.tr("Options"), box)
        self.secret = QCheckBox(self.tr("Secret ballot (nobody can see who voted what)"))
        self.secret.setObjectName("pollSecret")
        self.allow_change = QCheckBox(self.tr("Members may change their choice while the vote is open"))
        self.allow_change.setObjectName("pollAllowChange")
        self.secret.toggled.connect(lambda on: (self.allow_change.setChecked(False) if on else None,
                                                self.allow_change.setEnabled(not on)))
        form.addRow(self.secret)
        form.addRow(self.allow_change)
        self.base = QComboBox()
        self.base.setObjectName("pollBase")
        self.base.addItem(self.tr("of the members present"), "present")
        self.base.addItem(self.tr("of all members"), "all")
        self.threshold = QComboBox()
        self.threshold.setObjectName("pollThreshold")
        self.threshold.addItem(self.tr("more than half"), "simple")
        self.threshold.addItem(self.tr("at least two thirds"), "two_thirds")
        rule = QHBoxLayout()
        rule.addWidget(self.threshold)
        rule.addWidget(self.base)
        form.addRow(self.tr("Passes with"), rule)
        self.error = QLabel()
        self.error.setObjectName("pollError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.on_accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resize(560, 0)

    def standard_options(self) -> list[str]:
        return [self.tr("Agree"), self.tr("Disagree"), self.tr("Abstain")]

    def values(self) -> dict[str, Any]:
        if self.custom.isChecked():
            options = [o.strip() for o in self.options.toPlainText().splitlines() if o.strip()]
        else:
            options = self.standard_options()
        majority = f"{self.threshold.currentData()}_{self.base.currentData()}"
        return {"question": self.question.text().strip(), "agenda_item_id": self.item.currentData(), "options": options,
                "secret": self.secret.isChecked(), "allow_change": self.allow_change.isChecked(), "majority": majority}

    @Slot()
    def on_accept(self) -> None:
        v = self.values()
        if not v["question"]:
            self.error.setText(self.tr("Write the question members vote on."))
        elif len(v["options"]) < 2 or len(set(v["options"])) != len(v["options"]):
            self.error.setText(self.tr("Give at least two different options."))
        else:
            self.accept()


class AnalogVoteDialog(QDialog):
    """Biểu quyết giơ tay: the secretary enters the counts, or each member's choice (open votes)."""

    NOT_VOTING = "\u2014"

    def __init__(self, *, poll: dict, members: list[tuple[str, str]], present: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analogVoteDialog")
        self.poll = poll
        self.setWindowTitle(self.tr("Record a show of hands"))
        lay = QVBoxLayout(self)
        q = QLabel(poll.get("question") or "")
        q.setWordWrap(True)
        big(q, 1.2)
        lay.addWidget(q)
        lay.addWidget(QLabel(self.tr("%1 members present may vote.").replace("%1", str(present))))
        self.by_counts = QRadioButton(self.tr("Enter the counts"))
        self.by_member = QRadioButton(self.tr("Enter each member's choice"))
        self.by_counts.setChecked(True)
        self.by_member.setEnabled(not poll.get("secret"))
        modes = QHBoxLayout()
        modes.addWidget(self.by_counts)
        modes.addWidget(self.by_member)
        lay.addLayout(modes)
        self.stack = QStackedWidget()
        counts = QWidget()
        form = QFormLayout(counts)
        self.spins: dict[str, QSpinBox] = {}
        for option in poll.get("options") or []:
            spin = QSpinBox()
            spin.setRange(0, max(present, 0))
            spin.setMinimumHeight(32)
            self.spins[option] = spin
            form.addRow(option, spin)
        self.stack.addWidget(counts)
        self.table = QTableWidget(len(members), 2)
        self.table.setObjectName("analogMembers")
        self.table.setHorizontalHeaderLabels([self.tr("Member"), self.tr("Choice")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.combos: dict[str, QComboBox] = {}
        for r, (uid, name) in enumerate(members):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            combo = QComboBox()
            combo.addItem(self.NOT_VOTING, None)
            for option in poll.get("options") or []:
                combo.addItem(option, option)
            self.combos[uid] = combo
            self.table.setCellWidget(r, 1, combo)
        self.stack.addWidget(self.table)
        lay.addWidget(self.stack, 1)
        self.by_member.toggled.connect(lambda on: self.stack.setCurrentIndex(1 if on else 0))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.resize(520, 420)

    def values(self) -> dict[str, Any]:
        if self.by_member.isChecked():
            return {"by_member": {uid: c.currentData() for uid, c in self.combos.items() if c.currentData()}}
        return {"counts": {option: spin.value() for option, spin in self.spins.items()}}


class QrScreen(QWidget):
    """The room screen: the rotating QR code and its code, as large as the display allows."""

    def __init__(self, *, meeting_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("qrScreen")
        self.setStyleSheet("#qrScreen { background: white; } QLabel { color: #111; }")
        lay = QVBoxLayout(self)
        self.title = big(QLabel(meeting_title), 2.0)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        self.qr = QrWidget()
        lay.addWidget(self.qr, 1)
        self.code = big(QLabel(), 4.0)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.code)
        self.hint = big(QLabel(self.tr("Scan with eCabinet or type the code. It changes every 30 seconds.")), 1.3)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.hint)
        close = QAction(self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.triggered.connect(self.close)
        self.addAction(close)

    def set_code(self, payload: str, code: str) -> None:
        self.qr.set_payload(payload)
        self.code.setText(f"{code[:3]} {code[3:]}" if code else "")


# --- the panes ---------------------------------------------------------------------------------------------------------
class Pane(QWidget):
    tables: set[str] = set()

    def __init__(self, console: "ConsoleWindow") -> None:
        super().__init__()
        self.console = console
        self.session = console.session
        self.meeting_id = console.meeting_id

    def retranslate(self) -> None:
        pass

    def refresh(self) -> None:
        pass

    def tick(self) -> None:
        pass

    def queue(self, name: str, /, **args: Any) -> bool:
        return self.console.queue(name, **args)

    def target_row(self, object_name: str) -> QHBoxLayout:
        """A row with ``self.target_label`` and ``self.target``, the agenda item (or the meeting) acted on."""
        row = QHBoxLayout()
        self.target_label = QLabel()
        row.addWidget(self.target_label)
        self.target = QComboBox()
        self.target.setObjectName(object_name)
        row.addWidget(self.target, 1)
        return row


class CheckInPane(Pane):
    """Điểm danh: the rotating QR code, the roll call and the attendance summary with the quorum."""

    tables = {"checkins", "invitations", "meetings", "users"}

    def __init__(self, console: "ConsoleWindow") -> None:
        super().__init__(console)
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        self.qr = QrWidget()
        self.qr.setObjectName("roomQr")
        self.qr.setMinimumSize(220, 220)
        self.qr.setMaximumHeight(360)
        left.addWidget(self.qr, 1)
        self.code = big(QLabel("\u2014"), 2.6)
        self.code.setObjectName("roomCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.code)
        self.countdown = QLabel()
        self.countdown.setObjectName("codeCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.countdown)
        self.poster = QPushButton()
        self.poster.setObjectName("printPoster")
        self.poster.clicked.connect(self.on_poster)
        left.addWidget(self.poster)
        self.screen_button = QPushButton()
        self.screen_button.setObjectName("showQrScreen")
        self.screen_button.clicked.connect(console.show_qr_screen)
        left.addWidget(self.screen_button)
        left.addStretch(1)
        holder = QWidget()
        holder.setLayout(left)
        holder.setMaximumWidth(360)
        lay.addWidget(holder)

        right = QVBoxLayout()
        self.summary_box = QGroupBox()
        grid = QGridLayout(self.summary_box)
        self.numbers: dict[str, QLabel] = {}
        self.number_names: dict[str, QLabel] = {}
        for n, key in enumerate(("invited", "confirmed", "substitutes", "present", "absent", "quorum")):
            value = big(QLabel("0"), 1.8)
            value.setObjectName(f"count_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name = QLabel()
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(value, 0, n)
            grid.addWidget(name, 1, n)
            self.numbers[key] = value
            self.number_names[key] = name
        self.reasons = QLabel()
        self.reasons.setObjectName("absenceReasons")
        self.reasons.setWordWrap(True)
        grid.addWidget(self.reasons, 2, 0, 1, 6)
        right.addWidget(self.summary_box)
        self.roster = QTableWidget(0, 6)
        self.roster.setObjectName("roster")
        self.roster.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roster.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roster.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roster.verticalHeader().hide()
        self.roster.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.roster.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        right.addWidget(self.roster, 1)
        marks = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setObjectName("attendanceNote")
        marks.addWidget(self.note, 1)
        self.mark_buttons: dict[str, QPushButton] = {}
        for status in ("present", "left", "absent", "excused"):
            b = QPushButton()
            b.setObjectName(f"mark_{status}")
            b.clicked.connect(lambda _=False, s=status: self.mark_selected(s))
            marks.addWidget(b)
            self.mark_buttons[status] = b
        right.addLayout(marks)
        lay.addLayout(right, 1)
        self.roster.itemSelectionChanged.connect(self._update_buttons)
        self.payload = ""
        self.current_code = ""
        self.expires_at = 0.0
        self.code_error = False
        self._file_dialog: QFileDialog | None = None
        self._code_timer = QTimer(self)
        self._code_timer.setSingleShot(True)
        self._code_timer.timeout.connect(self.fetch_code)
        self._fetching = False

    def retranslate(self) -> None:
        self.poster.setText(self.tr("Print the A4 poster (PDF)\u2026"))
        self.screen_button.setText(self.tr("Show the code on the room screen"))
        self.summary_box.setTitle(self.tr("Attendance"))
        names = {"invited": self.tr("invited"), "confirmed": self.tr("confirmed"), "substitutes": self.tr("substitutes"),
                 "present": self.tr("present"), "absent": self.tr("absent / excused"), "quorum": self.tr("quorum")}
        for key, label in self.number_names.items():
            label.setText(names[key])
        self.roster.setHorizontalHeaderLabels([self.tr("Attendee"), self.tr("Seat"), self.tr("Invitation"),
                                               self.tr("Attendance"), self.tr("Arrived"), self.tr("Left")])
        self.note.setPlaceholderText(self.tr("Reason or note (for absent, excused)"))
        texts = {"present": self.tr("Present"), "left": self.tr("Departed"), "absent": self.tr("Absent"),
                 "excused": self.tr("Excused")}
        for status, b in self.mark_buttons.items():
            b.setText(texts[status])
        self.mark_buttons["present"].setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.mark_buttons["left"].setShortcut(QKeySequence("Ctrl+Shift+L"))

    # --- the rotating code ------------------------------------------------------------------------------------
    @Slot()
    def fetch_code(self) -> None:
        """Ask the service for the current code (off the UI thread); the next fetch is due when it rotates."""
        if self._fetching or self.console.closing:
            return
        api = self.session.client.api
        if api is None:
            return
        self._fetching = True
        mid = self.meeting_id
        tasks.run_in_background(lambda: api.json("GET", f"/meetings/{mid}/checkin-code"),
                                guarded(self, self._on_code), guarded(self, self._on_code_failed))

    def _on_code(self, data: dict) -> None:
        import time

        self._fetching = False
        self.code_error = False
        self.payload, self.current_code = data["qr_payload"], data["code"]
        self.expires_at = time.monotonic() + float(data["expires_in"])
        self.qr.set_payload(self.payload)
        self.code.setText(f"{self.current_code[:3]} {self.current_code[3:]}")
        self.console.on_code(self.payload, self.current_code)
        self._code_timer.start(int(float(data["expires_in"]) * 1000) + 150)
        self.tick()

    def _on_code_failed(self, exc: BaseException) -> None:
        self._fetching = False
        self.code_error = True
        self.countdown.setText(self.tr("The code cannot be fetched: %1").replace("%1", error_text(exc)))
        self._code_timer.start(5000)

    def tick(self) -> None:
        import time

        if self.current_code and not self.code_error:
            left = max(0, round(self.expires_at - time.monotonic()))
            self.countdown.setText(self.tr("New code in %1 s").replace("%1", str(left)))

    # --- the roll call -------------------------------------------------------------------------------------------
    def people(self) -> list[tuple[live.SeatView, dict | None]]:
        checkins = {c["user_id"]: c for c in self.session.client.rows("checkins", "meeting_id = ?", (self.meeting_id,))}
        invs = self.session.client.invitations(self.meeting_id)
        return [(s, checkins.get(s.attendee_id or "")) for s in live.seats(invs)]

    def refresh(self) -> None:
        client = self.session.client
        invs = client.invitations(self.meeting_id)
        checkins = client.rows("checkins", "meeting_id = ?", (self.meeting_id,))
        summary = live.attendance(invs, checkins)
        self.numbers["invited"].setText(str(summary.invited))
        self.numbers["confirmed"].setText(str(summary.confirmed))
        self.numbers["substitutes"].setText(str(summary.substitutes))
        self.numbers["present"].setText(str(summary.present))
        self.numbers["absent"].setText(str(summary.absent + summary.excused))
        q = self.numbers["quorum"]
        q.setText("\u2714" if summary.quorum_met else "\u2718")
        self.number_names["quorum"].setText(self.tr("quorum (%1 needed)").replace("%1", str(summary.quorum_required)))
        q.setStyleSheet(f"color: {'#2e7d32' if summary.quorum_met else '#c62828'}; font-weight: bold;")
        q.setToolTip(self.tr("Members present / needed for the quorum (more than half of %1 members)")
                     .replace("%1", str(summary.members)))
        reasons = []
        for uid, status, reason in summary.reasons:
            what = self.tr("declined") if status == "declined" else attendance_text(status).lower()
            reasons.append(f"{self.session.user_name(uid)} ({what}{': ' + reason if reason else ''})")
        self.reasons.setText((self.tr("Absent: %1").replace("%1", "; ".join(reasons))) if reasons else "")
        selected = self.selected_user()
        rows = self.people()
        self.roster.setRowCount(len(rows))
        for r, (seat, row) in enumerate(rows):
            status = row["status"] if row else None
            name = QTableWidgetItem(self.session.user_name(seat.attendee_id))
            name.setData(Qt.ItemDataRole.UserRole, seat.attendee_id)
            if seat.is_substitute:
                where = self.tr("substitute for %1").replace("%1", self.session.user_name(seat.member_id))
            elif not seat.voting:
                where = self.tr("guest (does not vote)")
            else:
                where = self.tr("member")
            cells = [name, QTableWidgetItem(where), QTableWidgetItem(labels.response(seat.invitation.get("state"))),
                     QTableWidgetItem(attendance_text(status)),
                     QTableWidgetItem(self._time(row, "arrived_at")), QTableWidgetItem(self._time(row, "left_at"))]
            if status in ATTENDANCE_COLOURS:
                from PySide6.QtGui import QColor

                cells[3].setForeground(QColor(ATTENDANCE_COLOURS[status]))
            if row and row.get("note"):
                cells[3].setToolTip(row["note"])
            for c, item in enumerate(cells):
                self.roster.setItem(r, c, item)
            if seat.attendee_id == selected:
                self.roster.selectRow(r)
        self._update_buttons()

    @staticmethod
    def _time(row: dict | None, key: str) -> str:
        return labels.when(parse_time(row[key]), "%H:%M") if row and row.get(key) else ""

    def selected_user(self) -> str | None:
        items = self.roster.selectedItems()
        if not items:
            return None
        return self.roster.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def select_user(self, user_id: str) -> None:
        for r in range(self.roster.rowCount()):
            if self.roster.item(r, 0).data(Qt.ItemDataRole.UserRole) == user_id:
                self.roster.selectRow(r)
                return

    def _update_buttons(self) -> None:
        on = self.selected_user() is not None
        for b in self.mark_buttons.values():
            b.setEnabled(on)

    def mark_selected(self, status: str) -> None:
        uid = self.selected_user()
        if uid:
            self.mark(uid, status, self.note.text())

    def mark(self, user_id: str, status: str, note: str = "") -> bool:
        args: dict[str, Any] = {"meeting_id": self.meeting_id, "user_id": user_id, "status": status}
        if note.strip():
            args["note"] = note.strip()
        if self.queue("mark_attendance", **args):
            self.note.clear()
            return True
        return False

    @Slot()
    def on_poster(self) -> None:
        dlg = QFileDialog(self, self.tr("Save the check-in poster"))
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setNameFilter(self.tr("PDF documents (*.pdf)"))
        dlg.setDefaultSuffix("pdf")
        dlg.selectFile(self.tr("check-in poster.pdf"))
        dlg.fileSelected.connect(self.save_poster)
        self._file_dialog = dlg
        dlg.open()

    @Slot(str)
    def save_poster(self, path: str) -> Path | None:
        meeting = self.session.client.row("meetings", self.meeting_id)
        if not meeting:
            return None
        try:
            out = write_poster(path, meeting)
        except OSError as exc:
            self.console.banner.show_message(self.tr("The poster could not be saved: %1").replace("%1", str(exc)), True)
            return None
        self.console.banner.show_message(self.tr("Poster saved: %1. Print it on A4 and post it at the entrance.")
                                         .replace("%1", str(out)))
        return out


class VotesPane(Pane):
    """Biểu quyết: create, open, watch, close, publish; record a show of hands."""

    tables = {"polls", "checkins", "agenda_items", "meetings", "invitations"}

    def __init__(self, console: "ConsoleWindow") -> None:
        super().__init__(console)
        lay = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.new_button = QPushButton()
        self.new_button.setObjectName("newPoll")
        self.new_button.clicked.connect(self.new_poll_dialog)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openPoll")
        self.open_button.clicked.connect(lambda: self.open_poll(self.selected_id()))
        self.close_button = QPushButton()
        self.close_button.setObjectName("closePoll")
        self.close_button.clicked.connect(lambda: self.close_poll(self.selected_id()))
        self.publish_button = QPushButton()
        self.publish_button.setObjectName("publishPoll")
        self.publish_button.clicked.connect(lambda: self.publish_poll(self.selected_id()))
        self.analog_button = QPushButton()
        self.analog_button.setObjectName("analogVote")
        self.analog_button.clicked.connect(lambda: self.analog_dialog(self.selected_id()))
        for b in (self.new_button, self.open_button, self.close_button, self.publish_button, self.analog_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("polls")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self.show_detail)
        split.addWidget(self.table)
        self.detail = QGroupBox()
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_title = big(QLabel(), 1.3)
        self.detail_title.setWordWrap(True)
        self.detail_layout.addWidget(self.detail_title)
        self.detail_info = QLabel()
        self.detail_info.setObjectName("pollDetail")
        self.detail_info.setWordWrap(True)
        self.detail_layout.addWidget(self.detail_info)
        self.bars = QVBoxLayout()
        self.detail_layout.addLayout(self.bars)
        self.detail_layout.addStretch(1)
        split.addWidget(self.detail)
        split.setSizes([220, 260])
        lay.addWidget(split, 1)
        self._dialog: QDialog | None = None
        self._confirm: QMessageBox | None = None

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New vote\u2026"))
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.open_button.setText(self.tr("Open the vote"))
        self.close_button.setText(self.tr("Close the vote"))
        self.publish_button.setText(self.tr("Publish the result"))
        self.analog_button.setText(self.tr("Show of hands\u2026"))
        self.table.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Ballot"), self.tr("Passes with"),
                                              self.tr("State"), self.tr("Voted"), self.tr("Result")])
        self.detail.setTitle(self.tr("The selected vote"))

    def polls(self) -> list[dict]:
        rows = self.session.client.rows("polls", "meeting_id = ?", (self.meeting_id,))
        return sorted(rows, key=lambda p: (p.get("opened_at") or "9", p.get("updated_at") or ""))

    def present_count(self) -> tuple[int, int]:
        s = live.attendance(self.session.client.invitations(self.meeting_id),
                            self.session.client.rows("checkins", "meeting_id = ?", (self.meeting_id,)))
        return s.members_present, s.members

    def refresh(self) -> None:
        selected = self.selected_id()
        polls = self.polls()
        present, members = self.present_count()
        self.table.setRowCount(len(polls))
        for r, p in enumerate(polls):
            cast = self.session.votes_cast(p)
            voted = f"{cast}/{present}" if p["state"] == PollState.OPEN else str(cast)
            q = QTableWidgetItem(p.get("question") or "")
            q.setData(Qt.ItemDataRole.UserRole, p["id"])
            cells = [q, QTableWidgetItem(self.tr("secret") if p.get("secret") else self.tr("named")),
                     QTableWidgetItem(majority_text(p.get("majority"))), QTableWidgetItem(poll_state_text(p["state"])),
                     QTableWidgetItem(voted), QTableWidgetItem(outcome_text(p.get("result")))]
            for c, item in enumerate(cells):
                self.table.setItem(r, c, item)
            if p["id"] == selected:
                self.table.selectRow(r)
        if selected is None and polls:
            self.table.selectRow(len(polls) - 1)
        self.show_detail()

    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        return self.table.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole) if items else None

    def select(self, poll_id: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == poll_id:
                self.table.selectRow(r)

    @Slot()
    def show_detail(self) -> None:
        pid = self.selected_id()
        p = self.session.client.row("polls", pid) if pid else None
        while self.bars.count():
            w = self.bars.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.deleteLater()
        ongoing = self.console.meeting_state() == MeetingState.ONGOING
        state = p["state"] if p else None
        self.open_button.setEnabled(bool(p) and state == PollState.DRAFT and ongoing)
        self.close_button.setEnabled(state == PollState.OPEN)
        self.publish_button.setEnabled(state == PollState.CLOSED)
        self.analog_button.setEnabled(state in (PollState.DRAFT, PollState.OPEN) and ongoing
                                      and not (p and self.session.votes_cast(p)))
        self.new_button.setEnabled(self.console.meeting_state() in (MeetingState.APPROVED, MeetingState.ONGOING))
        if not p:
            self.detail_title.setText(self.tr("No vote yet. Create one with \u201cNew vote\u201d (Ctrl+N)."))
            self.detail_info.setText("")
            return
        self.detail_title.setText(p.get("question") or "")
        present, members = self.present_count()
        item = self.session.client.row("agenda_items", p.get("agenda_item_id")) if p.get("agenda_item_id") else None
        lines = [self.tr("Agenda item: %1").replace("%1", (item or {}).get("title") or self.tr("(the whole meeting)")),
                 self.tr("Passes with %1.").replace("%1", majority_text(p.get("majority")))]
        if p.get("secret"):
            lines.append(self.tr("Secret ballot: only how many have voted is known, never who chose what."))
        if p["state"] == PollState.OPEN:
            lines.append(self.tr("%1 of %2 members present have voted.").replace("%1", str(self.session.votes_cast(p)))
                         .replace("%2", str(present)))
        result = p.get("result")
        if result:
            lines.append(self.tr("%1 \u2014 %2 took part; %3 members present of %4; %5 needed to pass.")
                         .replace("%1", outcome_text(result)).replace("%2", str(result.get("participants")))
                         .replace("%3", str(result.get("present"))).replace("%4", str(result.get("members")))
                         .replace("%5", str(result.get("threshold"))))
            if result.get("method") == "analog":
                lines.append(self.tr("Recorded by show of hands."))
            total = max(1, int(result.get("participants") or 0))
            for option, count in live.poll_result_line(result):
                bar = QProgressBar()
                bar.setRange(0, total)
                bar.setValue(count)
                bar.setFormat(f"{option}: {count}")
                bar.setMinimumHeight(26)
                self.bars.addWidget(bar)
        self.detail_info.setText("\n".join(lines))

    # --- actions ---------------------------------------------------------------------------------------------
    @Slot()
    def new_poll_dialog(self) -> NewPollDialog:
        m = self.session.client.meeting(self.meeting_id) or {}
        dlg = NewPollDialog(agenda=m.get("agenda") or [], current_item=m.get("current_agenda_item_id"), parent=self)
        dlg.accepted.connect(lambda: self.create_poll(**dlg.values()))
        self._dialog = dlg
        dlg.open()
        return dlg

    def create_poll(self, **values: Any) -> str | None:
        pid = Client.new_id()
        if self.queue("create_poll", poll_id=pid, meeting_id=self.meeting_id, **values):
            self.console.banner.show_message(self.tr("Vote created: %1").replace("%1", values.get("question", "")))
            return pid
        return None

    def open_poll(self, poll_id: str | None, *, check_quorum: bool = True) -> QMessageBox | bool:
        if not poll_id:
            return False
        present, members = self.present_count()
        need = members // 2 + 1
        if check_quorum and present < need:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("No quorum"),
                              self.tr("Only %1 of %2 members are present; %3 are needed for a quorum. The result of a vote "
                                      "without a quorum is recorded as \u201cno quorum\u201d. Open the vote anyway?")
                              .replace("%1", str(present)).replace("%2", str(members)).replace("%3", str(need)),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setObjectName("quorumWarning")
            box.accepted.connect(lambda: self.open_poll(poll_id, check_quorum=False))
            self._confirm = box
            box.open()
            return box
        return self.queue("open_poll", poll_id=poll_id)

    def close_poll(self, poll_id: str | None) -> bool:
        return bool(poll_id) and self.queue("close_poll", poll_id=poll_id)

    def publish_poll(self, poll_id: str | None) -> bool:
        return bool(poll_id) and self.queue("publish_poll", poll_id=poll_id)

    def analog_dialog(self, poll_id: str | None) -> AnalogVoteDialog | None:
        p = self.session.client.row("polls", poll_id) if poll_id else None
        if not p:
            return None
        present_ids = {c["user_id"] for c in self.session.client.rows("checkins", "meeting_id = ?", (self.meeting_id,))
                       if c["status"] == AttendanceStatus.PRESENT}
        members = [(s.key, self.session.user_name(s.attendee_id)) for s in live.seats(self.session.client.invitations(self.meeting_id))
                   if s.voting and s.attendee_id in present_ids]
        dlg = AnalogVoteDialog(poll=p, members=members, present=len(members), parent=self)
        dlg.accepted.connect(lambda: self.queue("record_analog_vote", poll_id=p["id"], **dlg.values()))
        self._dialog = dlg
        dlg.open()
        return dlg


class SpeakersPane(Pane):
    """Đăng ký phát biểu: the queue, the floor, the timer, speaking time per person."""

    tables = {"speaker_requests", "agenda_items", "invitations", "users"}

    def __init__(self, console: "ConsoleWindow") -> None:
        super().__init__(console)
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        self.now_box = QGroupBox()
        now = QVBoxLayout(self.now_box)
        self.speaker = big(QLabel(), 1.6)
        self.speaker.setObjectName("currentSpeaker")
        self.speaker.setWordWrap(True)
        now.addWidget(self.speaker)
        self.timer = big(QLabel("0:00"), 3.0)
        self.timer.setObjectName("speakingTimer")
        self.timer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        now.addWidget(self.timer)
        row = QHBoxLayout()
        self.limit_label = QLabel()
        row.addWidget(self.limit_label)
        self.limit = QSpinBox()
        self.limit.setObjectName("speakingLimit")
        self.limit.setRange(0, 60)
        self.limit.setValue(5)
        row.addWidget(self.limit)
        row.addStretch(1)
        self.end_button = QPushButton()
        self.end_button.setObjectName("endFloor")
        self.end_button.clicked.connect(self.end_floor)
        row.addWidget(self.end_button)
        now.addLayout(row)
        left.addWidget(self.now_box)
        self.queue_box = QGroupBox()
        qlay = QVBoxLayout(self.queue_box)
        self.list = QListWidget()
        self.list.setObjectName("speakerQueue")
        self.list.itemDoubleClicked.connect(lambda *_: self.give_floor(self.selected_id()))
        qlay.addWidget(self.list, 1)
        qb = QHBoxLayout()
        self.up = QPushButton()
        self.up.setObjectName("moveUp")
        self.up.clicked.connect(lambda: self.move(self.selected_id(), -1))
        self.down = QPushButton()
        self.down.setObjectName("moveDown")
        self.down.clicked.connect(lambda: self.move(self.selected_id(), +1))
        self.give = QPushButton()
        self.give.setObjectName("giveFloor")
        self.give.clicked.connect(lambda: self.give_floor(self.selected_id()))
        for b in (self.up, self.down):
            qb.addWidget(b)
        qb.addStretch(1)
        qb.addWidget(self.give)
        qlay.addLayout(qb)
        left.addWidget(self.queue_box, 1)
        lay.addLayout(left, 3)
        self.totals_box = QGroupBox()
        tl = QVBoxLayout(self.totals_box)
        self.totals = QTableWidget(0, 3)
        self.totals.setObjectName("speakerTotals")
        self.totals.verticalHeader().hide()
        self.totals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.totals.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tl.addWidget(self.totals)
        lay.addWidget(self.totals_box, 2)

    def retranslate(self) -> None:
        self.now_box.setTitle(self.tr("Has the floor"))
        self.limit_label.setText(self.tr("Time limit (minutes, 0 = none):"))
        self.end_button.setText(self.tr("Take back the floor"))
        self.end_button.setShortcut(QKeySequence("Ctrl+E"))
        self.queue_box.setTitle(self.tr("Requests to speak"))
        self.up.setText(self.tr("Move up"))
        self.up.setShortcut(QKeySequence("Ctrl+Up"))
        self.down.setText(self.tr("Move down"))
        self.down.setShortcut(QKeySequence("Ctrl+Down"))
        self.give.setText(self.tr("Give the floor"))
        self.give.setShortcut(QKeySequence("Ctrl+G"))
        self.totals_box.setTitle(self.tr("Speaking time in this meeting"))
        self.totals.setHorizontalHeaderLabels([self.tr("Person"), self.tr("Turns"), self.tr("Total")])

    def requests(self) -> list[dict]:
        return self.session.client.rows("speaker_requests", "meeting_id = ?", (self.meeting_id,))

    def refresh(self) -> None:
        rows = self.requests()
        selected = self.selected_id()
        self.list.clear()
        items = {a["id"]: a for a in self.session.client.rows("agenda_items", "meeting_id = ?", (self.meeting_id,))}
        for n, r in enumerate(live.queue(rows), 1):
            item_title = (items.get(r.get("agenda_item_id")) or {}).get("title") or ""
            text = f"{n}. {self.session.user_name(r['user_id'])}"
            if r.get("topic"):
                text += f" \u2014 {r['topic']}"
            if item_title:
                text += f"  [{item_title}]"
            it = QListWidgetItem(text)
            it.setData(Qt.ItemDataRole.UserRole, r["id"])
            it.setSizeHint(it.sizeHint().expandedTo(self.list.fontMetrics().boundingRect("Ag").size() * 2))
            self.list.addItem(it)
            if r["id"] == selected:
                self.list.setCurrentItem(it)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.give.setEnabled(self.list.count() > 0 and self.console.meeting_state() == MeetingState.ONGOING)
        self.up.setEnabled(self.list.count() > 1)
        self.down.setEnabled(self.list.count() > 1)
        totals = live.speaking_totals(rows)
        turns: dict[str, int] = {}
        for r in rows:
            if r.get("started_at") and r.get("state") in (SpeakerState.DONE, SpeakerState.SPEAKING):
                turns[r["user_id"]] = turns.get(r["user_id"], 0) + 1
        people = {s.attendee_id for s in live.seats(self.session.client.invitations(self.meeting_id)) if s.attendee_id}
        people |= set(totals)
        ordered = sorted(people, key=lambda u: (-totals.get(u, 0), self.session.user_name(u)))
        self.totals.setRowCount(len(ordered))
        for i, uid in enumerate(ordered):
            self.totals.setItem(i, 0, QTableWidgetItem(self.session.user_name(uid)))
            self.totals.setItem(i, 1, QTableWidgetItem(str(turns.get(uid, 0))))
            self.totals.setItem(i, 2, QTableWidgetItem(live.clock(totals.get(uid, 0)) if uid in totals else self.tr("not yet")))
        self.tick()

    def tick(self) -> None:
        current = live.speaking(self.requests())
        self.end_button.setEnabled(current is not None)
        if current is None:
            self.speaker.setText(self.tr("Nobody has the floor."))
            self.timer.setText("0:00")
            self.timer.setStyleSheet("")
            return
        topic = f" \u2014 {current['topic']}" if current.get("topic") else ""
        self.speaker.setText(self.session.user_name(current["user_id"]) + topic)
        elapsed = live.elapsed_seconds(current.get("started_at"))
        limit = current.get("limit_seconds")
        text = live.clock(elapsed) + (f" / {live.clock(limit)}" if limit else "")
        self.timer.setText(text)
        over = bool(limit) and elapsed > limit
        near = bool(limit) and not over and elapsed > limit - 30
        self.timer.setStyleSheet("color: #c62828;" if over else ("color: #ef6c00;" if near else "color: #1b5e20;"))

    def selected_id(self) -> str | None:
        it = self.list.currentItem()
        return it.data(Qt.ItemDataRole.UserRole) if it else None

    def select(self, request_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == request_id:
                self.list.setCurrentRow(i)

    def give_floor(self, request_id: str | None) -> bool:
        if not request_id:
            return False
        args: dict[str, Any] = {"request_id": request_id}
        if self.limit.value():
            args["limit_seconds"] = self.limit.value() * 60
        return self.queue("give_floor", **args)

    def end_floor(self) -> bool:
        current = live.speaking(self.requests())
        return bool(current) and self.queue("end_floor", request_id=current["id"])

    def move(self, request_id: str | None, step: int) -> bool:
        order = live.queue(self.requests())
        ids = [r["id"] for r in order]
        if request_id not in ids:
            return False
        i = ids.index(request_id)
        j = i + step
        if j < 0 or j >= len(order):
            return False
        pos = [float(r.get("position") or 0) for r in order]
        if step < 0:
            new = pos[j] - 1 if j == 0 else (pos[j - 1] + pos[j]) / 2
        else:
            new = pos[j] + 1 if j == len(order) - 1 else (pos[j] + pos[j + 1]) / 2
        return self.queue("move_speaker_request", request_id=request_id, position=new)


class DocumentsPane(Pane):
    """Tài liệu: add a document to an agenda item during the meeting; every client gets it at once."""

    tables = {"documents", "agenda_items"}

    def __init__(self, console: "ConsoleWindow") -> None:
        super().__init__(console)
        lay = QVBoxLayout(self)
        row = self.target_row("documentTarget")
        self.add = QPushButton()
        self.add.setObjectName("addDocument")
        self.add.clicked.connect(self.on_add)
        row.addWidget(self.add)
        lay.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("uploadProgress")
        self.progress.hide()
        lay.addWidget(self.progress)
        self.list = QListWidget()
        self.list.setObjectName("meetingDocuments")
        lay.addWidget(self.list, 1)
        self._file_dialog: QFileDialog | None = None
        self.uploading = False

    def retranslate(self) -> None:
        self.target_label.setText(self.tr("Add to:"))
        self.add.setText(self.tr("Add a document\u2026"))
        self.add.setShortcut(QKeySequence("Ctrl+D"))

    def refresh(self) -> None:
        m = self.session.client.meeting(self.meeting_id) or {}
        chosen = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("(the whole meeting)"), None)
        for n, a in enumerate(m.get("agenda") or [], 1):
            self.target.addItem(f"{n}. {a.get('title')}", a["id"])
        wanted = chosen if chosen is not None else m.get("current_agenda_item_id")
        self.target.setCurrentIndex(max(0, self.target.findData(wanted)))
        self.target.blockSignals(False)
        self.list.clear()
        titles = {a["id"]: f"{n}. {a.get('title')}" for n, a in enumerate(m.get("agenda") or [], 1)}
        for d in m.get("documents") or []:
            where = titles.get(d.get("agenda_item_id"), self.tr("(the whole meeting)"))
            pending = self.tr(" (waiting for the service)") if d.get("_pending") else ""
            self.list.addItem(f"{d.get('name')} \u2014 {labels.size(d.get('size'))} \u00b7 {where}{pending}")
        self.add.setEnabled(not self.uploading and (m.get("state") not in (MeetingState.ENDED, MeetingState.CANCELLED)))

    @Slot()
    def on_add(self) -> None:
        dlg = QFileDialog(self, self.tr("Choose the document to add"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setNameFilter(self.tr("PDF documents (*.pdf)"))
        dlg.fileSelected.connect(lambda path: self.attach(path, self.target.currentData()))
        self._file_dialog = dlg
        dlg.open()

    def attach(self, path: str | Path, agenda_item_id: str | None) -> tasks.Job:
        """Upload off the UI thread, then the attachment is an ordinary queued intent."""
        client, mid = self.session.client, self.meeting_id
        self.uploading = True
        self.add.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        name = Path(path).name
        job = tasks.run_in_background(lambda: client.attach_document(mid, path, agenda_item_id=agenda_item_id),
                                      guarded(self, lambda _mid: self._done(name, None)),
                                      guarded(self, lambda exc: self._done(name, exc)))
        return job

    def _done(self, name: str, exc: BaseException | None) -> None:
        self.uploading = False
        self.progress.hide()
        if exc is None:
            self.console.banner.show_message(self.tr("Document added: %1. Every participant receives it now.").replace("%1", name))
        else:
            self.console.banner.show_message(self.tr("The document could not be added: %1").replace("%1", error_text(exc)), True)
        self.refresh()


class ConclusionsPane(Pane):
    """Kết luận: per agenda item and for the whole meeting; visible to all."""

    tables = {"conclusions", "agenda_items"}

    def __init__(self, console: "ConsoleWindow") -> None:
        super().__init__(console)
        lay = QVBoxLayout(self)
        row = self.target_row("conclusionTarget")
        self.target.currentIndexChanged.connect(self.load)
        lay.addLayout(row)
        self.text = QPlainTextEdit()
        self.text.setObjectName("conclusionText")
        lay.addWidget(self.text, 2)
        buttons = QHBoxLayout()
        self.state = QLabel()
        self.state.setObjectName("conclusionState")
        buttons.addWidget(self.state, 1)
        self.save = QPushButton()
        self.save.setObjectName("saveConclusion")
        self.save.clicked.connect(self.on_save)
        buttons.addWidget(self.save)
        lay.addLayout(buttons)
        self.all = QListWidget()
        self.all.setObjectName("conclusions")
        self.all.setWordWrap(True)
        lay.addWidget(self.all, 1)
        self._loaded_for: object = ()

    def retranslate(self) -> None:
        self.target_label.setText(self.tr("Conclusion of:"))
        self.text.setPlaceholderText(self.tr("The conclusion as the chair states it\u2026"))
        self.save.setText(self.tr("Save the conclusion"))
        self.save.setShortcut(QKeySequence("Ctrl+S"))

    def conclusions(self) -> dict[str | None, dict]:
        return {c.get("agenda_item_id"): c for c in self.session.client.rows("conclusions", "meeting_id = ?", (self.meeting_id,))}

    def refresh(self) -> None:
        m = self.session.client.meeting(self.meeting_id) or {}
        chosen = self.target.currentData() if self.target.count() else m.get("current_agenda_item_id")
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("The whole meeting"), None)
        for n, a in enumerate(m.get("agenda") or [], 1):
            self.target.addItem(f"{n}. {a.get('title')}", a["id"])
        self.target.setCurrentIndex(max(0, self.target.findData(chosen)))
        self.target.blockSignals(False)
        existing = self.conclusions()
        titles = {a["id"]: f"{n}. {a.get('title')}" for n, a in enumerate(m.get("agenda") or [], 1)}
        self.all.clear()
        for key, c in sorted(existing.items(), key=lambda kv: (kv[0] is None, titles.get(kv[0], ""))):
            head = titles.get(key, self.tr("The whole meeting"))
            mark = self.tr(" (waiting for the service)") if c.get("_pending") else ""
            self.all.addItem(f"{head}{mark}\n{c.get('text')}")
        if self._loaded_for != self.target.currentData() or not self.text.document().isModified():
            self.load()

    @Slot()
    def load(self) -> None:
        key = self.target.currentData()
        c = self.conclusions().get(key)
        self.text.setPlainText((c or {}).get("text") or "")
        self.text.document().setModified(False)
        self._loaded_for = key
        self.state.setText(self.tr("Saved.") if c and not c.get("_pending") else (self.tr("Waiting for the service\u2026") if c else ""))

    @Slot()
    def on_save(self) -> None:
        self.set_conclusion(self.target.currentData(), self.text.toPlainText())

    def set_conclusion(self, agenda_item_id: str | None, text: str) -> bool:
        existing = self.conclusions().get(agenda_item_id)
        cid = existing["id"] if existing else Client.new_id()
        if self.queue("set_conclusion", conclusion_id=cid, meeting_id=self.meeting_id, agenda_item_id=agenda_item_id,
                      text=text.strip()):
            self.text.document().setModified(False)
            self.state.setText(self.tr("Waiting for the service\u2026"))
            return True
        return False


class TranscriptPane(Pane):
    """The secretary's transcript panel (``asr.secretary.open_transcript_panel``): the secretary writes the
    transcript; the chair sees a note saying so."""

    def __init__(self, console: "ConsoleWindow") -> None:
        super().__init__(console)
        self.lay = QVBoxLayout(self)
        self.placeholder = QLabel()
        self.placeholder.setObjectName("transcriptPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lay.addWidget(self.placeholder)
        self.panel: QWidget | None = None
        self.tried = False

    def retranslate(self) -> None:
        if self.panel is None:
            from ecabinet_client.asr.secretary import can_transcribe

            self.placeholder.setText(
                self.tr("The transcript panel opens here when this tab is shown.")
                if can_transcribe(self.session, self.meeting_id)
                else self.tr("The meeting's secretary records the transcript; it appears in the meeting's record."))

    def activate(self) -> None:
        """Load the panel the first time the tab is shown (it may load a speech model)."""
        from ecabinet_client.asr.secretary import can_transcribe, open_transcript_panel

        if self.tried or not can_transcribe(self.session, self.meeting_id):
            return
        self.tried = True
        try:
            panel = open_transcript_panel(self.session, self.meeting_id, self, settings=self.console.settings)
        except Exception:  # noqa: BLE001 - the console keeps working without it
            log.exception("the transcript panel could not be opened")
            self.placeholder.setText(self.tr("The transcript panel could not be opened; see the log."))
            return
        if isinstance(panel, QWidget):
            self.placeholder.hide()
            self.lay.addWidget(panel, 1)
            self.panel = panel


# --- the window --------------------------------------------------------------------------------------------------------
class LiveWiring:
    """How a live window (the console, the delegate's panel) follows the session: a one-second tick, and the
    session's signals to the window's ``on_changed``, ``on_live_event``, ``on_mutation_failed`` and
    ``on_status``; :meth:`stop` undoes it all when the window closes."""

    def __init__(self, window: QWidget, session: Session, on_tick) -> None:  # noqa: ANN001
        self.tick = QTimer(window)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(on_tick)
        self.tick.start()
        self.connections = ((session.changed, window.on_changed), (session.live_event, window.on_live_event),
                            (session.mutation_failed, window.on_mutation_failed),
                            (session.status_changed, window.on_status))
        for signal, slot in self.connections:
            signal.connect(slot)

    def stop(self) -> None:
        self.tick.stop()
        for signal, slot in self.connections:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the session went first
                pass


class ConsoleWindow(QMainWindow):
    """The meeting console of the chair and the secretary (see the module docstring).

    Signals:
        closed(): the window was closed.
    """

    closed = Signal()

    ACTION_NAMES = ("start_meeting", "end_meeting", "set_current_agenda_item", "mark_attendance", "create_poll",
                    "open_poll", "close_poll", "publish_poll", "record_analog_vote", "give_floor", "end_floor",
                    "move_speaker_request", "attach_document", "set_conclusion")

    def __init__(self, *, session: Session, meeting_id: str, parent: QWidget | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("console")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.settings = settings  # the application's (the transcript panel keeps its model folder there)
        self.session = session
        self.meeting_id = meeting_id
        self.closing = False
        self.qr_screen: QrScreen | None = None
        self._confirm: QMessageBox | None = None

        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(10, 8, 10, 8)
        # header: title, state, clock, quorum; start/end
        head = QHBoxLayout()
        self.title = big(QLabel(), 1.5)
        self.title.setObjectName("consoleTitle")
        self.title.setWordWrap(True)
        head.addWidget(self.title, 1)
        self.quorum = big(QLabel(), 1.1)
        self.quorum.setObjectName("quorumChip")
        head.addWidget(self.quorum)
        self.state = QLabel()
        self.state.setObjectName("meetingState")
        head.addWidget(self.state)
        self.clock = big(QLabel(), 1.3)
        self.clock.setObjectName("clock")
        head.addWidget(self.clock)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startMeeting")
        self.start_button.clicked.connect(self.start_meeting)
        head.addWidget(self.start_button)
        self.end_button = QPushButton()
        self.end_button.setObjectName("endMeeting")
        self.end_button.clicked.connect(self.request_end)
        head.addWidget(self.end_button)
        root.addLayout(head)
        self.banner = Banner()
        root.addWidget(self.banner)

        body = QSplitter(Qt.Orientation.Horizontal)
        agenda_box = QGroupBox()
        self.agenda_box = agenda_box
        al = QVBoxLayout(agenda_box)
        self.current_label = QLabel()
        al.addWidget(self.current_label)
        self.current = big(QLabel(), 1.4)
        self.current.setObjectName("currentItem")
        self.current.setWordWrap(True)
        self.current.setStyleSheet("font-weight: bold; color: #0d47a1;")
        al.addWidget(self.current)
        nav = QHBoxLayout()
        self.prev_button = QPushButton()
        self.prev_button.setObjectName("previousItem")
        self.prev_button.clicked.connect(lambda: self.step_agenda(-1))
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextItem")
        self.next_button.clicked.connect(lambda: self.step_agenda(+1))
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        al.addLayout(nav)
        self.agenda = QListWidget()
        self.agenda.setObjectName("agenda")
        self.agenda.setWordWrap(True)
        self.agenda.itemDoubleClicked.connect(lambda it: self.set_current_item(it.data(Qt.ItemDataRole.UserRole)))
        al.addWidget(self.agenda, 1)
        body.addWidget(agenda_box)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("consoleTabs")
        self.checkin = CheckInPane(self)
        self.votes = VotesPane(self)
        self.speakers = SpeakersPane(self)
        self.documents = DocumentsPane(self)
        self.conclusions = ConclusionsPane(self)
        self.transcript = TranscriptPane(self)
        self.panes: list[Pane] = [self.checkin, self.votes, self.speakers, self.documents, self.conclusions, self.transcript]
        for pane in self.panes:
            self.tabs.addTab(pane, "")
        self.tabs.currentChanged.connect(self._on_tab)
        body.addWidget(self.tabs)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 3)
        body.setSizes([300, 900])
        root.addWidget(body, 1)
        self.setCentralWidget(central)

        # shortcuts
        self.fullscreen_action = QAction(self)
        self.fullscreen_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.fullscreen_action.triggered.connect(self.toggle_full_screen)
        self.addAction(self.fullscreen_action)
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(session.sync_now)
        self.addAction(self.sync_action)
        for n in range(len(self.panes)):
            a = QAction(self)
            a.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            a.triggered.connect(lambda _=False, i=n: self.tabs.setCurrentIndex(i))
            self.addAction(a)
        for keys, step in (("Alt+Left", -1), ("Alt+Right", +1), ("PgUp", -1), ("PgDown", +1)):
            a = QAction(self)
            a.setShortcut(QKeySequence(keys))
            a.triggered.connect(lambda _=False, s=step: self.step_agenda(s))
            self.addAction(a)

        self._wiring = LiveWiring(self, session, self.on_tick)
        self.retranslate()
        self.refresh_all()
        self.checkin.fetch_code()
        self.resize(1280, 800)

    # --- translation --------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Meeting console"))
        self.start_button.setText(self.tr("Start the meeting"))
        self.end_button.setText(self.tr("End the meeting"))
        self.agenda_box.setTitle(self.tr("Agenda"))
        self.current_label.setText(self.tr("Now discussing:"))
        self.prev_button.setText(self.tr("\u25c0 Previous"))
        self.prev_button.setToolTip(self.tr("Previous agenda item (Alt+Left)"))
        self.next_button.setText(self.tr("Next \u25b6"))
        self.next_button.setToolTip(self.tr("Next agenda item (Alt+Right)"))
        self.fullscreen_action.setText(self.tr("Full screen"))
        for i, name in enumerate((self.tr("Check-in"), self.tr("Votes"), self.tr("Speakers"), self.tr("Documents"),
                                  self.tr("Conclusions"), self.tr("Transcript"))):
            self.tabs.setTabText(i, name)
            self.tabs.setTabToolTip(i, f"Ctrl+{i + 1}")
        for pane in self.panes:
            pane.retranslate()
        self.refresh_all()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- reading ----------------------------------------------------------------------------------------------------
    def meeting(self) -> dict:
        return self.session.client.meeting(self.meeting_id) or {}

    def meeting_state(self) -> str | None:
        row = self.session.client.row("meetings", self.meeting_id)
        return row.get("state") if row else None

    def current_speaker(self) -> str | None:
        """Who holds the floor (a user id): the person the transcript attributes speech to."""
        current = live.speaking(self.speakers.requests())
        return current["user_id"] if current else None

    def current_agenda_item(self) -> str | None:
        return (self.session.client.row("meetings", self.meeting_id) or {}).get("current_agenda_item_id")

    def refresh_all(self) -> None:
        self.refresh_header()
        for pane in self.panes:
            pane.refresh()

    def refresh_header(self) -> None:
        m = self.meeting()
        self.title.setText(m.get("title") or "")
        state = m.get("state") or ""
        self.state.setText(labels.meeting_state(state))
        self.state.setStyleSheet(f"color: white; background: {labels.STATE_COLOURS.get(state, '#607d8b')};"
                                 " border-radius: 4px; padding: 3px 8px; font-weight: bold;")
        self.start_button.setEnabled(state == MeetingState.APPROVED)
        self.end_button.setEnabled(state == MeetingState.ONGOING)
        summary = live.attendance(m.get("invitations") or [], self.session.client.rows("checkins", "meeting_id = ?", (self.meeting_id,)))
        text = self.tr("Present %1/%2 members").replace("%1", str(summary.members_present)).replace("%2", str(summary.members))
        text += " \u00b7 " + (self.tr("quorum") if summary.quorum_met else self.tr("no quorum yet"))
        self.quorum.setText(text)
        colour = "#2e7d32" if summary.quorum_met else "#c62828"
        self.quorum.setStyleSheet(f"color: {colour}; font-weight: bold; padding: 0 10px;")
        agenda = m.get("agenda") or []
        current = m.get("current_agenda_item_id")
        self.agenda.clear()
        for n, a in enumerate(agenda, 1):
            marker = "\u25b6 " if a["id"] == current else ""
            it = QListWidgetItem(f"{marker}{n}. {a.get('title')}")
            it.setData(Qt.ItemDataRole.UserRole, a["id"])
            if a["id"] == current:
                f = it.font()
                f.setBold(True)
                it.setFont(f)
            self.agenda.addItem(it)
        cur = next((a for a in agenda if a["id"] == current), None)
        idx = agenda.index(cur) + 1 if cur else 0
        self.current.setText(f"{idx}. {cur.get('title')}" if cur else self.tr("(no item)"))
        prev, nxt, _i = live.agenda_neighbours(agenda, current)
        ongoing = state == MeetingState.ONGOING
        self.prev_button.setEnabled(ongoing and prev is not None)
        self.next_button.setEnabled(ongoing and nxt is not None)
        self.on_tick()

    # --- signals ------------------------------------------------------------------------------------------------------
    @Slot(object)
    @Slot(object)
    def on_live_event(self, data: dict) -> None:
        """A running vote count of this meeting: the delegates' clients only show it, the console pulls (the
        named ballots, the poll row) so the secretary follows every ballot."""
        if not self.closing and is_vote_count(data) and data.get("meeting_id") == self.meeting_id:
            self.session.sync_now()

    def on_changed(self, tables: set) -> None:
        if self.closing or not (set(tables) & LIVE_TABLES):
            return
        self.refresh_header()
        for pane in self.panes:
            if pane.tables & set(tables):
                pane.refresh()

    @Slot(object)
    def on_mutation_failed(self, failure: dict) -> None:
        if self.closing or failure.get("name") not in self.ACTION_NAMES:
            return
        self.banner.show_message(self.tr("Refused by the service: %1").replace("%1", failure.get("message") or failure.get("code") or ""), True)

    @Slot()
    def on_status(self) -> None:
        if not self.session.online and not self.closing:
            self.state.setToolTip(self.tr("Offline: changes wait and are sent when the service answers."))

    @Slot()
    def on_tick(self) -> None:
        self.clock.setText(utcnow().astimezone().strftime("%H:%M:%S"))
        for pane in (self.checkin, self.speakers):
            pane.tick()

    def _on_tab(self, index: int) -> None:
        if self.tabs.widget(index) is self.transcript:
            self.transcript.activate()

    def on_code(self, payload: str, code: str) -> None:
        if self.qr_screen is not None and shiboken6.isValid(self.qr_screen):
            self.qr_screen.set_code(payload, code)

    # --- actions --------------------------------------------------------------------------------------------------------
    def queue(self, name: str, /, **args: Any) -> bool:
        """Queue an intent; a local refusal is shown at once in the banner."""
        try:
            self.session.queue(name, **args)
        except DomainError as exc:
            self.banner.show_message(error_text(exc), True)
            return False
        return True

    @Slot()
    def start_meeting(self) -> bool:
        return self.queue("start_meeting", meeting_id=self.meeting_id)

    @Slot()
    def request_end(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("End the meeting"),
                          self.tr("End the meeting now? Votes still open stay open until you close them; the record "
                                  "(conclusions, transcript) can still be completed."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmEnd")
        box.accepted.connect(self.end_meeting)
        self._confirm = box
        box.open()
        return box

    def end_meeting(self) -> bool:
        return self.queue("end_meeting", meeting_id=self.meeting_id)

    def set_current_item(self, item_id: str | None) -> bool:
        return self.queue("set_current_agenda_item", meeting_id=self.meeting_id, agenda_item_id=item_id)

    def step_agenda(self, step: int) -> bool:
        m = self.meeting()
        if m.get("state") != MeetingState.ONGOING:
            return False
        prev, nxt, _i = live.agenda_neighbours(m.get("agenda") or [], m.get("current_agenda_item_id"))
        target = prev if step < 0 else nxt
        return bool(target) and self.set_current_item(target["id"])

    @Slot()
    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def show_on_screen(self, index: int) -> None:
        """Full screen on display ``index`` (a second display, for the room)."""
        screens = QGuiApplication.screens()
        if 0 <= index < len(screens):
            self.setScreen(screens[index])
            self.move(screens[index].geometry().topLeft())
        self.showFullScreen()

    @Slot()
    def show_qr_screen(self) -> QrScreen:
        """The rotating code, full screen on the second display when there is one."""
        if self.qr_screen is None or not shiboken6.isValid(self.qr_screen):
            self.qr_screen = QrScreen(meeting_title=self.meeting().get("title") or "", parent=self)
        self.qr_screen.set_code(self.checkin.payload, self.checkin.current_code)
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            other = next((s for s in screens if s is not self.screen()), screens[-1])
            self.qr_screen.setScreen(other)
            self.qr_screen.move(other.geometry().topLeft())
            self.qr_screen.showFullScreen()
        else:
            self.qr_screen.resize(720, 820)
            self.qr_screen.show()
        return self.qr_screen

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001
        self.closing = True
        self._wiring.stop()
        self.checkin._code_timer.stop()
        if self.qr_screen is not None and shiboken6.isValid(self.qr_screen):
            self.qr_screen.close()
        if self.transcript.panel is not None:
            self.transcript.panel.shutdown()  # the utterance in progress is saved, the recording closed
        self.closed.emit()
        super().closeEvent(event)


def open_console(session: Session, meeting_id: str, parent: QWidget | None = None, *,
                 settings: Settings | None = None) -> ConsoleWindow:
    """Open (and show) the console of a meeting for its chair or secretary."""
    win = ConsoleWindow(session=session, meeting_id=meeting_id, parent=parent, settings=settings)
    win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    win.show()
    return win


def can_run(session: Session, meeting: dict) -> bool:
    """Does the signed-in user run this meeting (its chair or its secretary)?"""
    me = session.user.get("id")
    return bool(me) and me in (meeting.get("chair_id"), meeting.get("secretary_id"))
