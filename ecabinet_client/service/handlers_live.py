"""Live-meeting mutation handlers: check-in, attendance, votes, speaker queue, transcript, opinions,
conclusions, opinion polls. (Registered on import by ``app.py``.)

Who attends: every invitation is one *seat*. Its *member* is the invited person (or, for a unit invitation,
the person the unit representative assigned); its *attendee* is the member, or the named substitute when the
invitation was delegated. Attendees check in; attendees of ``delegate`` seats (not guests) vote, once per
seat, and only while checked in as present; a substitute's ballot is cast ``on_behalf_of`` the member, who
then cannot vote.

Secret votes never write a ballot row: the service adds the seat to ``secret_participants (poll_id, user_id)``
and increments a counter in ``secret_tallies (poll_id, option)``. The counter rows of every option are made
when the poll opens, so that neither row order nor row existence says anything about a choice; neither
table has an id, a timestamp or a seq. Results are computed here, at close, never by a client.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ecabinet_client.domain import checkin as codes
from ecabinet_client.domain import mutations as m
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.model import AttendanceStatus, Majority, MeetingState, PollState, Role, SpeakerState
from ecabinet_client.domain.rules import format_local, iso, parse_time
from ecabinet_client.domain.schema import TABLES

from .access import require_access
from .db import decode, secret_participants, secret_tallies, synced
from .handlers import Context, handler, require_meeting_row, require_runner

ATTENDABLE = (MeetingState.APPROVED, MeetingState.ONGOING)
RECORDABLE = (MeetingState.ONGOING, MeetingState.ENDED)


def public(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """The columns of a row that clients may see (for event payloads)."""
    cols = TABLES[table].public_columns
    return {k: v for k, v in row.items() if k in cols}


def _require_state(meeting: dict, states) -> None:  # noqa: ANN001
    if meeting["state"] not in states:
        raise DomainError("invalid_state", status=409, state=meeting["state"])


def _agenda_item(ctx: Context, meeting: dict, item_id: str | None) -> None:
    if item_id is None:
        return
    item = ctx.tx.get("agenda_items", item_id)
    if item is None or item["meeting_id"] != meeting["id"]:
        raise DomainError("not_found", status=404, what="agenda item")


# --- seats -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Seat:
    invitation_id: str
    member_id: str | None  # the invited person or the unit's assignee
    attendee_id: str | None  # who sits in the room: the member or their substitute
    voting: bool  # a delegate's seat (guests do not vote)

    @property
    def key(self) -> str | None:
        """Who the seat's vote counts for (one vote per member)."""
        return self.member_id or self.attendee_id

    @property
    def on_behalf_of(self) -> str | None:
        return self.member_id if self.member_id and self.member_id != self.attendee_id else None


_SEAT_COLUMNS = ("id", "user_id", "assigned_user_id", "substitute_id", "state", "attendee_role")


def _seat_rows(ctx: Context, meeting_id: str, *conditions: Any) -> list[Any]:
    """The few invitation columns seats are made of (no row decoding: a ballot must stay cheap at 2,000 seats)."""
    t = synced["invitations"]
    return list(ctx.tx.conn.execute(
        sa.select(*(t.c[c] for c in _SEAT_COLUMNS)).where(
            t.c.tenant_id == ctx.tx.tenant_id, t.c.deleted == sa.false(), t.c.meeting_id == meeting_id, *conditions)
    ))


def _make_seats(rows: list[Any]) -> list[Seat]:
    out: list[Seat] = []
    seen: set[str] = set()
    for inv in sorted(rows, key=lambda r: r.id):
        member = inv.user_id or inv.assigned_user_id
        attendee = inv.substitute_id if inv.state == "delegated" and inv.substitute_id else member
        seat = Seat(inv.id, member, attendee, (inv.attendee_role or "delegate") == "delegate")
        if seat.key is None or seat.key in seen:  # an unassigned unit seat, or the same person invited twice
            continue
        seen.add(seat.key)
        out.append(seat)
    return out


def seats(ctx: Context, meeting_id: str) -> list[Seat]:
    return _make_seats(_seat_rows(ctx, meeting_id))


def seats_of(ctx: Context, meeting_id: str, user_id: str) -> list[Seat]:
    """The seats ``user_id`` sits in, as :func:`seats` would give them, reading only the invitations that can
    matter: those naming the user, and the other invitations of the members whose seat they take (a seat's
    key is its member, and the first invitation of a member by id is the seat)."""
    rows = list(ctx.tx.conn.execute(_SEATS_OF, {"tenant_id": ctx.tx.tenant_id, "meeting_id": meeting_id,
                                                 "user_id": user_id}))
    return [s for s in _make_seats(rows) if s.attendee_id == user_id]


