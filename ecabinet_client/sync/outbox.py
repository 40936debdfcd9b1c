"""The mutation outbox and its optimistic effects (Replicache-style rebase).

``queue`` validates the arguments (bad input is refused at once, offline too, with DomainError) and, in
ONE store transaction, applies the mutation's optimistic effect and appends the outbox row with the next
per-client ``mutation_id``.

Every row an optimistic effect touches is first saved, as the service last sent it (or as absent), in
``_shadow``; the touched row gets ``_pending = 1``. A pull (``engine.py``) then, in one transaction:
rewinds (restores every shadowed row, so the store holds exactly the service's state), applies the pulled
changes, drops the outbox rows the service has processed, and replays the effects of the remaining ones.
Mutations without an effect here are simply waiting for the service.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Callable

from ecabinet_client.domain.rules import iso, utcnow
from ecabinet_client.domain.schema import TABLES

from .store import WriteTx, encode_row

log = logging.getLogger(__name__)

Effect = Callable[[WriteTx, dict, dict], None]
EFFECTS: dict[str, Effect] = {}


def effect(name: str) -> Callable[[Effect], Effect]:
    """Registers the optimistic effect of the mutation ``name`` (tests check every name is a mutation)."""

    def register(fn: Effect) -> Effect:
        EFFECTS[name] = fn
        return fn

    return register


# --- shadowing ------------------------------------------------------------------------------------------------
def _raw(tx: WriteTx, table: str, row_id: str) -> dict[str, Any] | None:
    cur = tx.conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', (row_id,))
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row))


def _shadow(tx: WriteTx, table: str, row_id: str) -> dict[str, Any] | None:
    """Save the service's version of the row (once) before an optimistic change; returns the current raw row."""
    current = _raw(tx, table, row_id)
    tx.conn.execute(
        "INSERT OR IGNORE INTO _shadow(tbl, id, row) VALUES (?, ?, ?)",
        (table, row_id, None if current is None else json.dumps(current, ensure_ascii=False)),
    )
    return current


def overlay_update(tx: WriteTx, table: str, row_id: str, values: dict[str, Any]) -> bool:
    """Change some columns of an existing row optimistically; False when the row is not in the store."""
    if _raw(tx, table, row_id) is None:
        return False
    _shadow(tx, table, row_id)
    spec = TABLES[table]
    enc = {k: v for k, v in encode_row(spec, values).items() if k in values}
    enc["_pending"] = 1
    sets = ", ".join(f'"{k}" = ?' for k in enc)
    tx.conn.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', (*enc.values(), row_id))
    tx.changed.add(table)
    return True


def overlay_upsert(tx: WriteTx, table: str, row_id: str, values: dict[str, Any], user: dict) -> None:
    """Create (or replace the columns of) a client-made row optimistically."""
    current = _shadow(tx, table, row_id)
    if current is not None:
        overlay_update(tx, table, row_id, values)
        return
    row = {
        **values,
        "id": row_id,
        "tenant_id": user.get("tenant_id"),
        "seq": None,
        "version": 0,
        "deleted": False,
        "updated_at": iso(utcnow()),
    }
    enc = encode_row(TABLES[table], row)
    enc["_pending"] = 1
    cols = ", ".join(f'"{k}"' for k in enc)
    tx.conn.execute(f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" for _ in enc)})', tuple(enc.values()))
    tx.changed.add(table)


def overlay_delete(tx: WriteTx, table: str, row_id: str) -> None:
    if _raw(tx, table, row_id) is None:
        return
    _shadow(tx, table, row_id)
    tx.conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))
    tx.changed.add(table)


def rewind(tx: WriteTx) -> None:
    """Restore every shadowed row: the store then holds the service's state only."""
    for table, row_id, raw in tx.conn.execute("SELECT tbl, id, row FROM _shadow").fetchall():
        tx.conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))
        if raw is not None:
            values = json.loads(raw)
            values["_pending"] = 0
            cols = ", ".join(f'"{k}"' for k in values)
            tx.conn.execute(
                f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" for _ in values)})', tuple(values.values())
            )
        tx.changed.add(table)
    tx.conn.execute("DELETE FROM _shadow")


