"""Annotations of a document, without Qt: the model, the store protocol, undo/redo.

Ghi chú cá nhân (a private note) is one row of the synced ``annotations`` table; góp ý (a comment shared
with the meeting's participants) is one row of the ``comments`` table, and its replies are ``comments``
rows with ``parent_id`` set (see ``ecabinet_client.domain.schema``). :func:`to_row` and :func:`from_row`
are that mapping, both ways, 1:1. Geometry is in PDF units of the displayed page (see ``document.py``);
the JSON of each kind is documented in ``docs/viewer.md``:

=========== =====================================================================================
kind        data
=========== =====================================================================================
highlight   ``{"rects": [[x0,y0,x1,y1], …], "text": "the marked text", "color": "#rrggbb"}``
underline   same as highlight
strike      same as highlight
ink         ``{"strokes": [[[x, y, pressure], …], …], "color": "#rrggbb", "width": 2.0}``
rect        ``{"rect": [x0,y0,x1,y1], "color": "#rrggbb", "width": 2.0}``
arrow       ``{"start": [x, y], "end": [x, y], "color": "#rrggbb", "width": 2.0}``
note        ``{"point": [x, y], "text": "…", "color": "#rrggbb"}``
=========== =====================================================================================

Every ``data`` also carries ``"created_at"`` (ISO 8601 UTC), because the synced tables only keep
``updated_at``. A shared comment keeps the same dict in the ``anchor`` column with ``"kind"`` added, and
its text in ``body``.
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, Callable, Protocol, runtime_checkable

log = logging.getLogger(__name__)

KINDS = ("highlight", "underline", "strike", "ink", "rect", "arrow", "note")
TEXT_KINDS = ("highlight", "underline", "strike")
STATES = ("open", "resolved", "withdrawn")
DEFAULT_COLORS = {
    "highlight": "#ffd400",
    "underline": "#1565c0",
    "strike": "#d32f2f",
    "ink": "#d32f2f",
    "rect": "#1565c0",
    "arrow": "#d32f2f",
    "note": "#ffb300",
}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Reply:
    """A reply to a shared comment: a ``comments`` row with ``parent_id``."""

    id: str
    parent_id: str
    author_id: str
    body: str
    created_at: str = field(default_factory=now_iso)


@dataclass(frozen=True)
class Annotation:
    """A mark on a page: private (``annotations`` row) or shared as góp ý (``comments`` row).

    ``body`` is the comment's text for a shared one; a private note keeps its text in ``data["text"]``.
    """

    id: str
    document_sha256: str
    page: int
    kind: str
    data: dict[str, Any]
    author_id: str
    shared: bool = False
    body: str = ""
    state: str = "open"
    meeting_id: str | None = None
    document_id: str | None = None
    agenda_item_id: str | None = None
    replies: tuple[Reply, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown annotation kind {self.kind!r}")
        if self.state not in STATES:
            raise ValueError(f"unknown state {self.state!r}")

    @classmethod
    def create(
        cls, *, document_sha256: str, page: int, kind: str, data: dict[str, Any], author_id: str, **kw: Any
    ) -> "Annotation":
        data = dict(data)
        data.setdefault("created_at", now_iso())
        data.setdefault("color", DEFAULT_COLORS.get(kind, "#d32f2f"))
        return cls(id=new_id(), document_sha256=document_sha256, page=page, kind=kind, data=data, author_id=author_id, **kw)

    @property
    def created_at(self) -> str:
        return str(self.data.get("created_at", ""))

    @property
    def text(self) -> str:
        """What the user wrote: the comment body, or a private note's text."""
        return self.body if self.shared else str(self.data.get("text", "") if self.kind == "note" else self.data.get("note", ""))

    @property
    def resolved(self) -> bool:
        return self.state == "resolved"

    def bounds(self) -> tuple[float, float, float, float]:
        """The bounding box in PDF units (for hit-testing, erasing and jumping to it)."""
        d = self.data
        if self.kind in TEXT_KINDS:
            rs = d.get("rects") or [[0, 0, 0, 0]]
            return (min(r[0] for r in rs), min(r[1] for r in rs), max(r[2] for r in rs), max(r[3] for r in rs))
        if self.kind == "ink":
            pts = [p for s in d.get("strokes", []) for p in s] or [[0, 0]]
            w = float(d.get("width", 2)) / 2
            return (min(p[0] for p in pts) - w, min(p[1] for p in pts) - w, max(p[0] for p in pts) + w, max(p[1] for p in pts) + w)
        if self.kind == "rect":
            return tuple(d["rect"])  # type: ignore[return-value]
        if self.kind == "arrow":
            (x0, y0), (x1, y1) = d["start"], d["end"]
            return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        x, y = d["point"]
        return (x, y, x + 20, y + 20)


