"""The transcript written to the local store and synced: :class:`SyncedSink` (plain Python, no Qt).

The secretary's panel writes through a :class:`~ecabinet_client.asr.sink.TranscriptSink`; this one
turns its calls into intents of the sync facade :class:`ecabinet_client.sync.client.Client`
(docs/client-api.md):

* a final utterance, an edit, a speaker reassignment, the halves of a split and the survivor of a merge
  → ``put_transcript_segment`` (same segment id: a correction, a new version of the row);
* the utterance merged away → ``put_transcript_segment`` with an empty text. The protocol has no
  deletion of a segment, so an empty text is the tombstone of the transcript: readers skip it
  (:func:`meeting_transcript`), and an opinion made from it still finds its segment;
* "Add to opinions" → ``add_opinion`` (who, agenda item, text, the segments it came from).

Partial (non-final) text never reaches the sink: the panel writes only finals and edits. A row equal
to the one last queued is not queued again. Intents are shown at once in the local store, queued while
offline and applied by the service exactly once (the outbox's mutation ids).

Attendees (the speaker buttons 1–9) and agenda items come from the store: the chair first, then the
people invited in person or through their unit (a substitute in place of whom they replace; declined
invitations left out), then the secretary.
"""

from __future__ import annotations

import logging
from typing import Any

from ecabinet_client.asr.sink import OPINION_COLUMNS, SEGMENT_COLUMNS
from ecabinet_client.domain import text as domain_text

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")


def meeting_transcript(client: Any, meeting_id: str) -> list[dict[str, Any]]:
    """The meeting's transcript segments in time order, without the withdrawn (empty) ones."""
    rows = client.rows("transcript_segments", "meeting_id = ?", (meeting_id,))
    rows = [r for r in rows if (r.get("text") or "").strip() and not r.get("deleted")]
    return sorted(rows, key=lambda r: (r.get("start_ms") or 0, r.get("end_ms") or 0, r["id"]))


def meeting_opinions(client: Any, meeting_id: str) -> list[dict[str, Any]]:
    """The opinions (ý kiến) of the meeting in the order they were recorded."""
    rows = [r for r in client.rows("opinions", "meeting_id = ?", (meeting_id,)) if not r.get("deleted")]
    return sorted(rows, key=lambda r: (r.get("seq") or 0, r.get("updated_at") or "", r["id"]))


