"""Mutation handlers: each applies one intent inside one write transaction, or raises DomainError.

A handler gets a :class:`Context` (the transaction, the acting user, the rules) and the validated
arguments (``domain.mutations``). Handlers check *who* may do it and *whether the rules allow it now*;
they never trust the client. Live-meeting handlers are in ``handlers_live.py``.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any, Callable

import sqlalchemy as sa

from ecabinet_client.domain import mutations as m
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.model import InvitationState, MeetingState, Role
from ecabinet_client.domain.rules import Rules, check_classification, check_transition, iso, parse_time

from .access import access_via, refresh_access, require_access
from .db import Tx, blobs

Handler = Callable[["Context", Any], None]
HANDLERS: dict[str, Handler] = {}


@dataclass
class Context:
    tx: Tx
    user: dict[str, Any]  # the acting user's row
    rules: Rules

    @property
    def user_id(self) -> str:
        return self.user["id"]

    def has_role(self, role: Role) -> bool:
        return role in (self.user.get("roles") or [])

    def notify(self, user_ids, kind: str, meeting_id: str | None = None, **params: Any) -> None:  # noqa: ANN001
        for uid in set(user_ids):
            if uid and uid != self.user_id:
                self.tx.insert(
                    "notifications",
                    {"user_id": uid, "kind": kind, "meeting_id": meeting_id, "params": params, "read_at": None},
                )


def handler(name: str) -> Callable[[Handler], Handler]:
    if name not in m.MUTATIONS:
        raise KeyError(name)

    def register(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn

    return register


def apply(ctx: Context, name: str, args: dict[str, Any]) -> None:
    parsed = m.validate(name, args)
    fn = HANDLERS.get(name)
    if fn is None:
        raise DomainError("unknown_mutation", status=422, name=name)
    fn(ctx, parsed)


# --- helpers -----------------------------------------------------------------------------------------------
def runs_meeting(ctx: Context, meeting: dict, *columns: str) -> bool:
    cols = columns or ("chair_id", "secretary_id")
    return any(meeting.get(c) == ctx.user_id for c in cols)


def require_runner(ctx: Context, meeting: dict, *columns: str) -> None:
    if not runs_meeting(ctx, meeting, *columns):
        raise DomainError("forbidden", status=403)


def require_meeting_row(ctx: Context, table: str, row_id: str) -> tuple[dict, dict]:
    """A meeting-scoped row and its meeting, both visible to the user, or 404."""
    row = ctx.tx.get(table, row_id)
    if row is None:
        raise DomainError("not_found", status=404, what=table)
    meeting = require_access(ctx.tx, ctx.user_id, row["meeting_id"])
    return row, meeting


def invitation_holder(inv: dict) -> str | None:
    """Who answers an invitation: the invitee, or for a unit invitation the assigned person."""
    return inv["user_id"] or inv["assigned_user_id"]


def _meeting_start(meeting: dict):  # noqa: ANN202
    return parse_time(meeting["starts_at"])


# --- invitations ---------------------------------------------------------------------------------------------
def _check_can_answer(ctx: Context, inv: dict, meeting: dict) -> None:
    holder = invitation_holder(inv)
    is_unit_rep = inv["unit_id"] and access_via(ctx.tx.conn, ctx.user_id, meeting["id"]) in ("unit",)
    if ctx.user_id != holder and not is_unit_rep:
        raise DomainError("forbidden", status=403)
    if meeting["state"] not in (MeetingState.APPROVED, MeetingState.ONGOING):
        raise DomainError("invalid_state", status=409, state=meeting["state"])
    ctx.rules.check_response(meeting["kind"], _meeting_start(meeting), ctx.tx.now)


@handler("respond_invitation")
def respond_invitation(ctx: Context, a: m.RespondInvitation) -> None:
    inv, meeting = require_meeting_row(ctx, "invitations", a.invitation_id)
    _check_can_answer(ctx, inv, meeting)
    if a.response == InvitationState.DECLINED and not (a.reason or "").strip():
        raise DomainError("reason_required", status=422)
    ctx.tx.update(
        "invitations",
        inv["id"],
        {
            "state": a.response,
            "reason": a.reason if a.response == InvitationState.DECLINED else None,
            "substitute_id": None,
            "responded_by": ctx.user_id,
            "responded_at": iso(ctx.tx.now),
        },
    )
    refresh_access(ctx.tx, meeting["id"])
    ctx.notify([meeting["secretary_id"]], "invitation_answered", meeting["id"], response=a.response)
    ctx.tx.emit("invitation_answered", meeting_id=meeting["id"], invitation_id=inv["id"])


@handler("delegate_invitation")
def delegate_invitation(ctx: Context, a: m.DelegateInvitation) -> None:
    inv, meeting = require_meeting_row(ctx, "invitations", a.invitation_id)
    _check_can_answer(ctx, inv, meeting)
    holder = ctx.tx.get("users", invitation_holder(inv) or ctx.user_id)
    substitute = ctx.tx.get("users", a.substitute_id)
    if substitute is None or not substitute.get("active", True) or substitute["id"] == holder["id"]:
        raise DomainError("substitute_invalid", status=422)
    if substitute["organisation_id"] != holder["organisation_id"]:
        raise DomainError("substitute_other_organisation", status=422)
    ctx.tx.update(
        "invitations",
        inv["id"],
        {
            "state": InvitationState.DELEGATED,
            "substitute_id": substitute["id"],
            "reason": None,
            "responded_by": ctx.user_id,
            "responded_at": iso(ctx.tx.now),
        },
    )
    refresh_access(ctx.tx, meeting["id"])
    ctx.notify([substitute["id"]], "substitute_named", meeting["id"], title=meeting["title"])
    ctx.notify([meeting["secretary_id"]], "invitation_answered", meeting["id"], response="delegated")
    ctx.tx.emit("invitation_answered", meeting_id=meeting["id"], invitation_id=inv["id"])


@handler("assign_unit_invitation")
def assign_unit_invitation(ctx: Context, a: m.AssignUnitInvitation) -> None:
    inv, meeting = require_meeting_row(ctx, "invitations", a.invitation_id)
    if not inv["unit_id"] or access_via(ctx.tx.conn, ctx.user_id, meeting["id"]) != "unit":
        raise DomainError("forbidden", status=403)
    if meeting["state"] not in (MeetingState.APPROVED, MeetingState.ONGOING):
        raise DomainError("invalid_state", status=409, state=meeting["state"])
    ctx.rules.check_response(meeting["kind"], _meeting_start(meeting), ctx.tx.now)
    person = ctx.tx.get("users", a.user_id)
    unit = ctx.tx.get("units", inv["unit_id"])
    if person is None or person["organisation_id"] != unit["organisation_id"]:
        raise DomainError("substitute_other_organisation", status=422)
    ctx.tx.update(
        "invitations",
        inv["id"],
        {"assigned_user_id": person["id"], "responded_by": ctx.user_id, "responded_at": iso(ctx.tx.now)},
    )
    refresh_access(ctx.tx, meeting["id"])
    ctx.notify([person["id"]], "invited", meeting["id"], title=meeting["title"])
    ctx.tx.emit("invitation_answered", meeting_id=meeting["id"], invitation_id=inv["id"])


@handler("share_meeting")
def share_meeting(ctx: Context, a: m.ShareMeeting) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    assistant = ctx.tx.get("users", a.assistant_id)
    if assistant is None or assistant["organisation_id"] != ctx.user["organisation_id"]:
        raise DomainError("substitute_other_organisation", status=422)
    ctx.tx.insert("meeting_shares", {"id": a.share_id, "meeting_id": meeting["id"], "owner_id": ctx.user_id, "assistant_id": assistant["id"]})
    refresh_access(ctx.tx, meeting["id"])
    ctx.notify([assistant["id"]], "meeting_shared", meeting["id"], title=meeting["title"])


@handler("unshare_meeting")
def unshare_meeting(ctx: Context, a: m.UnshareMeeting) -> None:
    share, meeting = require_meeting_row(ctx, "meeting_shares", a.share_id)
    if share["owner_id"] != ctx.user_id:
        raise DomainError("forbidden", status=403)
    ctx.tx.delete("meeting_shares", share["id"])
    refresh_access(ctx.tx, meeting["id"])


# --- registration and approval --------------------------------------------------------------------------------
def _check_times(starts_at: str, ends_at: str) -> None:
    try:
        start, end = parse_time(starts_at), parse_time(ends_at)
    except ValueError as exc:
        raise DomainError("bad_request", status=422, detail="starts_at/ends_at") from exc
    if end <= start:
        raise DomainError("bad_request", status=422, detail="ends_at must be after starts_at")


def _check_people(ctx: Context, *user_ids: str | None) -> None:
    for uid in user_ids:
        if uid and ctx.tx.get("users", uid) is None:
            raise DomainError("not_found", status=404, what="user")


def _write_agenda(ctx: Context, meeting_id: str, agenda: list[m.AgendaItemIn]) -> None:
    keep = {item.id for item in agenda}
    for old in ctx.tx.select("agenda_items", meeting_id=meeting_id):
        if old["id"] not in keep:
            ctx.tx.delete("agenda_items", old["id"])
    for position, item in enumerate(agenda):
        _check_people(ctx, item.presenter_id)
        existing = ctx.tx.get("agenda_items", item.id, include_deleted=True)
        if existing is not None and existing["meeting_id"] != meeting_id:
            raise DomainError("bad_request", status=409, detail=f"agenda item {item.id} belongs to another meeting")
        ctx.tx.upsert(
            "agenda_items",
            item.id,
            {"meeting_id": meeting_id, "position": position, **item.model_dump(exclude={"id"})},
        )


def _write_invitees(ctx: Context, meeting: dict, invitees: list[m.InviteeIn]) -> None:
    keep = {inv.id for inv in invitees}
    for old in ctx.tx.select("invitations", meeting_id=meeting["id"]):
        if old["id"] not in keep:
            ctx.tx.delete("invitations", old["id"])
    for inv in invitees:
        if bool(inv.user_id) == bool(inv.unit_id):
            raise DomainError("bad_request", status=422, detail="an invitee is a user_id or a unit_id")
        if inv.unit_id and ctx.tx.get("units", inv.unit_id) is None:
            raise DomainError("not_found", status=404, what="unit")
        _check_people(ctx, inv.user_id)
        existing = ctx.tx.get("invitations", inv.id, include_deleted=True)
        if existing is not None and existing["meeting_id"] != meeting["id"]:
            raise DomainError("bad_request", status=409, detail=f"invitation {inv.id} belongs to another meeting")
        if existing is not None and not existing["deleted"]:
            continue  # keep its state
        ctx.tx.upsert(
            "invitations",
            inv.id,
            {
                "meeting_id": meeting["id"],
                "user_id": inv.user_id,
                "unit_id": inv.unit_id,
                "attendee_role": inv.attendee_role,
                "state": InvitationState.PENDING,
                "assigned_user_id": None,
                "substitute_id": None,
                "reason": None,
            },
        )


@handler("create_meeting")
def create_meeting(ctx: Context, a: m.CreateMeeting) -> None:
    if not ctx.has_role(Role.REGISTRAR):
        raise DomainError("forbidden", status=403)
    _check_times(a.starts_at, a.ends_at)
    _check_people(ctx, a.chair_id, a.secretary_id, a.approver_id)
    approver = ctx.tx.get("users", a.approver_id)
    if Role.APPROVER not in (approver.get("roles") or []):
        raise DomainError("forbidden", status=403)
    meeting = ctx.tx.insert(
        "meetings",
        {
            "id": a.meeting_id,
            "meeting_id": a.meeting_id,
            "organisation_id": ctx.user["organisation_id"],
            "title": a.title,
            "kind": a.kind,
            "state": MeetingState.DRAFT,
            "starts_at": iso(parse_time(a.starts_at)),
            "ends_at": iso(parse_time(a.ends_at)),
            "room": a.room,
            "description": a.description,
            "chair_id": a.chair_id,
            "secretary_id": a.secretary_id,
            "approver_id": a.approver_id,
            "registrar_id": ctx.user_id,
            "checkin_secret": secrets.token_hex(32),
        },
    )
    _write_agenda(ctx, meeting["id"], a.agenda)
    _write_invitees(ctx, meeting, a.invitees)
    refresh_access(ctx.tx, meeting["id"])


def _editable_meeting(ctx: Context, meeting_id: str, base_version: int) -> dict:
    meeting = require_access(ctx.tx, ctx.user_id, meeting_id)
    require_runner(ctx, meeting, "registrar_id", "approver_id")
    if meeting["state"] not in (MeetingState.DRAFT, MeetingState.AWAITING_APPROVAL, MeetingState.REJECTED, MeetingState.APPROVED):
        raise DomainError("invalid_state", status=409, state=meeting["state"])
    if meeting["version"] != base_version:
        raise DomainError("version_conflict", status=409, current=meeting["version"], base=base_version)
    return meeting


@handler("update_meeting")
def update_meeting(ctx: Context, a: m.UpdateMeeting) -> None:
    meeting = _editable_meeting(ctx, a.meeting_id, a.base_version)
    values = a.model_dump(exclude={"meeting_id", "base_version"}, exclude_none=True)
    _check_times(values.get("starts_at", meeting["starts_at"]), values.get("ends_at", meeting["ends_at"]))
    _check_people(ctx, values.get("chair_id"), values.get("secretary_id"), values.get("approver_id"))
    for key in ("starts_at", "ends_at"):
        if key in values:
            values[key] = iso(parse_time(values[key]))
    ctx.tx.update("meetings", meeting["id"], values, base_version=a.base_version)
    refresh_access(ctx.tx, meeting["id"])
    ctx.notify([u for u in _attendees(ctx, meeting["id"])], "meeting_changed", meeting["id"], title=meeting["title"])
    ctx.tx.emit("meeting_changed", meeting_id=meeting["id"])


@handler("set_agenda")
def set_agenda(ctx: Context, a: m.SetAgenda) -> None:
    meeting = _editable_meeting(ctx, a.meeting_id, a.base_version)
    _write_agenda(ctx, meeting["id"], a.agenda)
    ctx.tx.update("meetings", meeting["id"], {}, base_version=a.base_version)
    ctx.tx.emit("meeting_changed", meeting_id=meeting["id"])


@handler("set_invitees")
def set_invitees(ctx: Context, a: m.SetInvitees) -> None:
    meeting = _editable_meeting(ctx, a.meeting_id, a.base_version)
    _write_invitees(ctx, meeting, a.invitees)
    ctx.tx.update("meetings", meeting["id"], {}, base_version=a.base_version)
    refresh_access(ctx.tx, meeting["id"])
    if meeting.get("approved_at"):
        _notify_new_invitees(ctx, meeting)
    ctx.tx.emit("meeting_changed", meeting_id=meeting["id"])


def _attendees(ctx: Context, meeting_id: str) -> list[str]:
    out = []
    for inv in ctx.tx.select("invitations", meeting_id=meeting_id):
        out += [inv["user_id"], inv["assigned_user_id"], inv["substitute_id"]]
    return [u for u in out if u]


def _notify_new_invitees(ctx: Context, meeting: dict) -> None:
    from .access import unit_representatives

    targets = []
    for inv in ctx.tx.select("invitations", meeting_id=meeting["id"]):
        if inv["version"] == 1 or inv["seq"] == ctx.tx.seq:
            targets.append(inv["user_id"])
            if inv["unit_id"]:
                targets += unit_representatives(ctx.tx, inv["unit_id"])
    ctx.notify([t for t in targets if t], "invited", meeting["id"], title=meeting["title"], starts_at=meeting["starts_at"])


def _transition(ctx: Context, meeting: dict, target: str, **values: Any) -> dict:
    check_transition(meeting["state"], target)
    return ctx.tx.update("meetings", meeting["id"], {"state": target, **values})


@handler("submit_meeting")
def submit_meeting(ctx: Context, a: m.MeetingTransition) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting, "registrar_id")
    _transition(ctx, meeting, MeetingState.AWAITING_APPROVAL, state_reason=None)
    ctx.notify([meeting["approver_id"]], "approval_requested", meeting["id"], title=meeting["title"])
    ctx.tx.emit("meeting_changed", meeting_id=meeting["id"])


@handler("approve_meeting")
def approve_meeting(ctx: Context, a: m.MeetingTransition) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting, "approver_id")
    ctx.rules.check_approval(meeting["kind"], _meeting_start(meeting), ctx.tx.now)
    updated = _transition(ctx, meeting, MeetingState.APPROVED, approved_at=iso(ctx.tx.now), state_reason=None)
    refresh_access(ctx.tx, meeting["id"])
    _notify_all_invitees(ctx, updated)
    ctx.notify([meeting["registrar_id"]], "meeting_approved", meeting["id"], title=meeting["title"])
    ctx.tx.emit("meeting_changed", meeting_id=meeting["id"])


def _notify_all_invitees(ctx: Context, meeting: dict) -> None:
    from .access import unit_representatives

    targets = [meeting["chair_id"], meeting["secretary_id"]]
    for inv in ctx.tx.select("invitations", meeting_id=meeting["id"]):
        targets.append(inv["user_id"])
        if inv["unit_id"]:
            targets += unit_representatives(ctx.tx, inv["unit_id"])
    ctx.notify([t for t in targets if t], "invited", meeting["id"], title=meeting["title"], starts_at=meeting["starts_at"])


@handler("reject_meeting")
def reject_meeting(ctx: Context, a: m.MeetingTransitionWithReason) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting, "approver_id")
    _transition(ctx, meeting, MeetingState.REJECTED, state_reason=a.reason)
    ctx.notify([meeting["registrar_id"]], "meeting_rejected", meeting["id"], title=meeting["title"], reason=a.reason)
    ctx.tx.emit("meeting_changed", meeting_id=meeting["id"])


@handler("cancel_meeting")
def cancel_meeting(ctx: Context, a: m.MeetingTransitionWithReason) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting, "registrar_id", "approver_id", "chair_id", "secretary_id")
    _transition(ctx, meeting, MeetingState.CANCELLED, state_reason=a.reason)
    ctx.notify(_attendees(ctx, meeting["id"]), "meeting_cancelled", meeting["id"], title=meeting["title"], reason=a.reason)
    ctx.tx.emit("meeting_changed", meeting_id=meeting["id"])


@handler("start_meeting")
def start_meeting(ctx: Context, a: m.MeetingTransition) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting)
    agenda = sorted(ctx.tx.select("agenda_items", meeting_id=meeting["id"]), key=lambda r: r["position"])
    _transition(
        ctx,
        meeting,
        MeetingState.ONGOING,
        started_at=iso(ctx.tx.now),
        current_agenda_item_id=agenda[0]["id"] if agenda else None,
    )
    ctx.tx.emit("meeting_started", meeting_id=meeting["id"])


@handler("end_meeting")
def end_meeting(ctx: Context, a: m.MeetingTransition) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting)
    _transition(ctx, meeting, MeetingState.ENDED, ended_at=iso(ctx.tx.now))
    ctx.tx.emit("meeting_ended", meeting_id=meeting["id"])


@handler("set_current_agenda_item")
def set_current_agenda_item(ctx: Context, a: m.SetCurrentAgendaItem) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting)
    if meeting["state"] != MeetingState.ONGOING:
        raise DomainError("invalid_state", status=409, state=meeting["state"])
    if a.agenda_item_id is not None:
        item = ctx.tx.get("agenda_items", a.agenda_item_id)
        if item is None or item["meeting_id"] != meeting["id"]:
            raise DomainError("not_found", status=404, what="agenda item")
    ctx.tx.update("meetings", meeting["id"], {"current_agenda_item_id": a.agenda_item_id})
    ctx.tx.emit("agenda_item_changed", meeting_id=meeting["id"], agenda_item_id=a.agenda_item_id)


# --- documents -------------------------------------------------------------------------------------------------
@handler("attach_document")
def attach_document(ctx: Context, a: m.AttachDocument) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting, "registrar_id", "approver_id", "chair_id", "secretary_id")
    if meeting["state"] in (MeetingState.ENDED, MeetingState.CANCELLED):
        raise DomainError("invalid_state", status=409, state=meeting["state"])
    check_classification(a.classification)
    if a.agenda_item_id is not None:
        item = ctx.tx.get("agenda_items", a.agenda_item_id)
        if item is None or item["meeting_id"] != meeting["id"]:
            raise DomainError("not_found", status=404, what="agenda item")
    blob = ctx.tx.conn.execute(sa.select(blobs.c.size).where(blobs.c.sha256 == a.sha256)).first()
    if blob is None:
        raise DomainError("blob_missing", status=409)
    if blob.size != a.size:
        raise DomainError("hash_mismatch", status=422)
    position = len(ctx.tx.select("documents", meeting_id=meeting["id"]))
    ctx.tx.insert(
        "documents",
        {
            "id": a.document_id,
            "meeting_id": meeting["id"],
            "agenda_item_id": a.agenda_item_id,
            "name": a.name,
            "sha256": a.sha256,
            "size": a.size,
            "mime": a.mime,
            "classification": a.classification,
            "uploaded_by": ctx.user_id,
            "position": position,
        },
    )
    ctx.tx.emit("document_added", meeting_id=meeting["id"], document_id=a.document_id)


@handler("remove_document")
def remove_document(ctx: Context, a: m.RemoveDocument) -> None:
    doc, meeting = require_meeting_row(ctx, "documents", a.document_id)
    require_runner(ctx, meeting, "registrar_id", "approver_id", "chair_id", "secretary_id")
    ctx.tx.delete("documents", doc["id"])
    ctx.tx.emit("document_removed", meeting_id=meeting["id"], document_id=doc["id"])


# --- private notes and shared comments (000 §2) -------------------------------------------------------------------
@handler("put_annotation")
def put_annotation(ctx: Context, a: m.PutAnnotation) -> None:
    if a.meeting_id is not None:
        require_access(ctx.tx, ctx.user_id, a.meeting_id)
    if len(json.dumps(a.data)) > 1_000_000:
        raise DomainError("too_large", status=413, limit=1_000_000)
    existing = ctx.tx.get("annotations", a.annotation_id, include_deleted=True)
    if existing is not None and existing["owner_id"] != ctx.user_id:
        raise DomainError("not_found", status=404, what="annotation")
    ctx.tx.upsert(
        "annotations",
        a.annotation_id,
        {
            "meeting_id": a.meeting_id,
            "document_id": a.document_id,
            "document_sha256": a.document_sha256,
            "owner_id": ctx.user_id,
            "kind": a.kind,
            "page": a.page,
            "data": a.data,
        },
    )
    ctx.tx.emit("annotation_changed", user_ids=[ctx.user_id])


@handler("delete_annotation")
def delete_annotation(ctx: Context, a: m.DeleteAnnotation) -> None:
    existing = ctx.tx.get("annotations", a.annotation_id)
    if existing is None or existing["owner_id"] != ctx.user_id:
        return  # deleting what is already gone (or not yours to see) changes nothing
    ctx.tx.delete("annotations", a.annotation_id)
    ctx.tx.emit("annotation_changed", user_ids=[ctx.user_id])


@handler("add_comment")
def add_comment(ctx: Context, a: m.AddComment) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    if a.parent_id is not None:
        parent = ctx.tx.get("comments", a.parent_id)
        if parent is None or parent["meeting_id"] != meeting["id"]:
            raise DomainError("not_found", status=404, what="comment")
    if a.document_id is not None:
        doc = ctx.tx.get("documents", a.document_id)
        if doc is None or doc["meeting_id"] != meeting["id"]:
            raise DomainError("not_found", status=404, what="document")
    ctx.tx.insert(
        "comments",
        {
            "id": a.comment_id,
            "meeting_id": meeting["id"],
            "agenda_item_id": a.agenda_item_id,
            "document_id": a.document_id,
            "document_sha256": a.document_sha256,
            "page": a.page,
            "anchor": a.anchor,
            "parent_id": a.parent_id,
            "author_id": ctx.user_id,
            "body": a.body,
            "state": "open",
        },
    )
    ctx.tx.emit("comment_added", meeting_id=meeting["id"], comment_id=a.comment_id)


def _own_comment(ctx: Context, comment_id: str) -> tuple[dict, dict]:
    comment, meeting = require_meeting_row(ctx, "comments", comment_id)
    if comment["author_id"] != ctx.user_id:
        raise DomainError("forbidden", status=403)
    return comment, meeting


def _require_not_withdrawn(comment: dict) -> None:
    if comment["state"] == "withdrawn":
        raise DomainError("comment_withdrawn", status=409)


def _may_resolve(ctx: Context, comment: dict, meeting: dict) -> None:
    """Who may resolve or reopen a comment: its author, the meeting's chair or secretary."""
    if comment["author_id"] != ctx.user_id and not runs_meeting(ctx, meeting):
        raise DomainError("forbidden", status=403)


