"""The UI's one door to data: every screen reads and writes through :class:`Session`.

The UI never talks HTTP itself. ``Session`` wraps a *backend* with the shape of the sync facade
(``ecabinet_client.sync.client``): sign in, read the local store, queue intents, observe changes. The
backend calls its observers from sync threads; ``Session`` turns those calls into Qt signals that are
delivered on the main thread (queued connections), so widgets only ever run on the GUI thread.

Until the facade lands, :mod:`ecabinet_client.ui.interim_backend` provides the same methods (a
temporary, in-memory stand-in kept in one file so that it can be deleted in one go); ``make_backend``
is the single switch between them.

Signals (of :class:`Session`):
    changed(object): a set of table names whose rows changed.
    status_changed(): online state, last sync time, pending count or download progress changed.
    mutation_failed(object): a queued intent the service refused: ``{"name", "code", "message", ...}``.
    notified(str, str, str): (kind, title, text) for the tray: ``invitation``, ``changed``, ``reminder``.
    signed_out(str): the service ended the session (``device_revoked``, ``not_authenticated``).
"""

from __future__ import annotations

import logging
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ecabinet_client.domain import text
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.model import InvitationState, MeetingState, Role
from ecabinet_client.domain.rules import Rules, parse_time, utcnow

from . import tasks

log = logging.getLogger(__name__)


