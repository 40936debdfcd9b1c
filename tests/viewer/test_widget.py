"""The viewer widget, offscreen: what a user sees and does."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPointingDevice, QTabletEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ecabinet_client.viewer import document as document_mod
from ecabinet_client.viewer.document import ViewerError
from ecabinet_client.viewer.annotations import TEXT_KINDS
from ecabinet_client.viewer.render import ImageCache, TileKey
from ecabinet_client.viewer.widget import MemoryState, Reader, ViewerPolicy, ViewerWidget
from tests.viewer.corpus import RED_RECT
from tests.viewer.helpers import color_at, drag, grab_point, points, screen, view_point, wait_rendered

# The offscreen platform plugin warns whenever a top-level widget's size hints change; real platforms do not.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def make_viewer(qtbot, store):
    made = []

    def make(*, reader=Reader("u1", "Nguyễn Văn A", "Sở Nội vụ"), policy=ViewerPolicy(watermark=False), state=None,
             password=None, text="Ghi chú thử", size=(1000, 760)):
        v = ViewerWidget(
            store=store,
            reader=reader,
            policy=policy,
            state=state if state is not None else MemoryState(),
            names={"u1": "Nguyễn Văn A", "u2": "Trần Thị Bình"}.get,
            ask_password=password or (lambda name, retry: None),
            ask_text=lambda title, label: text,
        )
        qtbot.addWidget(v)
        v.resize(*size)
        v.show()
        qtbot.waitExposed(v)
        made.append(v)
        return v

    yield make
    for v in made:
        v.close_document()


@pytest.fixture
def viewer(make_viewer, corpus):
    v = make_viewer()
    assert v.open(corpus["text"])
    return v


def test_renders_the_page_like_pymupdf(viewer, qtbot, corpus):
    viewer.view.set_zoom(1.0)
    wait_rendered(qtbot, viewer)
    img = viewer.grab_page_image(0)
    dpr = viewer.view.devicePixelRatioF()
    scale = viewer.view.scale * dpr
    ref = pymupdf.open(corpus["text"])[0].get_pixmap(matrix=pymupdf.Matrix(scale, scale))
    assert (img.width(), img.height()) == (ref.width, ref.height)
    ours = img.convertToFormat(QImage.Format.Format_RGB888)
    diff = 0
    for y in range(0, ref.height, 37):
        for x in range(0, ref.width, 29):
            c = ours.pixelColor(x, y)
            diff = max(diff, *(abs(a - b) for a, b in zip((c.red(), c.green(), c.blue()), ref.pixel(x, y))))
    assert diff <= 2
    # and on screen: the red rectangle is painted where the PDF has it
    x0, y0, x1, y1 = RED_RECT
    inside, outside = points(viewer, 0, ((x0 + x1) / 2, (y0 + y1) / 2), (x0 - 10, y0 - 10))
    shot = screen(viewer)
    assert color_at(shot, inside) == (255, 0, 0)
    assert color_at(shot, outside) == (255, 255, 255)


def test_placeholder_then_page(make_viewer, qtbot, corpus, monkeypatch):
    v = make_viewer()
    slow = []
    real = document_mod.PdfDocument.render

    def gated(self, *a, **kw):
        slow.append(1)
        return real(self, *a, **kw)

    monkeypatch.setattr(document_mod.PdfDocument, "render", gated)
    v.open(corpus["text"])
    v.view.viewport().repaint()  # painting never waits: a placeholder or the page, no blocking
    wait_rendered(qtbot, v)
    assert slow


def test_error_tile_for_a_failing_page(make_viewer, qtbot, corpus, monkeypatch):
    real = document_mod.PdfDocument.render

    def broken(self, index, *a, **kw):
        if index == 1:
            raise ViewerError("render_failed", page=index + 1)
        return real(self, index, *a, **kw)

    monkeypatch.setattr(document_mod.PdfDocument, "render", broken)
    v = make_viewer(size=(1000, 2200))
    v.open(corpus["text"])
    with qtbot.waitSignal(v.renderer.failed, timeout=10_000) as blocker:
        v.view.viewport().repaint()
    assert blocker.args == [1, "Không hiển thị được trang 2."]
    wait_rendered(qtbot, v, pages=(0, 2))
    shot = screen(v)
    r = v.view.page_rect(1)
    assert color_at(shot, QPoint(int(r.left() + 6), int(r.top() + 30))) == (253, 236, 234)  # error tile
    v.go_to_page(3)
    wait_rendered(qtbot, v, pages=(3,))  # the rest still works


@pytest.mark.parametrize(
    ("name", "code"),
    [("zero", "empty_file"), ("not_pdf", "not_pdf"), ("no_pages", "no_pages"), ("garbage", "damaged")],
)
def test_bad_files_show_a_message(make_viewer, qtbot, corpus, name, code):
    v = make_viewer()
    with qtbot.waitSignal(v.open_failed, timeout=3000) as blocker:
        assert not v.open(corpus[name])
    assert blocker.args[0].code == code
    assert v.message.isVisible() and v.message.text() == blocker.args[0].message("vi")
    assert v.document is None


def test_truncated_file_warns_but_opens(make_viewer, qtbot, corpus):
    v = make_viewer()
    assert v.open(corpus["truncated"])
    assert v.message.isVisible()


def test_password_asked_and_wrong_password_said(make_viewer, qtbot, corpus):
    asked = []
    answers = iter(["sai", "mat-khau"])

    def ask(name, retry):
        asked.append((name, retry))
        return next(answers)

    v = make_viewer(password=ask)
    assert v.open(corpus["encrypted"])
    assert asked == [("encrypted.pdf", False), ("encrypted.pdf", True)]
    assert v.document.page_count == 5
    v2 = make_viewer(password=lambda n, r: None)
    assert not v2.open(corpus["encrypted"])
    assert "mật khẩu" in v2.message.text()


def test_navigation_and_remembered_state(make_viewer, qtbot, corpus):
    state = MemoryState()
    v = make_viewer(state=state)
    v.open(corpus["text"])
    with qtbot.waitSignal(v.page_changed, timeout=2000):
        v.go_to_page(3)
    assert v.current_page == 3 and v.page_box.value() == 4
    v.act_prev.trigger()
    assert v.current_page == 2
    v.act_next.trigger()
    assert v.current_page == 3
    v.set_zoom(1.5)
    assert v.zoom_box.currentText() == "150 %"
    v.close_document()
    assert state.states and list(state.states.values())[0]["page"] == 3
    v.open(corpus["text"])
    assert v.current_page == 3 and abs(v.view.zoom - 1.5) < 1e-6
    # outline (filled once the first pages are painted) and go to page box
    qtbot.waitUntil(lambda: v.outline.topLevelItemCount() > 1)
    v.outline.itemClicked.emit(v.outline.topLevelItem(1), 0)
    assert v.current_page == 2
    v.page_box.setValue(5)
    v.page_box.editingFinished.emit()
    assert v.current_page == 4


def test_single_page_mode(viewer, qtbot):
    viewer.act_single.trigger()
    assert not viewer.view.continuous
    assert viewer.view.visible_pages() == [viewer.current_page]
    viewer.view.setFocus()
    QTest.keyClick(viewer.view, Qt.Key.Key_PageDown)
    assert viewer.current_page == 1
    assert viewer.view.visible_pages() == [1]


def test_zoom_fit_ctrl_wheel_and_limits(viewer, qtbot):
    v = viewer.view
    viewer.act_fit_width.trigger()
    w = viewer.document.page_size(0)[0]
    assert abs(v.page_rect(0).width() - (v.viewport().width() - 24)) <= 2
    viewer.act_fit_page.trigger()
    assert v.page_rect(0).height() <= v.viewport().height()
    v.set_zoom(1.0)
    pos = QPointF(200, 200)
    ev = QWheelEvent(pos, v.viewport().mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(v.viewport(), ev)
    assert abs(v.zoom - 1.1) < 1e-6
    v.set_zoom(50)
    assert v.zoom == 4.0
    v.set_zoom(0.01)
    assert v.zoom == 0.5
    assert w > 0


def test_rotate_and_night_mode(viewer, qtbot):
    viewer.view.set_zoom(1.0)
    wait_rendered(qtbot, viewer)
    r0 = viewer.view.page_rect(0)
    viewer.act_rotate.trigger()
    r1 = viewer.view.page_rect(0)
    assert abs(r1.width() - r0.height()) < 1 and abs(r1.height() - r0.width()) < 1
    wait_rendered(qtbot, viewer)
    # the red rectangle is still where the rotated page has it
    x0, y0, x1, y1 = RED_RECT
    inside = view_point(viewer, 0, (x0 + x1) / 2, (y0 + y1) / 2)
    assert color_at(screen(viewer), inside) == (255, 0, 0)
    viewer.act_rotate.trigger()
    viewer.act_rotate.trigger()
    viewer.act_rotate.trigger()
    viewer.set_night_mode(True)
    wait_rendered(qtbot, viewer)
    inside, outside = points(viewer, 0, ((x0 + x1) / 2, (y0 + y1) / 2), (x0 - 10, y0 - 10))
    viewer.view.viewport().repaint()
    shot = screen(viewer)
    assert color_at(shot, outside) == (0, 0, 0)  # white paper is dark
    assert color_at(shot, inside) == (0, 255, 255)


def test_search_panel_accents_and_f3(viewer, qtbot):
    viewer.act_search.trigger()
    viewer.search_edit.setText("bien ban")
    with qtbot.waitSignal(viewer.search_finished, timeout=5000) as blocker:
        QTest.keyClick(viewer.search_edit, Qt.Key.Key_Return)
    assert blocker.args == [5]
    assert viewer.search_results.count() == 5
    assert viewer.search_results.item(0).text().startswith("tr. 1:") or viewer.search_results.item(0).text().startswith("p. 1:")
    assert "Biên bản" in viewer.search_results.item(0).text()
    assert viewer.view.current_hit == 0
    viewer.act_find_next.trigger()
    assert viewer.view.current_hit == 1 and viewer.current_page == 1
    viewer.act_find_prev.trigger()
    viewer.act_find_prev.trigger()
    assert viewer.view.current_hit == 4 and viewer.current_page == 4
    wait_rendered(qtbot, viewer, pages=(4,))
    rect = viewer.hits[4].rects[0]
    where = view_point(viewer, 4, rect[0] + 1, rect[1] + 2)
    c = color_at(screen(viewer), where)
    assert c[2] < 200 and c[0] > 200  # orange-tinted: highlighted on the page


def test_search_nfd_query_in_ui(viewer, qtbot):
    import unicodedata

    with qtbot.waitSignal(viewer.search_finished, timeout=5000) as blocker:
        viewer.search(unicodedata.normalize("NFD", "quyết định"))
    assert blocker.args == [5]


def test_text_selection_and_copy(viewer, qtbot):
    wait_rendered(qtbot, viewer)
    drag(qtbot, viewer.view.viewport(), *points(viewer, 0, (75, 68), (200, 68)))
    assert viewer.selected_text().startswith("Trang 1:")
    assert viewer.copy_selection()
    assert QApplication.clipboard().text().startswith("Trang 1:")


def test_copy_forbidden_by_document_or_policy(make_viewer, qtbot, corpus):
    v = make_viewer()
    v.open(corpus["nocopy"])
    assert not v.copy_allowed and not v.act_copy.isEnabled() and not v.act_print.isEnabled()
    drag(qtbot, v.view.viewport(), *points(v, 0, (75, 68), (200, 68)))
    assert v.selected_text() == ""
    assert not v.copy_selection()
    p = make_viewer(policy=ViewerPolicy(allow_copy=False, allow_print=False, allow_export=False))
    p.open(corpus["text"])
    assert not p.copy_allowed and not p.act_export.isEnabled()
    with qtbot.waitSignal(p.export_failed, timeout=1000):
        p.export_annotated_copy("/tmp/never.pdf")


def _tool(viewer, qtbot, tool, a, b):
    viewer.set_tool(tool)
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        drag(qtbot, viewer.view.viewport(), *points(viewer, 0, a, b))
    return viewer.annotations[-1]


@pytest.mark.parametrize("tool", ["highlight", "underline", "strike"])
def test_text_markup_tools_with_mouse(viewer, qtbot, store, tool):
    a = _tool(viewer, qtbot, tool, (75, 68), (200, 68))
    assert a.kind == tool and a.author_id == "u1" and not a.shared
    assert a.data["text"].startswith("Trang 1:")
    assert a.data["rects"][0][0] == pytest.approx(72, abs=1)
    assert store.get(a.id) == a


def test_shape_tools_with_mouse(viewer, qtbot):
    viewer.view.set_zoom(1.0)
    viewer.view.color = "#2e7d32"
    rect = _tool(viewer, qtbot, "rect", (300, 300), (400, 380))
    assert rect.kind == "rect" and rect.data["color"] == "#2e7d32"
    assert rect.data["rect"] == pytest.approx([300, 300, 400, 380], abs=1.0)
    arrow = _tool(viewer, qtbot, "arrow", (300, 450), (400, 500))
    assert arrow.data["start"] == pytest.approx([300, 450], abs=1.0)
    assert arrow.data["end"] == pytest.approx([400, 500], abs=1.0)
    ink = _tool(viewer, qtbot, "ink", (100, 300), (200, 340))
    assert len(ink.data["strokes"][0]) >= 5 and ink.data["strokes"][0][0][2] == 0.5
    # note: click, the text is asked for
    viewer.set_tool("note")
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        qtbot.mouseClick(viewer.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(viewer, 0, 450, 100))
    note = viewer.annotations[-1]
    assert note.kind == "note" and note.data["text"] == "Ghi chú thử"
    wait_rendered(qtbot, viewer)
    shot = screen(viewer)
    g = color_at(shot, view_point(viewer, 0, 300, 340))  # left edge of the green rectangle
    assert g[1] > 100 and g[0] < 100


def _tablet(widget, kind, pos: QPoint, pressure: float):
    dev = QPointingDevice.primaryPointingDevice()
    for d in QPointingDevice.devices():
        if d.type() == QPointingDevice.DeviceType.Stylus:
            dev = d
    ev = QTabletEvent(kind, dev, QPointF(pos), QPointF(widget.mapToGlobal(pos)), pressure, 0, 0, 0, 0, 0,
                      Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                      Qt.MouseButton.LeftButton if kind != QEvent.Type.TabletRelease else Qt.MouseButton.NoButton)
    QApplication.sendEvent(widget, ev)
    return ev


def test_ink_with_pen_pressure(viewer, qtbot):
    viewer.set_tool("ink")
    vp = viewer.view.viewport()
    pts = points(viewer, 0, *[(100 + i * 10, 400 + i * 3) for i in range(8)])
    pressures = [0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 1.0]
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        ev = _tablet(vp, QEvent.Type.TabletPress, pts[0], pressures[0])
        assert ev.isAccepted()
        for p, pr in zip(pts[1:], pressures[1:]):
            _tablet(vp, QEvent.Type.TabletMove, p, pr)
        _tablet(vp, QEvent.Type.TabletRelease, pts[-1], 1.0)
    a = viewer.annotations[-1]
    got = [p[2] for p in a.data["strokes"][0]]
    assert got[:8] == pytest.approx(pressures, abs=1e-3)
    # thicker where pressed harder: count ink pixels across the stroke at both ends
    wait_rendered(qtbot, viewer)
    viewer.view.viewport().repaint()


def _touch(viewer, positions_per_step):
    dev = QTest.createTouchDevice()
    vp = viewer.view.viewport()
    seq = QTest.touchEvent(vp, dev)
    first = positions_per_step[0]
    for i, p in enumerate(first):
        seq.press(i, p, vp)
    seq.commit()
    for step in positions_per_step[1:]:
        seq = QTest.touchEvent(vp, dev)
        for i, p in enumerate(step):
            seq.move(i, p, vp)
        seq.commit()
    seq = QTest.touchEvent(vp, dev)
    for i, p in enumerate(positions_per_step[-1]):
        seq.release(i, p, vp)
    seq.commit()


def test_finger_draws_in_pen_mode_and_scrolls_otherwise(viewer, qtbot):
    viewer.view.set_zoom(1.0)
    viewer.set_tool("ink")
    steps = [[p] for p in points(viewer, 0, *[(100 + i * 12, 600) for i in range(6)])]
    vs = viewer.view.verticalScrollBar()
    before = vs.value()
    _touch(viewer, steps)  # pen mode off: a finger does not draw
    assert viewer.annotations == []
    viewer.act_pen_mode.trigger()
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        _touch(viewer, steps)
    a = viewer.annotations[-1]
    assert a.kind == "ink" and a.data["strokes"][0][0][0] == pytest.approx(100, abs=1)
    # finger scroll in browse mode
    viewer.set_tool("browse")
    _touch(viewer, [[QPoint(300, 500)], [QPoint(300, 400)], [QPoint(300, 300)]])
    assert vs.value() > before


def test_pinch_zoom(viewer, qtbot):
    viewer.view.set_zoom(1.0)
    _touch(viewer, [[QPoint(300, 300), QPoint(400, 300)], [QPoint(275, 300), QPoint(425, 300)],
                    [QPoint(250, 300), QPoint(450, 300)]])
    assert viewer.view.zoom == pytest.approx(2.0, abs=0.01)
    assert viewer.annotations == []


def test_eraser_undo_redo(viewer, qtbot, store):
    viewer.view.set_zoom(1.0)
    rect = _tool(viewer, qtbot, "rect", (300, 300), (400, 380))
    viewer.set_tool("eraser")
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        qtbot.mouseClick(viewer.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(viewer, 0, 300, 340))
    assert viewer.annotations == [] and store.get(rect.id) is None
    viewer.act_undo.trigger()
    assert [a.id for a in viewer.annotations] == [rect.id]
    viewer.act_redo.trigger()
    assert viewer.annotations == []
    viewer.act_undo.trigger()
    viewer.act_undo.trigger()
    assert viewer.annotations == [] and not viewer.act_undo.isEnabled()


# -- moving marks in the select tool ------------------------------------------------------------------------
MOVABLE = {  # kind: (data, a point on the mark to take it by)
    "ink": ({"strokes": [[[100.0, 300.0, 0.2], [150.0, 320.0, 0.8], [200.0, 310.0, 1.0]], [[110.0, 330.0, 0.5]]],
             "width": 3.0}, (125, 310)),
    "rect": ({"rect": [300.0, 300.0, 400.0, 380.0], "width": 2.0}, (300, 340)),
    "arrow": ({"start": [300.0, 450.0], "end": [400.0, 500.0], "width": 2.0}, (350, 475)),
    "note": ({"point": [450.0, 100.0], "text": "Xem lại"}, (460, 110)),
}


def _put(viewer, kind, data=None, *, author="u1", **kw):
    """A mark stored as if drawn earlier (by ``author``), shown in the viewer."""
    from ecabinet_client.viewer.annotations import Annotation

    a = Annotation.create(document_sha256=viewer.document.sha256, page=0, kind=kind, data=data or MOVABLE[kind][0],
                          author_id=author, **kw)
    viewer.store.put(a)
    viewer.reload_annotations()
    return a


def _shifted(kind, data, dx, dy):
    """``data`` of a ``kind`` moved by (dx, dy), written out here rather than with the code under test."""
    if kind == "ink":
        return [[[p[0] + dx, p[1] + dy, p[2]] for p in s] for s in data["strokes"]]
    if kind == "rect":
        x0, y0, x1, y1 = data["rect"]
        return [x0 + dx, y0 + dy, x1 + dx, y1 + dy]
    if kind == "arrow":
        return [[data["start"][0] + dx, data["start"][1] + dy], [data["end"][0] + dx, data["end"][1] + dy]]
    return [data["point"][0] + dx, data["point"][1] + dy]


def _flat(value) -> list[float]:
    return [x for v in value for x in _flat(v)] if isinstance(value, (list, tuple)) else [value]


def _geometry(a) -> list[float]:
    d = a.data
    return _flat({"ink": d.get("strokes"), "rect": d.get("rect"), "arrow": [d.get("start"), d.get("end")],
                  "note": d.get("point")}.get(a.kind, d.get("rects")))


@pytest.mark.parametrize(("kind", "rotation"), [(k, 0) for k in MOVABLE] + [("ink", 90), ("note", 270)])
def test_drag_moves_each_kind_of_mark_with_the_mouse(viewer, qtbot, store, kind, rotation):
    viewer.view.set_zoom(1.5)  # 2 view pixels per PDF point
    viewer.view.set_rotation(rotation)
    assert viewer.view.scale == pytest.approx(2.0)
    a = _put(viewer, kind)
    start = grab_point(viewer, 0, *MOVABLE[kind][1])
    assert viewer.view.tooltip_at(QPointF(start)) == viewer.view.move_hint != ""
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        drag(qtbot, viewer.view.viewport(), start, start + QPoint(60, 40))
    # 60, 40 view pixels are 30, 20 points; the view turned clockwise by 90° shows the page's x going down
    dx, dy = {0: (30, 20), 90: (20, -30), 270: (-20, 30)}[rotation]
    got = store.get(a.id)
    assert (got.page, got.kind) == (0, kind)
    assert _geometry(got) == pytest.approx(_flat(_shifted(kind, a.data, dx, dy)), abs=0.011)
    moved = ("strokes", "rect", "start", "end", "point")
    assert {k: v for k, v in got.data.items() if k not in moved} == {k: v for k, v in a.data.items() if k not in moved}
    assert viewer.view.selected_annotation == a.id and viewer.selected_annotation_id() == a.id
    assert viewer.view.selection is None  # no text was selected on the way


@pytest.mark.parametrize("kind", TEXT_KINDS)
def test_a_highlight_stays_on_its_text(viewer, qtbot, store, kind):
    # a press on one's own highlight selects its text (to copy a quote), as before moving marks came
    viewer.view.set_zoom(1.5)
    words = [w for w in viewer.document.words(0)][:3]
    rect = [min(w.rect[0] for w in words), min(w.rect[1] for w in words), max(w.rect[2] for w in words),
            max(w.rect[3] for w in words)]
    a = _put(viewer, kind, {"rects": [rect], "text": " ".join(w.text for w in words)})
    y = (rect[1] + rect[3]) / 2
    start, end = grab_point(viewer, 0, rect[0] + 1, y), grab_point(viewer, 0, rect[2] - 1, y)
    assert viewer.view.tooltip_at(QPointF(start)) == viewer.move_refusal(a) != ""
    drag(qtbot, viewer.view.viewport(), start, end)
    assert store.get(a.id).data["rects"] == [rect]
    assert viewer.view.selection is not None and viewer.view.selected_annotation != a.id
    viewer.view.selected_annotation = a.id
    qtbot.keyClick(viewer.view, Qt.Key.Key_Down)
    assert store.get(a.id).data["rects"] == [rect]


def test_move_preview_undo_redo_click_and_page_edges(viewer, qtbot, store):
    viewer.view.set_zoom(1.0)
    a = _put(viewer, "rect", {"rect": [60.0, 300.0, 160.0, 380.0], "width": 4.0, "color": "#2e7d32"})
    wait_rendered(qtbot, viewer)
    start = grab_point(viewer, 0, 60, 340)
    vp = viewer.view.viewport()
    # while dragging: drawn at the new place, nothing stored yet
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 5):
        qtbot.mouseMove(vp, start + QPoint(20 * i, 0))
    vp.repaint()
    g = color_at(screen(viewer), start + QPoint(80, 0))  # the new left edge
    assert g[1] > g[0] + 40 and g[1] > g[2] + 40, g
    assert store.get(a.id).data["rect"] == [60.0, 300.0, 160.0, 380.0] and not viewer.act_undo.isEnabled()
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(80, 0))
    moved = [60 + 60, 300, 160 + 60, 380]  # 80 pixels at 100 % are 60 points
    assert store.get(a.id).data["rect"] == pytest.approx(moved, abs=0.011)
    # one undo step puts it back, redo moves it again
    viewer.act_undo.trigger()
    assert store.get(a.id).data["rect"] == [60.0, 300.0, 160.0, 380.0] and not viewer.act_undo.isEnabled()
    viewer.act_redo.trigger()
    assert store.get(a.id).data["rect"] == pytest.approx(moved, abs=0.011)
    viewer.act_undo.trigger()
    # a tiny drag is a click: it selects the mark and moves nothing
    viewer.view.selected_annotation = None
    drag(qtbot, vp, start, start + QPoint(2, 1), steps=2)
    assert viewer.view.selected_annotation == a.id and store.get(a.id).data["rect"] == [60.0, 300.0, 160.0, 380.0]
    assert not viewer.act_undo.isEnabled() and viewer.act_redo.isEnabled()
    # a click off every mark selects none
    drag(qtbot, vp, start + QPoint(40, 0), start + QPoint(40, 0), steps=1)
    assert viewer.view.selected_annotation is None and viewer.selected_annotation_id() is None
    # kept on the page: dragged 100 points past the left edge (and up a little) it stops at the edge
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        drag(qtbot, vp, start, start + QPoint(-133, -8))
    assert store.get(a.id).data["rect"] == pytest.approx([0, 294, 100, 374], abs=0.011)
    # Escape during a drag leaves it where it was
    start = grab_point(viewer, 0, 0, 340)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(30, 30))
    QTest.keyClick(viewer.view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(40, 40))
    assert store.get(a.id).data["rect"] == pytest.approx([0, 294, 100, 374], abs=0.011)


def test_move_with_a_pen_and_with_a_finger(viewer, qtbot, store):
    viewer.view.set_zoom(1.5)
    a = _put(viewer, "arrow")
    vp = viewer.view.viewport()
    start = grab_point(viewer, 0, *MOVABLE["arrow"][1])
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        assert _tablet(vp, QEvent.Type.TabletPress, start, 0.3).isAccepted()
        for i in range(1, 6):
            _tablet(vp, QEvent.Type.TabletMove, start + QPoint(-8 * i, 10 * i), 0.6)
        _tablet(vp, QEvent.Type.TabletRelease, start + QPoint(-40, 50), 0.0)
    got = store.get(a.id).data
    assert got["start"] + got["end"] == pytest.approx([280, 475, 380, 525], abs=0.011)
    # a finger (pen mode off) moves the reader's own mark instead of scrolling the page
    vs, hs = viewer.view.verticalScrollBar(), viewer.view.horizontalScrollBar()
    start = grab_point(viewer, 0, 330, 500)
    before = (vs.value(), hs.value())
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        _touch(viewer, [[start + QPoint(3 * i, -4 * i)] for i in range(0, 21, 4)])
    got = store.get(a.id).data
    assert got["start"] + got["end"] == pytest.approx([310, 435, 410, 485], abs=0.011)  # 60, -80 px
    assert (vs.value(), hs.value()) == before
    # undo works the same for both
    viewer.act_undo.trigger()
    viewer.act_undo.trigger()
    assert store.get(a.id).data == a.data
    # and a finger tap selects it
    start = grab_point(viewer, 0, *MOVABLE["arrow"][1])
    viewer.view.selected_annotation = None
    _touch(viewer, [[start], [start + QPoint(1, 1)]])
    assert viewer.view.selected_annotation == a.id and store.get(a.id).data == a.data


def test_others_comments_and_resolved_comments_cannot_be_dragged(viewer, qtbot, store, monkeypatch):
    viewer.view.set_zoom(1.0)
    theirs = _put(viewer, "rect", author="u2", shared=True, body="Ý kiến của Sở Tài chính")
    resolved = _put(viewer, "arrow", shared=True, body="Đã xử lý", state="resolved")
    mine = _put(viewer, "note", shared=True, body="Góp ý của tôi")
    vp = viewer.view.viewport()
    vs = viewer.view.verticalScrollBar()
    for a, why in ((theirs, "Only its author can move this comment."),
                   (resolved, "A resolved comment cannot be moved. Reopen it first.")):
        start = grab_point(viewer, 0, *MOVABLE[a.kind][1])
        assert viewer.view.tooltip_at(QPointF(start)) == why
        drag(qtbot, vp, start, start + QPoint(60, 40))
        assert store.get(a.id) == a
        # selected (a click), the arrow keys leave it too
        drag(qtbot, vp, start, start, steps=1)
        assert viewer.view.selected_annotation == a.id
        QTest.keyClick(viewer.view, Qt.Key.Key_Right)
        assert store.get(a.id) == a
        # a finger on it scrolls, as anywhere else
        start = grab_point(viewer, 0, *MOVABLE[a.kind][1])
        before = vs.value()
        _touch(viewer, [[start + QPoint(0, -10 * i)] for i in range(6)])
        assert vs.value() == before + 50 and store.get(a.id) == a
    assert not viewer.act_undo.isEnabled()
    # the reader's own open comment moves; not with a store that cannot move comments
    start = grab_point(viewer, 0, *MOVABLE["note"][1])
    monkeypatch.setattr(store, "can_move_comments", False, raising=False)
    assert viewer.view.tooltip_at(QPointF(start)) == "Comments cannot be moved here."
    drag(qtbot, vp, start, start + QPoint(60, 40))
    assert store.get(mine.id) == mine
    monkeypatch.setattr(store, "can_move_comments", True)
    with qtbot.waitSignal(viewer.annotations_changed, timeout=2000):
        drag(qtbot, vp, start, start + QPoint(60, 40))
    assert store.get(mine.id).data["point"] == pytest.approx([495, 130], abs=0.011)
    assert store.get(mine.id).body == mine.body and store.get(mine.id).shared


def test_arrow_keys_nudge_the_selected_mark(viewer, qtbot, store):
    viewer.view.set_zoom(1.0)
    a = _put(viewer, "rect")
    start = grab_point(viewer, 0, 300, 340)
    drag(qtbot, viewer.view.viewport(), start, start, steps=1)  # a click selects it
    assert viewer.view.selected_annotation == a.id and viewer.selected_annotation_id() == a.id
    for _ in range(3):
        QTest.keyClick(viewer.view, Qt.Key.Key_Right)
    QTest.keyClick(viewer.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(viewer.view, Qt.Key.Key_Up)
    assert store.get(a.id).data["rect"] == pytest.approx([303, 309, 403, 389], abs=1e-6)
    # the series is one undo step
    viewer.act_undo.trigger()
    assert store.get(a.id).data["rect"] == [300, 300, 400, 380] and not viewer.act_undo.isEnabled()
    viewer.act_redo.trigger()
    assert store.get(a.id).data["rect"] == pytest.approx([303, 309, 403, 389], abs=1e-6)
    # in a view turned clockwise by 90°, → moves it the way the screen shows: up the page
    viewer.view.set_rotation(90)
    QTest.keyClick(viewer.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert store.get(a.id).data["rect"] == pytest.approx([303, 299, 403, 379], abs=1e-6)
    # never off the page
    for _ in range(40):
        QTest.keyClick(viewer.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert store.get(a.id).data["rect"] == pytest.approx([303, 0, 403, 80], abs=1e-6)
    # Escape drops the selection: the arrow keys scroll again
    QTest.keyClick(viewer.view, Qt.Key.Key_Escape)
    assert viewer.view.selected_annotation is None
    before = store.get(a.id)
    QTest.keyClick(viewer.view, Qt.Key.Key_Left)
    assert store.get(a.id) == before


def test_shared_comments_two_users_panel_filters_reply_resolve(make_viewer, qtbot, corpus, store):
    a = make_viewer(reader=Reader("u1", "Nguyễn Văn A"))
    a.open(corpus["text"])
    _tool(a, qtbot, "highlight", (75, 68), (200, 68))  # private
    a.act_share.setChecked(True)
    a.set_tool("note")
    with qtbot.waitSignal(a.annotations_changed, timeout=2000):
        qtbot.mouseClick(a.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(a, 0, 450, 100))
    comment = a.annotations[-1]
    assert comment.shared and comment.body == "Ghi chú thử"
    b = make_viewer(reader=Reader("u2", "Trần Thị Bình"), text="Ý kiến của tôi")
    b.open(corpus["text"])
    assert [x.id for x in b.annotations] == [comment.id]  # the private highlight stays private
    # u2 replies from the panel; u1 sees it (same store: the observer refreshes)
    b.select_annotation(comment.id)
    b.reply_edit.setText("Đồng ý")
    with qtbot.waitSignal(a.annotations_changed, timeout=2000):
        b.btn_reply.click()
    assert [r.body for r in a.annotations[-1].replies] == ["Đồng ý"]
    texts = []
    top = a.comment_tree.topLevelItem(0)
    for j in range(top.childCount()):
        texts.append(top.child(j).text(0))
        for k in range(top.child(j).childCount()):
            texts.append(top.child(j).child(k).text(0))
    assert any("Trần Thị Bình: Đồng ý" in t for t in texts)
    # filters
    a.comment_filter.setCurrentIndex(a.comment_filter.findData("others"))
    assert a.comment_tree.topLevelItemCount() == 0
    a.comment_filter.setCurrentIndex(a.comment_filter.findData("unresolved"))
    assert a.comment_tree.topLevelItem(0).childCount() == 1
    a.select_annotation(comment.id)
    a.btn_resolve.click()
    assert a.comment_tree.topLevelItemCount() == 0
    a.comment_filter.setCurrentIndex(a.comment_filter.findData("mine"))
    assert a.comment_tree.topLevelItem(0).childCount() == 2
    # jump to it from the panel
    a.go_to_page(4)
    item = a.comment_tree.topLevelItem(0).child(1)
    a.comment_tree.itemClicked.emit(item, 0)
    assert a.current_page == 0


def test_watermark_on_screen_and_in_export_and_print(make_viewer, qtbot, corpus, tmp_path):
    v = make_viewer(policy=ViewerPolicy(watermark=True))
    v.open(corpus["text"])
    wait_rendered(qtbot, v)
    v.view.watermark_text = None
    v.view.viewport().repaint()
    plain = screen(v)
    v.view.watermark_text = v.watermark().text()
    v.view.viewport().repaint()
    marked = screen(v)
    assert "Nguyễn Văn A" in v.watermark().text() and "Sở Nội vụ" in v.watermark().text()
    r = v.view.page_rect(0).toRect().intersected(v.view.viewport().rect())
    changed = sum(
        plain.pixel(x, y) != marked.pixel(x, y) for x in range(r.left(), r.right(), 7) for y in range(r.top(), r.bottom(), 7)
    )
    assert changed > 50  # watermark text covers the page
    _tool(v, qtbot, "rect", (300, 300), (400, 380))
    with qtbot.waitSignal(v.exported, timeout=10_000) as blocker:
        v.export_annotated_copy(tmp_path / "copy.pdf")
    out = pymupdf.open(blocker.args[0])
    assert "Nguyễn Văn A · Sở Nội vụ" in out[2].get_text().replace("\n", "")
    assert [a.type[1] for a in out[0].annots()] == ["Square"]
    with qtbot.waitSignal(v.exported, timeout=10_000) as blocker:
        v.export_summary(tmp_path / "summary.pdf")
    assert "Khung" in pymupdf.open(blocker.args[0])[0].get_text()
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert v.print_to(printer, dpi=72) == 5
    printed = pymupdf.open(tmp_path / "printed.pdf")
    assert printed.page_count == 5
    pix = printed[0].get_pixmap(dpi=72)
    # the printed page is an image of the annotated, watermarked page: not blank
    assert len(set(pix.samples[i:i + 3] for i in range(0, len(pix.samples), 3 * 97))) > 3


def test_relayout_keeps_the_place(make_viewer, qtbot, corpus):
    # a resize, a splitter move or scroll bars appearing relayout the pages; each one crept up by a gap
    v = make_viewer()
    v.open(corpus["text"])
    wait_rendered(qtbot, v)
    bar = v.view.verticalScrollBar()
    for place in (0, 700, bar.maximum() // 2):
        bar.setValue(place)
        for _ in range(3):
            v.view.relayout()
        assert abs(bar.value() - place) <= 1, place


def test_cache_is_bounded(make_viewer, qtbot, corpus):
    cache = ImageCache(10_000)
    from PySide6.QtGui import QImage as Img

    for i in range(50):
        cache.put(TileKey(i, 1.0), Img(30, 30, Img.Format.Format_ARGB32_Premultiplied))
    assert cache.bytes <= 10_000 and len(cache) == 2
    v = make_viewer()
    v.open(corpus["text"])
    # room for the visible page, its neighbours and one more (with exactly three, a prefetch that lands
    # after the visible page may push it out, and nothing in this test repaints to ask for it again),
    # less than the five pages visited
    wait_rendered(qtbot, v)
    budget = 4 * v.grab_page_image(0).sizeInBytes()
    v.renderer.cache.max_bytes = budget
    total = 0
    for p in range(5):
        v.go_to_page(p)
        wait_rendered(qtbot, v, pages=(p,))
        total += v.grab_page_image(p).sizeInBytes()
    assert total > budget and v.renderer.cache.bytes <= budget


def test_cache_keeps_the_pages_in_view_over_budget():
    # two pages in view that do not both fit used to push each other out, render after render
    rgb = QImage.Format.Format_RGB888
    cache = ImageCache(5_000)  # one 40×40 image (4,800 bytes)
    a, b, c = TileKey(0, 1.0), TileKey(1, 1.0), TileKey(2, 1.0)
    cache.pinned = frozenset({a, b})
    for key in (a, b, c):
        cache.put(key, QImage(40, 40, rgb))
    assert cache.get(a) is not None and cache.get(b) is not None and cache.get(c) is not None
    cache.pinned = frozenset({c})
    cache.put(TileKey(3, 1.0), QImage(40, 40, rgb))
    assert cache.get(a) is None and cache.get(b) is None and cache.get(c) is not None
    assert cache.bytes == 2 * 4_800


def test_renders_reuse_the_memory_of_evicted_images_and_few_clones(make_viewer, qtbot, corpus):
    rgb = QImage.Format.Format_RGB888
    cache = ImageCache(10_000)
    first = QImage(40, 40, rgb)
    cache.put(TileKey(0, 1.0), first)
    cache.put(TileKey(1, 1.0), QImage(40, 40, rgb))
    cache.put(TileKey(2, 1.0), QImage(40, 40, rgb))  # evicts the first
    img, bits, stride = cache.target(40, 40)
    assert img is first and stride == img.bytesPerLine() and len(bits) == stride * 40
    assert cache.target(40, 40)[0] is not first  # a spare is used once
    cache.put(TileKey(3, 1.0), QImage(40, 40, rgb))
    assert cache.target(41, 40)[0].width() == 41  # a spare of another size is not used
    # an image handed out (grab_page_image) keeps its pixels when the cache reuses its memory
    v = make_viewer()
    v.open(corpus["text"])
    wait_rendered(qtbot, v)
    held = v.grab_page_image(0)
    before = held.copy()
    v.renderer.cache.max_bytes = held.sizeInBytes()  # one page: every render reuses the last one's memory
    for p in range(1, 5):
        v.go_to_page(p)
        wait_rendered(qtbot, v, pages=(p,))
    assert held == before
    # one clone of the document per render at a time, however many pool threads ran them
    qtbot.waitUntil(lambda: not v.renderer.busy)
    assert len(v.renderer._clones) == 1  # noqa: SLF001


def test_thumbnails_and_outline_come_after_the_first_page(make_viewer, qtbot, corpus):
    v = make_viewer()
    v.open(corpus["text"])
    assert v.thumbs.count() == 0 and v.outline.topLevelItemCount() == 0  # not before the first page
    wait_rendered(qtbot, v)
    qtbot.waitUntil(lambda: v.thumbs.count() == v.document.page_count)
    assert v.outline.topLevelItemCount() > 1 and v.left_tabs.isTabEnabled(1)
    thumb = v._thumb_renderer  # noqa: SLF001
    qtbot.waitUntil(lambda: thumb.image(thumb.key(0, v.THUMB_SCALE)) is not None)
    v.go_to_page(3)
    assert v.thumbs.currentRow() == 3
    # another document: the panels are emptied at once, then filled for it
    v.open(corpus["latex"])
    assert v.thumbs.count() == 0
    qtbot.waitUntil(lambda: v.thumbs.count() == 2)
    # a hidden viewer (never painted) still gets them
    hidden = make_viewer()
    hidden.hide()
    hidden.open(corpus["text"])
    qtbot.waitUntil(lambda: hidden.thumbs.count() == hidden.document.page_count)
    assert hidden.outline.topLevelItemCount() > 1


def test_retranslates_on_language_change(viewer, qtbot):
    from ecabinet_client.ui import i18n

    i18n.install("vi")
    QCoreApplication.sendPostedEvents()
    try:
        assert viewer.act_print.text() == "In"
        assert viewer.search_edit.placeholderText().startswith("Tìm trong tài liệu")
        assert viewer.right_tabs.tabText(0) == "Tìm kiếm"
        assert viewer.view.move_hint.startswith("Kéo để di chuyển")
        i18n.install("en")
        QCoreApplication.sendPostedEvents()
        assert viewer.act_print.text() == "Print"
    finally:
        i18n.install("en")


def test_screenshots(make_viewer, qtbot, corpus, store):
    from ecabinet_client.ui import i18n

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    i18n.install("vi")
    v = make_viewer(policy=ViewerPolicy(watermark=True), size=(1280, 860))
    v.open(corpus["text"])
    qtbot.waitUntil(lambda: all(v._thumb_renderer.image(v._thumb_renderer.key(i, v.THUMB_SCALE)) for i in range(4)), timeout=5000)
    v.view.set_zoom(1.0)
    _tool(v, qtbot, "highlight", (75, 68), (200, 68))
    _tool(v, qtbot, "underline", (75, 96), (250, 96))
    v.view.color = "#1565c0"
    _tool(v, qtbot, "rect", (90, 480), (330, 590))
    v.view.color = "#d32f2f"
    _tool(v, qtbot, "arrow", (420, 420), (340, 520))
    v.set_tool("ink")
    vp = v.view.viewport()
    pts = points(v, 0, *[(380 + i * 8, 250 + 25 * ((-1) ** i)) for i in range(12)])
    with qtbot.waitSignal(v.annotations_changed, timeout=2000):
        _tablet(vp, QEvent.Type.TabletPress, pts[0], 0.2)
        for i, p in enumerate(pts[1:]):
            _tablet(vp, QEvent.Type.TabletMove, p, 0.2 + i * 0.07)
        _tablet(vp, QEvent.Type.TabletRelease, pts[-1], 1.0)
    v.act_share.setChecked(True)
    v.set_tool("note")
    with qtbot.waitSignal(v.annotations_changed, timeout=2000):
        qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=view_point(v, 0, 460, 140))
    v.store.reply(v.annotations[-1].id, author_id="u2", body="Đề nghị bổ sung số liệu quý IV")
    v.set_tool("browse")
    v.right_tabs.setCurrentIndex(1)
    v.go_to_page(0)
    wait_rendered(qtbot, v)
    qtbot.waitUntil(lambda: bool(v.annotations[-1].replies), timeout=2000)
    v.grab().save(str(SCREENSHOTS / "viewer_annotations.png"))
    v.search_edit.setText("bien ban")
    with qtbot.waitSignal(v.search_finished, timeout=5000):
        v.search("bien ban")
    v.right_tabs.setCurrentIndex(0)
    v.set_night_mode(True)
    wait_rendered(qtbot, v, pages=(0,))
    v.grab().save(str(SCREENSHOTS / "viewer_search_night.png"))
    i18n.install("en")
    assert (SCREENSHOTS / "viewer_annotations.png").stat().st_size > 10_000
