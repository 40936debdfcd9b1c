"""Translated names and colours of states, responses and kinds, shared by every screen."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


def meeting_state(state: str) -> str:
    return {
        "draft": QCoreApplication.translate("Labels", "Draft"), "awaiting_approval": QCoreApplication.translate("Labels", "Awaiting approval"), "approved": QCoreApplication.translate("Labels", "Approved"),
        "rejected": QCoreApplication.translate("Labels", "Rejected"), "ongoing": QCoreApplication.translate("Labels", "Ongoing"), "ended": QCoreApplication.translate("Labels", "Ended"), "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
    }.get(state, state)


def response(state: str | None) -> str:
    return {
        None: QCoreApplication.translate("Labels", "Not invited in person"), "pending": QCoreApplication.translate("Labels", "Not answered"), "confirmed": QCoreApplication.translate("Labels", "Attending"),
        "declined": QCoreApplication.translate("Labels", "Declined"), "delegated": QCoreApplication.translate("Labels", "Substitute sent"),
    }.get(state, state or "")


def kind(value: str) -> str:
    return QCoreApplication.translate("Labels", "Urgent") if value == "urgent" else QCoreApplication.translate("Labels", "Regular")


STATE_COLOURS = {
    "draft": "#9e9e9e", "awaiting_approval": "#f9a825", "approved": "#1e88e5", "rejected": "#8d6e63",
    "ongoing": "#43a047", "ended": "#607d8b", "cancelled": "#bdbdbd",
}
RESPONSE_COLOURS = {
    "pending": "#fb8c00", "confirmed": "#2e7d32", "declined": "#c62828", "delegated": "#6a1b9a",
}


def state_colour(state: str) -> QColor:
    return QColor(STATE_COLOURS.get(state, "#1e88e5"))


def response_colour(state: str | None) -> QColor | None:
    return QColor(RESPONSE_COLOURS[state]) if state in RESPONSE_COLOURS else None


def when(dt: datetime, fmt: str = "%H:%M %d/%m/%Y") -> str:
    """Local time, in the Vietnamese order (hour, then day/month/year) in both languages."""
    return dt.astimezone().strftime(fmt)


def size(n: int | None) -> str:
    n = n or 0
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
