"""The viewer wired to the synced store: private notes (ghi chú) and shared comments (góp ý) of two users
through the real service on loopback, real client stores, real PDFs."""

from __future__ import annotations

from dataclasses import replace

import pytest
import shiboken6
from PySide6.QtCore import Qt

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.sync.api import OfflineError
from ecabinet_client.sync.blobs import download_blob
from ecabinet_client.sync.engine import wait_until
from ecabinet_client.ui.session import Session
from ecabinet_client.viewer.annotations import Annotation, AnnotationStore, ChangeAnnotation, CommandStack
from ecabinet_client.viewer.synced import SyncedAnnotationStore, UnsupportedChange
from ecabinet_client.viewer.widget import MemoryState, ViewerWidget
from ecabinet_client.viewer.window import open_document
from tests.service.conftest import db, service, world  # noqa: F401 - fixtures
from tests.sync.conftest import make_client, own_service  # noqa: F401 - fixtures
from tests.viewer.helpers import drag, points, view_point

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
    stack.redo()  # share again: a withdrawn comment cannot come back, so it is posted anew
    a_client.sync()
    b_client.sync()
    again = _comments(b_client, sha)
    assert len(again) == 1 and again[0].id != private.id and again[0].body == "Hỏi Sở KH-ĐT"
    assert a.get(private.id).id == again[0].id  # the undo stack's id still reaches it
    stack.undo()
    stack.redo()
    a_client.sync()
    b_client.sync()
    assert len(_comments(b_client, sha)) == 1 and len(world.rows("comments", document_sha256=sha)) == 3

    # the chair resolves it; nobody can reopen it or move it; a comment needs a meeting and text
    cid = _comments(b_client, sha)[0].id
    chair.sync()
    SyncedAnnotationStore(chair).resolve(cid)
    assert chair.sync()["failed"] == []
    a_client.sync()
    assert a.get(cid).resolved
    with pytest.raises(UnsupportedChange):
        a.resolve(cid, False)
    with pytest.raises(UnsupportedChange):
        a.put(replace(a.get(cid), data={**a.get(cid).data, "point": [10.0, 10.0]}))
    with pytest.raises(DomainError):
        a.put(Annotation.create(page=0, kind="note", author_id=a_id, data={"point": [1, 1]}, shared=True, body="x",
                                document_sha256=sha))
    with pytest.raises(DomainError):
        a.put(Annotation.create(page=0, kind="rect", author_id=a_id, data={"rect": [1, 1, 5, 5]}, shared=True, **where))
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

    # A resolves it; B sees it resolved; A cannot reopen it (told why), and B's viewer still lists it once
    va.select_annotation(comment.id)
    va.btn_resolve.click()
    a_client.sync()
    b_client.sync()
    qtbot.waitUntil(lambda: vb.annotations and vb.annotations[0].resolved, timeout=5000)
    va.select_annotation(comment.id)
    va.btn_resolve.click()
    assert va.message.isVisible() and va.annotations[-1].resolved
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