def _seats_of_statement() -> sa.Select:
    """One statement for :func:`seats_of`: the invitations whose member is the member of an invitation naming
    the user (which includes those invitations themselves). Tenant and meeting are compared through
    coalesce() (same result: neither is null) so that SQLite finds the rows through the person indexes
    (user, assigned user, substitute) instead of reading every invitation of a 2,000-seat meeting."""
    t = synced["invitations"]
    i = t.alias("mine")

    def scope(x: Any) -> tuple:
        return (sa.func.coalesce(x.c.tenant_id, "") == sa.bindparam("tenant_id"), x.c.deleted == sa.false(),
                sa.func.coalesce(x.c.meeting_id, "") == sa.bindparam("meeting_id"))

    user = sa.bindparam("user_id")
    mine = sa.select(sa.func.coalesce(i.c.user_id, i.c.assigned_user_id)).where(
        *scope(i), sa.or_(i.c.user_id == user, i.c.assigned_user_id == user, i.c.substitute_id == user))
    return sa.select(*(t.c[c] for c in _SEAT_COLUMNS)).where(
        *scope(t), sa.or_(t.c.user_id.in_(mine), t.c.assigned_user_id.in_(mine)))


_SEATS_OF = _seats_of_statement()


def _checkin_status(ctx: Context, meeting_id: str, user_id: str) -> str | None:
    row = ctx.tx.get("checkins", codes.checkin_id(meeting_id, user_id))
    return row["status"] if row else None


def _present_users(ctx: Context, meeting_id: str) -> set[str]:
    return {r["user_id"] for r in ctx.tx.select("checkins", meeting_id=meeting_id, status=AttendanceStatus.PRESENT)}


def _write_checkin(ctx: Context, meeting_id: str, user_id: str, status: str, method: str, note: str | None = None) -> dict:
    cid = codes.checkin_id(meeting_id, user_id)
    current = ctx.tx.get("checkins", cid)
    now = iso(ctx.tx.now)
    arrived = current["arrived_at"] if current else None
    if status == AttendanceStatus.PRESENT:
        arrived, left = arrived or now, None  # back after leaving: the first arrival counts
    elif status == AttendanceStatus.LEFT:
        arrived, left = arrived or now, now
    else:  # absent, excused
        arrived, left = None, None
    row = ctx.tx.upsert(
        "checkins",
        cid,
        {
            "meeting_id": meeting_id,
            "user_id": user_id,
            "status": status,
            "method": method,
            "arrived_at": arrived,
            "left_at": left,
            "note": note if note is not None else (current["note"] if current and status == current["status"] else None),
            "recorded_by": ctx.user_id,
        },
    )
    ctx.tx.emit(
        "attendance_changed",
        meeting_id=meeting_id,
        user_id=user_id,
        status=status,
        present=len(_present_users(ctx, meeting_id)),
    )
    return row


# --- check-in and roll call --------------------------------------------------------------------------------------
@handler("check_in")
def check_in(ctx: Context, a: m.CheckIn) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    _require_state(meeting, ATTENDABLE)
    if not any(s.attendee_id == ctx.user_id for s in seats(ctx, meeting["id"])):
        raise DomainError("not_invited", status=403)
    secret = meeting.get("checkin_secret") or ""
    if not secret or not codes.verify_code(secret, meeting["id"], a.code, at=ctx.tx.now.timestamp()):
        raise DomainError("checkin_code_invalid", status=422)
    method = "qr" if a.code.strip().upper().startswith(codes.QR_PREFIX) else "code"
    if _checkin_status(ctx, meeting["id"], ctx.user_id) == AttendanceStatus.PRESENT:
        return  # already present: scanning again changes nothing
    _write_checkin(ctx, meeting["id"], ctx.user_id, AttendanceStatus.PRESENT, method)


@handler("mark_attendance")
def mark_attendance(ctx: Context, a: m.MarkAttendance) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting)
    _require_state(meeting, (*ATTENDABLE, MeetingState.ENDED))
    people = {s.attendee_id for s in seats(ctx, meeting["id"])} | {s.member_id for s in seats(ctx, meeting["id"])}
    people |= {meeting["chair_id"], meeting["secretary_id"]}
    if a.user_id not in people:
        raise DomainError("not_invited", status=422)
    _write_checkin(ctx, meeting["id"], a.user_id, a.status, "secretary", a.note)