def translated(a: Annotation, dx: float, dy: float) -> Annotation:
    """``a`` moved by ``(dx, dy)`` PDF units on its page: every point of its geometry (rounded to 0.01 pt, as
    drawn ink is), nothing else."""

    def at(x: float, y: float) -> list[float]:
        return [round(x + dx, 2), round(y + dy, 2)]

    d = dict(a.data)
    if a.kind in TEXT_KINDS:
        d["rects"] = [at(r[0], r[1]) + at(r[2], r[3]) for r in d.get("rects", [])]
    elif a.kind == "ink":
        d["strokes"] = [[at(p[0], p[1]) + list(p[2:]) for p in s] for s in d.get("strokes", [])]
    elif a.kind == "rect":
        x0, y0, x1, y1 = d["rect"]
        d["rect"] = at(x0, y0) + at(x1, y1)
    elif a.kind == "arrow":
        d["start"], d["end"] = at(*d["start"]), at(*d["end"])
    else:
        d["point"] = at(*d["point"])
    return replace(a, data=d)


def offset_on_page(a: Annotation, dx: float, dy: float, page_size: tuple[float, float]) -> tuple[float, float]:
    """``(dx, dy)`` shortened so that ``a`` moved by it stays on a page of ``page_size`` (its left and top edges
    win when it is larger than the page)."""
    x0, y0, x1, y1 = a.bounds()
    w, h = page_size
    return max(min(dx, w - x1), -x0), max(min(dy, h - y1), -y0)


def _to_segment(px: float, py: float, a: list[float], b: list[float]) -> float:
    """Distance of (px, py) from the segment a–b."""
    ax, ay, bx, by = a[0], a[1], b[0], b[1]
    vx, vy = bx - ax, by - ay
    n = vx * vx + vy * vy
    t = 0.0 if n == 0 else max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / n))
    return math.hypot(px - (ax + t * vx), py - (ay + t * vy))


def hits(a: Annotation, x: float, y: float, tol: float) -> bool:
    """Whether (x, y) (PDF units) is on the mark ``a``, give or take ``tol``: inside a text mark's rectangles or a
    note's icon, near an ink stroke, an arrow or a rectangle's outline (the inside of a rectangle stays free for
    selecting the text it frames)."""
    x0, y0, x1, y1 = a.bounds()
    d = a.data
    reach = tol + float(d.get("width", 2.0)) / 2
    if not (x0 - reach <= x <= x1 + reach and y0 - reach <= y <= y1 + reach + (4 if a.kind == "note" else 0)):
        return False
    if a.kind in TEXT_KINDS:
        return any(r[0] - tol <= x <= r[2] + tol and r[1] - tol <= y <= r[3] + tol for r in d.get("rects", []))
    if a.kind == "ink":
        for s in d.get("strokes", []):
            if len(s) == 1 and math.hypot(x - s[0][0], y - s[0][1]) <= reach:
                return True
            if any(_to_segment(x, y, s[k - 1], s[k]) <= reach for k in range(1, len(s))):
                return True
        return False
    if a.kind == "rect":
        rx0, ry0, rx1, ry1 = d["rect"]
        inside = rx0 + reach < x < rx1 - reach and ry0 + reach < y < ry1 - reach
        return not inside
    if a.kind == "arrow":
        return _to_segment(x, y, d["start"], d["end"]) <= reach
    return True  # a note: its icon (20 × 24 pt)


