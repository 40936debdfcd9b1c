"""Opening a meeting document in a viewer window for the signed-in user.

``open_document(session, document_row, parent=page)`` shows the cached file of ``document_row`` (a row of
``Client.documents(meeting_id)`` / ``Client.meeting(id)["documents"]``) in a :class:`ViewerWidget`
of its own window, with the reader's name and unit in the watermark and the annotations and comments
of the synced store (:class:`~ecabinet_client.viewer.synced.SyncedAnnotationStore`): other users'
comments appear as soon as sync brings them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from ecabinet_client.viewer.synced import SyncedAnnotationStore
from ecabinet_client.viewer.widget import DocumentState, Reader, ViewerPolicy, ViewerWidget

log = logging.getLogger(__name__)


def reader_of(session: Any) -> Reader:
    """Người đọc: the signed-in user, with the unit (or organisation) named for the watermark."""
    user = session.user or {}
    unit = session.unit_name(user.get("unit_id")) if user.get("unit_id") else ""
    org = session.organisation_name(user.get("organisation_id")) if user.get("organisation_id") else ""
    return Reader(
        id=user.get("id") or "",
        name=user.get("full_name") or user.get("username") or "",
        unit=", ".join(s for s in (unit, org) if s),
    )


def open_document(
    session: Any,
    document_row: dict[str, Any],
    parent: QWidget | None = None,
    *,
    policy: ViewerPolicy = ViewerPolicy(watermark=True),
    state: DocumentState | None = None,
    language: str | None = None,
    **options: Any,
) -> ViewerWidget:
    """A shown viewer window on the cached file of ``document_row``; deleted (and its store closed) on close.

    The file must have been downloaded (``session.client.document_path(id)``); if it is not, the window
    says that the file was not found. Returns the :class:`ViewerWidget` (a top-level window, child of
    ``parent`` for ownership only). ``policy`` is what the organisation allows (watermark on by default);
    further ``options`` go to :class:`ViewerWidget` (``ask_password``, ``ask_text``: tests, kiosks).
    """
    from ecabinet_client.ui import i18n

    client = session.client
    store = SyncedAnnotationStore(client)
    viewer = ViewerWidget(
        store=store,
        reader=reader_of(session),
        policy=policy,
        state=state,
        names=lambda uid: session.user_name(uid) or uid,
        language=language or i18n.current_language(),
        parent=parent,
        **options,
    )
    viewer.setWindowFlag(Qt.WindowType.Window, True)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    viewer.destroyed.connect(lambda *_: store.close())
    name = document_row.get("name") or ""
    viewer.setWindowTitle(
        QCoreApplication.translate("ViewerWindow", "%1 — eCabinet").replace("%1", name) if name else "eCabinet"
    )
    viewer.resize(1280, 860)
    path = client.document_path(document_row["id"])
    if path is None:  # not downloaded: the viewer explains (file_not_found) instead of failing silently
        log.warning("document %s is not downloaded", document_row["id"])
        path = Path(client.store.blob_dir if client.store is not None else ".") / (document_row.get("sha256") or "missing")
    viewer.show()
    viewer.open(
        path,
        meeting_id=document_row.get("meeting_id"),
        document_id=document_row["id"],
        agenda_item_id=document_row.get("agenda_item_id"),
    )
    return viewer
