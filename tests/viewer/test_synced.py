"""The viewer wired to the synced store: private notes (ghi chú) and shared comments (góp ý) of two users
through the real service on loopback, real client stores, real PDFs."""

from __future__ import annotations

from dataclasses import replace

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.sync.api import OfflineError
from ecabinet_client.sync.blobs import download_blob
from ecabinet_client.sync.engine import wait_until
from ecabinet_client.ui.session import Session
from ecabinet_client.viewer.annotations import (
    AddAnnotation,
    Annotation,
    AnnotationStore,
    ChangeAnnotation,
    CommandStack,
    DeleteAnnotation,
)
from ecabinet_client.viewer.synced import SyncedAnnotationStore, UnsupportedChange
from ecabinet_client.viewer.widget import PENDING_ROLE, MemoryState, ViewerWidget
from ecabinet_client.viewer.window import open_document
from tests.service.conftest import db, service, world  # noqa: F401 - fixtures
from tests.sync.conftest import make_client, own_service  # noqa: F401 - fixtures
from tests.viewer.helpers import drag, grab_point, points, view_point

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

INK = {"strokes": [[[100.0, 200.0, 0.2], [120.5, 210.25, 0.6], [140.0, 205.0, 1.0]]], "width": 2.5, "color": "#d32f2f"}


def _meeting_with_document(make_client, w, pdf, *, server=None):
    """A meeting of ``delegate`` and ``colleague`` with ``pdf`` attached by its secretary; (meeting, document row)."""
    m = w.meeting(invitees=("delegate", "colleague"))
    sec = make_client("secretary", server=server, w=w)
    sec.sync()
    sec.attach_document(m["id"], pdf, agenda_item_id=m["agenda_item_id"])
    assert sec.sync()["failed"] == []
    doc = sec.documents(m["id"])[0]
    return m, doc


def _signed_in(make_client, w, who, doc, *, server=None, download=True, **kw):
    c = make_client(who, server=server, w=w, **kw)
    if not kw.get("autostart"):
        c.sync()
    if download:  # a real download of the file through the service, into this user's blob folder
        download_blob(c.api, c.store, doc["sha256"], doc["size"])
        assert wait_until(lambda: c.document_path(doc["id"]) is not None, 15)
    return c


def _comments(c, sha):
    return [a for a in SyncedAnnotationStore(c).list_for_document(sha, c.user["id"]) if a.shared]