# --- votes ----------------------------------------------------------------------------------------------------------
def _poll(ctx: Context, poll_id: str) -> tuple[dict, dict]:
    return require_meeting_row(ctx, "polls", poll_id)


def _require_poll_state(poll: dict, *states: str) -> None:
    if poll["state"] not in states:
        raise DomainError("invalid_poll_state", status=409, state=poll["state"])


@handler("create_poll")
def create_poll(ctx: Context, a: m.CreatePoll) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting)
    _require_state(meeting, ATTENDABLE)
    _agenda_item(ctx, meeting, a.agenda_item_id)
    if len(set(a.options)) != len(a.options):
        raise DomainError("bad_request", status=422, detail="options must be different")
    if a.secret and a.allow_change:
        raise DomainError("secret_poll_no_change", status=422)
    ctx.tx.insert(
        "polls",
        {
            "id": a.poll_id,
            "meeting_id": meeting["id"],
            "agenda_item_id": a.agenda_item_id,
            "question": a.question,
            "options": list(a.options),
            "secret": a.secret,
            "majority": a.majority,
            "allow_change": a.allow_change,
            "state": PollState.DRAFT,
            "opened_at": None,
            "closed_at": None,
            "votes_cast": 0,
            "result": None,
            "created_by": ctx.user_id,
        },
    )
    ctx.tx.emit("poll_created", meeting_id=meeting["id"], poll_id=a.poll_id)


@handler("open_poll")
def open_poll(ctx: Context, a: m.PollAction) -> None:
    poll, meeting = _poll(ctx, a.poll_id)
    require_runner(ctx, meeting)
    _require_state(meeting, (MeetingState.ONGOING,))
    _require_poll_state(poll, PollState.DRAFT)
    if poll["secret"]:
        for option in poll["options"]:
            ctx.tx.conn.execute(secret_tallies.insert().values(poll_id=poll["id"], option=option, count=0))
    row = ctx.tx.update("polls", poll["id"], {"state": PollState.OPEN, "opened_at": iso(ctx.tx.now), "votes_cast": 0})
    ctx.tx.emit("poll_opened", meeting_id=meeting["id"], poll=public("polls", row))


def _tallies(ctx: Context, poll: dict) -> dict[str, int]:
    counts = {option: 0 for option in poll["options"]}
    if poll["secret"]:
        rows = ctx.tx.conn.execute(
            sa.select(secret_tallies.c.option, secret_tallies.c.count).where(secret_tallies.c.poll_id == poll["id"])
        )
        for option, count in rows:
            counts[option] = counts.get(option, 0) + int(count)
    else:
        for ballot in _ballots(ctx, poll["id"]):
            counts[ballot["choice"]] = counts.get(ballot["choice"], 0) + 1
    return counts


def _ballots(ctx: Context, poll_id: str) -> list[dict]:
    # ballots are owner-scoped rows: read them all for the poll, whoever their owner is
    return ctx.tx.select("ballots", poll_id=poll_id)


def _participants(ctx: Context, poll: dict) -> int:
    if poll["secret"]:
        return int(
            ctx.tx.conn.execute(
                sa.select(sa.func.count()).select_from(secret_participants).where(secret_participants.c.poll_id == poll["id"])
            ).scalar_one()
        )
    t = synced["ballots"]
    return int(ctx.tx.conn.execute(
        sa.select(sa.func.count()).select_from(t).where(
            t.c.tenant_id == ctx.tx.tenant_id, t.c.deleted == sa.false(), t.c.meeting_id == poll["meeting_id"],
            t.c.poll_id == poll["id"])
    ).scalar_one())


def _ballots_for(ctx: Context, poll: dict, keys: set[str]) -> list[dict]:
    """The ballots of a poll that count for the members ``keys`` (cast by them or on their behalf)."""
    spec = TABLES["ballots"]
    rows = ctx.tx.conn.execute(_BALLOTS_FOR, {"tenant_id": ctx.tx.tenant_id, "meeting_id": poll["meeting_id"],
                                              "poll_id": poll["id"], "keys": sorted(keys)})
    return [decode(spec, r) for r in rows]


