"""What the live-meeting screens show, computed from synced rows (plain Python, no Qt).

The service decides (who may vote, the quorum, a vote's result); these functions only *display* the same
rules from the local store: who sits in the room, the attendance summary, the quorum at a glance, the
speaker queue, speaking times. Seats follow ``service/handlers_live.seats``: one seat per invitation, its
member is the invited person (or the unit's assignee), its attendee the member or their substitute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from .model import AttendanceStatus, InvitationState, SpeakerState
from .rules import parse_time, utcnow


@dataclass(frozen=True)
class SeatView:
    """Ghế đại biểu: one invitation as it sits in the room."""

    invitation: dict
    member_id: str | None
    attendee_id: str | None
    voting: bool

    @property
    def key(self) -> str | None:
        return self.member_id or self.attendee_id

    @property
    def is_substitute(self) -> bool:
        return bool(self.member_id and self.attendee_id and self.member_id != self.attendee_id)


def seats(invitations: Iterable[dict]) -> list[SeatView]:
    out: list[SeatView] = []
    seen: set[str] = set()
    for inv in sorted(invitations, key=lambda r: r["id"]):
        member = inv.get("user_id") or inv.get("assigned_user_id")
        delegated = inv.get("state") == InvitationState.DELEGATED and inv.get("substitute_id")
        attendee = inv["substitute_id"] if delegated else member
        seat = SeatView(inv, member, attendee, (inv.get("attendee_role") or "delegate") == "delegate")
        if seat.key is None or seat.key in seen:
            continue
        seen.add(seat.key)
        out.append(seat)
    return out


@dataclass
class Attendance:
    """Điểm danh at a glance: invited, confirmed, substitutes, present, absent with reasons, quorum."""

    invited: int = 0
    confirmed: int = 0
    substitutes: int = 0
    declined: int = 0
    pending: int = 0
    present: int = 0
    left: int = 0
    excused: int = 0
    absent: int = 0
    members: int = 0  # voting seats
    members_present: int = 0
    reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (user id, status, reason)

    @property
    def quorum_required(self) -> int:
        return self.members // 2 + 1

    @property
    def quorum_met(self) -> bool:
        return self.members > 0 and self.members_present >= self.quorum_required


def attendance(invitations: Iterable[dict], checkins: Iterable[dict]) -> Attendance:
    by_user = {c["user_id"]: c for c in checkins}
    out = Attendance()
    for seat in seats(invitations):
        inv = seat.invitation
        state = inv.get("state")
        out.invited += 1
        out.confirmed += state == InvitationState.CONFIRMED
        out.substitutes += seat.is_substitute
        out.pending += state == InvitationState.PENDING
        row = by_user.get(seat.attendee_id or "")
        status = row["status"] if row else None
        if status == AttendanceStatus.PRESENT:
            out.present += 1
            out.members_present += seat.voting
        elif status == AttendanceStatus.LEFT:
            out.left += 1
        elif status == AttendanceStatus.EXCUSED:
            out.excused += 1
            out.reasons.append((seat.attendee_id or "", "excused", (row or {}).get("note") or ""))
        elif status == AttendanceStatus.ABSENT or state == InvitationState.DECLINED:
            out.absent += 1
            reason = (row or {}).get("note") or (inv.get("reason") if state == InvitationState.DECLINED else "") or ""
            out.reasons.append((seat.attendee_id or "", "declined" if state == InvitationState.DECLINED and not row else "absent",
                                reason))
        out.declined += state == InvitationState.DECLINED
        out.members += seat.voting
    return out


def queue(requests: Iterable[dict]) -> list[dict]:
    """Waiting requests in the order the floor is given."""
    waiting = [r for r in requests if r.get("state") == SpeakerState.QUEUED]
    return sorted(waiting, key=lambda r: (r.get("position") if r.get("position") is not None else 1e9,
                                          r.get("requested_at") or ""))


def speaking(requests: Iterable[dict]) -> dict | None:
    return next((r for r in requests if r.get("state") == SpeakerState.SPEAKING), None)


def place_in_queue(requests: Iterable[dict], user_id: str) -> tuple[dict | None, int]:
    """My waiting request and its 1-based place (0 when I am not waiting)."""
    for n, r in enumerate(queue(requests), 1):
        if r.get("user_id") == user_id:
            return r, n
    return None, 0


def elapsed_seconds(started_at: str | None, ended_at: str | None = None, now: datetime | None = None) -> float:
    if not started_at:
        return 0.0
    end = parse_time(ended_at) if ended_at else (now or utcnow())
    return max(0.0, (end - parse_time(started_at)).total_seconds())


def speaking_totals(requests: Iterable[dict], now: datetime | None = None) -> dict[str, float]:
    """Seconds each person has held the floor (done and current turns)."""
    totals: dict[str, float] = {}
    for r in requests:
        if r.get("state") in (SpeakerState.DONE, SpeakerState.SPEAKING) and r.get("started_at"):
            totals[r["user_id"]] = totals.get(r["user_id"], 0.0) + elapsed_seconds(r["started_at"], r.get("ended_at"), now)
    return totals


def clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``)."""
    s = int(max(0, seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def agenda_neighbours(agenda: list[dict], current_id: str | None) -> tuple[dict | None, dict | None, int]:
    """(previous item, next item, index of the current one or -1)."""
    ids = [a["id"] for a in agenda]
    i = ids.index(current_id) if current_id in ids else -1
    prev = agenda[i - 1] if i > 0 else None
    nxt = agenda[i + 1] if 0 <= i < len(agenda) - 1 else (agenda[0] if i == -1 and agenda else None)
    return prev, nxt, i


def poll_result_line(result: dict[str, Any] | None) -> list[tuple[str, int]]:
    """(option, count) in the poll's option order."""
    if not result:
        return []
    return [(k, int(v)) for k, v in (result.get("tallies") or {}).items()]


__all__ = ["Attendance", "SeatView", "agenda_neighbours", "attendance", "clock", "elapsed_seconds", "place_in_queue",
           "poll_result_line", "queue", "seats", "speaking", "speaking_totals"]