def test_private_never_reaches_the_other_user_shared_does_each_once_after_offline_edits(own_service, make_client, corpus):
    w = own_service.world
    url = own_service.url
    m, doc = _meeting_with_document(make_client, w, corpus["text"], server=url)
    sha = doc["sha256"]
    a_client = _signed_in(make_client, w, "delegate", doc, server=url, download=False)
    b_client = _signed_in(make_client, w, "colleague", doc, server=url, download=False)
    a_id, b_id = w.users["delegate"], w.users["colleague"]
    a, b = SyncedAnnotationStore(a_client), SyncedAnnotationStore(b_client)
    assert isinstance(a, AnnotationStore)
    seen_by_a: list[str] = []
    a.observe(seen_by_a.append)
    assert a.list_for_document(sha, a_id) == [] and b.list_for_document(sha, b_id) == []
    where = {"document_sha256": sha, "meeting_id": m["id"], "document_id": doc["id"]}

    # A works offline: a private highlight, a mark drawn and erased, a shared ink comment whose text is edited
    own_service.kill()
    note = Annotation.create(page=0, kind="highlight", author_id=a_id, **where,
                             data={"rects": [[72.0, 60.0, 300.0, 75.0]], "text": "biên bản", "note": "xem lại"})
    a.put(note)
    scratch = Annotation.create(page=1, kind="rect", author_id=a_id, data={"rect": [1, 2, 3, 4], "width": 2.0}, **where)
    a.put(scratch)
    a.delete(scratch.id)
    comment = Annotation.create(page=2, kind="ink", author_id=a_id, data=INK, shared=True, body="Đề nghị làm rõ",
                                agenda_item_id=m["agenda_item_id"], **where)
    a.put(comment)
    a.put(replace(comment, body="Đề nghị làm rõ số liệu quý IV"))
    mine = a.list_for_document(sha, a_id)
    assert [(x.id, x.shared) for x in mine] == [(note.id, False), (comment.id, True)]
    assert mine[0] == note and a.is_pending(comment.id) and sha in seen_by_a
    with pytest.raises(OfflineError):
        a_client.sync()
    own_service.restart()
    assert a_client.sync()["failed"] == []
    assert not a.is_pending(comment.id) and not a.is_pending(note.id)

    # B sees the comment, exactly once and as A made it; never A's private highlight
    b_client.sync()
    theirs = b.list_for_document(sha, b_id)
    assert len(theirs) == 1
    got = theirs[0]
    assert (got.id, got.shared, got.kind, got.page, got.author_id) == (comment.id, True, "ink", 2, a_id)
    assert got.data == comment.data and got.body == "Đề nghị làm rõ số liệu quý IV"
    assert (got.meeting_id, got.document_id, got.agenda_item_id) == (m["id"], doc["id"], m["agenda_item_id"])
    assert b_client.rows("annotations") == [] and b.get(note.id) is None

    # B replies offline; after both sync, A sees the reply once
    own_service.kill()
    reply = b.reply(comment.id, author_id=b_id, body="Đồng ý, sẽ bổ sung")
    assert [r.body for r in b.get(comment.id).replies] == ["Đồng ý, sẽ bổ sung"]
    with pytest.raises(OfflineError):
        b_client.sync()
    own_service.restart()
    assert b_client.sync()["failed"] == []
    seen_by_a.clear()
    a_client.sync()
    assert sha in seen_by_a  # an open viewer of A is told
    shared = [x for x in a.list_for_document(sha, a_id) if x.shared]
    assert len(shared) == 1 and [(r.id, r.author_id, r.body) for r in shared[0].replies] == [(reply.id, b_id, reply.body)]

    # more rounds change nothing: each object exists once, on the service and in both stores
    for _ in range(2):
        a_client.sync()
        b_client.sync()
    assert [x.id for x in a.list_for_document(sha, a_id)] == [note.id, comment.id]
    assert len(b.get(comment.id).replies) == 1 and len(b.list_for_document(sha, b_id)) == 1
    assert [r["id"] for r in w.rows("annotations", document_sha256=sha)] == [note.id]
    assert sorted(r["id"] for r in w.rows("comments", document_sha256=sha)) == sorted([comment.id, reply.id])
    assert w.get("annotations", scratch.id)["deleted"] is True
    assert w.rows("annotations", document_sha256=sha)[0]["data"] == note.data