def _ballots_for_statement() -> sa.Select:
    """Built once. Each branch of the OR names the poll, so that SQLite looks the ballots up by (poll, voter) and
    (poll, on behalf of), and tenant and meeting are compared through coalesce() (neither is null) so that it
    does not prefer reading every ballot of the tenant or of the meeting."""
    t = synced["ballots"]
    keys = sa.bindparam("keys", expanding=True)
    poll = sa.bindparam("poll_id")
    return sa.select(t).where(
        sa.func.coalesce(t.c.tenant_id, "") == sa.bindparam("tenant_id"), t.c.deleted == sa.false(),
        sa.func.coalesce(t.c.meeting_id, "") == sa.bindparam("meeting_id"),
        sa.or_(sa.and_(t.c.poll_id == poll, t.c.on_behalf_of.in_(keys)), sa.and_(t.c.poll_id == poll, t.c.voter_id.in_(keys))))


_BALLOTS_FOR = _ballots_for_statement()


def compute_result(poll: dict, tallies: dict[str, int], participants: int, present: int, members: int,
                   method: str = "electronic") -> dict[str, Any]:
    """The result of a vote, by the service's rules: majority of those present or of all members, more than
    half or at least two thirds; a quorum of more than half of the members present."""
    majority = poll["majority"]
    base = members if majority in (Majority.SIMPLE_ALL, Majority.TWO_THIRDS_ALL) else present
    if majority in (Majority.TWO_THIRDS_PRESENT, Majority.TWO_THIRDS_ALL):
        threshold = max(1, -(-2 * base // 3))  # at least two thirds
    else:
        threshold = base // 2 + 1  # more than half
    quorum_required = members // 2 + 1
    quorum_met = members > 0 and present >= quorum_required
    ranked = sorted(tallies.items(), key=lambda kv: -kv[1])
    winner = None
    if ranked and ranked[0][1] >= threshold and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        winner = ranked[0][0]
    passed = quorum_met and winner is not None and winner == poll["options"][0]
    return {
        "method": method,
        "tallies": tallies,
        "participants": participants,
        "present": present,
        "members": members,
        "majority": majority,
        "base": base,
        "threshold": threshold,
        "quorum_required": quorum_required,
        "quorum_met": quorum_met,
        "winner": winner if quorum_met else None,
        "passed": passed,
        "outcome": "no_quorum" if not quorum_met else ("passed" if passed else "rejected"),
    }


def _attendance_numbers(ctx: Context, meeting_id: str) -> tuple[int, int]:
    """(members present, members) over the voting seats."""
    voting = [s for s in seats(ctx, meeting_id) if s.voting]
    present = _present_users(ctx, meeting_id)
    return sum(1 for s in voting if s.attendee_id in present), len(voting)


@handler("close_poll")
def close_poll(ctx: Context, a: m.PollAction) -> None:
    poll, meeting = _poll(ctx, a.poll_id)
    require_runner(ctx, meeting)
    _require_poll_state(poll, PollState.OPEN)
    tallies = _tallies(ctx, poll)
    participants = _participants(ctx, poll)
    if sum(tallies.values()) != participants:  # an invariant: never publish a result that does not add up
        raise DomainError("internal", status=500)
    present, members = _attendance_numbers(ctx, meeting["id"])
    result = compute_result(poll, tallies, participants, present, members)
    row = ctx.tx.update(
        "polls",
        poll["id"],
        {"state": PollState.CLOSED, "closed_at": iso(ctx.tx.now), "votes_cast": participants, "result": result},
    )
    ctx.tx.emit("poll_closed", meeting_id=meeting["id"], poll_id=row["id"], votes_cast=participants)


@handler("publish_poll")
def publish_poll(ctx: Context, a: m.PollAction) -> None:
    poll, meeting = _poll(ctx, a.poll_id)
    require_runner(ctx, meeting)
    _require_poll_state(poll, PollState.CLOSED)
    ctx.tx.update("polls", poll["id"], {"state": PollState.PUBLISHED})
    ctx.tx.emit("poll_published", meeting_id=meeting["id"], poll_id=poll["id"], result=poll["result"])


@handler("record_analog_vote")
def record_analog_vote(ctx: Context, a: m.RecordAnalogVote) -> None:
    poll, meeting = _poll(ctx, a.poll_id)
    require_runner(ctx, meeting)
    _require_state(meeting, (MeetingState.ONGOING,))
    _require_poll_state(poll, PollState.DRAFT, PollState.OPEN)
    if _participants(ctx, poll):
        raise DomainError("invalid_poll_state", status=409, state="has_ballots")
    counts = dict(a.counts)
    by_member: dict[str, str] | None = None
    if a.by_member is not None:
        if poll["secret"] or counts:  # a secret vote is never recorded per member; counts come from the choices
            raise DomainError("bad_request", status=422, detail="by_member")
        present_now = _present_users(ctx, meeting["id"])
        voters = {s.key: s for s in seats(ctx, meeting["id"]) if s.voting and s.attendee_id in present_now}
        if set(a.by_member) - set(voters):
            raise DomainError("not_eligible", status=403)
        by_member = dict(a.by_member)
        for choice in by_member.values():
            counts[choice] = counts.get(choice, 0) + 1
    unknown = set(counts) - set(poll["options"])
    if unknown or any(v < 0 for v in counts.values()):
        raise DomainError("invalid_choice", status=422)
    tallies = {option: int(counts.get(option, 0)) for option in poll["options"]}
    total = sum(tallies.values())
    present, members = _attendance_numbers(ctx, meeting["id"])
    if total > present:
        raise DomainError("analog_counts_invalid", status=422, total=total, present=present)
    result = compute_result(poll, tallies, total, present, members, method="analog")
    if by_member is not None:
        result["by_member"] = by_member
    now = iso(ctx.tx.now)
    ctx.tx.update(
        "polls",
        poll["id"],
        {"state": PollState.CLOSED, "opened_at": poll["opened_at"] or now, "closed_at": now, "votes_cast": total,
         "result": result},
    )
    ctx.tx.emit("poll_closed", meeting_id=meeting["id"], poll_id=poll["id"], votes_cast=total)


# a ballot's statements, built once (building one and its cache key costs ~0.1 ms)
_SECRET_VOTED = sa.select(secret_participants.c.user_id).where(
    secret_participants.c.poll_id == sa.bindparam("poll_id"), secret_participants.c.user_id == sa.bindparam("key"))
_SECRET_PARTICIPANT = secret_participants.insert()
_SECRET_TALLY = sa.update(secret_tallies).where(
    secret_tallies.c.poll_id == sa.bindparam("b_poll_id"), secret_tallies.c.option == sa.bindparam("b_option")
).values(count=secret_tallies.c.count + 1)
_COUNT_BALLOT = sa.update(synced["polls"]).where(synced["polls"].c.id == sa.bindparam("b_poll_id")).values(
    votes_cast=sa.func.coalesce(synced["polls"].c.votes_cast, 0) + 1, seq=sa.bindparam("b_seq"),
    version=synced["polls"].c.version + 1, updated_at=sa.bindparam("b_updated_at")).returning(synced["polls"].c.votes_cast)


def _secret_voted(ctx: Context, poll_id: str, key: str) -> bool:
    return ctx.tx.conn.execute(_SECRET_VOTED, {"poll_id": poll_id, "key": key}).first() is not None


@handler("cast_ballot")
def cast_ballot(ctx: Context, a: m.CastBallot) -> None:
    poll, meeting = _poll(ctx, a.poll_id)
    if poll["state"] != PollState.OPEN or meeting["state"] != MeetingState.ONGOING:
        raise DomainError("poll_not_open", status=409)
    if a.choice not in poll["options"]:
        raise DomainError("invalid_choice", status=422)
    mine = [s for s in seats_of(ctx, meeting["id"], ctx.user_id) if s.voting]
    if not mine:
        raise DomainError("not_eligible", status=403)
    if _checkin_status(ctx, meeting["id"], ctx.user_id) != AttendanceStatus.PRESENT:
        raise DomainError("not_checked_in", status=403)

    if poll["secret"]:
        seat = next((s for s in mine if not _secret_voted(ctx, poll["id"], s.key)), None)
        if seat is None:
            raise DomainError("already_voted", status=409)
        ctx.tx.conn.execute(_SECRET_PARTICIPANT, {"poll_id": poll["id"], "user_id": seat.key})
        done = ctx.tx.conn.execute(_SECRET_TALLY, {"b_poll_id": poll["id"], "b_option": a.choice})
        if done.rowcount != 1:
            raise DomainError("invalid_choice", status=422)
    else:
        ballots = _ballots_for(ctx, poll, {s.key for s in mine if s.key})
        voted = {b["on_behalf_of"] or b["voter_id"]: b for b in ballots}
        seat = next((s for s in mine if s.key not in voted), None)
        if seat is None:
            if not poll["allow_change"]:
                raise DomainError("already_voted", status=409)
            own = [voted[s.key] for s in mine if s.key in voted]
            ballot = next((b for b in own if b["id"] == a.ballot_id), own[0])
            if ballot["choice"] != a.choice:
                ctx.tx.update("ballots", ballot["id"], {"choice": a.choice})
            ctx.tx.emit("ballot_cast", user_ids=[ctx.user_id], poll_id=poll["id"], ballot_id=ballot["id"])
            return
        ctx.tx.insert(
            "ballots",
            {
                "id": a.ballot_id,
                "meeting_id": meeting["id"],
                "poll_id": poll["id"],
                "voter_id": ctx.user_id,
                "on_behalf_of": seat.on_behalf_of,
                "choice": a.choice,
            },
        )
    # one more participant (a new ballot row, or a new secret_participants row): count it in the statement
    # that writes the poll, so that no statement recounts the ballots of a 2,000-seat vote
    votes_cast = ctx.tx.conn.execute(
        _COUNT_BALLOT, {"b_poll_id": poll["id"], "b_seq": ctx.tx.seq, "b_updated_at": iso(ctx.tx.now)}).scalar_one()
    ctx.tx.emit("ballot_cast", meeting_id=meeting["id"], poll_id=poll["id"], votes_cast=votes_cast)


# --- speaker queue ----------------------------------------------------------------------------------------------------
def _queue(ctx: Context, meeting_id: str, *states: str) -> list[dict]:
    rows = ctx.tx.select("speaker_requests", meeting_id=meeting_id)
    return sorted((r for r in rows if r["state"] in states), key=lambda r: (r["position"], r["requested_at"] or ""))


@handler("request_to_speak")
def request_to_speak(ctx: Context, a: m.RequestToSpeak) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    _require_state(meeting, ATTENDABLE)
    attendees = {s.attendee_id for s in seats(ctx, meeting["id"])} | {meeting["chair_id"]}
    if ctx.user_id not in attendees:
        raise DomainError("not_invited", status=403)
    _agenda_item(ctx, meeting, a.agenda_item_id)
    waiting = _queue(ctx, meeting["id"], SpeakerState.QUEUED, SpeakerState.SPEAKING)
    if any(r["user_id"] == ctx.user_id and r["agenda_item_id"] == a.agenda_item_id and r["state"] == SpeakerState.QUEUED
           for r in waiting):
        raise DomainError("speaker_request_exists", status=409)
    position = max((r["position"] or 0 for r in waiting), default=0) + 1
    ctx.tx.insert(
        "speaker_requests",
        {
            "id": a.request_id,
            "meeting_id": meeting["id"],
            "agenda_item_id": a.agenda_item_id,
            "user_id": ctx.user_id,
            "topic": a.topic,
            "state": SpeakerState.QUEUED,
            "position": float(position),
            "requested_at": iso(ctx.tx.now),
            "started_at": None,
            "ended_at": None,
            "limit_seconds": None,
        },
    )
    ctx.tx.emit("speaker_queue_changed", meeting_id=meeting["id"], request_id=a.request_id, state=SpeakerState.QUEUED)


@handler("withdraw_speaker_request")
def withdraw_speaker_request(ctx: Context, a: m.SpeakerAction) -> None:
    req, meeting = require_meeting_row(ctx, "speaker_requests", a.request_id)
    if req["user_id"] != ctx.user_id:
        raise DomainError("forbidden", status=403)
    if req["state"] != SpeakerState.QUEUED:
        raise DomainError("speaker_request_closed", status=409)
    ctx.tx.update("speaker_requests", req["id"], {"state": SpeakerState.WITHDRAWN, "ended_at": iso(ctx.tx.now)})
    ctx.tx.emit("speaker_queue_changed", meeting_id=meeting["id"], request_id=req["id"], state=SpeakerState.WITHDRAWN)


@handler("give_floor")
def give_floor(ctx: Context, a: m.GiveFloor) -> None:
    req, meeting = require_meeting_row(ctx, "speaker_requests", a.request_id)
    require_runner(ctx, meeting)
    _require_state(meeting, (MeetingState.ONGOING,))
    if req["state"] != SpeakerState.QUEUED:
        raise DomainError("speaker_request_closed", status=409)
    now = iso(ctx.tx.now)
    for other in _queue(ctx, meeting["id"], SpeakerState.SPEAKING):
        ctx.tx.update("speaker_requests", other["id"], {"state": SpeakerState.DONE, "ended_at": now})
    row = ctx.tx.update("speaker_requests", req["id"], {"state": SpeakerState.SPEAKING, "started_at": now, "ended_at": None,
                                                        "limit_seconds": a.limit_seconds})
    ctx.tx.emit(
        "floor_given",
        meeting_id=meeting["id"],
        request_id=req["id"],
        user_id=req["user_id"],
        agenda_item_id=req["agenda_item_id"],
        started_at=now,
        limit_seconds=row["limit_seconds"],
    )


@handler("end_floor")
def end_floor(ctx: Context, a: m.SpeakerAction) -> None:
    req, meeting = require_meeting_row(ctx, "speaker_requests", a.request_id)
    require_runner(ctx, meeting)
    if req["state"] != SpeakerState.SPEAKING:
        raise DomainError("speaker_request_closed", status=409)
    ctx.tx.update("speaker_requests", req["id"], {"state": SpeakerState.DONE, "ended_at": iso(ctx.tx.now)})
    ctx.tx.emit("floor_ended", meeting_id=meeting["id"], request_id=req["id"], user_id=req["user_id"])


@handler("move_speaker_request")
def move_speaker_request(ctx: Context, a: m.MoveSpeakerRequest) -> None:
    req, meeting = require_meeting_row(ctx, "speaker_requests", a.request_id)
    require_runner(ctx, meeting)
    if req["state"] != SpeakerState.QUEUED:
        raise DomainError("speaker_request_closed", status=409)
    if a.position != a.position or a.position in (float("inf"), float("-inf")):  # NaN or infinite
        raise DomainError("bad_request", status=422, detail="position")
    ctx.tx.update("speaker_requests", req["id"], {"position": float(a.position)})
    ctx.tx.emit("speaker_queue_changed", meeting_id=meeting["id"], request_id=req["id"], state=SpeakerState.QUEUED)


# --- the record --------------------------------------------------------------------------------------------------------
def _check_speaker(ctx: Context, speaker_id: str | None) -> None:
    if speaker_id is not None and ctx.tx.get("users", speaker_id) is None:
        raise DomainError("not_found", status=404, what="user")


def _same_meeting(ctx: Context, table: str, row_id: str, meeting_id: str) -> dict | None:
    existing = ctx.tx.get(table, row_id, include_deleted=True)
    if existing is not None and existing["meeting_id"] != meeting_id:
        raise DomainError("bad_request", status=409, detail=f"{table} {row_id} belongs to another meeting")
    return existing


@handler("put_transcript_segment")
def put_transcript_segment(ctx: Context, a: m.PutTranscriptSegment) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting, "secretary_id")
    _require_state(meeting, RECORDABLE)
    _agenda_item(ctx, meeting, a.agenda_item_id)
    _check_speaker(ctx, a.speaker_id)
    if a.end_ms < a.start_ms:
        raise DomainError("bad_request", status=422, detail="end_ms must not be before start_ms")
    _same_meeting(ctx, "transcript_segments", a.segment_id, meeting["id"])
    row = ctx.tx.upsert(
        "transcript_segments",
        a.segment_id,
        {
            "meeting_id": meeting["id"],
            "agenda_item_id": a.agenda_item_id,
            "speaker_id": a.speaker_id,
            "start_ms": a.start_ms,
            "end_ms": a.end_ms,
            "text": a.text,
            "language": a.language,
        },
    )
    ctx.tx.emit("transcript_changed", meeting_id=meeting["id"], segment_id=row["id"], version=row["version"])


@handler("add_opinion")
def add_opinion(ctx: Context, a: m.AddOpinion) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting)
    _require_state(meeting, RECORDABLE)
    _agenda_item(ctx, meeting, a.agenda_item_id)
    _check_speaker(ctx, a.speaker_id)
    for sid in a.segment_ids:
        seg = ctx.tx.get("transcript_segments", sid)
        if seg is None or seg["meeting_id"] != meeting["id"]:
            raise DomainError("not_found", status=404, what="transcript segment")
    ctx.tx.insert(
        "opinions",
        {
            "id": a.opinion_id,
            "meeting_id": meeting["id"],
            "agenda_item_id": a.agenda_item_id,
            "speaker_id": a.speaker_id,
            "text": a.text,
            "segment_ids": list(a.segment_ids),
            "recorded_by": ctx.user_id,
        },
    )
    ctx.tx.emit("opinion_added", meeting_id=meeting["id"], opinion_id=a.opinion_id)