def _set_state(ctx: Context, comment: dict, meeting: dict, state: str) -> None:
    if comment["state"] == state:
        return  # already so: nothing changes, nobody is told
    ctx.tx.update("comments", comment["id"], {"state": state})
    ctx.tx.emit("comment_changed", meeting_id=meeting["id"], comment_id=comment["id"])


@handler("edit_comment")
def edit_comment(ctx: Context, a: m.EditComment) -> None:
    comment, meeting = _own_comment(ctx, a.comment_id)
    _require_not_withdrawn(comment)
    ctx.tx.update("comments", comment["id"], {"body": a.body})
    ctx.tx.emit("comment_changed", meeting_id=meeting["id"], comment_id=comment["id"])


@handler("withdraw_comment")
def withdraw_comment(ctx: Context, a: m.CommentState) -> None:
    comment, meeting = _own_comment(ctx, a.comment_id)
    ctx.tx.update("comments", comment["id"], {"state": "withdrawn"})
    ctx.tx.emit("comment_changed", meeting_id=meeting["id"], comment_id=comment["id"])


@handler("restore_comment")
def restore_comment(ctx: Context, a: m.CommentState) -> None:
    """The author takes back a withdrawal (undo of a delete): the same comment, open, with its replies."""
    comment, meeting = _own_comment(ctx, a.comment_id)
    if comment["state"] == "withdrawn":
        _set_state(ctx, comment, meeting, "open")


