"""Where the transcript panel puts its results: the :class:`TranscriptSink` protocol.

Rows have the columns of the synced tables ``transcript_segments`` and ``opinions``
(``ecabinet_client/domain/schema.py``) without the bookkeeping columns the store adds (``tenant_id``,
``seq``, ``version``, ``deleted``, ``updated_at``). Ids are client-made ``uuid4().hex``. Putting a row
with an existing id is a correction (the store makes it a new version).

:class:`MemorySink` is the plain-Python implementation used by the tests;
:class:`ecabinet_client.asr.synced.SyncedSink` writes to the local store and syncs.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol, runtime_checkable

SEGMENT_COLUMNS = ("id", "meeting_id", "agenda_item_id", "speaker_id", "start_ms", "end_ms", "text", "language")
OPINION_COLUMNS = ("id", "meeting_id", "agenda_item_id", "speaker_id", "text", "segment_ids", "recorded_by")


@runtime_checkable
class TranscriptSink(Protocol):
    def put_segment(self, row: dict[str, Any]) -> None:
        """Insert or correct a ``transcript_segments`` row (keys: :data:`SEGMENT_COLUMNS`)."""

    def delete_segment(self, segment_id: str) -> None:
        """Tombstone a segment (merged into another one)."""

    def add_opinion(self, row: dict[str, Any]) -> None:
        """Insert an ``opinions`` row (keys: :data:`OPINION_COLUMNS`; ``segment_ids`` is a list)."""

    def attendees(self) -> list[dict[str, Any]]:
        """People of the meeting in speaking-order of the attendee list: ``{"id", "full_name", "title"}``."""

    def agenda_items(self) -> list[dict[str, Any]]:
        """Agenda items of the meeting ordered by position: ``{"id", "title", "position"}``."""

    def saved_segments(self) -> list[dict[str, Any]]:
        """Segments written earlier (for example before the panel was closed), in time order."""


class MemorySink:
    """An in-memory :class:`TranscriptSink` (thread-safe)."""

    def __init__(self, *, attendees: list[dict] | None = None, agenda_items: list[dict] | None = None) -> None:
        self._attendees = list(attendees or [])
        self._agenda = list(agenda_items or [])
        self.segments: dict[str, dict] = {}
        self.deleted: set[str] = set()
        self.opinions: list[dict] = []
        self.versions: dict[str, int] = {}
        self._lock = threading.Lock()

    def put_segment(self, row: dict[str, Any]) -> None:
        missing = set(SEGMENT_COLUMNS) - set(row)
        if missing:
            raise ValueError(f"segment row without {sorted(missing)}")
        with self._lock:
            self.segments[row["id"]] = {k: row[k] for k in SEGMENT_COLUMNS}
            self.versions[row["id"]] = self.versions.get(row["id"], 0) + 1
            self.deleted.discard(row["id"])

    def delete_segment(self, segment_id: str) -> None:
        with self._lock:
            self.segments.pop(segment_id, None)
            self.deleted.add(segment_id)

    def add_opinion(self, row: dict[str, Any]) -> None:
        missing = set(OPINION_COLUMNS) - set(row)
        if missing:
            raise ValueError(f"opinion row without {sorted(missing)}")
        with self._lock:
            self.opinions.append({k: row[k] for k in OPINION_COLUMNS})

    def attendees(self) -> list[dict[str, Any]]:
        return list(self._attendees)

    def agenda_items(self) -> list[dict[str, Any]]:
        return sorted(self._agenda, key=lambda a: a.get("position") or 0)

    def saved_segments(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = [dict(r) for r in self.segments.values() if r.get("text")]
        return sorted(rows, key=lambda r: (r["start_ms"], r["end_ms"]))
