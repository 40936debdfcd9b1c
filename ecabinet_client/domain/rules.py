"""Rules of the regulations, as pure functions with configurable defaults.

Sources: Decision 437/QĐ-UBND Hậu Giang (seed 001) Art.6.3, 6.4; Quảng Ngãi Party Committee
regulation (seed 004) Art.5.1-5.2, 6.1, 6.3.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta, timezone

from .errors import DomainError
from .model import Classification, MeetingKind, MeetingState

VN_TZ = timezone(timedelta(hours=7), "ICT")


@dataclass(frozen=True)
class Rules:
    """The regulation's numbers. Each can be overridden by ``ECABINET_RULE_<NAME>`` (hours/days)."""

    response_deadline_regular_hours: float = 24.0  # 1 day before a regular meeting (001 Art.6.4)
    response_deadline_urgent_hours: float = 5.0  # 5 hours before an urgent one (004 Art.6.3)
    approval_deadline_regular_hours: float = 72.0  # 3 days before a regular meeting (001 Art.6.3)
    approval_deadline_urgent_hours: float = 24.0  # 1 day before an urgent one (001 Art.6.3)
    password_max_age_days: float = 30.0  # monthly change (004 Art.6.1)
    password_min_length: int = 8

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Rules":
        env = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = env.get("ECABINET_RULE_" + f.name.upper())
            if raw is not None:
                values[f.name] = type(f.default)(raw)
        return replace(cls(), **values)

    def response_deadline(self, kind: str, starts_at: datetime) -> datetime:
        hours = (
            self.response_deadline_urgent_hours
            if kind == MeetingKind.URGENT
            else self.response_deadline_regular_hours
        )
        return starts_at - timedelta(hours=hours)

    def approval_deadline(self, kind: str, starts_at: datetime) -> datetime:
        hours = (
            self.approval_deadline_urgent_hours
            if kind == MeetingKind.URGENT
            else self.approval_deadline_regular_hours
        )
        return starts_at - timedelta(hours=hours)

    def check_response(self, kind: str, starts_at: datetime, now: datetime) -> None:
        deadline = self.response_deadline(kind, starts_at)
        if now > deadline:
            raise DomainError(
                "response_deadline_passed",
                status=409,
                deadline=format_local(deadline),
                rule=_duration_words(starts_at - deadline),
            )

    def check_approval(self, kind: str, starts_at: datetime, now: datetime) -> None:
        deadline = self.approval_deadline(kind, starts_at)
        if now > deadline:
            raise DomainError(
                "approval_deadline_passed",
                status=409,
                deadline=format_local(deadline),
                rule=_duration_words(starts_at - deadline),
            )

    def password_expired(self, changed_at: datetime | None, now: datetime) -> bool:
        if changed_at is None:
            return True
        return now - changed_at > timedelta(days=self.password_max_age_days)


def check_classification(classification: str) -> None:
    try:
        value = Classification(classification)
    except ValueError as exc:
        raise DomainError("bad_request", status=422, detail=f"classification {classification!r}") from exc
    if not value.allowed_on_system:
        raise DomainError("classified_document", status=422, classification=CLASSIFICATION_LABELS[value])


CLASSIFICATION_LABELS = {
    Classification.UNCLASSIFIED: "Thường",
    Classification.RESTRICTED: "Hạn chế",
    Classification.SECRET: "Mật",
    Classification.TOP_SECRET: "Tối mật",
    Classification.ULTRA_SECRET: "Tuyệt mật",
    Classification.MANAGED_AS_SECRET: "Quản lý như tài liệu mật",
}

# Meeting life cycle: draft → awaiting approval → approved | rejected → ongoing → ended; cancelled.
TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingState.DRAFT: frozenset({MeetingState.AWAITING_APPROVAL, MeetingState.CANCELLED}),
    MeetingState.AWAITING_APPROVAL: frozenset(
        {MeetingState.APPROVED, MeetingState.REJECTED, MeetingState.DRAFT, MeetingState.CANCELLED}
    ),
    MeetingState.APPROVED: frozenset(
        {MeetingState.ONGOING, MeetingState.AWAITING_APPROVAL, MeetingState.CANCELLED}
    ),
    MeetingState.REJECTED: frozenset({MeetingState.DRAFT, MeetingState.CANCELLED}),
    MeetingState.ONGOING: frozenset({MeetingState.ENDED}),
    MeetingState.ENDED: frozenset(),
    MeetingState.CANCELLED: frozenset(),
}


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        raise DomainError("invalid_state", status=409, state=current, target=target)


def parse_time(value: str | datetime) -> datetime:
    """An aware datetime from ISO 8601; a naive value is taken as Vietnam time."""
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=VN_TZ)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def format_local(dt: datetime) -> str:
    return dt.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def _duration_words(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours >= 24 and hours % 24 == 0:
        return f"{int(hours // 24)} ngày/day(s)"
    return f"{hours:g} giờ/hour(s)"