def replay(tx: WriteTx, user: dict) -> None:
    """Re-apply the optimistic effects of every mutation still in the outbox, in order."""
    for mutation_id, name, args in tx.conn.execute("SELECT mutation_id, name, args FROM outbox ORDER BY mutation_id").fetchall():
        apply_effect(tx, user, name, json.loads(args), mutation_id)


def apply_effect(tx: WriteTx, user: dict, name: str, args: dict, mutation_id: int | None = None) -> None:
    fn = EFFECTS.get(name)
    if fn is None:
        return
    try:
        fn(tx, user, args)
    except Exception:  # noqa: BLE001 - an effect that no longer fits the pulled state is skipped
        log.exception("optimistic effect of mutation %s (%s) failed; the service decides", mutation_id, name)


# --- queueing -------------------------------------------------------------------------------------------------
def next_mutation_id(tx: WriteTx) -> int:
    """The next per-client id: never reused, even after the outbox empties or a re-bootstrap."""
    counter = int(tx.get_state("next_mutation_id", "1") or 1)
    top = tx.conn.execute("SELECT coalesce(max(mutation_id), 0) FROM outbox").fetchone()[0]
    acked = int(tx.get_state("last_mutation_id", "0") or 0)
    return max(counter, top + 1, acked + 1)


def queue_in_tx(tx: WriteTx, user: dict, name: str, args: dict[str, Any]) -> int:
    """Inside a writer transaction: the optimistic effect and the outbox row. Returns the mutation id."""
    mutation_id = next_mutation_id(tx)
    apply_effect(tx, user, name, args, mutation_id)
    tx.conn.execute(
        "INSERT INTO outbox(mutation_id, name, args, created_at, state) VALUES (?, ?, ?, ?, 'queued')",
        (mutation_id, name, json.dumps(args, ensure_ascii=False), iso(utcnow())),
    )
    tx.set_state("next_mutation_id", mutation_id + 1)
    tx.changed.add("outbox")
    return mutation_id