@handler("set_conclusion")
def set_conclusion(ctx: Context, a: m.SetConclusion) -> None:
    meeting = require_access(ctx.tx, ctx.user_id, a.meeting_id)
    require_runner(ctx, meeting)
    _require_state(meeting, RECORDABLE)
    _agenda_item(ctx, meeting, a.agenda_item_id)
    _same_meeting(ctx, "conclusions", a.conclusion_id, meeting["id"])
    # one conclusion per agenda item (or for the whole meeting): a newer one replaces the other
    for other in ctx.tx.select("conclusions", meeting_id=meeting["id"]):
        if other["agenda_item_id"] == a.agenda_item_id and other["id"] != a.conclusion_id:
            ctx.tx.delete("conclusions", other["id"])
    ctx.tx.upsert(
        "conclusions",
        a.conclusion_id,
        {"meeting_id": meeting["id"], "agenda_item_id": a.agenda_item_id, "text": a.text, "author_id": ctx.user_id},
    )
    ctx.tx.emit("conclusion_changed", meeting_id=meeting["id"], conclusion_id=a.conclusion_id,
                agenda_item_id=a.agenda_item_id)


# --- opinion polls outside meetings (004 Art.4.3, 6.2) ----------------------------------------------------------
@handler("create_opinion_poll")
def create_opinion_poll(ctx: Context, a: m.CreateOpinionPoll) -> None:
    if not any(ctx.has_role(r) for r in (Role.REGISTRAR, Role.APPROVER, Role.CHAIR)):
        raise DomainError("forbidden", status=403)
    try:
        deadline = parse_time(a.deadline)
    except ValueError as exc:
        raise DomainError("bad_request", status=422, detail="deadline") from exc
    if deadline <= ctx.tx.now:
        raise DomainError("bad_request", status=422, detail="the deadline must be in the future")
    audience = list(dict.fromkeys(a.audience))
    users = synced["users"]
    found = set(
        ctx.tx.conn.execute(
            sa.select(users.c.id).where(
                users.c.tenant_id == ctx.tx.tenant_id, users.c.deleted == sa.false(), users.c.id.in_(audience)
            )
        ).scalars()
    )
    if found != set(audience):
        raise DomainError("not_found", status=404, what="user")
    for doc_id in a.document_ids:
        doc = ctx.tx.get("documents", doc_id)
        if doc is None:
            raise DomainError("not_found", status=404, what="document")
        require_access(ctx.tx, ctx.user_id, doc["meeting_id"])
    ctx.tx.insert(
        "opinion_polls",
        {
            "id": a.poll_id,
            "organisation_id": ctx.user["organisation_id"],
            "title": a.title,
            "description": a.description,
            "document_ids": list(a.document_ids),
            "audience": audience,
            "deadline": iso(deadline),
            "state": "open",
            "created_by": ctx.user_id,
        },
    )
    ctx.notify(audience, "opinion_poll", None, poll_id=a.poll_id, title=a.title, deadline=iso(deadline))
    ctx.tx.emit("opinion_poll_created", user_ids=[*audience, ctx.user_id], poll_id=a.poll_id)


@handler("answer_opinion_poll")
def answer_opinion_poll(ctx: Context, a: m.AnswerOpinionPoll) -> None:
    poll = ctx.tx.get("opinion_polls", a.poll_id)
    if poll is None or (ctx.user_id not in (poll["audience"] or []) and poll["created_by"] != ctx.user_id):
        raise DomainError("not_found", status=404, what="opinion poll")
    if ctx.user_id not in (poll["audience"] or []):
        raise DomainError("forbidden", status=403)
    deadline = parse_time(poll["deadline"])
    if poll["state"] != "open" or ctx.tx.now > deadline:
        raise DomainError("opinion_poll_closed", status=409, deadline=format_local(deadline))
    answer_id = codes.opinion_answer_id(poll["id"], ctx.user_id)  # one answer per member, whatever id was sent
    ctx.tx.upsert(
        "opinion_poll_answers",
        answer_id,
        {"poll_id": poll["id"], "user_id": ctx.user_id, "choice": a.choice, "comment": a.comment},
    )
    ctx.tx.emit("opinion_poll_answered", user_ids=[ctx.user_id, poll["created_by"]], poll_id=poll["id"])


__all__ = ["Seat", "compute_result", "public", "seats"]
