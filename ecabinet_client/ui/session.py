"""The UI's one door to data: every screen reads and writes through :class:`Session`.

The UI never talks HTTP itself. ``Session`` wraps the sync facade :class:`ecabinet_client.sync.client.Client`
(docs/client-api.md): it reads the local store, queues intents and turns the facade's callbacks (which
arrive on sync threads) into Qt signals delivered on the main thread (queued connections), so widgets
only ever run on the GUI thread.

Signals (of :class:`Session`):
    changed(object): a set of table names whose rows changed.
    status_changed(): online state, last sync time, pending count or download progress changed.
    mutation_failed(object): a queued intent the service refused: ``{"name", "code", "message", ...}``.
    live_event(object): a live event of the service (``{seq, kind, meeting_id, payload}``).
    document_progress(str, int, int): (sha256, bytes done, bytes total) of a document download.
    notified(str, str, str): (kind, title, text) for the tray: ``invitation``, ``changed``, ``reminder``, or
        ``many`` (title: how many) for a burst.
    signed_out(str): the service ended the session (``device_revoked``, ``not_authenticated``).
"""
from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ecabinet_client.domain import text
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.model import InvitationState, MeetingState, Role
from ecabinet_client.domain.rules import parse_time, utcnow
from ecabinet_client.sync.client import Client
from ecabinet_client.sync.engine import is_vote_count

log = logging.getLogger(__name__)

