"""Who may see a meeting: the materialised ``access`` table.

A user has access to a meeting they run (registrar, approver, chair, secretary) and, once the meeting has
been approved, to a meeting they are invited to: directly, through their unit (as its representative or
the person the representative assigned), as a named substitute, or through an assistant share.

``refresh_access`` recomputes the set for one meeting inside the write transaction that changed it; new
members get ``granted_seq`` = this transaction's seq (their next pull brings the whole meeting), removed
ones get ``revoked_seq`` (their next pull tells them to drop it). Every endpoint checks this table, and
answers 404 for a meeting the caller cannot see, so that existence does not leak.
"""

from __future__ import annotations

import json
import threading
import time

import sqlalchemy as sa

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.model import Role

from .db import Database, Tx, access, synced


def meeting_members(tx: Tx, meeting: dict) -> dict[str, str]:
    """user_id → the reason of their access."""
    members: dict[str, str] = {}
    published = bool(meeting.get("approved_at"))
    if published:
        for share in tx.select("meeting_shares", meeting_id=meeting["id"]):
            members[share["assistant_id"]] = "assistant"
        for inv in tx.select("invitations", meeting_id=meeting["id"]):
            if inv["user_id"]:
                members[inv["user_id"]] = "invitee"
            if inv["unit_id"]:
                for rep in unit_representatives(tx, inv["unit_id"]):
                    members.setdefault(rep, "unit")
            if inv["assigned_user_id"]:
                members[inv["assigned_user_id"]] = "unit_assignee"
            if inv["state"] == "delegated" and inv["substitute_id"]:
                members[inv["substitute_id"]] = "substitute"
    for column, why in (
        ("registrar_id", "registrar"),
        ("approver_id", "approver"),
        ("secretary_id", "secretary"),
        ("chair_id", "chair"),
    ):
        if meeting.get(column):
            members[meeting[column]] = why
    return members


def unit_representatives(tx: Tx, unit_id: str) -> list[str]:
    users = synced["users"]
    rows = tx.conn.execute(
        sa.select(users.c.id, users.c.roles).where(
            users.c.tenant_id == tx.tenant_id, users.c.unit_id == unit_id, users.c.deleted == sa.false()
        )
    )
    return [r.id for r in rows if Role.UNIT_REPRESENTATIVE in json.loads(r.roles or "[]")]


def refresh_access(tx: Tx, meeting_id: str) -> None:
    # the only writer of access rows: the meeting's cached recipients are dropped now and again after the
    # commit (a reader that loaded them in between must not keep the old set)
    forget_meeting_users(tx.conn, meeting_id)
    tx.after_commit.append(lambda url=_db_key(tx.conn), mid=meeting_id: _RECIPIENTS.forget(url, mid))
    meeting = tx.get("meetings", meeting_id)
    wanted = meeting_members(tx, meeting) if meeting else {}
    rows = tx.conn.execute(sa.select(access).where(access.c.meeting_id == meeting_id)).all()
    current = {r.user_id: r for r in rows}
    for user_id, why in wanted.items():
        row = current.get(user_id)
        if row is None:
            tx.conn.execute(
                access.insert().values(
                    user_id=user_id, meeting_id=meeting_id, tenant_id=tx.tenant_id, granted_seq=tx.seq, via=why
                )
            )
            tx.access_changed_users.add(user_id)
        elif row.revoked_seq is not None:
            tx.conn.execute(
                sa.update(access)
                .where(access.c.user_id == user_id, access.c.meeting_id == meeting_id)
                .values(granted_seq=tx.seq, revoked_seq=None, via=why)
            )
            tx.access_changed_users.add(user_id)
        elif row.via != why:
            tx.conn.execute(
                sa.update(access)
                .where(access.c.user_id == user_id, access.c.meeting_id == meeting_id)
                .values(via=why)
            )
    for user_id, row in current.items():
        if user_id not in wanted and row.revoked_seq is None:
            tx.conn.execute(
                sa.update(access)
                .where(access.c.user_id == user_id, access.c.meeting_id == meeting_id)
                .values(revoked_seq=tx.seq)
            )
            tx.access_changed_users.add(user_id)


def access_via(conn: sa.Connection, user_id: str, meeting_id: str | None) -> str | None:
    """Why the user can see the meeting, or None."""
    if not meeting_id:
        return None
    return conn.execute(_ACCESS_VIA, {"user_id": user_id, "meeting_id": meeting_id}).scalar()


_ACCESS_VIA = sa.select(access.c.via).where(  # built once: every mutation of a meeting checks it
    access.c.user_id == sa.bindparam("user_id"), access.c.meeting_id == sa.bindparam("meeting_id"),
    access.c.revoked_seq.is_(None))


def require_access(tx: Tx, user_id: str, meeting_id: str | None) -> dict:
    """The meeting row if the user can see it; otherwise 404 (never 403: existence must not leak)."""
    meeting = tx.get("meetings", meeting_id) if meeting_id else None
    if meeting is None or access_via(tx.conn, user_id, meeting_id) is None:
        raise DomainError("not_found", status=404, what="meeting")
    return meeting


def meeting_user_ids(conn: sa.Connection, meeting_id: str) -> list[str]:
    return list(
        conn.execute(
            sa.select(access.c.user_id).where(access.c.meeting_id == meeting_id, access.c.revoked_seq.is_(None))
        ).scalars()
    )


class _RecipientCache:
    """The users who see a meeting, for addressing its live events: read once, not for every event (a ballot
    in a 2,000-seat meeting spent ~4 ms reading 2,000 access rows). Entries are per database and meeting,
    dropped by :func:`refresh_access` (the only writer of access rows); a version taken before the read keeps
    a read that raced with a change from being stored. The TTL bounds staleness from writers in other
    processes (a seed script, another service instance), which this process cannot see."""

    TTL_SECONDS = 5.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: dict[tuple[str, str], int] = {}
        self._entries: dict[tuple[str, str], tuple[int, float, frozenset[str]]] = {}

    def get(self, db: Database, meeting_id: str) -> frozenset[str]:
        key = (str(db.engine.url), meeting_id)
        now = time.monotonic()
        with self._lock:
            version = self._version.get(key, 0)
            entry = self._entries.get(key)
        if entry is not None and entry[0] == version and now < entry[1]:
            return entry[2]
        with db.read() as conn:  # a snapshot taken after the version was read
            users = frozenset(meeting_user_ids(conn, meeting_id))
        with self._lock:
            if self._version.get(key, 0) == version:
                self._entries[key] = (version, now + self.TTL_SECONDS, users)
        return users

    def forget(self, db_key: str, meeting_id: str) -> None:
        key = (db_key, meeting_id)
        with self._lock:
            self._version[key] = self._version.get(key, 0) + 1
            self._entries.pop(key, None)


_RECIPIENTS = _RecipientCache()


def _db_key(conn: sa.Connection) -> str:
    return str(conn.engine.url)


def cached_meeting_user_ids(db: Database, meeting_id: str) -> frozenset[str]:
    """:func:`meeting_user_ids` as of now, cached until :func:`refresh_access` changes the meeting (see
    _RecipientCache)."""
    return _RECIPIENTS.get(db, meeting_id)


def forget_meeting_users(conn: sa.Connection, meeting_id: str) -> None:
    _RECIPIENTS.forget(_db_key(conn), meeting_id)