def meeting_attendees(client: Any, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """People who may speak in the meeting, ``{"id", "full_name", "title"}``, in the order of the buttons."""
    invited: list[str] = []
    for inv in client.rows("invitations", "meeting_id = ?", (meeting["id"],)):
        if inv.get("state") == "declined":
            continue
        if inv.get("state") == "delegated" and inv.get("substitute_id"):
            who = inv["substitute_id"]
        else:
            who = inv.get("user_id") or inv.get("assigned_user_id")
        if who:
            invited.append(who)
    people: dict[str, dict[str, Any]] = {}

    def add(user_id: str | None) -> None:
        if not user_id or user_id in people:
            return
        user = client.row("users", user_id) or {}
        people[user_id] = {"id": user_id, "full_name": user.get("full_name") or user.get("username") or "",
                           "title": user.get("title") or ""}

    add(meeting.get("chair_id"))
    rest = [u for u in dict.fromkeys(invited) if u not in (meeting.get("chair_id"), meeting.get("secretary_id"))]
    names = {u: (client.row("users", u) or {}).get("full_name") or "" for u in rest}
    for u in sorted(rest, key=lambda u: (domain_text.fold(names[u]), u)):
        add(u)
    add(meeting.get("secretary_id"))
    return list(people.values())


def meeting_agenda(client: Any, meeting_id: str) -> list[dict[str, Any]]:
    items = client.rows("agenda_items", "meeting_id = ?", (meeting_id,))
    items = [i for i in items if not i.get("deleted")]
    return [{"id": i["id"], "title": i.get("title") or "", "position": i.get("position") or 0}
            for i in sorted(items, key=lambda i: (i.get("position") or 0, i["id"]))]


def meeting_language(meeting: dict[str, Any] | None, default: str = "vi") -> str:
    """The meeting's language when it has one (``vi`` or ``en``), else ``default`` (Vietnamese)."""
    lang = ((meeting or {}).get("language") or "").lower()[:2]
    return lang if lang in LANGUAGES else default


class SyncedSink:
    """A :class:`~ecabinet_client.asr.sink.TranscriptSink` backed by the sync client (see module docstring).

    ``client`` is a signed-in :class:`ecabinet_client.sync.client.Client` (or anything with its
    ``queue``, ``rows`` and ``row``). Errors of ``queue`` (``DomainError`` for bad input, ``AuthError``
    when signed out) are raised to the caller; the panel reports them.
    """

    def __init__(self, client: Any, meeting_id: str) -> None:
        self.client = client
        self.meeting_id = meeting_id
        self._queued: dict[str, dict[str, Any]] = {}  # segment id -> arguments last queued (or read)
        for row in client.rows("transcript_segments", "meeting_id = ?", (meeting_id,)):
            self._queued[row["id"]] = self._segment_args(row)

    # --- reading ------------------------------------------------------------------------------------
    def meeting(self) -> dict[str, Any] | None:
        return self.client.row("meetings", self.meeting_id)

    def attendees(self) -> list[dict[str, Any]]:
        meeting = self.meeting()
        return meeting_attendees(self.client, meeting) if meeting else []

    def agenda_items(self) -> list[dict[str, Any]]:
        return meeting_agenda(self.client, self.meeting_id)

    def saved_segments(self) -> list[dict[str, Any]]:
        """Segments already in the store (an earlier session of the panel), in time order."""
        return [{k: r.get(k) for k in SEGMENT_COLUMNS} for r in meeting_transcript(self.client, self.meeting_id)]

    def opinions(self) -> list[dict[str, Any]]:
        return [{k: r.get(k) for k in OPINION_COLUMNS} for r in meeting_opinions(self.client, self.meeting_id)]

    # --- writing ------------------------------------------------------------------------------------
    @staticmethod
    def _segment_args(row: dict[str, Any]) -> dict[str, Any]:
        language = row.get("language") if row.get("language") in LANGUAGES else "vi"
        return {
            "segment_id": row["id"],
            "meeting_id": row["meeting_id"],
            "agenda_item_id": row.get("agenda_item_id") or None,
            "speaker_id": row.get("speaker_id") or None,
            "start_ms": max(0, int(row.get("start_ms") or 0)),
            "end_ms": max(0, int(row.get("end_ms") or 0)),
            "text": (row.get("text") or "").strip(),
            "language": language,
        }

    def put_segment(self, row: dict[str, Any]) -> None:
        missing = set(SEGMENT_COLUMNS) - set(row)
        if missing:
            raise ValueError(f"segment row without {sorted(missing)}")
        if row["meeting_id"] != self.meeting_id:
            raise ValueError(f"segment of meeting {row['meeting_id']} given to the sink of {self.meeting_id}")
        args = self._segment_args(row)
        args["end_ms"] = max(args["end_ms"], args["start_ms"])
        before = self._queued.get(args["segment_id"])
        if before == args:
            return  # nothing changed: no new version
        if before is None and not args["text"]:
            return  # an empty utterance never written: nothing to withdraw
        self.client.queue("put_transcript_segment", **args)
        self._queued[args["segment_id"]] = args

    def delete_segment(self, segment_id: str) -> None:
        before = self._queued.get(segment_id)
        if before is None or not before["text"]:
            return  # never written, or already withdrawn
        self.client.queue("put_transcript_segment", **{**before, "text": ""})
        self._queued[segment_id] = {**before, "text": ""}

    def add_opinion(self, row: dict[str, Any]) -> None:
        missing = set(OPINION_COLUMNS) - set(row)
        if missing:
            raise ValueError(f"opinion row without {sorted(missing)}")
        # name only segments that were written (the service refuses an opinion citing an unknown segment)
        self.client.queue(
            "add_opinion",
            opinion_id=row["id"],
            meeting_id=row["meeting_id"],
            agenda_item_id=row.get("agenda_item_id") or None,
            speaker_id=row.get("speaker_id") or None,
            text=(row.get("text") or "").strip(),
            segment_ids=[s for s in (row.get("segment_ids") or []) if s in self._queued],
        )