@handler("resolve_comment")
def resolve_comment(ctx: Context, a: m.CommentState) -> None:
    comment, meeting = require_meeting_row(ctx, "comments", a.comment_id)
    _may_resolve(ctx, comment, meeting)
    _require_not_withdrawn(comment)  # resolving must not bring back what its author withdrew
    ctx.tx.update("comments", comment["id"], {"state": "resolved"})
    ctx.tx.emit("comment_changed", meeting_id=meeting["id"], comment_id=comment["id"])


@handler("reopen_comment")
def reopen_comment(ctx: Context, a: m.CommentState) -> None:
    """A resolved comment is open again; the same people as ``resolve_comment`` may do it."""
    comment, meeting = require_meeting_row(ctx, "comments", a.comment_id)
    _may_resolve(ctx, comment, meeting)
    _require_not_withdrawn(comment)
    _set_state(ctx, comment, meeting, "open")


@handler("move_comment")
def move_comment(ctx: Context, a: m.MoveComment) -> None:
    """The author moves an open comment on its document: a new page and anchor, the same kind of mark."""
    comment, meeting = _own_comment(ctx, a.comment_id)
    _require_not_withdrawn(comment)
    if comment["state"] == "resolved":
        raise DomainError("comment_resolved", status=409)
    if comment["parent_id"] is not None:
        raise DomainError("comment_not_movable", status=422, reason="reply")
    if comment["document_sha256"] is None:
        raise DomainError("comment_not_movable", status=422, reason="no_document")
    if a.anchor.get("kind") != (comment["anchor"] or {}).get("kind"):
        raise DomainError("comment_not_movable", status=422, reason="kind")
    if len(json.dumps(a.anchor)) > 1_000_000:
        raise DomainError("too_large", status=413, limit=1_000_000)
    ctx.tx.update("comments", comment["id"], {"page": a.page, "anchor": a.anchor})
    ctx.tx.emit("comment_changed", meeting_id=meeting["id"], comment_id=comment["id"])


@handler("mark_notification_read")
def mark_notification_read(ctx: Context, a: m.MarkNotificationRead) -> None:
    note = ctx.tx.get("notifications", a.notification_id)
    if note is None or note["user_id"] != ctx.user_id:
        raise DomainError("not_found", status=404, what="notification")
    if note["read_at"] is None:
        ctx.tx.update("notifications", note["id"], {"read_at": iso(ctx.tx.now)})