def test_share_unshare_undo_withdraw_resolve(make_client, world, corpus):
    m, doc = _meeting_with_document(make_client, world, corpus["text"])
    sha = doc["sha256"]
    a_client = _signed_in(make_client, world, "delegate", doc, download=False)
    b_client = _signed_in(make_client, world, "colleague", doc, download=False)
    chair = _signed_in(make_client, world, "chair", doc, download=False)
    a_id = world.users["delegate"]
    a = SyncedAnnotationStore(a_client)
    stack = CommandStack(a)
    where = {"document_sha256": sha, "meeting_id": m["id"], "document_id": doc["id"]}
    private = Annotation.create(page=0, kind="note", author_id=a_id, data={"point": [50.0, 60.0], "text": "Hỏi Sở KH-ĐT"},
                                **where)
    a.put(private)
    shared = replace(private, shared=True, body="Hỏi Sở KH-ĐT")
    stack.push(ChangeAnnotation(private, shared))  # share it: the private row goes, a comment comes
    a_client.sync()
    assert a_client.rows("annotations") == [] and a.get(private.id).shared
    b_client.sync()
    assert [c.body for c in _comments(b_client, sha)] == ["Hỏi Sở KH-ĐT"]

    stack.undo()  # un-share: the comment is withdrawn, the private note is back
    a_client.sync()
    b_client.sync()
    assert _comments(b_client, sha) == [] and not a.get(private.id).shared
    stack.redo()  # share again: the same comment comes back (restore_comment), not a copy under a new id
    assert [m["name"] for m in a_client.store.outbox()] == ["delete_annotation", "restore_comment"]
    a_client.sync()
    b_client.sync()
    again = _comments(b_client, sha)
    assert [(c.id, c.body) for c in again] == [(private.id, "Hỏi Sở KH-ĐT")] and a.get(private.id).shared
    stack.undo()
    stack.redo()
    a_client.sync()
    b_client.sync()
    assert [c.id for c in _comments(b_client, sha)] == [private.id]
    assert [r["id"] for r in world.rows("comments", document_sha256=sha)] == [private.id]  # one row, ever

    # the chair resolves it; a resolved comment is not moved (reopen it first); the author reopens it
    cid = private.id
    chair.sync()
    SyncedAnnotationStore(chair).resolve(cid)
    assert chair.sync()["failed"] == []
    a_client.sync()
    assert a.get(cid).resolved
    with pytest.raises(DomainError) as refused:
        a.put(replace(a.get(cid), data={**a.get(cid).data, "point": [10.0, 10.0]}))
    assert refused.value.code == "comment_resolved" and a_client.store.outbox() == []
    a.resolve(cid, False)
    assert [m["name"] for m in a_client.store.outbox()] == ["reopen_comment"] and not a.get(cid).resolved
    assert a_client.sync()["failed"] == []
    b_client.sync()
    assert not _comments(b_client, sha)[0].resolved
    # a posted comment keeps its kind of mark; a comment needs a meeting and text
    with pytest.raises(UnsupportedChange):
        a.put(replace(a.get(cid), kind="rect", data={"rect": [1.0, 1.0, 5.0, 5.0]}))
    with pytest.raises(DomainError):
        a.put(Annotation.create(page=0, kind="note", author_id=a_id, data={"point": [1, 1]}, shared=True, body="x",
                                document_sha256=sha))
    with pytest.raises(DomainError):
        a.put(Annotation.create(page=0, kind="rect", author_id=a_id, data={"rect": [1, 1, 5, 5]}, shared=True, **where))
    assert a_client.failed_mutations() == []


def test_move_reopen_and_put_back_reach_the_other_user(make_client, world, corpus):
    """move_comment, reopen_comment and restore_comment through the adapter and the undo stack, each seen by the
    other participant after sync; what a user may not do is refused by the service and rolled back locally."""
    m, doc = _meeting_with_document(make_client, world, corpus["text"])
    sha = doc["sha256"]
    a_client = _signed_in(make_client, world, "delegate", doc, download=False)
    b_client = _signed_in(make_client, world, "colleague", doc, download=False)
    a_id, b_id = world.users["delegate"], world.users["colleague"]
    a, b = SyncedAnnotationStore(a_client), SyncedAnnotationStore(b_client)
    stack = CommandStack(a)
    comment = Annotation.create(page=0, kind="rect", author_id=a_id, data={"rect": [100.0, 100.0, 200.0, 150.0]},
                                shared=True, body="Bảng 3 thiếu số liệu", document_sha256=sha, meeting_id=m["id"],
                                document_id=doc["id"])
    stack.push(AddAnnotation(comment))
    assert a_client.sync()["failed"] == []
    b_client.sync()
    reply = b.reply(comment.id, author_id=b_id, body="Sẽ bổ sung")
    assert b_client.sync()["failed"] == []
    a_client.sync()

    # A moves it (undoably): B sees the new place, then the old one again after the undo
    moved = replace(comment, page=2, data={**comment.data, "rect": [300.0, 400.0, 380.0, 460.0]})
    stack.push(ChangeAnnotation(comment, moved))
    assert [x["name"] for x in a_client.store.outbox()] == ["move_comment"]
    assert a.is_pending(comment.id) and a.get(comment.id).page == 2  # shown at once
    assert a_client.sync()["failed"] == []
    b_client.sync()
    got = b.get(comment.id)
    assert (got.page, got.data, got.body, [r.id for r in got.replies]) == (2, moved.data, comment.body, [reply.id])
    stack.undo()
    assert a_client.sync()["failed"] == []
    b_client.sync()
    assert (b.get(comment.id).page, b.get(comment.id).data) == (0, comment.data)

    # a new place and a new text in one change: both intents, the move first
    both = replace(comment, page=1, data={**comment.data, "rect": [10.0, 20.0, 30.0, 40.0]}, body="Bảng 3 và bảng 4")
    stack.push(ChangeAnnotation(comment, both))
    assert [x["name"] for x in a_client.store.outbox()] == ["move_comment", "edit_comment"]
    assert a_client.sync()["failed"] == []
    b_client.sync()
    assert (b.get(comment.id).page, b.get(comment.id).data, b.get(comment.id).body) == (1, both.data, both.body)

    # B (neither author nor chair nor secretary) may not resolve or move it: refused, rolled back, said why
    b.resolve(comment.id)
    assert b.get(comment.id).resolved and b.is_pending(comment.id)
    b_client.queue("move_comment", comment_id=comment.id, page=0, anchor={"kind": "rect", "rect": [1, 1, 2, 2]})
    assert [(f["name"], f["code"]) for f in b_client.sync()["failed"]] == [
        ("resolve_comment", "forbidden"), ("move_comment", "forbidden")]
    assert [f["code"] for f in b_client.failed_mutations()] == ["forbidden", "forbidden"]
    assert not b.get(comment.id).resolved and b.get(comment.id).page == 1 and not b.is_pending(comment.id)

    # A resolves it, then reopens it by undoing; B sees both
    a.resolve(comment.id)
    a_client.sync()
    b_client.sync()
    assert b.get(comment.id).resolved
    a.resolve(comment.id, False)
    a_client.sync()
    b_client.sync()
    assert not b.get(comment.id).resolved

    # A deletes it; the undo brings back the SAME comment, with B's reply, for B too
    stack.push(DeleteAnnotation(a.get(comment.id)))
    a_client.sync()
    b_client.sync()
    assert b.get(comment.id) is None and b.list_for_document(sha, b_id) == []
    stack.undo()
    assert [x["name"] for x in a_client.store.outbox()] == ["restore_comment"]
    assert a_client.sync()["failed"] == []
    b_client.sync()
    back = b.list_for_document(sha, b_id)
    assert [(x.id, x.body, [r.id for r in x.replies]) for x in back] == [(comment.id, both.body, [reply.id])]
    assert sorted(r["id"] for r in world.rows("comments", document_sha256=sha)) == sorted([comment.id, reply.id])
    assert a_client.failed_mutations() == []