def to_row(a: Annotation) -> tuple[str, dict[str, Any]]:
    """The synced table and row of an annotation (bookkeeping columns are the store's business)."""
    if not a.shared:
        return "annotations", {
            "id": a.id,
            "meeting_id": a.meeting_id,
            "document_id": a.document_id,
            "document_sha256": a.document_sha256,
            "owner_id": a.author_id,
            "kind": a.kind,
            "page": a.page,
            "data": dict(a.data),
        }
    return "comments", {
        "id": a.id,
        "meeting_id": a.meeting_id,
        "agenda_item_id": a.agenda_item_id,
        "document_id": a.document_id,
        "document_sha256": a.document_sha256,
        "page": a.page,
        "anchor": {"kind": a.kind, **a.data},
        "parent_id": None,
        "author_id": a.author_id,
        "body": a.body,
        "state": a.state,
    }


def reply_to_row(r: Reply, parent: Annotation) -> dict[str, Any]:
    return {
        "id": r.id,
        "meeting_id": parent.meeting_id,
        "agenda_item_id": parent.agenda_item_id,
        "document_id": parent.document_id,
        "document_sha256": parent.document_sha256,
        "page": parent.page,
        "anchor": {"created_at": r.created_at},
        "parent_id": r.parent_id,
        "author_id": r.author_id,
        "body": r.body,
        "state": "open",
    }


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def from_row(table: str, row: dict[str, Any], replies: tuple[Reply, ...] = ()) -> Annotation:
    """The annotation of an ``annotations`` row or of a top-level ``comments`` row."""
    if table == "annotations":
        return Annotation(
            id=row["id"],
            document_sha256=row["document_sha256"],
            page=int(row["page"]),
            kind=row["kind"],
            data=dict(_json(row["data"]) or {}),
            author_id=row["owner_id"],
            meeting_id=row.get("meeting_id"),
            document_id=row.get("document_id"),
        )
    if table != "comments":
        raise ValueError(table)
    anchor = dict(_json(row.get("anchor")) or {})
    kind = anchor.pop("kind", "note")
    if kind == "note" and "point" not in anchor:
        anchor["point"] = [20.0, 20.0]
    return Annotation(
        id=row["id"],
        document_sha256=row["document_sha256"],
        page=int(row["page"] or 0),
        kind=kind,
        data=anchor,
        author_id=row["author_id"],
        shared=True,
        body=row.get("body") or "",
        state=row.get("state") or "open",
        meeting_id=row.get("meeting_id"),
        document_id=row.get("document_id"),
        agenda_item_id=row.get("agenda_item_id"),
        replies=replies,
    )


def reply_from_row(row: dict[str, Any]) -> Reply:
    anchor = dict(_json(row.get("anchor")) or {})
    return Reply(
        id=row["id"],
        parent_id=row["parent_id"],
        author_id=row["author_id"],
        body=row.get("body") or "",
        created_at=anchor.get("created_at") or row.get("updated_at") or "",
    )


@runtime_checkable
class AnnotationStore(Protocol):
    """Where the viewer keeps annotations. The synced local store implements it through an adapter.

    ``observe(callback)`` calls ``callback(document_sha256)`` after every change, including those
    arriving by sync, on any thread; it returns a function that stops observing.
    """

    def list_for_document(self, document_sha256: str, user_id: str) -> list[Annotation]:
        """The user's private annotations and every shared comment (with replies) of the document."""
        ...

    def get(self, annotation_id: str) -> Annotation | None: ...

    def put(self, annotation: Annotation) -> None:
        """Insert or replace (same ``id``) a private annotation or a shared comment."""
        ...

    def delete(self, annotation_id: str) -> None: ...

    def add_comment(self, annotation: Annotation) -> Annotation:
        """Share ``annotation`` as a comment (góp ý); returns what was stored. (Stores that subclass this
        protocol share this one: a ``put`` of the shared copy.)"""
        shared = replace(annotation, shared=True, replies=())
        self.put(shared)
        return self.get(shared.id) or shared

    def reply(self, parent_id: str, *, author_id: str, body: str) -> Reply: ...

    def resolve(self, annotation_id: str, resolved: bool = True) -> None: ...

    def observe(self, callback: Callable[[str], None]) -> Callable[[], None]: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS annotations (
    id TEXT PRIMARY KEY, meeting_id TEXT, document_id TEXT, document_sha256 TEXT NOT NULL,
    owner_id TEXT NOT NULL, kind TEXT NOT NULL, page INTEGER NOT NULL, data TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, updated_at TEXT);
