"""Annotation model, SQLite store, undo/redo, mapping to the synced tables, export read back."""

from __future__ import annotations

import pymupdf
import pytest

from ecabinet_client.domain.schema import BOOKKEEPING, TABLES
from ecabinet_client.viewer.annotations import (
    AddAnnotation,
    Annotation,
    AnnotationStore,
    CommandStack,
    DeleteAnnotation,
    MoveAnnotation,
    SqliteAnnotationStore,
    from_row,
    hits,
    offset_on_page,
    reply_to_row,
    to_row,
    translated,
)
from ecabinet_client.viewer.document import PdfDocument
from ecabinet_client.viewer.export import Watermark, export_annotated, export_summary

SHA = "ab" * 32


def sample(kind: str, author: str = "u1", **kw) -> Annotation:
    data = {
        "highlight": {"rects": [[72, 60, 200, 75]], "text": "Biên bản họp"},
        "underline": {"rects": [[72, 88, 200, 103]], "text": "Quyết định"},
        "strike": {"rects": [[72, 116, 200, 131]], "text": "Nội dung"},
        "ink": {"strokes": [[[100, 300, 0.2], [150, 320, 0.8], [200, 310, 1.0]]], "width": 3},
        "rect": {"rect": [300, 300, 400, 380], "width": 2},
        "arrow": {"start": [300, 450], "end": [400, 500], "width": 2},
        "note": {"point": [450, 100], "text": "Cần xem lại số liệu"},
    }[kind]
    return Annotation.create(document_sha256=SHA, page=0, kind=kind, data=data, author_id=author, **kw)


def test_sqlite_store_is_an_annotation_store(store):
    assert isinstance(store, AnnotationStore)


def test_private_annotations_are_owner_scoped_and_comments_shared(store):
    mine = sample("ink", "u1")
    theirs = sample("highlight", "u2")
    comment = sample("note", "u2", shared=True, body="Đề nghị bổ sung")
    for a in (mine, theirs, comment):
        store.put(a)
    u1 = store.list_for_document(SHA, "u1")
    assert {a.id for a in u1} == {mine.id, comment.id}
    u2 = store.list_for_document(SHA, "u2")
    assert {a.id for a in u2} == {theirs.id, comment.id}
    assert store.list_for_document("other", "u1") == []
    got = store.get(mine.id)
    assert got == mine  # data round-trips exactly, pressure included
    assert got.data["strokes"][0][1] == [150, 320, 0.8]


def test_comment_reply_resolve_and_observe(store):
    seen: list[str] = []
    stop = store.observe(seen.append)
    c = store.add_comment(sample("highlight", "u2", body="Số liệu chưa khớp"))
    assert c.shared
    r = store.reply(c.id, author_id="u1", body="Đã sửa")
    store.resolve(c.id)
    got = store.get(c.id)
    assert got.resolved and got.replies == (r,)
    assert seen == [SHA, SHA, SHA]
    stop()
    store.delete(c.id)
    assert seen == [SHA, SHA, SHA]
    assert store.get(c.id) is None
    with pytest.raises(KeyError):
        store.reply("nope", author_id="u1", body="x")


def test_sharing_a_private_note_moves_it(store):
    a = sample("note", "u1")
    store.put(a)
    store.add_comment(a)
    assert store.get(a.id).shared
    assert [x.id for x in store.list_for_document(SHA, "u2")] == [a.id]


def test_rows_map_one_to_one_on_the_synced_tables():
    for kind in ("highlight", "underline", "strike", "ink", "rect", "arrow", "note"):
        private = sample(kind)
        table, row = to_row(private)
        assert table == "annotations"
        assert set(row) <= set(TABLES["annotations"].all_columns)
        assert len(row["id"]) == 32 and int(row["id"], 16) >= 0
        assert from_row(table, row) == private
        shared = sample(kind, shared=True, body="góp ý", agenda_item_id="ag1", meeting_id="m1")
        table, row = to_row(shared)
        assert table == "comments"
        assert set(row) <= set(TABLES["comments"].all_columns)
        assert from_row(table, row) == shared
    from ecabinet_client.viewer.annotations import Reply

    parent = sample("note", shared=True, body="x")
    row = reply_to_row(Reply(id="r" * 32, parent_id=parent.id, author_id="u2", body="y"), parent)
    assert set(row) <= set(TABLES["comments"].all_columns) - set(BOOKKEEPING) | {"id"}


def test_undo_redo(store):
    changes = []
    stack = CommandStack(store, on_change=lambda: changes.append(1))
    a = sample("rect")
    stack.push(AddAnnotation(a))
    assert store.get(a.id) is not None
    stack.undo()
    assert store.get(a.id) is None
    stack.redo()
    assert store.get(a.id) is not None
    stack.push(DeleteAnnotation(a))
    assert store.get(a.id) is None
    stack.undo()
    assert store.get(a.id) == a
    assert not stack.can_redo() or stack.can_redo()  # state is queryable
    assert len(changes) == 5


