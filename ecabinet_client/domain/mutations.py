"""The intents a client can queue (mutations), with their argument schemas.

A client writes the optimistic change and an outbox row ``{mutation_id, name, args}`` in one local
transaction; the service applies each mutation exactly once, in one database transaction, and answers
``applied``, ``unchanged`` (a duplicate) or ``failed`` with an error code. The argument models below are
validated on both sides: locally before queueing (so a bad input is refused at once, offline too) and
by the service (which never trusts a client).

Ids of objects a mutation creates are made by the client (``uuid4().hex``) so that the optimistic row and
the service's row are the same object.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .model import AttendanceStatus, Classification, Majority, MeetingKind

Id = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
IsoTime = Annotated[str, StringConstraints(max_length=40)]


class Args(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- invitations (Art.5.1: confirm, decline with a reason, delegate, share with an assistant) ----------
class RespondInvitation(Args):
    invitation_id: Id
    response: Literal["confirmed", "declined"]
    reason: ShortText | None = None


class DelegateInvitation(Args):
    invitation_id: Id
    substitute_id: Id


class AssignUnitInvitation(Args):
    """A unit representative names who attends an invitation addressed to the unit."""

    invitation_id: Id
    user_id: Id


class ShareMeeting(Args):
    share_id: Id
    meeting_id: Id
    assistant_id: Id


class UnshareMeeting(Args):
    share_id: Id


# --- registration and approval (Art.5.3, 5.4) ------------------------------------------------------------
class AgendaItemIn(Args):
    id: Id
    title: Title
    presenter_id: Id | None = None
    presenter_unit_id: Id | None = None
    duration_minutes: int | None = Field(default=None, ge=0, le=24 * 60)


class InviteeIn(Args):
    id: Id
    user_id: Id | None = None
    unit_id: Id | None = None
    attendee_role: Literal["delegate", "guest"] = "delegate"


class CreateMeeting(Args):
    meeting_id: Id
    title: Title
    kind: MeetingKind = MeetingKind.REGULAR
    starts_at: IsoTime
    ends_at: IsoTime
    room: ShortText = ""
    description: Text = ""
    chair_id: Id
    secretary_id: Id
    approver_id: Id
    agenda: list[AgendaItemIn] = Field(default_factory=list, max_length=200)
    invitees: list[InviteeIn] = Field(default_factory=list, max_length=2000)


class UpdateMeeting(Args):
    """A versioned edit by the registrar or the approver (``base_version`` must match)."""

    meeting_id: Id
    base_version: int
    title: Title | None = None
    kind: MeetingKind | None = None
    starts_at: IsoTime | None = None
    ends_at: IsoTime | None = None
    room: ShortText | None = None
    description: Text | None = None
    chair_id: Id | None = None
    secretary_id: Id | None = None
    approver_id: Id | None = None


class SetAgenda(Args):
    meeting_id: Id
    base_version: int
    agenda: list[AgendaItemIn] = Field(max_length=200)


class SetInvitees(Args):
    meeting_id: Id
    base_version: int
    invitees: list[InviteeIn] = Field(max_length=2000)


class MeetingTransition(Args):
    """submit_meeting, approve_meeting, start_meeting, end_meeting: no reason needed."""

    meeting_id: Id


class MeetingTransitionWithReason(Args):
    """reject_meeting, cancel_meeting: the reason is required."""

    meeting_id: Id
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class SetCurrentAgendaItem(Args):
    meeting_id: Id
    agenda_item_id: Id | None


# --- documents ------------------------------------------------------------------------------------------
class AttachDocument(Args):
    """Attach a blob (uploaded first through the blob endpoints) to a meeting or an agenda item."""

    document_id: Id
    meeting_id: Id
    agenda_item_id: Id | None = None
    name: Title
    sha256: Sha256
    size: int = Field(ge=0)
    mime: ShortText = "application/pdf"
    classification: Classification = Classification.UNCLASSIFIED


class RemoveDocument(Args):
    document_id: Id


# --- private notes and shared comments (000 §2) ------------------------------------------------------------
class PutAnnotation(Args):
    annotation_id: Id
    meeting_id: Id | None = None
    document_id: Id | None = None
    document_sha256: Sha256
    kind: Literal["highlight", "underline", "strike", "ink", "rect", "arrow", "note"]
    page: int = Field(ge=0, le=100_000)
    data: dict[str, Any]


class DeleteAnnotation(Args):
    annotation_id: Id


class AddComment(Args):
    comment_id: Id
    meeting_id: Id
    agenda_item_id: Id | None = None
    document_id: Id | None = None
    document_sha256: Sha256 | None = None
    page: int | None = Field(default=None, ge=0, le=100_000)
    anchor: dict[str, Any] | None = None
    parent_id: Id | None = None
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


class EditComment(Args):
    comment_id: Id
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


class CommentState(Args):
    """withdraw_comment and restore_comment (the author only: a withdrawn comment comes back, the same row with
    its replies); resolve_comment and reopen_comment (the author, the meeting's chair or secretary)."""

    comment_id: Id


class MoveComment(Args):
    """move_comment (the author only): a new place for an open top-level comment on the same document.

    ``anchor`` replaces the comment's anchor and must keep its ``"kind"``; ``page`` is the new page."""

    comment_id: Id
    page: int = Field(ge=0, le=100_000)
    anchor: dict[str, Any]


# --- the live meeting -------------------------------------------------------------------------------------
class CheckIn(Args):
    """A delegate checks in with the code shown by the room's rotating QR code (or typed under it)."""

    meeting_id: Id
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=4, max_length=200)]