# notification kinds of the service (service/handlers.py) → the tray's three kinds
_TRAY_KIND = {
    "invited": "invitation", "substitute_named": "invitation", "meeting_shared": "invitation",
    "approval_requested": "invitation", "opinion_poll": "invitation",
    "meeting_changed": "changed", "meeting_cancelled": "changed", "meeting_approved": "changed",
    "meeting_rejected": "changed", "invitation_answered": "changed",
}


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
    live_event = Signal(object)
    document_progress = Signal(str, int, int)
    notified = Signal(str, str, str)
    signed_out = Signal(str)
    _store_changed = Signal(object)  # from the store's writer thread; coalesced into ``changed``

    COALESCE_MS = 60  # a bootstrap commits many pages: the views refresh once per burst, not per page

    def __init__(self, client: Client, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self._pending_tables: set[str] = set()
        self._user: dict | None = None
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(self.COALESCE_MS)
        self._coalesce.timeout.connect(self._flush_changed)
        self._store_changed.connect(self._collect_changed)
        self.rules = client.rules
        self._status: dict[str, Any] = client.status()
        self._reminded: set[str] = set()
        self._opened_at = utcnow() - timedelta(minutes=1)  # (a little slack for the service's clock)
        # notifications already in the store when the session opens are not announced again
        self._announced: set[str] = {n["id"] for n in client.rows("notifications")}
        self._unsubscribe = client.observe(self._from_client)  # called from sync threads
        self.changed.connect(self._announce_notifications)
        self._vote_counts: dict[str, int] = {}  # poll id → the running count the live events carried
        self.live_event.connect(self._count_votes)

    # --- bridging: plain-Python callbacks → Qt signals on the main thread ---------------------------
    def _from_client(self, event: str, payload: Any = None) -> None:
        if event == "changed":
            self._store_changed.emit(set(payload))
        elif event == "status":
            self._status = dict(payload)
            self.status_changed.emit()
        elif event == "progress":
            sha, done, total = payload
            self.document_progress.emit(sha, int(done), int(total or 0))
            self.status_changed.emit()
        elif event == "downloaded":
            self.status_changed.emit()
        elif event == "failed":
            self.mutation_failed.emit(payload)
        elif event == "event":
            self.live_event.emit(payload)
        elif event == "signed_out":
            self.signed_out.emit(payload)

    @Slot(object)
    def _count_votes(self, data: dict) -> None:
        if is_vote_count(data):
            payload = data["payload"]
            self._vote_counts[payload.get("poll_id")] = int(payload.get("votes_cast") or 0)

    def votes_cast(self, poll: dict) -> int:
        """How many have voted in ``poll``: the stored row's count, or the newer one a live event carried (a
        running count does not make every client pull; see sync.engine.is_vote_count)."""
        return max(int(poll.get("votes_cast") or 0), self._vote_counts.get(poll.get("id"), 0))

    @Slot(object)
    def _collect_changed(self, tables: set) -> None:
        self._pending_tables |= tables
        if not self._coalesce.isActive():
            self._coalesce.start()

    @Slot()
    def _flush_changed(self) -> None:
        tables, self._pending_tables = self._pending_tables, set()
        if "users" in tables:
            self._user = None
        if tables:
            self.changed.emit(tables)

    @Slot(object)
    def _announce_notifications(self, tables: set) -> None:
        """The service's new notifications for me, for the tray. Only those made since this session opened:
        older ones (a first sign-in on a new device brings them all) are in the lists, not in pop-ups."""
        if "notifications" not in tables or self.client.store is None:
            return
        fresh = []
        for n in self.client.rows("notifications"):
            if n["id"] in self._announced:
                continue
            self._announced.add(n["id"])
            if n.get("read_at") or parse_time(n["updated_at"]) < self._opened_at:
                continue
            fresh.append(n)
        if len(fresh) > 3:  # a burst (first sync of the day): one pop-up that says how many
            self.notified.emit("many", str(len(fresh)), "")
            return
        for n in fresh:
            kind = _TRAY_KIND.get(n.get("kind") or "", "changed")
            params = n.get("params") or {}
            meeting = (self.client.row("meetings", n["meeting_id"]) if n.get("meeting_id") else None) or {}
            title = params.get("title") or meeting.get("title") or ""
            # the body the main window formats: the start time of an invitation, the state of a changed meeting
            body = (params.get("starts_at") or meeting.get("starts_at") or "") if kind == "invitation" else (
                meeting.get("state") or "")
            self.notified.emit(kind, title, body)

    # --- who and where --------------------------------------------------------------------------------
    @property
    def user(self) -> dict:
        """My user row, read once and again only when the users table changed (screens ask for it often)."""
        if self._user is None:
            self._user = self.client.current_user() or self.client.user or {}
        return self._user

    @property
    def online(self) -> bool:
        return bool(self._status.get("online"))

    @property
    def last_sync(self) -> datetime | None:
        at = self._status.get("last_sync_at")
        return parse_time(at) if isinstance(at, str) else at

    @property
    def pending_count(self) -> int:
        store = self.client.store
        return store.pending_count() if store is not None else 0

    @property
    def download_progress(self) -> tuple[int, int]:
        """(bytes done, bytes total) over the downloads in flight."""
        downloads = self.client.status().get("downloads") or {}
        return (sum(d for d, _t in downloads.values()), sum(t or 0 for _d, t in downloads.values()))

    def has_role(self, role: str) -> bool:
        return role in (self.user.get("roles") or [])

    def user_name(self, user_id: str | None) -> str:
        row = self.client.row("users", user_id) if user_id else None
        return (row or {}).get("full_name") or ""

    def organisation_name(self, org_id: str | None) -> str:
        row = self.client.row("organisations", org_id) if org_id else None
        return (row or {}).get("name") or ""

    def unit_name(self, unit_id: str | None) -> str:
        row = self.client.row("units", unit_id) if unit_id else None
        return (row or {}).get("name") or ""

    # --- reading --------------------------------------------------------------------------------------
    def my_invitation(self, meeting_id: str) -> dict | None:
        return self.client.my_invitation(meeting_id)

    def meetings(self, *, start: datetime | None = None, end: datetime | None = None,
                 states: tuple[str, ...] | None = None, query: str = "", chair: str = "",
                 unit: str = "") -> list[MeetingRow]:
        """Visible meetings, ascending by start time; filters are accent-insensitive."""
        out = []
        units = self._invited_units() if unit else {}
        names = {u["id"]: u.get("full_name") or "" for u in self.client.rows("users")}
        orgs = {o["id"]: o.get("name") or "" for o in self.client.rows("organisations")}
        for m in self.client.meetings(start=start, end=end, states=states):
            inv = m["my_invitation"]
            row = MeetingRow(
                id=m["id"], title=m.get("title") or "", kind=m.get("kind") or "regular", state=m.get("state") or "",
                starts_at=parse_time(m["starts_at"]), ends_at=parse_time(m["ends_at"]), room=m.get("room") or "",
                chair=names.get(m.get("chair_id"), ""), organisation=orgs.get(m.get("organisation_id"), ""),
                my_state=inv["state"] if inv else None, pending_sync=bool(m["pending"]),
            )
            if query and not text.matches(query, row.title, m.get("description")):
                continue
            if chair and not text.matches(chair, row.chair):
                continue
            if unit and not text.matches(unit, row.organisation, *units.get(m["id"], ())):
                continue
            out.append(row)
        return out

    def _invited_units(self) -> dict[str, list[str]]:
        """Names of the units and organisations invited to each meeting (for the finished-meeting search)."""
        users = {u["id"]: u for u in self.client.rows("users")}
        out: dict[str, list[str]] = {}
        for i in self.client.invitations():
            name = self.unit_name(i.get("unit_id")) or self.organisation_name(
                (users.get(i.get("user_id")) or {}).get("organisation_id"))
            out.setdefault(i["meeting_id"], []).append(name)
        return out

    def meeting(self, meeting_id: str) -> dict | None:
        """A meeting with its agenda (each item with documents), loose documents, attendees, conclusion and
        my invitation (see ``Client.meeting``)."""
        m = self.client.meeting(meeting_id)
        if m is None:
            return None
        m["documents"] = [d for d in m["documents"] if not d.get("agenda_item_id")]
        return m

    def response_deadline(self, meeting: dict) -> datetime:
        return self.rules.response_deadline(meeting.get("kind") or "regular", parse_time(meeting["starts_at"]))

    def colleagues(self, query: str = "") -> list[dict]:
        """People of my organisation who may attend for me (accent-insensitive on name, title and unit)."""
        out = []
        for u in self.client.colleagues_for_substitute():
            if query and not text.matches(query, u.get("full_name"), u.get("title"), self.unit_name(u.get("unit_id"))):
                continue
            out.append(u)
        return out

    def assistants(self) -> list[dict]:
        org = self.user.get("organisation_id")
        return [u for u in self.client.rows("users")
                if Role.ASSISTANT in (u.get("roles") or []) and u.get("organisation_id") == org]

    def unit_members(self, unit_id: str) -> list[dict]:
        return sorted((u for u in self.client.rows("users", "unit_id = ?", (unit_id,)) if u.get("active") is not False),
                      key=lambda u: text.fold(u.get("full_name") or ""))

    def unit_invitations(self) -> list[tuple[dict, dict]]:
        """(invitation, meeting) pairs addressed to my unit, for its representative."""
        if not self.has_role(Role.UNIT_REPRESENTATIVE):
            return []
        out = []
        for inv in self.client.rows("invitations", "unit_id = ?", (self.user.get("unit_id"),)):
            m = self.client.row("meetings", inv["meeting_id"])
            if m:
                out.append((inv, m))
        return sorted(out, key=lambda p: p[1]["starts_at"])

    def document_path(self, document: dict) -> Path | None:
        return self.client.document_path(document["id"])

    def is_pending(self, table: str, row_id: str) -> bool:
        return self.client.is_pending(table, row_id)

    def failures(self) -> list[dict]:
        return self.client.failed_mutations()

    # --- intents (queued; the local rule check refuses at once, offline too) ---------------------------
    def queue(self, name: str, /, **args: Any) -> int:
        """Queue any intent of domain/mutations.py (raises DomainError at once on bad input)."""
        return self.client.queue(name, **args)

    def respond(self, invitation: dict, response: str, reason: str = "") -> None:
        args: dict[str, Any] = {"invitation_id": invitation["id"], "response": response}
        if reason.strip():
            args["reason"] = reason.strip()
        elif response == InvitationState.DECLINED:
            raise DomainError("reason_required", status=422)
        self.queue("respond_invitation", **args)

    def delegate(self, invitation: dict, substitute: dict) -> None:
        if substitute.get("organisation_id") != self.user.get("organisation_id"):
            raise DomainError("substitute_other_organisation", status=422)
        self.queue("delegate_invitation", invitation_id=invitation["id"], substitute_id=substitute["id"])

    def share(self, meeting_id: str, assistant: dict) -> None:
        self.queue("share_meeting", share_id=Client.new_id(), meeting_id=meeting_id, assistant_id=assistant["id"])

    def assign(self, invitation: dict, user: dict) -> None:
        self.queue("assign_unit_invitation", invitation_id=invitation["id"], user_id=user["id"])

    # --- sync --------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """Ask for a push and pull soon, in the background; never blocks the UI."""
        self.client.sync_now()

    def start_sync(self) -> None:
        """Start syncing in the background (once the window has painted what the store has)."""
        self.client.start_sync()

    @Slot()
    def on_reminder_tick(self) -> None:
        """Reminders before a meeting I attend starts (checked every minute by the main window)."""
        now = utcnow()
        for row in self.meetings(start=now, end=now + timedelta(minutes=30),
                                 states=(MeetingState.APPROVED, MeetingState.ONGOING)):
            if row.my_state in (InvitationState.CONFIRMED, InvitationState.PENDING) and row.id not in self._reminded:
                self._reminded.add(row.id)
                self.notified.emit("reminder", row.title, row.starts_at.astimezone().strftime("%H:%M"))

    # --- cache ---------------------------------------------------------------------------------------
    def cache_dir(self) -> Path:
        store = self.client.store
        return store.path.parent if store is not None else Path(".")

    def cache_size(self) -> int:
        root = self.cache_dir()
        return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) if root.exists() else 0

    def free_space(self) -> int:
        """Delete downloaded documents; the store and its pending changes are kept."""
        store = self.client.store
        if store is None:
            return 0
        freed = 0
        for p in store.blob_dir.glob("*"):
            if p.is_file():
                freed += p.stat().st_size
                p.unlink(missing_ok=True)
        self.changed.emit({"documents"})
        return freed

    def disk_free(self) -> int:
        folder = self.cache_dir()
        while not folder.exists() and folder.parent != folder:
            folder = folder.parent
        return shutil.disk_usage(folder).free

    def sign_out(self, *, wipe: bool) -> bool:
        """False when wiping kept the store because changes still wait to be sent."""
        return self.client.sign_out(wipe=wipe)

    def close(self) -> None:
        self._unsubscribe()
        self.client.close()