class SignInError(Exception):
    """A sign-in that failed, with a code: ``bad_credentials``, ``unreachable``, ``device_revoked``,
    ``password_expired``, ``too_many_attempts``, ``account_disabled``, …"""

    def __init__(self, code: str, message: str = "", params: dict | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.params = params or {}


def make_backend(*, server: str, data_dir: Path, language: str = "vi") -> Any:
    """The backend behind :class:`Session`: the sync facade when present, else the interim one."""
    try:
        from ecabinet_client.sync import client as facade  # type: ignore[attr-defined]
    except ImportError:
        facade = None
    if facade is not None and hasattr(facade, "UiBackend"):
        return facade.UiBackend(server=server, data_dir=data_dir, language=language)  # pragma: no cover
    from .interim_backend import InterimBackend

    return InterimBackend(server=server, data_dir=data_dir, language=language)


@dataclass(frozen=True)
class MeetingRow:
    """A meeting as the lists and the calendar show it, with my invitation (if any)."""

    id: str
    title: str
    kind: str
    state: str
    starts_at: datetime
    ends_at: datetime
    room: str
    chair: str
    organisation: str
    my_state: str | None  # invitation state, or None when I run it / am not invited in person
    pending_sync: bool


class Session(QObject):
    """The signed-in user's view of the local store (see module docstring for signals)."""

    changed = Signal(object)
    status_changed = Signal()
    mutation_failed = Signal(object)
    notified = Signal(str, str, str)
    signed_out = Signal(str)

    def __init__(self, backend: Any, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.rules = Rules.from_env()
        self._syncing = threading.Lock()
        backend.observe(self._from_backend)  # called from sync threads

    # --- bridging: plain-Python callbacks → Qt signals on the main thread ---------------------------
    def _from_backend(self, event: str, payload: Any = None) -> None:
        if event == "changed":
            self.changed.emit(payload)
        elif event == "status":
            self.status_changed.emit()
        elif event == "failed":
            self.mutation_failed.emit(payload)
        elif event == "signed_out":
            self.signed_out.emit(payload)
        elif event == "notify":
            kind, title, body = payload
            self.notified.emit(kind, title, body)

    # --- who and where --------------------------------------------------------------------------------
    @property
    def user(self) -> dict:
        return self.backend.user

    @property
    def online(self) -> bool:
        return self.backend.online

    @property
    def last_sync(self) -> datetime | None:
        return self.backend.last_sync

    @property
    def pending_count(self) -> int:
        return len(self.backend.outbox)

    @property
    def download_progress(self) -> tuple[int, int]:
        return self.backend.download_progress

    def has_role(self, role: str) -> bool:
        return role in (self.user.get("roles") or [])

    def user_name(self, user_id: str | None) -> str:
        row = self.backend.row("users", user_id) if user_id else None
        return (row or {}).get("full_name") or ""

    def organisation_name(self, org_id: str | None) -> str:
        row = self.backend.row("organisations", org_id) if org_id else None
        return (row or {}).get("name") or ""

    def unit_name(self, unit_id: str | None) -> str:
        row = self.backend.row("units", unit_id) if unit_id else None
        return (row or {}).get("name") or ""

    # --- reading --------------------------------------------------------------------------------------
    def my_invitation(self, meeting_id: str) -> dict | None:
        me = self.user["id"]
        for inv in self.backend.rows("invitations"):
            if inv["meeting_id"] == meeting_id and (inv.get("user_id") == me or inv.get("assigned_user_id") == me):
                return inv
        return None

    def _row(self, m: dict, invs_by_meeting: dict[str, dict]) -> MeetingRow:
        inv = invs_by_meeting.get(m["id"])
        return MeetingRow(
            id=m["id"], title=m.get("title") or "", kind=m.get("kind") or "regular", state=m.get("state") or "",
            starts_at=parse_time(m["starts_at"]), ends_at=parse_time(m["ends_at"]), room=m.get("room") or "",
            chair=self.user_name(m.get("chair_id")), organisation=self.organisation_name(m.get("organisation_id")),
            my_state=inv["state"] if inv else None, pending_sync=self.backend.is_pending("meetings", m["id"])
            or bool(inv and self.backend.is_pending("invitations", inv["id"])),
        )

    def meetings(self, *, start: datetime | None = None, end: datetime | None = None,
                 states: tuple[str, ...] | None = None, query: str = "", chair: str = "",
                 unit: str = "") -> list[MeetingRow]:
        """Visible meetings, ascending by start time; filters are accent-insensitive."""
        me = self.user["id"]
        invs: dict[str, dict] = {}
        for inv in self.backend.rows("invitations"):
            if inv.get("user_id") == me or inv.get("assigned_user_id") == me:
                invs[inv["meeting_id"]] = inv
        out = []
        for m in self.backend.rows("meetings"):
            if states and m.get("state") not in states:
                continue
            starts = parse_time(m["starts_at"])
            if start and starts < start:
                continue
            if end and starts >= end:
                continue
            row = self._row(m, invs)
            if query and not text.matches(query, row.title, m.get("description")):
                continue
            if chair and not text.matches(chair, row.chair):
                continue
            if unit and not text.matches(unit, row.organisation, *self._invited_units(m["id"])):
                continue
            out.append(row)
        out.sort(key=lambda r: (r.starts_at, r.title))
        return out

    def _invited_units(self, meeting_id: str) -> list[str]:
        return [self.unit_name(i.get("unit_id")) or self.organisation_name(
            (self.backend.row("users", i.get("user_id")) or {}).get("organisation_id"))
            for i in self.backend.rows("invitations") if i["meeting_id"] == meeting_id]

    def meeting(self, meeting_id: str) -> dict | None:
        """A meeting with its agenda (each item with documents), attendees, conclusion and my invitation."""
        m = self.backend.row("meetings", meeting_id)
        if m is None:
            return None
        docs = [d for d in self.backend.rows("documents") if d["meeting_id"] == meeting_id]
        agenda = sorted((a for a in self.backend.rows("agenda_items") if a["meeting_id"] == meeting_id),
                        key=lambda a: a.get("position") or 0)
        items = []
        for a in agenda:
            items.append({**a, "documents": sorted((d for d in docs if d.get("agenda_item_id") == a["id"]),
                                                   key=lambda d: d.get("position") or 0)})
        loose = [d for d in docs if not d.get("agenda_item_id")]
        invitations = [i for i in self.backend.rows("invitations") if i["meeting_id"] == meeting_id]
        conclusions = [c for c in self.backend.rows("conclusions") if c["meeting_id"] == meeting_id]
        return {**m, "agenda": items, "documents": loose, "invitations": invitations,
                "conclusions": conclusions, "my_invitation": self.my_invitation(meeting_id)}

    def response_deadline(self, meeting: dict) -> datetime:
        return self.rules.response_deadline(meeting.get("kind") or "regular", parse_time(meeting["starts_at"]))

    def colleagues(self, query: str = "") -> list[dict]:
        """People of my organisation who may attend for me (accent-insensitive search)."""
        me = self.user
        out = []
        for u in self.backend.rows("users"):
            if u["id"] == me["id"] or u.get("organisation_id") != me.get("organisation_id"):
                continue
            if u.get("active") is False:
                continue
            if query and not text.matches(query, u.get("full_name"), u.get("title"), self.unit_name(u.get("unit_id"))):
                continue
            out.append(u)
        return sorted(out, key=lambda u: text.fold(u.get("full_name") or ""))

    def assistants(self) -> list[dict]:
        return [u for u in self.backend.rows("users")
                if Role.ASSISTANT in (u.get("roles") or []) and u.get("organisation_id") == self.user.get("organisation_id")]

    def unit_members(self, unit_id: str) -> list[dict]:
        return sorted((u for u in self.backend.rows("users") if u.get("unit_id") == unit_id and u.get("active") is not False),
                      key=lambda u: text.fold(u.get("full_name") or ""))

    def unit_invitations(self) -> list[tuple[dict, dict]]:
        """(invitation, meeting) pairs addressed to my unit, for its representative."""
        if not self.has_role(Role.UNIT_REPRESENTATIVE):
            return []
        unit = self.user.get("unit_id")
        out = []
        for inv in self.backend.rows("invitations"):
            if inv.get("unit_id") and inv["unit_id"] == unit:
                m = self.backend.row("meetings", inv["meeting_id"])
                if m:
                    out.append((inv, m))
        return sorted(out, key=lambda p: p[1]["starts_at"])

    def document_path(self, document: dict) -> Path | None:
        return self.backend.document_path(document)

    def is_pending(self, table: str, row_id: str) -> bool:
        return self.backend.is_pending(table, row_id)

    def failures(self) -> list[dict]:
        return list(self.backend.failures)

    # --- intents (queued; the local rule check refuses at once, offline too) ---------------------------
    def _check_deadline(self, invitation: dict) -> None:
        m = self.backend.row("meetings", invitation["meeting_id"])
        self.rules.check_response(m.get("kind") or "regular", parse_time(m["starts_at"]), utcnow())

    def respond(self, invitation: dict, response: str, reason: str = "") -> None:
        if response == InvitationState.DECLINED and not reason.strip():
            raise DomainError("reason_required", status=422)
        self._check_deadline(invitation)
        args = {"invitation_id": invitation["id"], "response": response}
        if reason.strip():
            args["reason"] = reason.strip()
        self.backend.queue("respond_invitation", args, optimistic=("invitations", invitation["id"], {
            "state": response, "reason": reason.strip() or None, "responded_by": self.user["id"]}))
        self.sync_now()

    def delegate(self, invitation: dict, substitute: dict) -> None:
        if substitute.get("organisation_id") != self.user.get("organisation_id"):
            raise DomainError("substitute_other_organisation", status=422)
        self._check_deadline(invitation)
        self.backend.queue("delegate_invitation", {"invitation_id": invitation["id"], "substitute_id": substitute["id"]},
                           optimistic=("invitations", invitation["id"], {"state": InvitationState.DELEGATED,
                                                                         "substitute_id": substitute["id"]}))
        self.sync_now()

    def share(self, meeting_id: str, assistant: dict) -> None:
        share_id = self.backend.new_id()
        self.backend.queue("share_meeting", {"share_id": share_id, "meeting_id": meeting_id, "assistant_id": assistant["id"]},
                           optimistic=("meeting_shares", share_id, {"meeting_id": meeting_id, "owner_id": self.user["id"],
                                                                    "assistant_id": assistant["id"]}))
        self.sync_now()

    def assign(self, invitation: dict, user: dict) -> None:
        self.backend.queue("assign_unit_invitation", {"invitation_id": invitation["id"], "user_id": user["id"]},
                           optimistic=("invitations", invitation["id"], {"assigned_user_id": user["id"]}))
        self.sync_now()

    # --- sync --------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """Push and pull in the background; never blocks the UI."""
        if not self._syncing.acquire(blocking=False):
            return

        def work() -> None:
            try:
                self.backend.sync()
            finally:
                self._syncing.release()

        tasks.run_in_background(work, on_error=lambda exc: log.info("sync failed: %s", exc))

    @Slot()
    def on_reminder_tick(self) -> None:
        """Reminders before a meeting I attend starts (checked every minute by the main window)."""
        now = utcnow()
        for row in self.meetings(start=now, end=now + timedelta(minutes=30),
                                 states=(MeetingState.APPROVED, MeetingState.ONGOING)):
            if row.my_state in (InvitationState.CONFIRMED, InvitationState.PENDING) and self.backend.remind_once(row.id):
                self.notified.emit("reminder", row.title, row.starts_at.astimezone().strftime("%H:%M"))

    # --- cache ---------------------------------------------------------------------------------------
    def cache_dir(self) -> Path:
        return self.backend.cache_dir

    def cache_size(self) -> int:
        root = self.cache_dir()
        return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) if root.exists() else 0

    def free_space(self) -> int:
        """Delete downloaded documents; the store and its pending changes are kept."""
        return self.backend.clear_downloads()

    def disk_free(self) -> int:
        folder = self.cache_dir()
        while not folder.exists() and folder.parent != folder:
            folder = folder.parent
        return shutil.disk_usage(folder).free

    def sign_out(self, *, wipe: bool) -> None:
        self.backend.sign_out(wipe=wipe)

    def close(self) -> None:
        self.backend.close()