class MarkAttendance(Args):
    meeting_id: Id
    user_id: Id
    status: AttendanceStatus
    note: ShortText | None = None


class CreatePoll(Args):
    poll_id: Id
    meeting_id: Id
    agenda_item_id: Id | None = None
    question: Title
    options: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]] = Field(
        default_factory=lambda: ["Đồng ý", "Không đồng ý", "Không biểu quyết"], min_length=2, max_length=20
    )
    secret: bool = False
    majority: Majority = Majority.SIMPLE_PRESENT
    allow_change: bool = False


class PollAction(Args):
    """open_poll, close_poll, publish_poll."""

    poll_id: Id


class CastBallot(Args):
    poll_id: Id
    choice: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    ballot_id: Id


class RecordAnalogVote(Args):
    """A show of hands entered by the secretary: counts per option, or each member's choice
    (``by_member``: member id → option; open votes only), from which the service counts."""

    poll_id: Id
    counts: dict[str, int] = Field(default_factory=dict)
    by_member: dict[Id, str] | None = None


class RequestToSpeak(Args):
    request_id: Id
    meeting_id: Id
    agenda_item_id: Id | None = None
    topic: ShortText | None = None


class SpeakerAction(Args):
    """withdraw_speaker_request (the requester), give_floor, end_floor (chair/secretary)."""

    request_id: Id


class GiveFloor(SpeakerAction):
    """give_floor, with an optional speaking-time limit that every client's timer shows."""

    limit_seconds: int | None = Field(default=None, ge=10, le=4 * 3600)


class MoveSpeakerRequest(Args):
    request_id: Id
    position: float


# --- the record ---------------------------------------------------------------------------------------------
class PutTranscriptSegment(Args):
    segment_id: Id
    meeting_id: Id
    agenda_item_id: Id | None = None
    speaker_id: Id | None = None
    start_ms: int = Field(ge=0)
    end_ms: int = Field(ge=0)
    text: Text
    language: Literal["vi", "en"] = "vi"


class AddOpinion(Args):
    opinion_id: Id
    meeting_id: Id
    agenda_item_id: Id | None = None
    speaker_id: Id | None = None
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
    segment_ids: list[Id] = Field(default_factory=list, max_length=500)


class SetConclusion(Args):
    conclusion_id: Id
    meeting_id: Id
    agenda_item_id: Id | None = None
    text: Text


# --- outside meetings --------------------------------------------------------------------------------------
class CreateOpinionPoll(Args):
    poll_id: Id
    title: Title
    description: Text = ""
    document_ids: list[Id] = Field(default_factory=list, max_length=50)
    audience: list[Id] = Field(min_length=1, max_length=5000)
    deadline: IsoTime


class AnswerOpinionPoll(Args):
    answer_id: Id
    poll_id: Id
    choice: ShortText
    comment: Text = ""


class MarkNotificationRead(Args):
    notification_id: Id


MUTATIONS: dict[str, type[Args]] = {
    "respond_invitation": RespondInvitation,
    "delegate_invitation": DelegateInvitation,
    "assign_unit_invitation": AssignUnitInvitation,
    "share_meeting": ShareMeeting,
    "unshare_meeting": UnshareMeeting,
    "create_meeting": CreateMeeting,
    "update_meeting": UpdateMeeting,
    "set_agenda": SetAgenda,
    "set_invitees": SetInvitees,
    "submit_meeting": MeetingTransition,
    "approve_meeting": MeetingTransition,
    "reject_meeting": MeetingTransitionWithReason,
    "cancel_meeting": MeetingTransitionWithReason,
    "start_meeting": MeetingTransition,
    "end_meeting": MeetingTransition,
    "set_current_agenda_item": SetCurrentAgendaItem,
    "attach_document": AttachDocument,
    "remove_document": RemoveDocument,
    "put_annotation": PutAnnotation,
    "delete_annotation": DeleteAnnotation,
    "add_comment": AddComment,
    "edit_comment": EditComment,
    "withdraw_comment": CommentState,
    "resolve_comment": CommentState,
    "reopen_comment": CommentState,
    "restore_comment": CommentState,
    "move_comment": MoveComment,
    "check_in": CheckIn,
    "mark_attendance": MarkAttendance,
    "create_poll": CreatePoll,
    "open_poll": PollAction,
    "close_poll": PollAction,
    "publish_poll": PollAction,
    "cast_ballot": CastBallot,
    "record_analog_vote": RecordAnalogVote,
    "request_to_speak": RequestToSpeak,
    "withdraw_speaker_request": SpeakerAction,
    "give_floor": GiveFloor,
    "end_floor": SpeakerAction,
    "move_speaker_request": MoveSpeakerRequest,
    "put_transcript_segment": PutTranscriptSegment,
    "add_opinion": AddOpinion,
    "set_conclusion": SetConclusion,
    "create_opinion_poll": CreateOpinionPoll,
    "answer_opinion_poll": AnswerOpinionPoll,
    "mark_notification_read": MarkNotificationRead,
}


def validate(name: str, args: dict[str, Any]) -> Args:
    """The parsed arguments of mutation ``name``; raises DomainError for an unknown name or bad args."""
    from pydantic import ValidationError

    from .errors import DomainError

    model = MUTATIONS.get(name)
    if model is None:
        raise DomainError("unknown_mutation", status=422, name=name)
    try:
        return model.model_validate(args)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise DomainError("bad_request", status=422, detail=f"{where}: {first.get('msg')}") from exc