@pytest.fixture
def sessions(qtbot):
    made = []

    def make(client):
        s = Session(client)
        made.append(s)
        return s

    yield make
    for v in _windows:
        if shiboken6.isValid(v):
            v.close()
    _windows.clear()
    for s in made:
        s.close()


_windows: list[ViewerWidget] = []


def _open(qtbot, session, doc, text):
    v = open_document(session, doc, state=MemoryState(), ask_text=lambda _t, _l: text)
    _windows.append(v)  # closed by the ``sessions`` fixture unless the test does (they delete themselves)
    qtbot.waitExposed(v)
    assert v.document is not None and v.document.sha256 == doc["sha256"]
    return v


def test_viewer_windows_of_two_users(qtbot, make_client, world, corpus, sessions):
    m, doc = _meeting_with_document(make_client, world, corpus["text"])
    a_client = _signed_in(make_client, world, "delegate", doc)
    b_client = _signed_in(make_client, world, "colleague", doc)
    va = _open(qtbot, sessions(a_client), doc, "Cần số liệu so sánh cùng kỳ")
    assert isinstance(va, ViewerWidget) and va.isWindow()
    assert va.reader.name == "Nguyễn Văn An" and "Phòng Ngân sách" in va.watermark().text()
    assert va.view.watermark_text and "Nguyễn Văn An" in va.view.watermark_text
    assert (va.meeting_id, va.document_id, va.agenda_item_id) == (m["id"], doc["id"], m["agenda_item_id"])

    # A: a private rectangle, then a shared note, with the mouse
    va.view.set_zoom(1.0)
    va.set_tool("rect")
    with qtbot.waitSignal(va.annotations_changed, timeout=3000):
        drag(qtbot, va.view.viewport(), *points(va, 0, (300, 300), (400, 380)))
    rect = va.annotations[-1]
    assert rect.kind == "rect" and not rect.shared
    va.act_share.setChecked(True)
    va.set_tool("note")
    with qtbot.waitSignal(va.annotations_changed, timeout=3000):
        qtbot.mouseClick(va.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(va, 0, 450, 100))
    comment = va.annotations[-1]
    assert comment.shared and comment.body == "Cần số liệu so sánh cùng kỳ"
    assert a_client.is_pending("comments", comment.id)
    assert a_client.sync()["failed"] == []

    # B opens the document: only A's comment, with A's name; B replies from the panel
    b_client.sync()
    vb = _open(qtbot, sessions(b_client), doc, "")
    assert [x.id for x in vb.annotations] == [comment.id]
    assert vb.name_of(comment.author_id) == "Nguyễn Văn An"
    vb.select_annotation(comment.id)
    vb.reply_edit.setText("Đồng ý")
    with qtbot.waitSignal(vb.annotations_changed, timeout=3000):
        vb.btn_reply.click()
    assert [r.body for r in vb.annotations[0].replies] == ["Đồng ý"]
    assert b_client.sync()["failed"] == []

    # A's open viewer shows the reply once sync brings it, without reopening
    a_client.sync()
    qtbot.waitUntil(lambda: bool(va.annotations[-1].replies), timeout=5000)
    assert [(r.author_id, r.body) for r in va.annotations[-1].replies] == [(world.users["colleague"], "Đồng ý")]
    texts = [va.comment_tree.topLevelItem(0).child(j).child(k).text(0)
             for j in range(va.comment_tree.topLevelItem(0).childCount())
             for k in range(va.comment_tree.topLevelItem(0).child(j).childCount())]
    assert texts == ["↳ Trần Thị Bình: Đồng ý"]

    # A resolves it; B sees it resolved; A reopens it, B's open viewer shows it open, still listed once
    va.select_annotation(comment.id)
    va.btn_resolve.click()
    a_client.sync()
    b_client.sync()
    qtbot.waitUntil(lambda: vb.annotations and vb.annotations[0].resolved, timeout=5000)
    va.select_annotation(comment.id)
    va.btn_resolve.click()
    assert not va.message.isVisible() and not va.annotations[-1].resolved
    a_client.sync()
    b_client.sync()
    qtbot.waitUntil(lambda: vb.annotations and not vb.annotations[0].resolved, timeout=5000)
    assert [x.id for x in vb.annotations] == [comment.id] and len(vb.annotations[0].replies) == 1

    # a shared mark needs text: without it, it is kept private
    va.message.hide()
    va._ask_text = lambda _t, _l: None
    va.set_tool("rect")
    with qtbot.waitSignal(va.annotations_changed, timeout=3000):
        drag(qtbot, va.view.viewport(), *points(va, 0, (100, 400), (160, 440)))
    assert va.message.isVisible() and sum(not x.shared for x in va.annotations) == 2

    # closing the window deletes it and stops its store listening to the client
    listeners = len(a_client._listeners)
    va.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(va), timeout=3000)
    assert len(a_client._listeners) == listeners - 1