def test_moving_marks_geometry_hits_and_one_undo_per_series_of_nudges(store):
    moved = {k: translated(sample(k), 10, -5).data for k in ("highlight", "ink", "rect", "arrow", "note")}
    assert moved["highlight"]["rects"] == [[82, 55, 210, 70]] and moved["highlight"]["text"] == "Biên bản họp"
    assert moved["ink"]["strokes"] == [[[110, 295, 0.2], [160, 315, 0.8], [210, 305, 1.0]]] and moved["ink"]["width"] == 3
    assert (moved["rect"]["rect"], moved["arrow"]["start"], moved["arrow"]["end"]) == ([310, 295, 410, 375], [310, 445],
                                                                                       [410, 495])
    assert moved["note"]["point"] == [460, 95] and moved["note"]["text"] == "Cần xem lại số liệu"
    # kept on an A4 page (595 × 842): the box stops at the edges
    assert offset_on_page(sample("rect"), 500, -400, (595, 842)) == (195, -300)
    assert offset_on_page(sample("rect"), -12.5, 3, (595, 842)) == (-12.5, 3)
    # what a press takes: a text mark's rectangles, near a stroke or an outline, a note's icon; not a frame's inside
    assert hits(sample("highlight"), 100, 70, 1) and not hits(sample("highlight"), 100, 80, 1)
    assert hits(sample("ink"), 125, 310, 1) and not hits(sample("ink"), 125, 318, 1)
    assert hits(sample("rect"), 301, 340, 1) and not hits(sample("rect"), 350, 340, 1)
    assert hits(sample("arrow"), 350, 475, 1) and not hits(sample("arrow"), 350, 460, 1)
    assert hits(sample("note"), 455, 122, 1) and not hits(sample("note"), 475, 100, 1)
    # a drag is one command; consecutive nudges of one mark are one command; undo puts it back
    a = sample("rect")
    store.put(a)
    stack = CommandStack(store)
    dragged = translated(a, 20, 20)
    stack.push(MoveAnnotation(a, dragged))
    step = dragged
    for _ in range(3):
        stack.push(MoveAnnotation(step, translated(step, 1, 0), nudge=True))
        step = store.get(a.id)
    assert store.get(a.id).data["rect"] == [323, 320, 423, 400]
    stack.undo()
    assert store.get(a.id) == dragged
    stack.undo()
    assert store.get(a.id) == a and not stack.can_undo()
    stack.redo()
    stack.redo()
    assert store.get(a.id).data["rect"] == [323, 320, 423, 400]
    stack.push(MoveAnnotation(step, translated(step, 0, 1)))  # a drag after nudges is its own step
    stack.undo()
    assert store.get(a.id).data["rect"] == [323, 320, 423, 400]


def test_export_annotated_copy_reads_back(corpus, tmp_path):
    src = corpus["text"].read_bytes()
    doc = PdfDocument.from_bytes(src)
    anns = [sample(k).__class__(**{**sample(k).__dict__, "document_sha256": doc.sha256}) for k in
            ("highlight", "underline", "strike", "ink", "rect", "arrow", "note")]
    comment = sample("note", "u2", shared=True, body="Đề nghị làm rõ")
    comment = comment.__class__(**{**comment.__dict__, "data": {"point": [300, 200]}})
    store = SqliteAnnotationStore()
    store.put(comment)
    store.reply(comment.id, author_id="u1", body="Đồng ý")
    anns.append(store.get(comment.id))
    names = {"u1": "Nguyễn Văn A", "u2": "Trần Thị Bình"}
    out = export_annotated(src, anns, tmp_path / "annotated.pdf", names=names.get,
                           watermark=Watermark("Nguyễn Văn A", "Sở Nội vụ"))
    back = pymupdf.open(out)
    first = back[0]
    annots = list(first.annots())
    types = [a.type[1] for a in annots]
    assert types == ["Highlight", "Underline", "StrikeOut", "Ink", "Square", "Line", "Text", "Text"]
    assert annots[5].line_ends[1] == pymupdf.PDF_ANNOT_LE_OPEN_ARROW
    assert annots[0].info["title"] == "Nguyễn Văn A"
    assert annots[6].info["content"] == "Cần xem lại số liệu"
    assert annots[7].info["title"] == "Trần Thị Bình"
    assert annots[7].info["content"] == "Đề nghị làm rõ\n↳ Nguyễn Văn A: Đồng ý"
    assert annots[0].rect.intersects(pymupdf.Rect(72, 60, 200, 75))
    # watermark on every page, source untouched
    for page in back:
        assert "Nguyễn Văn A · Sở Nội vụ" in page.get_text().replace("\n", "")
    assert corpus["text"].read_bytes() == src
    assert not list(pymupdf.open(corpus["text"])[0].annots())


def test_export_summary(tmp_path):
    store = SqliteAnnotationStore()
    a = sample("highlight")
    store.put(a)
    c = store.add_comment(sample("note", "u2", body="Góp ý về mục 3"))
    store.reply(c.id, author_id="u1", body="Tiếp thu")
    store.resolve(c.id)
    out = export_summary("tai-lieu.pdf", store.list_for_document(SHA, "u1"), tmp_path / "s.pdf",
                         names={"u1": "Nguyễn Văn A", "u2": "Trần Thị Bình"}.get)
    text = pymupdf.open(out)[0].get_text()
    for expected in ("Tổng hợp ghi chú và góp ý", "tai-lieu.pdf", "Trang 1", "Tô sáng", "“Biên bản họp”",
                     "Góp ý về mục 3", "Trần Thị Bình", "↳ Nguyễn Văn A", "Tiếp thu", "đã giải quyết"):
        assert expected in text
    en = export_summary("x.pdf", [], tmp_path / "e.pdf", language="en")
    assert "No notes or comments yet." in pymupdf.open(en)[0].get_text()


def test_invalid_kind():
    with pytest.raises(ValueError):
        Annotation.create(document_sha256=SHA, page=0, kind="scribble", data={}, author_id="u")
