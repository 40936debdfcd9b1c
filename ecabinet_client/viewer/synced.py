"""The viewer's :class:`~ecabinet_client.viewer.annotations.AnnotationStore` over the synced local store.

Plain Python, no Qt. Reads come from the local store of :class:`ecabinet_client.sync.client.Client`
(offline too); every change is an intent queued with ``Client.queue`` (shown at once, sent when the
service answers, exactly once):

==================================  ===================================================================
viewer                              intent
==================================  ===================================================================
``put`` a private annotation        ``put_annotation`` (an ``annotations`` row, owner scope)
``delete`` a private annotation     ``delete_annotation``
``put``/``add_comment`` shared       ``add_comment`` (a top-level ``comments`` row, meeting scope); the
                                    anchor is ``{"kind": kind, **data}``, the text is ``body``
``put`` a shared one, new text      ``edit_comment`` (author)
``put`` a shared one, new place     ``move_comment`` (author; an open comment, same document, same
                                    kind: new ``page`` and anchor); new text and place: both
``delete`` a shared one             ``withdraw_comment`` (author; withdrawn comments are not listed)
``put`` a withdrawn one back        ``restore_comment`` (author): the same comment, open, with its
                                    replies (undo of a delete, redo of a share)
``resolve``                         ``resolve_comment`` (author, chair or secretary)
``resolve(id, False)``              ``reopen_comment`` (the same people)
``reply``                           ``add_comment`` with ``parent_id``, ``anchor = {"created_at": …}``
sharing a private one (same id)     ``delete_annotation`` + ``add_comment`` (or ``restore_comment``
                                    when it was shared before)
un-sharing (undo of sharing)        ``withdraw_comment`` + ``put_annotation``
==================================  ===================================================================

A ``put`` of a shared comment sends, in this order, what differs from the stored row: ``restore_comment``,
``reopen_comment``, ``move_comment``, ``edit_comment``, then ``resolve_comment`` or ``withdraw_comment``
(the service moves open comments only).

What the protocol cannot express, and what this adapter does instead:

* a posted comment keeps its kind of mark and its document: a ``put`` that changes either raises
  :class:`UnsupportedChange`;
* a resolved comment is not moved: a ``put`` that moves a comment and leaves it resolved raises
  :class:`DomainError` ``comment_resolved`` (reopen it first), as the service would;
* a comment needs text (``body`` of 1–20 000 characters after trimming); the viewer checks it first.

``is_pending(id)`` / :meth:`pending_ids` tell which annotations, comments and replies have a change waiting
to sync ("đang chờ đồng bộ"): the local row shows it until the pull that confirms it (or rolls it back).

``observe(callback)`` calls ``callback(document_sha256)`` on the store's writer thread after every
committed change of ``annotations`` or ``comments`` (local intents and pulls of other users' changes)
for each document listed since; the Qt viewer re-reads on its own thread.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any, Callable

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.viewer.annotations import Annotation, AnnotationStore, Reply, from_row, new_id, now_iso, reply_from_row

log = logging.getLogger(__name__)

TABLES = frozenset({"annotations", "comments"})


def _plain(value: Any) -> Any:
    """``value`` as it reads back from JSON (tuples become lists), for comparing."""
    return json.loads(json.dumps(value))


class UnsupportedChange(DomainError):
    """A change the sync protocol cannot express (reopening a comment, moving a shared comment)."""

    def __init__(self, what: str) -> None:
        super().__init__("bad_request", status=422, detail=what)
        self.what = what


class SyncedAnnotationStore(AnnotationStore):
    """Ghi chú và góp ý đồng bộ: the viewer's annotations as rows of the synced store.

    ``client`` is a signed-in :class:`ecabinet_client.sync.client.Client` (or anything with its
    ``rows``, ``row``, ``queue``, ``is_pending``, ``pending_ids``, ``observe`` and ``new_id``). ``author_id``
    of every annotation written must be the signed-in user: the service sets the owner and author itself.
    """

    can_reopen = True  # reopen_comment
    can_move_comments = True  # move_comment

    def __init__(self, client: Any) -> None:
        self.client = client
        self._lock = threading.Lock()
        self._observers: list[Callable[[str], None]] = []
        self._watched: set[str] = set()
        self._unsubscribe: Callable[[], None] | None = None

    # -- observing -------------------------------------------------------------------------------
    def observe(self, callback: Callable[[str], None]) -> Callable[[], None]:
        with self._lock:
            self._observers.append(callback)
            if self._unsubscribe is None:
                self._unsubscribe = self.client.observe(self._on_client_event)

        def stop() -> None:
            with self._lock:
                if callback in self._observers:
                    self._observers.remove(callback)
                if not self._observers and self._unsubscribe is not None:
                    self._unsubscribe()
                    self._unsubscribe = None

        return stop

    def close(self) -> None:
        """Stop listening to the client (the client itself stays open)."""
        with self._lock:
            self._observers.clear()
            if self._unsubscribe is not None:
                self._unsubscribe()
                self._unsubscribe = None

    def _on_client_event(self, event: str, payload: Any) -> None:
        if event != "changed" or not (TABLES & set(payload or ())):
            return
        with self._lock:
            observers, shas = list(self._observers), sorted(self._watched)
        for sha in shas:
            for cb in observers:
                try:
                    cb(sha)
                except Exception:  # noqa: BLE001 - one broken observer must not stop the others
                    log.exception("annotation observer failed")

    # -- reading ---------------------------------------------------------------------------------
    def _signed_out(self) -> bool:
        return getattr(self.client, "store", True) is None

    def _replies(self, parent_id: str) -> tuple[Reply, ...]:
        rows = [r for r in self.client.rows("comments", "parent_id = ?", (parent_id,)) if r.get("state") != "withdrawn"]
        replies = [reply_from_row(r) for r in rows]
        replies.sort(key=lambda r: r.created_at)  # stable: ties keep the store's order
        return tuple(replies)

    def list_for_document(self, document_sha256: str, user_id: str) -> list[Annotation]:
        with self._lock:
            self._watched.add(document_sha256)
        if self._signed_out():
            return []  # signed out (or closed) while a viewer is open: nothing to show, nothing to crash
        private = [
            from_row("annotations", r)
            for r in self.client.rows("annotations", "document_sha256 = ? AND owner_id = ?", (document_sha256, user_id))
        ]
        private.sort(key=lambda a: a.created_at)
        rows = self.client.rows("comments", "document_sha256 = ? AND state != 'withdrawn'", (document_sha256,))
        replies: dict[str, list[Reply]] = {}
        for r in rows:
            if r.get("parent_id"):
                replies.setdefault(r["parent_id"], []).append(reply_from_row(r))
        shared = []
        for r in rows:
            if r.get("parent_id"):
                continue
            mine = sorted(replies.get(r["id"], ()), key=lambda x: x.created_at)
            shared.append(from_row("comments", r, tuple(mine)))
        shared.sort(key=lambda a: a.created_at)
        return private + shared

    def _comment_row(self, comment_id: str) -> dict[str, Any] | None:
        row = self.client.row("comments", comment_id)
        return row if row is not None and not row.get("parent_id") else None

    def get(self, annotation_id: str) -> Annotation | None:
        row = self.client.row("annotations", annotation_id)
        if row is not None:
            return from_row("annotations", row)
        row = self._comment_row(annotation_id)
        if row is not None and row.get("state") != "withdrawn":
            return from_row("comments", row, self._replies(row["id"]))
        return None

    def is_pending(self, annotation_id: str) -> bool:
        """True while a change of this annotation, comment or reply waits to sync ("đang chờ đồng bộ")."""
        return self.client.is_pending("annotations", annotation_id) or self.client.is_pending("comments", annotation_id)

    def pending_ids(self) -> set[str]:
        """Ids of every annotation, comment and reply with a change waiting to sync (one query per table)."""
        if self._signed_out():
            return set()
        return self.client.pending_ids("annotations") | self.client.pending_ids("comments")

    # -- writing ---------------------------------------------------------------------------------
    def put(self, annotation: Annotation) -> None:
        """Insert or replace a private annotation, or post (or change the text, place or state of) a comment."""
        if annotation.shared:
            self._put_shared(annotation)
        else:
            self._put_private(annotation)

    def _put_private(self, a: Annotation) -> None:
        live = self._comment_row(a.id)
        if live is not None and live.get("state") != "withdrawn":
            self.client.queue("withdraw_comment", comment_id=live["id"])  # un-sharing
        self.client.queue(
            "put_annotation",
            annotation_id=a.id,
            meeting_id=a.meeting_id,
            document_id=a.document_id,
            document_sha256=a.document_sha256,
            kind=a.kind,
            page=a.page,
            data=dict(a.data),
        )

    def _put_shared(self, a: Annotation) -> None:
        live = self._comment_row(a.id)
        if live is None:
            if self.client.row("annotations", a.id) is not None:
                self.client.queue("delete_annotation", annotation_id=a.id)  # sharing: it moves to comments
            self._post(a, a.id)
            return
        cid, state = live["id"], live.get("state") or "open"
        if a.state == "withdrawn":
            if state != "withdrawn":
                self.client.queue("withdraw_comment", comment_id=cid)
            return
        current = from_row("comments", live)
        if current.kind != a.kind or (live.get("document_sha256") or a.document_sha256) != a.document_sha256:
            raise UnsupportedChange("a posted comment keeps its kind of mark and its document")
        moved = (current.page, _plain(current.data)) != (a.page, _plain(a.data))
        intents: list[tuple[str, dict[str, Any]]] = []
        if state == "withdrawn":
            intents.append(("restore_comment", {}))  # putting it back: the same comment, with its replies
            state = "open"
        if state == "resolved" and a.state == "open":
            intents.append(("reopen_comment", {}))
            state = "open"
        if moved:
            if state != "open":
                raise DomainError("comment_resolved", status=409)  # as the service would answer
            intents.append(("move_comment", {"page": a.page, "anchor": {"kind": a.kind, **a.data}}))
        if a.body.strip() != current.body.strip():
            intents.append(("edit_comment", {"body": a.body}))
        if a.state == "resolved" and state != "resolved":
            intents.append(("resolve_comment", {}))
        if self.client.row("annotations", a.id) is not None:
            self.client.queue("delete_annotation", annotation_id=a.id)  # sharing again (redo of a share)
        for name, args in intents:
            self.client.queue(name, comment_id=cid, **args)

    def _post(self, a: Annotation, comment_id: str) -> None:
        if not a.meeting_id:
            raise DomainError("bad_request", status=422, detail="a comment belongs to a meeting: meeting_id")
        self.client.queue(
            "add_comment",
            comment_id=comment_id,
            meeting_id=a.meeting_id,
            agenda_item_id=a.agenda_item_id,
            document_id=a.document_id,
            document_sha256=a.document_sha256,
            page=a.page,
            anchor={"kind": a.kind, **a.data},
            body=a.body,
        )
        if a.state == "resolved":
            self.client.queue("resolve_comment", comment_id=comment_id)

    def delete(self, annotation_id: str) -> None:
        if self.client.row("annotations", annotation_id) is not None:
            self.client.queue("delete_annotation", annotation_id=annotation_id)
            return
        live = self._comment_row(annotation_id)
        if live is not None and live.get("state") != "withdrawn":
            self.client.queue("withdraw_comment", comment_id=live["id"])

    def reply(self, parent_id: str, *, author_id: str, body: str) -> Reply:
        parent = self.get(parent_id)
        if parent is None or not parent.shared:
            raise KeyError(parent_id)
        r = Reply(id=new_id(), parent_id=parent.id, author_id=author_id, body=body.strip(), created_at=now_iso())
        self.client.queue(
            "add_comment",
            comment_id=r.id,
            meeting_id=parent.meeting_id,
            agenda_item_id=parent.agenda_item_id,
            document_id=parent.document_id,
            document_sha256=parent.document_sha256,
            page=parent.page,
            anchor={"created_at": r.created_at},
            parent_id=parent.id,
            body=r.body,
        )
        return r

    def resolve(self, annotation_id: str, resolved: bool = True) -> None:
        """Resolve (``resolve_comment``) or reopen (``reopen_comment``) a shared comment."""
        a = self.get(annotation_id)
        if a is None or not a.shared:
            raise KeyError(annotation_id)
        if a.resolved != resolved:
            self.client.queue("resolve_comment" if resolved else "reopen_comment", comment_id=a.id)