def test_live_changes_of_others_appear_in_an_open_viewer(qtbot, make_client, world, corpus, sessions):
    """With the client running as the app runs it (engine threads, live events), nobody calls sync()."""
    m, doc = _meeting_with_document(make_client, world, corpus["text"])
    a_client = _signed_in(make_client, world, "delegate", doc, live=True, autostart=True)
    b_client = _signed_in(make_client, world, "colleague", doc)
    va = _open(qtbot, sessions(a_client), doc, "")
    b = SyncedAnnotationStore(b_client)
    comment = Annotation.create(page=0, kind="note", author_id=world.users["colleague"], data={"point": [80.0, 90.0]},
                                shared=True, body="Ý kiến của Sở Tài chính", document_sha256=doc["sha256"],
                                meeting_id=m["id"], document_id=doc["id"])
    b.put(comment)
    assert b_client.sync()["failed"] == []
    qtbot.waitUntil(lambda: [x.id for x in va.annotations] == [comment.id], timeout=15_000)
    assert wait_until(lambda: a_client.status().get("live"), 5)
    va.close()


def test_dragging_marks_on_the_page_reaches_the_service_and_the_other_user(qtbot, make_client, world, corpus,
                                                                             sessions):
    """A comment dragged in the viewer is a move_comment that the other participant sees after sync, undone the
    same way; a private stroke dragged is a put_annotation that stays private; the other participant cannot drag
    the author's comment."""
    m, doc = _meeting_with_document(make_client, world, corpus["text"])
    sha = doc["sha256"]
    a_client = _signed_in(make_client, world, "delegate", doc)
    b_client = _signed_in(make_client, world, "colleague", doc)
    a_id = world.users["delegate"]
    where = {"document_sha256": sha, "meeting_id": m["id"], "document_id": doc["id"]}
    comment = Annotation.create(page=0, kind="rect", author_id=a_id, data={"rect": [300.0, 300.0, 400.0, 380.0]},
                                shared=True, body="Bảng 3 thiếu số liệu", agenda_item_id=m["agenda_item_id"], **where)
    stroke = Annotation.create(page=0, kind="ink", author_id=a_id, data=INK, **where)
    a, b = SyncedAnnotationStore(a_client), SyncedAnnotationStore(b_client)
    a.put(comment)
    a.put(stroke)
    assert a_client.sync()["failed"] == []
    b_client.sync()
    va = _open(qtbot, sessions(a_client), doc, "")
    va.view.set_zoom(1.0)  # 4 view pixels are 3 points

    # A drags the comment by its outline: one move_comment; B has it at the new place after sync
    start = grab_point(va, 0, 300, 340)
    with qtbot.waitSignal(va.annotations_changed, timeout=3000):
        drag(qtbot, va.view.viewport(), start, start + QPoint(40, -20))
    assert [x["name"] for x in a_client.store.outbox()] == ["move_comment"]
    assert a.get(comment.id).data["rect"] == pytest.approx([330, 285, 430, 365], abs=0.011)
    assert a_client.sync()["failed"] == []
    b_client.sync()
    got = b.get(comment.id)
    assert (got.page, got.body, got.shared) == (0, comment.body, True)
    assert got.data["rect"] == pytest.approx([330, 285, 430, 365], abs=0.011)

    # A drags the private stroke: put_annotation, on the service for A only
    start = grab_point(va, 0, 120.5, 210.25)
    with qtbot.waitSignal(va.annotations_changed, timeout=3000):
        drag(qtbot, va.view.viewport(), start, start + QPoint(-20, 40))
    assert [x["name"] for x in a_client.store.outbox()] == ["put_annotation"]
    assert a_client.sync()["failed"] == []
    row = world.get("annotations", stroke.id)
    assert [c for p in row["data"]["strokes"][0] for c in p[:2]] == pytest.approx([85, 230, 105.5, 240.25, 125, 235],
                                                                                   abs=0.011)
    assert [p[2] for p in row["data"]["strokes"][0]] == [0.2, 0.6, 1.0]
    b_client.sync()
    assert b_client.rows("annotations") == []

    # B cannot drag A's comment: the tooltip says why, nothing is queued, nothing moves
    vb = _open(qtbot, sessions(b_client), doc, "")
    vb.view.set_zoom(1.0)
    start = grab_point(vb, 0, 330, 325)
    assert vb.view.tooltip_at(QPointF(start)) == "Only its author can move this comment."
    drag(qtbot, vb.view.viewport(), start, start + QPoint(40, 40))
    assert b_client.store.outbox() == [] and b.get(comment.id).data["rect"] == got.data["rect"]

    # A undoes both moves; B's open viewer shows the comment where it was first
    va.act_undo.trigger()
    va.act_undo.trigger()
    assert [x["name"] for x in a_client.store.outbox()] == ["put_annotation", "move_comment"]
    assert a_client.sync()["failed"] == []
    b_client.sync()
    qtbot.waitUntil(lambda: vb.annotations and vb.annotations[0].data["rect"] == [300, 300, 400, 380], timeout=5000)
    assert world.get("annotations", stroke.id)["data"]["strokes"] == INK["strokes"]
    assert a_client.failed_mutations() == [] and b_client.failed_mutations() == []