CREATE INDEX IF NOT EXISTS annotations_doc ON annotations (document_sha256, owner_id);
CREATE TABLE IF NOT EXISTS comments (
    id TEXT PRIMARY KEY, meeting_id TEXT, agenda_item_id TEXT, document_id TEXT, document_sha256 TEXT,
    page INTEGER, anchor TEXT, parent_id TEXT, author_id TEXT NOT NULL, body TEXT, state TEXT,
    deleted INTEGER NOT NULL DEFAULT 0, updated_at TEXT);
CREATE INDEX IF NOT EXISTS comments_doc ON comments (document_sha256);
"""


class SqliteAnnotationStore(AnnotationStore):
    """The standalone :class:`AnnotationStore`: a SQLite file (or ``:memory:``) with the two tables'
    shapes of ``domain/schema.py``. Deletes are tombstones, as in the synced store.

    One connection, guarded by a lock; writes are synchronous (an ink stroke of 500 points takes
    well under 5 ms, see the benchmark).
    """

    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.RLock()
        self._observers: list[Callable[[str], None]] = []

    def close(self) -> None:
        self._db.close()

    def _notify(self, sha: str) -> None:
        for cb in list(self._observers):
            try:
                cb(sha)
            except Exception:  # noqa: BLE001 - one broken observer must not stop the others
                log.exception("annotation observer failed")

    def observe(self, callback: Callable[[str], None]) -> Callable[[], None]:
        self._observers.append(callback)

        def stop() -> None:
            if callback in self._observers:
                self._observers.remove(callback)

        return stop

    def _replies(self, parent_id: str) -> tuple[Reply, ...]:
        rows = self._db.execute(
            "SELECT * FROM comments WHERE parent_id=? AND deleted=0 ORDER BY rowid", (parent_id,)
        ).fetchall()
        return tuple(reply_from_row(dict(r)) for r in rows)

    def list_for_document(self, document_sha256: str, user_id: str) -> list[Annotation]:
        with self._lock:
            out = [
                from_row("annotations", dict(r))
                for r in self._db.execute(
                    "SELECT * FROM annotations WHERE document_sha256=? AND owner_id=? AND deleted=0 ORDER BY rowid",
                    (document_sha256, user_id),
                )
            ]
            for r in self._db.execute(
                "SELECT * FROM comments WHERE document_sha256=? AND parent_id IS NULL AND deleted=0 ORDER BY rowid",
                (document_sha256,),
            ).fetchall():
                out.append(from_row("comments", dict(r), self._replies(r["id"])))
        return out

    def get(self, annotation_id: str) -> Annotation | None:
        with self._lock:
            r = self._db.execute("SELECT * FROM annotations WHERE id=? AND deleted=0", (annotation_id,)).fetchone()
            if r is not None:
                return from_row("annotations", dict(r))
            r = self._db.execute(
                "SELECT * FROM comments WHERE id=? AND parent_id IS NULL AND deleted=0", (annotation_id,)
            ).fetchone()
            if r is not None:
                return from_row("comments", dict(r), self._replies(r["id"]))
        return None

    def put(self, annotation: Annotation) -> None:
        table, row = to_row(annotation)
        row = {k: (json.dumps(v, ensure_ascii=False, separators=(",", ":")) if isinstance(v, dict) else v) for k, v in row.items()}
        row["deleted"] = 0
        row["updated_at"] = now_iso()
        other = "comments" if table == "annotations" else "annotations"
        cols = ",".join(row)
        marks = ",".join("?" * len(row))
        with self._lock:
            self._db.execute("BEGIN")
            try:
                # Sharing a private note moves it to the other table; the id stays.
                self._db.execute(f"DELETE FROM {other} WHERE id=?", (annotation.id,))
                self._db.execute(f"INSERT OR REPLACE INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        self._notify(annotation.document_sha256)

    def delete(self, annotation_id: str) -> None:
        a = self.get(annotation_id)
        if a is None:
            return
        with self._lock:
            table = "comments" if a.shared else "annotations"
            self._db.execute(f"UPDATE {table} SET deleted=1, updated_at=? WHERE id=?", (now_iso(), annotation_id))
        self._notify(a.document_sha256)

    def reply(self, parent_id: str, *, author_id: str, body: str) -> Reply:
        parent = self.get(parent_id)
        if parent is None or not parent.shared:
            raise KeyError(parent_id)
        r = Reply(id=new_id(), parent_id=parent_id, author_id=author_id, body=body)
        row = reply_to_row(r, parent)
        row["anchor"] = json.dumps(row["anchor"])
        row["updated_at"] = now_iso()
        with self._lock:
            self._db.execute(
                f"INSERT INTO comments ({','.join(row)}) VALUES ({','.join('?' * len(row))})", tuple(row.values())
            )
        self._notify(parent.document_sha256)
        return r

    def resolve(self, annotation_id: str, resolved: bool = True) -> None:
        a = self.get(annotation_id)
        if a is None or not a.shared:
            raise KeyError(annotation_id)
        with self._lock:
            self._db.execute(
                "UPDATE comments SET state=?, updated_at=? WHERE id=?",
                ("resolved" if resolved else "open", now_iso(), annotation_id),
            )
        self._notify(a.document_sha256)


# -- undo / redo ---------------------------------------------------------------------------------
class Command(Protocol):
    text: str

    def redo(self, store: AnnotationStore) -> None: ...

    def undo(self, store: AnnotationStore) -> None: ...


@dataclass
class AddAnnotation:
    annotation: Annotation
    text: str = "add"

    def redo(self, store: AnnotationStore) -> None:
        store.put(self.annotation)

    def undo(self, store: AnnotationStore) -> None:
        store.delete(self.annotation.id)


@dataclass
class DeleteAnnotation:
    annotation: Annotation
    text: str = "delete"

    def redo(self, store: AnnotationStore) -> None:
        store.delete(self.annotation.id)

    def undo(self, store: AnnotationStore) -> None:
        store.put(replace(self.annotation, replies=()))


@dataclass
class ChangeAnnotation:
    before: Annotation
    after: Annotation
    text: str = "change"

    def redo(self, store: AnnotationStore) -> None:
        store.put(replace(self.after, replies=()))

    def undo(self, store: AnnotationStore) -> None:
        store.put(replace(self.before, replies=()))


@dataclass
class MoveAnnotation(ChangeAnnotation):
    """A mark moved on its page (dragged, or nudged with the arrow keys). Consecutive nudges of the same mark
    are one command, so one undo puts it back where the series started (as ``QUndoCommand.mergeWith``)."""

    text: str = "move"
    nudge: bool = False

    def absorb(self, other: Command) -> bool:
        """Take ``other`` (already applied) into this command if it continues this series of nudges."""
        if self.nudge and isinstance(other, MoveAnnotation) and other.nudge and other.after.id == self.after.id:
            self.after = other.after
            return True
        return False


@dataclass
class ResolveComment:
    """Resolve (or, with ``resolved=False``, reopen) a shared comment; undo does the opposite. A comment that is
    gone meanwhile (withdrawn by its author) is left alone."""

    annotation_id: str
    resolved: bool = True
    text: str = "resolve"

    def _set(self, store: AnnotationStore, resolved: bool) -> None:
        if store.get(self.annotation_id) is not None:
            store.resolve(self.annotation_id, resolved)

    def redo(self, store: AnnotationStore) -> None:
        self._set(store, self.resolved)

    def undo(self, store: AnnotationStore) -> None:
        self._set(store, not self.resolved)


class CommandStack:
    """Undo/redo of the user's own edits, as commands applied to the store.

    ``on_change()`` is called after every push, undo and redo.
    """

    def __init__(self, store: AnnotationStore, *, limit: int = 200, on_change: Callable[[], None] | None = None) -> None:
        self.store = store
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit
        self.on_change = on_change

    def push(self, command: Command) -> None:
        """Apply ``command`` and keep it for undo; a command that the last one absorbs (a series of nudges)
        becomes part of it."""
        command.redo(self.store)
        last = self._done[-1] if self._done else None
        absorb = getattr(last, "absorb", None)
        if absorb is not None and absorb(command):
            self._undone.clear()
            self._changed()
            return
        self._done.append(command)
        del self._done[: -self._limit]
        self._undone.clear()
        self._changed()

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo(self) -> None:
        if self._done:
            c = self._done.pop()
            c.undo(self.store)
            self._undone.append(c)
            self._changed()

    def redo(self) -> None:
        if self._undone:
            c = self._undone.pop()
            c.redo(self.store)
            self._done.append(c)
            self._changed()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()
