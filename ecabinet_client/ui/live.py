"""Phòng họp trực tuyến của đại biểu: the delegate's live-meeting panel (touch first, targets ≥ 48 px).

The current agenda item follows the chair, with its documents; check in by the room's code or a photo of
its QR code and see that I am marked present; request to speak or withdraw, with my place in the queue
and a timer when I hold the floor; vote with large buttons, change my choice while the vote is open when
the chair allows it, see the published result. A vote that closed while this tablet was offline says so
instead of pretending that the ballot counted. Open it with :func:`open_live_panel`.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QScrollArea, QStyle,
    QVBoxLayout, QWidget,
)

from ecabinet_client.domain import live
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.model import AttendanceStatus, MeetingState, PollState
from ecabinet_client.sync.client import Client
from ecabinet_client.sync.engine import is_vote_count

from . import labels
from .banner import Banner, error_text
from .checkin import TOUCH, CheckInBox
from .console import LiveWiring, big, outcome_text
from .session import Session

log = logging.getLogger(__name__)

# Secret ballots leave no trace in the store (by design): what this process sent, so that the panel can say
# "your vote was sent" after a reopen. Never written to disk.
_sent_secret: dict[tuple[str, str], str] = {}


class LivePanel(QWidget):
    """The delegate's side of a live meeting (see the module docstring).

    Signals:
        document_requested(str): the delegate tapped a document of the current item (its id).
    """

    document_requested = Signal(str)

    LIVE_TABLES = {"meetings", "agenda_items", "documents", "checkins", "polls", "ballots", "speaker_requests",
                   "invitations", "conclusions"}

    def __init__(self, *, session: Session, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window if parent is None else Qt.WindowType.Widget)
        self.setObjectName("livePanel")
        self.session = session
        self.meeting_id = meeting_id
        self.closing = False
        self._seen_open: set[str] = set()  # polls seen open here before I voted
        self._missed_while_offline: set[str] = set()  # …of which this tablet then lost the connection
        self._told: set[str] = set()
        self._was_online = session.online

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(12)

        head = QHBoxLayout()
        self.title = big(QLabel(), 1.4)
        self.title.setObjectName("liveTitle")
        self.title.setWordWrap(True)
        head.addWidget(self.title, 1)
        self.connection = QLabel()
        self.connection.setObjectName("connection")
        head.addWidget(self.connection)
        lay.addLayout(head)
        self.banner = Banner()
        lay.addWidget(self.banner)

        # the current agenda item and its documents
        self.item_box = QGroupBox()
        il = QVBoxLayout(self.item_box)
        self.item = big(QLabel(), 1.5)
        self.item.setObjectName("liveItem")
        self.item.setWordWrap(True)
        self.item.setStyleSheet("font-weight: bold; color: #0d47a1;")
        il.addWidget(self.item)
        self.docs = QVBoxLayout()
        il.addLayout(self.docs)
        lay.addWidget(self.item_box)

        self.checkin = CheckInBox(session=session, meeting_id=meeting_id)
        self.checkin.message.connect(self.banner.show_message)
        lay.addWidget(self.checkin)

        # the vote
        self.vote_box = QGroupBox()
        self.vote_box.setObjectName("voteBox")
        vl = QVBoxLayout(self.vote_box)
        self.question = big(QLabel(), 1.5)
        self.question.setObjectName("voteQuestion")
        self.question.setWordWrap(True)
        vl.addWidget(self.question)
        self.vote_info = QLabel()
        self.vote_info.setObjectName("voteInfo")
        self.vote_info.setWordWrap(True)
        vl.addWidget(self.vote_info)
        self.choices = QGridLayout()
        self.choices.setSpacing(10)
        vl.addLayout(self.choices)
        self.choice_buttons: dict[str, QPushButton] = {}
        self.results = QVBoxLayout()
        vl.addLayout(self.results)
        self.vote_status = big(QLabel(), 1.1)
        self.vote_status.setObjectName("voteStatus")
        self.vote_status.setWordWrap(True)
        vl.addWidget(self.vote_status)
        lay.addWidget(self.vote_box)
        self.poll_id: str | None = None

        # speaking
        self.speak_box = QGroupBox()
        sl = QVBoxLayout(self.speak_box)
        self.speak_state = big(QLabel(), 1.2)
        self.speak_state.setObjectName("speakState")
        self.speak_state.setWordWrap(True)
        sl.addWidget(self.speak_state)
        self.topic = QLineEdit()
        self.topic.setObjectName("speakTopic")
        self.topic.setMinimumHeight(TOUCH)
        self.topic.setMaxLength(500)
        sl.addWidget(self.topic)
        self.speak = QPushButton()
        self.speak.setObjectName("speakButton")
        self.speak.setMinimumHeight(64)
        big(self.speak, 1.3)
        self.speak.clicked.connect(self.on_speak)
        sl.addWidget(self.speak)
        lay.addWidget(self.speak_box)

        self.conclusion_box = QGroupBox()
        cl = QVBoxLayout(self.conclusion_box)
        self.conclusion = QLabel()
        self.conclusion.setObjectName("liveConclusions")
        self.conclusion.setWordWrap(True)
        cl.addWidget(self.conclusion)
        lay.addWidget(self.conclusion_box)
        lay.addStretch(1)

        speak_action = QAction(self)
        speak_action.setShortcut(QKeySequence("Ctrl+R"))
        speak_action.triggered.connect(self.on_speak)
        self.addAction(speak_action)
        sync_action = QAction(self)
        sync_action.setShortcut(QKeySequence("F5"))
        sync_action.triggered.connect(session.sync_now)
        self.addAction(sync_action)

        self._wiring = LiveWiring(self, session, self.tick)
        self.retranslate()
        self.resize(620, 900)

    # --- translation ----------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Live meeting"))
        self.item_box.setTitle(self.tr("Now discussing"))
        self.vote_box.setTitle(self.tr("Vote"))
        self.speak_box.setTitle(self.tr("Speaking"))
        self.topic.setPlaceholderText(self.tr("Topic (optional)"))
        self.conclusion_box.setTitle(self.tr("Conclusions"))
        self.checkin.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- reading ---------------------------------------------------------------------------------------------------
    @property
    def me(self) -> str:
        return self.session.user.get("id") or ""

    def my_seat(self) -> live.SeatView | None:
        return next((s for s in live.seats(self.session.client.invitations(self.meeting_id)) if s.attendee_id == self.me), None)

    def my_ballot(self, poll_id: str) -> dict | None:
        rows = self.session.client.rows("ballots", "poll_id = ?", (poll_id,))
        return next((b for b in rows if b.get("voter_id") == self.me), None)

    def current_poll(self) -> dict | None:
        polls = self.session.client.rows("polls", "meeting_id = ?", (self.meeting_id,))
        shown = [p for p in polls if p.get("state") != PollState.DRAFT]
        if not shown:
            return None
        open_ = [p for p in shown if p["state"] == PollState.OPEN]
        pick = open_ or shown
        return max(pick, key=lambda p: (p.get("opened_at") or "", p.get("seq") or 0))

    def voted(self, poll: dict) -> str | None:
        """My choice (named votes), "secret" when I sent a secret ballot, or None."""
        if poll.get("secret"):
            return "secret" if (self.me, poll["id"]) in _sent_secret else None
        ballot = self.my_ballot(poll["id"])
        return ballot.get("choice") if ballot else None

    def refresh(self) -> None:
        if self.closing:
            return
        m = self.session.client.meeting(self.meeting_id) or {}
        self.title.setText(f"{m.get('title') or ''} \u00b7 {labels.meeting_state(m.get('state') or '')}")
        self.refresh_connection()
        # the current agenda item, as the chair moves it
        agenda = m.get("agenda") or []
        cur = next((a for a in agenda if a["id"] == m.get("current_agenda_item_id")), None)
        if cur:
            self.item.setText(f"{agenda.index(cur) + 1}. {cur.get('title')}")
        elif m.get("state") == MeetingState.APPROVED:
            self.item.setText(self.tr("The meeting has not started yet."))
        else:
            self.item.setText(self.tr("(no item)"))
        while self.docs.count():
            w = self.docs.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.deleteLater()
        for d in (cur or {}).get("documents") or []:
            b = QPushButton(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon), d.get("name") or "")
            b.setObjectName("liveDocument")
            b.setMinimumHeight(TOUCH)
            b.setStyleSheet("text-align: left; padding-left: 12px;")
            b.clicked.connect(lambda _=False, did=d["id"]: self.document_requested.emit(did))
            self.docs.addWidget(b)
        self.checkin.refresh()
        mine = self.checkin.my_row()
        if mine and mine.get("status") == AttendanceStatus.PRESENT and self.checkin.sent_text == self.banner.text():
            self.banner.hide()  # "check-in sent" has been confirmed: the check-in box says so now
        seat = self.my_seat()
        self.checkin.setVisible(seat is not None and m.get("state") in (MeetingState.APPROVED, MeetingState.ONGOING)
                                or self.checkin.my_row() is not None)
        self.refresh_vote(seat)
        self.refresh_speaking(m)
        concl = m.get("conclusions") or []
        titles = {a["id"]: f"{n}. {a.get('title')}" for n, a in enumerate(agenda, 1)}
        lines = [f"<b>{titles.get(c.get('agenda_item_id'), self.tr('The whole meeting'))}</b>: {c.get('text')}" for c in concl]
        self.conclusion.setText("<br>".join(lines))
        self.conclusion_box.setVisible(bool(lines))

    def refresh_connection(self) -> None:
        online = self.session.online
        self.connection.setText(self.tr("\u25cf Online") if online else self.tr("\u25cf Offline"))
        self.connection.setStyleSheet(f"color: {'#2e7d32' if online else '#c62828'}; font-weight: bold;")

    def refresh_vote(self, seat: live.SeatView | None) -> None:
        poll = self.current_poll()
        self.vote_box.setVisible(poll is not None)
        for b in self.choice_buttons.values():
            self.choices.removeWidget(b)
            b.hide()
            b.deleteLater()
        self.choice_buttons = {}
        while self.results.count():
            w = self.results.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.deleteLater()
        self.poll_id = poll["id"] if poll else None
        if poll is None:
            return
        mine = self.voted(poll)
        if poll["state"] == PollState.OPEN and mine is None:
            self._seen_open.add(poll["id"])
        self.question.setText(poll.get("question") or "")
        self.vote_info.setText(self.vote_info_text(poll))
        present = self.checkin.my_row()
        is_present = bool(present and present.get("status") == AttendanceStatus.PRESENT)
        if poll["state"] == PollState.OPEN:
            can_change = bool(poll.get("allow_change")) and mine is not None and not poll.get("secret")
            enabled = seat is not None and seat.voting and is_present and (mine is None or can_change)
            for n, option in enumerate(poll.get("options") or []):
                b = QPushButton(option)
                b.setObjectName("voteChoice")
                b.setMinimumHeight(72)
                big(b, 1.4)
                b.setCheckable(True)
                b.setChecked(option == mine)
                b.setEnabled(enabled)
                colour = ("#2e7d32", "#c62828", "#616161")[n] if n < 3 else "#1565c0"
                b.setStyleSheet(
                    f"QPushButton {{ border: 2px solid {colour}; border-radius: 10px; color: {colour}; background: white; }}"
                    f" QPushButton:checked {{ background: {colour}; color: white; }}"
                    " QPushButton:disabled { border-color: #bdbdbd; color: #9e9e9e; }"
                    f" QPushButton:checked:disabled {{ background: {colour}; color: white; }}")
                b.clicked.connect(lambda _=False, o=option: self.cast(o))
                self.choices.addWidget(b, n // 3, n % 3)
                self.choice_buttons[option] = b
            if seat is None or not seat.voting:
                status = self.tr("You follow this vote; you do not vote in it.")
            elif not is_present:
                status = self.tr("Check in first: only members present in the room vote.")
            elif mine == "secret":
                status = self.tr("\u2714 Your secret ballot was sent.")
            elif mine is not None:
                pending = self.session.is_pending("ballots", self.my_ballot(poll["id"])["id"])
                status = self.tr("\u2714 You chose \u201c%1\u201d.").replace("%1", mine)
                if pending:
                    status += " " + self.tr("(waiting to be sent)")
                if can_change:
                    status += " " + self.tr("You may change your choice while the vote is open.")
            else:
                status = self.tr("Tap your choice.")
            if not self.session.online and mine is None:
                status += " " + self.tr("You are offline: a choice is sent when the connection returns, and it does not "
                                        "count if the vote has closed by then.")
            self.vote_status.setText(status)
        else:
            result = poll.get("result") if poll["state"] == PollState.PUBLISHED else None
            if poll["id"] in self._missed_while_offline and mine in (None, "secret") and poll["id"] not in self._told:
                pass  # the banner says it (see on_changed)
            if result:
                total = max(1, int(result.get("participants") or 0))
                for option, count in live.poll_result_line(result):
                    bar = QProgressBar()
                    bar.setObjectName("resultBar")
                    bar.setRange(0, total)
                    bar.setValue(count)
                    bar.setFormat(f"{option}: {count}")
                    bar.setMinimumHeight(34)
                    self.results.addWidget(bar)
                status = self.tr("Result: %1 (%2 took part).").replace("%1", outcome_text(result)).replace(
                    "%2", str(result.get("participants")))
            else:
                status = self.tr("The vote is closed; the chair has not published the result yet.")
            if mine and mine != "secret":
                status += " " + self.tr("You chose \u201c%1\u201d.").replace("%1", mine)
            elif poll["id"] in self._missed_while_offline and not mine:
                status += " " + self.tr("The vote closed while you were offline; you did not vote.")
            self.vote_status.setText(status)

    def refresh_speaking(self, m: dict) -> None:
        rows = self.session.client.rows("speaker_requests", "meeting_id = ?", (self.meeting_id,))
        mine, place = live.place_in_queue(rows, self.me)
        current = live.speaking(rows)
        ongoing = m.get("state") in (MeetingState.APPROVED, MeetingState.ONGOING)
        self.speak_box.setVisible(ongoing or mine is not None)
        if current and current.get("user_id") == self.me:
            self.speak_state.setText(self.tr("You have the floor."))
            self.speak.setText(self.tr("Request to speak again"))
            self.topic.setVisible(True)
        elif mine is not None:
            waiting = len(live.queue(rows))
            self.speak_state.setText(self.tr("You are number %1 of %2 in the queue.").replace("%1", str(place))
                                     .replace("%2", str(waiting)))
            self.speak.setText(self.tr("Withdraw my request"))
            self.topic.setVisible(False)
        else:
            who = self.session.user_name(current["user_id"]) if current else ""
            self.speak_state.setText(self.tr("%1 has the floor.").replace("%1", who) if current else
                                     self.tr("Nobody has the floor."))
            self.speak.setText(self.tr("Request to speak"))
            self.topic.setVisible(True)
        self.speak.setEnabled(ongoing)
        self.tick()

    @Slot()
    def tick(self) -> None:
        if self.closing:
            return
        rows = self.session.client.rows("speaker_requests", "meeting_id = ?", (self.meeting_id,))
        current = live.speaking(rows)
        if current and current.get("user_id") == self.me:
            limit = current.get("limit_seconds")
            elapsed = live.elapsed_seconds(current.get("started_at"))
            text = self.tr("You have the floor: %1").replace("%1", live.clock(elapsed) + (f" / {live.clock(limit)}" if limit else ""))
            self.speak_state.setText(text)
            self.speak_state.setStyleSheet("color: #c62828;" if limit and elapsed > limit else "color: #1b5e20;")
        else:
            self.speak_state.setStyleSheet("")

    # --- signals ---------------------------------------------------------------------------------------------------------
    def vote_info_text(self, poll: dict) -> str:
        info = [self.tr("Secret ballot: nobody can see your choice.") if poll.get("secret") else self.tr("Named vote.")]
        if poll["state"] == PollState.OPEN:
            info.append(self.tr("%1 have voted so far.").replace("%1", str(self.session.votes_cast(poll))))
        return " ".join(info)

    @Slot(object)
    def on_live_event(self, data: dict) -> None:
        """A running vote count: only the line that shows it changes (the buttons stay under the finger)."""
        if self.closing or not is_vote_count(data) or data["payload"].get("poll_id") != self.poll_id:
            return
        poll = self.session.client.row("polls", self.poll_id)
        if poll and poll["state"] == PollState.OPEN:
            self.vote_info.setText(self.vote_info_text(poll))

    @Slot(object)
    def on_changed(self, tables: set) -> None:
        if self.closing or not (set(tables) & self.LIVE_TABLES):
            return
        for pid in list(self._missed_while_offline):
            poll = self.session.client.row("polls", pid)
            if poll and poll.get("state") != PollState.OPEN and pid not in self._told and not self.voted(poll):
                self._told.add(pid)
                self.banner.show_message(self.tr("The vote \u201c%1\u201d closed while you were offline: you did not vote in it.")
                                         .replace("%1", poll.get("question") or ""), True)
        self.refresh()

    @Slot()
    def on_status(self) -> None:
        if self.closing:
            return
        online = self.session.online
        if self._was_online and not online:  # polls I had not voted in may close while I am away
            self._missed_while_offline |= {p for p in self._seen_open
                                           if (self.session.client.row("polls", p) or {}).get("state") == PollState.OPEN}
        self._was_online = online
        self.refresh_connection()

    @Slot(object)
    def on_mutation_failed(self, failure: dict) -> None:
        if self.closing:
            return
        name, code = failure.get("name"), failure.get("code")
        args = failure.get("args") or {}
        if name == "cast_ballot":
            poll = self.session.client.row("polls", args.get("poll_id")) or {}
            if poll.get("meeting_id") not in (None, self.meeting_id):
                return
            _sent_secret.pop((self.me, args.get("poll_id") or ""), None)
            if code == "poll_not_open":
                self._told.add(args.get("poll_id") or "")
                self.banner.show_message(self.tr("Your vote on \u201c%1\u201d did not count: the vote closed before it reached "
                                                 "the service (you were offline).").replace("%1", poll.get("question") or ""), True)
            else:
                self.banner.show_message(self.tr("Your vote was refused: %1").replace("%1", failure.get("message") or ""), True)
        elif name == "check_in" and args.get("meeting_id") == self.meeting_id:
            self.banner.show_message(self.tr("Check-in refused: %1").replace("%1", failure.get("message") or ""), True)
        elif name in ("request_to_speak", "withdraw_speaker_request"):
            self.banner.show_message(self.tr("Your request was refused: %1").replace("%1", failure.get("message") or ""), True)
        else:
            return
        self.refresh()

    # --- actions -----------------------------------------------------------------------------------------------------------
    def _queue(self, name: str, /, **args: Any) -> bool:
        try:
            self.session.queue(name, **args)
        except DomainError as exc:
            self.banner.show_message(error_text(exc), True)
            return False
        return True

    def cast(self, choice: str) -> bool:
        """Vote ``choice`` in the current poll (a change of choice reuses my ballot)."""
        poll = self.session.client.row("polls", self.poll_id) if self.poll_id else None
        if not poll or poll.get("state") != PollState.OPEN:
            return False
        ballot = None if poll.get("secret") else self.my_ballot(poll["id"])
        if ballot and ballot.get("choice") == choice:
            return False
        ok = self._queue("cast_ballot", poll_id=poll["id"], choice=choice, ballot_id=ballot["id"] if ballot else Client.new_id())
        if ok:
            if poll.get("secret"):
                _sent_secret[(self.me, poll["id"])] = choice
            self._seen_open.discard(poll["id"])
            self._missed_while_offline.discard(poll["id"])
            self.refresh()
        return ok

    @Slot()
    def on_speak(self) -> bool:
        rows = self.session.client.rows("speaker_requests", "meeting_id = ?", (self.meeting_id,))
        mine, _place = live.place_in_queue(rows, self.me)
        if mine is not None:
            return self._queue("withdraw_speaker_request", request_id=mine["id"])
        m = self.session.client.row("meetings", self.meeting_id) or {}
        args: dict[str, Any] = {"request_id": Client.new_id(), "meeting_id": self.meeting_id,
                                "agenda_item_id": m.get("current_agenda_item_id")}
        if self.topic.text().strip():
            args["topic"] = self.topic.text().strip()
        if self._queue("request_to_speak", **args):
            self.topic.clear()
            return True
        return False

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001
        self.closing = True
        self._wiring.stop()
        super().closeEvent(event)


def open_live_panel(session: Session, meeting_id: str, parent: QWidget | None = None) -> LivePanel:
    """Open (and show) the delegate's live panel of a meeting, as its own window."""
    panel = LivePanel(session=session, meeting_id=meeting_id)
    if parent is not None:
        panel.setParent(parent, Qt.WindowType.Window)
    panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    panel.show()
    return panel


def attends(session: Session, meeting: dict) -> bool:
    """Does the signed-in user sit in this meeting (invited, assigned by the unit, or a substitute)?"""
    me = session.user.get("id")
    return any(s.attendee_id == me for s in live.seats(meeting.get("invitations") or []))


__all__ = ["LivePanel", "attends", "open_live_panel"]
