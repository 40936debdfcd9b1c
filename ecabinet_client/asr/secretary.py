"""Open the secretary's transcript panel for a meeting of a signed-in :class:`~ecabinet_client.ui.session.Session`.

The secretary console calls::

    from ecabinet_client.asr.secretary import open_transcript_panel

    panel = open_transcript_panel(session, meeting_id, parent=self, settings=self.settings)
    ...
    panel.shutdown()  # before the panel is destroyed (stops capture, closes the recording)

What the panel gets from the meeting in the local store:

* the sink: :class:`~ecabinet_client.asr.synced.SyncedSink` (finals and edits → ``put_transcript_segment``,
  "Add to opinions" → ``add_opinion``; queued offline, sent once);
* the speakers 1–9: the chair, the people invited (substitutes in place of whom they replace), the
  secretary; their names and titles and the agenda item titles bias the decoder (``hotwords``);
* the language: the meeting's, Vietnamese by default;
* the recording: ``<the client's store folder>/recordings/<meeting id>.flac`` (a later session gets a
  numbered sibling, ``<meeting id>.1.flac``), and times counted from the meeting's start;
* the model: ``settings.asr_model_dir`` (chosen in the panel, remembered in ``settings.json``), or the
  default Whisper base model, loaded once per process.

Only the meeting's secretary may write its transcript (the service refuses anyone else), so the panel is
refused to other users with ``DomainError("forbidden")``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ecabinet_client.asr.panel import TranscriptPanel
from ecabinet_client.asr.synced import SyncedSink, meeting_language
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.rules import parse_time

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ecabinet_client.asr.engine import AsrModel
    from ecabinet_client.ui.session import Session
    from ecabinet_client.ui.settings import Settings

RECORDINGS = "recordings"


def recordings_dir(session: "Session") -> Path:
    """Where the meeting recordings of the signed-in user are kept: next to the local store."""
    store = session.client.store
    if store is None:
        raise DomainError("not_authenticated", status=401)
    return Path(store.path).parent / RECORDINGS


def can_transcribe(session: "Session", meeting_id: str) -> bool:
    """True when the signed-in user is the meeting's secretary (who writes the transcript)."""
    meeting = session.client.row("meetings", meeting_id)
    return bool(meeting) and meeting.get("secretary_id") == (session.user or {}).get("id")


def open_transcript_panel(
    session: "Session",
    meeting_id: str,
    parent: "QWidget | None" = None,
    *,
    settings: "Settings | None" = None,
    settings_path: str | Path | None = None,
    model_loader: "Callable[[], AsrModel] | None" = None,
    language: str | None = None,
) -> TranscriptPanel:
    """A :class:`TranscriptPanel` for ``meeting_id`` writing to the synced store (see module docstring).

    ``settings`` should be the application's settings object (so the model folder and microphone the
    secretary picks are saved with the rest); without it they are loaded from and saved to
    ``settings.json`` in the config folder. ``model_loader`` and ``language`` override the defaults.
    Raises ``DomainError`` (``not_found``, ``forbidden``) when the meeting is unknown here or the user is
    not its secretary.
    """
    client = session.client
    meeting = client.row("meetings", meeting_id)
    if meeting is None:
        raise DomainError("not_found", status=404, what="meeting")
    user = session.user or {}
    if meeting.get("secretary_id") != user.get("id"):
        raise DomainError("forbidden", status=403)
    started = meeting.get("started_at") or meeting.get("starts_at")
    panel = TranscriptPanel(
        sink=SyncedSink(client, meeting_id),
        meeting_id=meeting_id,
        model_loader=model_loader,
        recording_path=recordings_dir(session) / f"{meeting_id}.flac",
        language=language or meeting_language(meeting),
        recorded_by=user.get("id"),
        meeting_start=parse_time(started) if started else None,
        settings=settings,
        settings_path=settings_path,
        parent=parent,
    )
    session.mutation_failed.connect(panel.on_sync_refused)
    return panel