def _panel_items(viewer) -> list:
    """Every comment and reply item of the comments panel, in order."""
    out = []
    tree = viewer.comment_tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            item = top.child(j)
            out.append(item)
            out.extend(item.child(k) for k in range(item.childCount()))
    return out


def _waiting(viewer) -> list[str]:
    return [it.text(0).splitlines()[0] for it in _panel_items(viewer) if it.data(0, PENDING_ROLE)]


def test_panel_marks_what_waits_to_sync_refuses_empty_text_and_reopens(qtbot, own_service, make_client, corpus,
                                                                       sessions):
    w, url = own_service.world, own_service.url
    m, doc = _meeting_with_document(make_client, w, corpus["text"], server=url)
    a_client = _signed_in(make_client, w, "delegate", doc, server=url)
    b_client = _signed_in(make_client, w, "colleague", doc, server=url, download=False)
    b = SyncedAnnotationStore(b_client)
    va = _open(qtbot, sessions(a_client), doc, "Cần số liệu so sánh cùng kỳ")
    assert va.btn_resolve.text() == "Resolve"

    # offline: a shared note and a reply show "Waiting to sync", in the panel's words and in italics
    own_service.kill()
    va.view.set_zoom(1.0)
    va.act_share.setChecked(True)
    va.set_tool("note")
    with qtbot.waitSignal(va.annotations_changed, timeout=3000):
        qtbot.mouseClick(va.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(va, 0, 450, 100))
    comment = va.annotations[-1]
    assert comment.shared and a_client.is_pending("comments", comment.id)
    assert _waiting(va) == ["Comment · Note · Nguyễn Văn An · Waiting to sync"]
    assert _panel_items(va)[0].font(0).italic() and _panel_items(va)[0].toolTip(0)

    # an empty or too long reply is refused with a message, and nothing is queued
    va.select_annotation(comment.id)
    queued = len(a_client.store.outbox())
    for text, says in (("   ", "A reply needs text"), ("x" * 20_001, "at most 20,000 characters")):
        va.message.hide()
        va.reply_edit.setText(text)
        va.btn_reply.click()
        assert va.message.isVisible() and says in va.message.text(), va.message.text()
        assert len(a_client.store.outbox()) == queued and va.annotations[-1].replies == ()
    va.message.hide()
    va.reply_edit.setText("Kèm phụ lục 2")
    with qtbot.waitSignal(va.annotations_changed, timeout=3000):
        va.btn_reply.click()
    assert not va.message.isVisible() and va.reply_edit.text() == ""
    assert _waiting(va) == ["Comment · Note · Nguyễn Văn An · Waiting to sync", "↳ Nguyễn Văn An · Waiting to sync: Kèm phụ lục 2"]
    with pytest.raises(OfflineError):
        a_client.sync()
    assert len(_waiting(va)) == 2  # still waiting: nothing reached the service

    # back online: after the sync round the marks are gone, and B has both, once
    own_service.restart()
    assert a_client.sync()["failed"] == []
    qtbot.waitUntil(lambda: _waiting(va) == [], timeout=5000)
    assert [it.text(0) for it in _panel_items(va)][1] == "↳ Nguyễn Văn An: Kèm phụ lục 2"
    b_client.sync()
    assert [(x.id, x.body, len(x.replies)) for x in b.list_for_document(doc["sha256"], w.users["colleague"])] == [
        (comment.id, "Cần số liệu so sánh cùng kỳ", 1)]

    # resolve from the panel: the button then offers to reopen; undo reopens it; B sees each after sync
    va.select_annotation(comment.id)
    with qtbot.waitSignal(va.annotations_changed, timeout=3000):
        va.btn_resolve.click()
    assert va.annotations[-1].resolved and va.btn_resolve.text() == "Reopen"
    assert _waiting(va) == ["Comment · Note · Nguyễn Văn An (resolved) · Waiting to sync"]
    assert a_client.sync()["failed"] == []
    b_client.sync()
    assert b.get(comment.id).resolved
    va.act_undo.trigger()
    assert not va.annotations[-1].resolved and [x["name"] for x in a_client.store.outbox()] == ["reopen_comment"]
    assert a_client.sync()["failed"] == []
    b_client.sync()
    assert not b.get(comment.id).resolved
    # and the Reopen button itself, after resolving again
    va.select_annotation(comment.id)
    va.btn_resolve.click()
    va.select_annotation(comment.id)
    assert va.btn_resolve.text() == "Reopen"
    va.btn_resolve.click()
    assert [x["name"] for x in a_client.store.outbox()] == ["resolve_comment", "reopen_comment"]
    assert a_client.sync()["failed"] == []
    b_client.sync()
    assert not b.get(comment.id).resolved and not va.message.isVisible()
    assert a_client.failed_mutations() == []