def validated(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """The arguments as the service will read them (stripped, defaults filled); DomainError when bad."""
    from ecabinet_client.domain import mutations as m  # pydantic: imported at the first intent, not at start

    return m.validate(name, args).model_dump(mode="json", exclude_unset=False)


# --- the effects ---------------------------------------------------------------------------------------------
def _now() -> str:
    return iso(utcnow())


@effect("respond_invitation")
def _respond(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_update(tx, "invitations", a["invitation_id"], {
        "state": a["response"], "reason": a.get("reason") if a["response"] == "declined" else None,
        "substitute_id": None, "responded_by": user["id"], "responded_at": _now()})


@effect("delegate_invitation")
def _delegate(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_update(tx, "invitations", a["invitation_id"], {
        "state": "delegated", "substitute_id": a["substitute_id"], "reason": None,
        "responded_by": user["id"], "responded_at": _now()})


@effect("assign_unit_invitation")
def _assign(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_update(tx, "invitations", a["invitation_id"], {
        "assigned_user_id": a["user_id"], "responded_by": user["id"], "responded_at": _now()})


@effect("share_meeting")
def _share(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_upsert(tx, "meeting_shares", a["share_id"], {
        "meeting_id": a["meeting_id"], "owner_id": user["id"], "assistant_id": a["assistant_id"]}, user)


@effect("unshare_meeting")
def _unshare(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_delete(tx, "meeting_shares", a["share_id"])


@effect("put_annotation")
def _put_annotation(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_upsert(tx, "annotations", a["annotation_id"], {
        "meeting_id": a.get("meeting_id"), "document_id": a.get("document_id"),
        "document_sha256": a["document_sha256"], "owner_id": user["id"], "kind": a["kind"], "page": a["page"],
        "data": a["data"]}, user)


@effect("delete_annotation")
def _delete_annotation(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_delete(tx, "annotations", a["annotation_id"])


@effect("add_comment")
def _add_comment(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_upsert(tx, "comments", a["comment_id"], {
        "meeting_id": a["meeting_id"], "agenda_item_id": a.get("agenda_item_id"), "document_id": a.get("document_id"),
        "document_sha256": a.get("document_sha256"), "page": a.get("page"), "anchor": a.get("anchor"),
        "parent_id": a.get("parent_id"), "author_id": user["id"], "body": a["body"], "state": "open"}, user)


@effect("edit_comment")
def _edit_comment(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_update(tx, "comments", a["comment_id"], {"body": a["body"]})


@effect("withdraw_comment")
def _withdraw_comment(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_update(tx, "comments", a["comment_id"], {"state": "withdrawn"})


def _comment_state(tx: WriteTx, comment_id: str) -> str | None:
    row = tx.get("comments", comment_id)
    return None if row is None else row.get("state")


def _state_effect(name: str, to: str, allowed: frozenset[str]) -> None:
    """The local effect of ``name``: the comment's state becomes ``to`` when it is one of ``allowed`` (what the
    service would refuse changes nothing here)."""

    @effect(name)
    def _apply(tx: WriteTx, user: dict, a: dict) -> None:
        if _comment_state(tx, a["comment_id"]) in allowed:
            overlay_update(tx, "comments", a["comment_id"], {"state": to})


_state_effect("restore_comment", "open", frozenset({"withdrawn"}))
_state_effect("resolve_comment", "resolved", frozenset({"open", "resolved"}))  # not a withdrawn one
_state_effect("reopen_comment", "open", frozenset({"resolved"}))


@effect("move_comment")
def _move_comment(tx: WriteTx, user: dict, a: dict) -> None:
    if _comment_state(tx, a["comment_id"]) == "open":  # the service moves open comments only
        overlay_update(tx, "comments", a["comment_id"], {"page": a["page"], "anchor": a["anchor"]})


@effect("request_to_speak")
def _request_to_speak(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_upsert(tx, "speaker_requests", a["request_id"], {
        "meeting_id": a["meeting_id"], "agenda_item_id": a.get("agenda_item_id"), "user_id": user["id"],
        "topic": a.get("topic"), "state": "queued", "requested_at": _now()}, user)


@effect("withdraw_speaker_request")
def _withdraw_speaker(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_update(tx, "speaker_requests", a["request_id"], {"state": "withdrawn"})


@effect("cast_ballot")
def _cast_ballot(tx: WriteTx, user: dict, a: dict) -> None:
    poll = tx.get("polls", a["poll_id"])
    if poll is None or poll.get("secret") or poll.get("state") != "open":
        return  # secret votes keep no ballot rows; a closed poll is for the service to refuse
    overlay_upsert(tx, "ballots", a["ballot_id"], {
        "meeting_id": poll["meeting_id"], "poll_id": poll["id"], "voter_id": user["id"], "choice": a["choice"]}, user)


@effect("put_transcript_segment")
def _put_segment(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_upsert(tx, "transcript_segments", a["segment_id"], {
        k: a.get(k) for k in ("meeting_id", "agenda_item_id", "speaker_id", "start_ms", "end_ms", "text", "language")}, user)


@effect("add_opinion")
def _add_opinion(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_upsert(tx, "opinions", a["opinion_id"], {
        "meeting_id": a["meeting_id"], "agenda_item_id": a.get("agenda_item_id"), "speaker_id": a.get("speaker_id"),
        "text": a["text"], "segment_ids": a.get("segment_ids") or [], "recorded_by": user["id"]}, user)


@effect("set_conclusion")
def _set_conclusion(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_upsert(tx, "conclusions", a["conclusion_id"], {
        "meeting_id": a["meeting_id"], "agenda_item_id": a.get("agenda_item_id"), "text": a["text"],
        "author_id": user["id"]}, user)


@effect("answer_opinion_poll")
def _answer_opinion_poll(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_upsert(tx, "opinion_poll_answers", a["answer_id"], {
        "poll_id": a["poll_id"], "user_id": user["id"], "choice": a["choice"], "comment": a.get("comment") or ""}, user)


@effect("mark_notification_read")
def _mark_read(tx: WriteTx, user: dict, a: dict) -> None:
    overlay_update(tx, "notifications", a["notification_id"], {"read_at": _now()})
