"""The rotating check-in code of a meeting room (001 Art.6.4, 9.2b; issue 6).

The console shows a QR code and a short code under it. Both are derived from the meeting's private
``checkin_secret`` (never sent to clients) and the current time window, like a TOTP:

    code = HOTP-style truncation of HMAC-SHA256(secret, "<meeting_id>:<window number>")  → 6 digits

The window is 30 s by default (``ECABINET_CHECKIN_WINDOW_SECONDS`` overrides it); the service accepts the
code of the current and of the previous window, so that a code read just before it changes still works,
while a photo of the screen sent to someone outside the room stops working within a minute.

The secretary's console gets the current code from ``GET /api/v1/meetings/{id}/checkin-code``; a delegate's
tablet sends whatever it decoded (the QR payload or the typed digits) in the ``check_in`` mutation.
Also here: the deterministic ids of rows that exist once per (meeting or poll, person), so that a client's
optimistic row and the service's row are the same object.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import time
import uuid

DEFAULT_WINDOW_SECONDS = 30.0
CODE_DIGITS = 6
ACCEPTED_PREVIOUS_WINDOWS = 1
QR_PREFIX = "ECABINET-CHECKIN"
_NAMESPACE = uuid.UUID("6f1d3c1e-6a53-4c3e-9a7e-ecab1e7c0de5")


def window_seconds() -> float:
    """The rotation period (seconds), from ``ECABINET_CHECKIN_WINDOW_SECONDS`` or 30."""
    raw = os.environ.get("ECABINET_CHECKIN_WINDOW_SECONDS")
    try:
        value = float(raw) if raw else DEFAULT_WINDOW_SECONDS
    except ValueError:
        value = DEFAULT_WINDOW_SECONDS
    return value if value > 0 else DEFAULT_WINDOW_SECONDS


def window_number(at: float, window: float | None = None) -> int:
    """The number of the window that contains the Unix time ``at``."""
    return int(at // (window or window_seconds()))


def code_for_window(secret: str, meeting_id: str, number: int, digits: int = CODE_DIGITS) -> str:
    mac = hmac.new(secret.encode(), f"{meeting_id}:{number}".encode(), hashlib.sha256).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def current_code(secret: str, meeting_id: str, at: float | None = None, window: float | None = None) -> tuple[str, float]:
    """``(code, seconds until it rotates)`` at Unix time ``at`` (now by default)."""
    window = window or window_seconds()
    at = time.time() if at is None else at
    number = window_number(at, window)
    return code_for_window(secret, meeting_id, number), (number + 1) * window - at


def qr_payload(meeting_id: str, code: str) -> str:
    """The text encoded in the room's QR code."""
    return f"{QR_PREFIX}:{meeting_id}:{code}"


def parse_code(text: str) -> tuple[str | None, str]:
    """``(meeting_id or None, code)`` from a scanned QR payload or a typed code (spaces and dashes ignored)."""
    text = (text or "").strip()
    if text.upper().startswith(QR_PREFIX + ":"):
        parts = text.split(":")
        if len(parts) == 3:
            return parts[1].strip().lower(), re.sub(r"[\s-]", "", parts[2])
        return None, ""
    return None, re.sub(r"[\s-]", "", text)


def verify_code(secret: str, meeting_id: str, text: str, at: float | None = None, window: float | None = None,
                previous: int = ACCEPTED_PREVIOUS_WINDOWS) -> bool:
    """Is ``text`` (a QR payload or a typed code) valid for the meeting at ``at``: current or previous window."""
    scanned_meeting, code = parse_code(text)
    if scanned_meeting is not None and scanned_meeting != meeting_id:
        return False
    if not code.isdigit() or len(code) != CODE_DIGITS:
        return False
    window = window or window_seconds()
    number = window_number(time.time() if at is None else at, window)
    ok = False
    for n in range(number - previous, number + 1):
        ok |= hmac.compare_digest(code, code_for_window(secret, meeting_id, n))
    return ok


def member_row_id(kind: str, *parts: str) -> str:
    """A deterministic 32-hex id for a row that exists once per ``parts`` (e.g. meeting and person)."""
    return uuid.uuid5(_NAMESPACE, ":".join((kind, *parts))).hex


def checkin_id(meeting_id: str, user_id: str) -> str:
    """The id of the one ``checkins`` row of a person in a meeting."""
    return member_row_id("checkin", meeting_id, user_id)


def opinion_answer_id(poll_id: str, user_id: str) -> str:
    """The id of the one ``opinion_poll_answers`` row of a member for an opinion poll."""
    return member_row_id("opinion_poll_answer", poll_id, user_id)
