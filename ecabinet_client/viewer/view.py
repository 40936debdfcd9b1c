"""The page view: pages laid out for continuous or single-page reading, painted from the renderer's
cache with placeholders, overlays (search hits, selection, annotations, watermark) and the input of
mouse, pen (QTabletEvent) and touch.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QToolTip, QWidget

from ecabinet_client.viewer.annotations import TEXT_KINDS, Annotation, hits, offset_on_page
from ecabinet_client.viewer.document import PdfDocument, SearchHit
from ecabinet_client.viewer.render import PageRenderer

log = logging.getLogger(__name__)

POINT_TO_PX = 96 / 72  # 100 % shows a page at its physical size on a 96 dpi screen
GAP = 12
MIN_ZOOM, MAX_ZOOM = 0.5, 4.0
TOOLS = ("browse", "highlight", "underline", "strike", "ink", "rect", "arrow", "note", "eraser")
MOVE_START_PX = 4  # a press on a mark that travels less than this (view pixels) is a click, not a move
GRAB_PX = 6  # how far from a mark a mouse or a pen still takes it; a finger gets twice as far
NUDGE_PT, NUDGE_SHIFT_PT = 1.0, 10.0  # an arrow key moves the selected mark this far (PDF points)


@dataclass
class Stroke:
    """What the user is drawing right now (PDF units of ``page``)."""

    page: int
    tool: str
    points: list[list[float]]


@dataclass
class Move:
    """A mark being dragged in the select tool: where it was taken (view pixels and PDF units of its page) and
    how far it has gone, in PDF units, kept on the page. ``started`` once past :data:`MOVE_START_PX`."""

    annotation: Annotation
    origin: QPointF
    grab: tuple[float, float]
    threshold: float
    dx: float = 0.0
    dy: float = 0.0
    started: bool = False


class PageView(QAbstractScrollArea):
    """Scrollable pages.

    Signals:
        page_changed(int): the page mostly in view changed (0-based).
        zoom_changed(float): the zoom factor changed (1.0 = 100 %).
        annotation_drawn(str, int, object): a tool finished: kind, page, data (PDF units).
        erase_requested(int, object): eraser touched (page, (x, y) in PDF units).
        note_requested(int, object): note tool clicked at (page, (x, y)).
        selection_changed(): the text selection changed.
        annotation_clicked(object): the select tool clicked (or tapped) a mark: its id, or None off every mark;
            the view shows it selected.
        annotation_moved(str, float, float, bool): a mark was dragged, or nudged with an arrow key: id, dx, dy
            (PDF units of its page, already kept on the page), whether it was a nudge.
        painted(): a paint finished (for measuring and tests); ``complete`` tells whether it showed every
            visible page.
    """

    page_changed = Signal(int)
    zoom_changed = Signal(float)
    annotation_drawn = Signal(str, int, object)
    erase_requested = Signal(int, object)
    note_requested = Signal(int, object)
    selection_changed = Signal()
    annotation_clicked = Signal(object)
    annotation_moved = Signal(str, float, float, bool)
    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: PdfDocument | None = None
        self.renderer: PageRenderer | None = None
        self.zoom = 1.0
        self.fit_mode: str | None = "width"  # "width" | "page" | None
        self.rotation = 0
        self.continuous = True
        self.night = False
        self.current_page = 0
        self.tool = "browse"
        self.pen_mode = False  # a finger draws instead of scrolling
        self.color: str | None = None
        self.pen_width = 2.0
        self.annotations: list[Annotation] = []
        self.selected_annotation: str | None = None
        # None if the reader may move a mark, else why not (translated, for the tooltip); unset: nothing moves
        self.move_policy: Callable[[Annotation], str | None] | None = None
        self.move_hint = ""  # tooltip over a mark that can be moved
        self.hits: list[SearchHit] = []
        self.current_hit = -1
        self.selection: tuple[int, int, int] | None = None  # page, first word, end word
        self.watermark_text: str | None = None
        self.placeholder_text = "…"
        self.can_select_text = True
        self.complete = False  # the last paint showed every visible page (image or error), no placeholder
        self._rects: list[QRectF] = []
        self._height = 0.0
        self._stroke: Stroke | None = None
        self._move: Move | None = None
        self._press: tuple[int, QPointF] | None = None
        self._touch_last: QPointF | None = None
        self._touch_start: QPointF | None = None
        self._pinch: tuple[float, float] | None = None
        self._tablet_down = False
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self._request_visible)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())

    # -- document --------------------------------------------------------------------------------
    def set_document(self, document: PdfDocument | None, renderer: PageRenderer | None) -> None:
        if self.renderer is not None:
            self.renderer.rendered.disconnect(self._on_rendered)
            self.renderer.failed.disconnect(self._on_rendered)
        self.document = document
        self.renderer = renderer
        self.current_page = 0
        self.hits, self.current_hit, self.selection = [], -1, None
        self._move = None
        if renderer is not None:
            renderer.rendered.connect(self._on_rendered)
            renderer.failed.connect(self._on_rendered)
        self.relayout()

    @Slot(int)
    def _on_rendered(self, page: int, *_args: object) -> None:
        """Paint a page in view as soon as it arrives, before the renderer starts the next one: a paint
        waits for the GIL at every Qt call while a render thread draws, so a deferred ``update()`` after a
        new (cold: fonts, glyphs, images) page started could come 20–30 ms late."""
        if 0 <= page < len(self._rects):
            area = self.viewport().rect().intersected(self.page_rect(page).toAlignedRect())
            if not area.isEmpty():
                self.viewport().repaint(area)

    # -- geometry --------------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        """Logical pixels per PDF point."""
        return self.zoom * POINT_TO_PX

    def _page_px(self, i: int) -> tuple[float, float]:
        assert self.document is not None
        w, h = self.document.page_size(i)
        if self.rotation in (90, 270):
            w, h = h, w
        return w * self.scale, h * self.scale

    def _fit_zoom(self) -> float:
        if self.document is None:
            return self.zoom
        w, h = self.document.page_size(self.current_page)
        if self.rotation in (90, 270):
            w, h = h, w
        vw = max(50, self.viewport().width() - 2 * GAP)
        vh = max(50, self.viewport().height() - 2 * GAP)
        if self.fit_mode == "width":
            z = vw / (w * POINT_TO_PX)
            sb = self.verticalScrollBar()
            if (not sb.isVisible() and self.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
                    and not self.style().styleHint(QStyle.StyleHint.SH_ScrollBar_Transient, None, sb)
                    and self._content_height(z) > self.viewport().height()):
                # the scroll bar is about to appear and narrow the viewport: fit to that width at once, so
                # that the first pages are not rendered at a scale that is thrown away a moment later
                extent = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, sb)
                z = max(50, vw - extent) / (w * POINT_TO_PX)
        else:
            z = min(vw / (w * POINT_TO_PX), vh / (h * POINT_TO_PX))
        return max(MIN_ZOOM / 2, min(MAX_ZOOM, z))

    def _content_height(self, zoom: float) -> float:
        """Height in pixels of the laid-out pages at ``zoom``."""
        assert self.document is not None
        pages = range(self.document.page_count) if self.continuous else [self.current_page]
        side = 0 if self.rotation in (90, 270) else 1
        return GAP + sum(self.document.page_size(i)[side] * zoom * POINT_TO_PX + GAP for i in pages)

    def relayout(self, keep: tuple[int, float] | None = None) -> None:
        """Recompute page rectangles; keep ``(page, fraction of its height)`` at the top if given."""
        if keep is None and self._rects:
            keep = self.anchor()
        self._rects = []
        if self.document is None:
            self._height = 0
            self._update_scrollbars()
            self.viewport().update()
            return
        if self.fit_mode:
            self.zoom = self._fit_zoom()
        pages = range(self.document.page_count) if self.continuous else [self.current_page]
        y = GAP
        widest = 0.0
        rects: dict[int, QRectF] = {}
        for i in pages:
            w, h = self._page_px(i)
            rects[i] = QRectF(0, y, w, h)
            widest = max(widest, w)
            y += h + GAP
        self._height = y
        self._width = widest + 2 * GAP
        vw = self.viewport().width()
        self._rects = [QRectF() for _ in range(self.document.page_count)]
        for i, r in rects.items():
            r.moveLeft(max(GAP, (max(vw, self._width) - r.width()) / 2))
            self._rects[i] = r
        self._update_scrollbars()
        if keep is not None:
            page, frac = keep
            if 0 <= page < len(self._rects) and not self._rects[page].isNull():
                r = self._rects[page]
                self.verticalScrollBar().setValue(int(r.top() - GAP + frac * r.height()))
        self.zoom_changed.emit(self.zoom)
        self._schedule_requests()
        self.viewport().update()

    def _update_scrollbars(self) -> None:
        vs, hs = self.verticalScrollBar(), self.horizontalScrollBar()
        vs.setRange(0, max(0, int(self._height - self.viewport().height())))
        vs.setPageStep(self.viewport().height())
        vs.setSingleStep(40)
        width = getattr(self, "_width", 0)
        hs.setRange(0, max(0, int(width - self.viewport().width())))
        hs.setPageStep(self.viewport().width())

    def anchor(self) -> tuple[int, float]:
        """The page at the top of the view and how far into it (fraction of its height)."""
        top = self.verticalScrollBar().value() + GAP
        for i in self.visible_pages():
            r = self._rects[i]
            if r.bottom() >= top:  # relayout() scrolls to r.top() - GAP + fraction × height: the same place
                return i, max(0.0, (top - r.top()) / max(1.0, r.height()))
        return self.current_page, 0.0

    def page_rect(self, i: int) -> QRectF:
        """Page ``i`` in viewport coordinates (null when not laid out, in single-page mode)."""
        r = self._rects[i]
        if r.isNull():
            return r
        return r.translated(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())

    def visible_pages(self) -> list[int]:
        if not self._rects:
            return []
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        indices = range(len(self._rects)) if self.continuous else [self.current_page]
        # binary search for the first page whose bottom is below the top of the view
        if self.continuous:
            lo, hi = 0, len(self._rects)
            while lo < hi:
                mid = (lo + hi) // 2
                if self._rects[mid].bottom() < top:
                    lo = mid + 1
                else:
                    hi = mid
            out = []
            for i in range(lo, len(self._rects)):
                if self._rects[i].top() > bottom:
                    break
                out.append(i)
            return out
        return [i for i in indices if not self._rects[i].isNull()]

    def page_transform(self, i: int) -> QTransform:
        """PDF units of page ``i`` → viewport pixels."""
        assert self.document is not None
        r = self.page_rect(i)
        w, h = self.document.page_size(i)
        s = self.scale
        t = QTransform()
        t.translate(r.x(), r.y())
        if self.rotation == 90:
            t.translate(h * s, 0)
        elif self.rotation == 180:
            t.translate(w * s, h * s)
        elif self.rotation == 270:
            t.translate(0, w * s)
        t.rotate(self.rotation)
        t.scale(s, s)
        return t

    def to_pdf(self, pos: QPointF) -> tuple[int, float, float] | None:
        """The page under ``pos`` (viewport pixels) and the PDF point there."""
        for i in self.visible_pages():
            r = self.page_rect(i)
            if r.adjusted(-GAP / 2, -GAP / 2, GAP / 2, GAP / 2).contains(pos):
                p = self.on_page(i, pos)
                w, h = self.document.page_size(i)  # type: ignore[union-attr]
                return i, min(max(p.x(), 0.0), w), min(max(p.y(), 0.0), h)
        return None

    def from_pdf(self, page: int, x: float, y: float) -> QPointF:
        return self.page_transform(page).map(QPointF(x, y))

    def on_page(self, page: int, pos: QPointF) -> QPointF:
        """``pos`` (viewport pixels) in PDF units of ``page``, wherever the page is (not kept on it)."""
        inv, _ok = self.page_transform(page).inverted()
        return inv.map(pos)

    # -- navigation ------------------------------------------------------------------------------
    def go_to_page(self, page: int, y: float = 0.0) -> None:
        if self.document is None:
            return
        page = max(0, min(self.document.page_count - 1, page))
        if not self.continuous:
            changed = page != self.current_page
            self.current_page = page
            if changed:
                self.relayout(keep=(page, 0.0))
                self.page_changed.emit(page)
        r = self._rects[page]
        offset = 0.0
        if y:
            offset = self.from_pdf(page, 0, y).y() - self.page_rect(page).y()
        self.verticalScrollBar().setValue(int(r.top() - GAP + offset))
        self._set_current(page)

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def set_zoom(self, zoom: float, *, fit: str | None = None, around: QPointF | None = None) -> None:
        self.fit_mode = fit
        if fit is None:
            zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
            if abs(zoom - self.zoom) < 1e-6:
                return
            self.zoom = zoom
        if around is not None and self.document is not None:
            hit = self.to_pdf(around)
            self.relayout()
            if hit is not None:
                p = self.from_pdf(hit[0], hit[1], hit[2])
                vs, hs = self.verticalScrollBar(), self.horizontalScrollBar()
                vs.setValue(int(vs.value() + p.y() - around.y()))
                hs.setValue(int(hs.value() + p.x() - around.x()))
        else:
            self.relayout()

    def set_rotation(self, degrees: int) -> None:
        self.rotation = degrees % 360
        self.relayout()

    def set_continuous(self, on: bool) -> None:
        page = self.current_page
        self.continuous = on
        self.relayout(keep=(page, 0.0))

    def _on_scrolled(self, _value: int) -> None:
        if self.continuous:
            pages = self.visible_pages()
            if pages:
                mid = self.verticalScrollBar().value() + self.viewport().height() / 3
                best = min(pages, key=lambda i: 0 if self._rects[i].top() <= mid <= self._rects[i].bottom() + GAP else 1)
                self._set_current(best)
        self._schedule_requests()
        self.viewport().update()

    def _set_current(self, page: int) -> None:
        if page != self.current_page:
            self.current_page = page
            self.page_changed.emit(page)

    # -- rendering requests ----------------------------------------------------------------------
    def device_scale(self) -> float:
        return self.scale * self.devicePixelRatioF()

    def _schedule_requests(self) -> None:
        if not self._request_timer.isActive():
            self._request_timer.start()

    @Slot()
    def _request_visible(self) -> None:
        if self.renderer is None or self.document is None:
            return
        visible = self.visible_pages()
        ahead = []
        if visible:
            n = self.document.page_count
            ahead = [i for i in (visible[-1] + 1, visible[0] - 1, visible[-1] + 2) if 0 <= i < n]
        s = self.device_scale()
        keys = [self.renderer.key(i, self.document.fit_scale(i, s), self.rotation, self.night) for i in visible + ahead]
        self.renderer.want(keys, in_view=len(visible))

    # -- painting --------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.relayout()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self.viewport())
        bg = QColor("#1e1e1e") if self.night else QColor("#5f6368")
        p.fillRect(self.viewport().rect(), bg)
        if self.document is None or self.renderer is None:
            p.end()
            return
        missing = False
        s = self.device_scale()
        for i in self.visible_pages():
            r = self.page_rect(i)
            key = self.renderer.key(i, self.document.fit_scale(i, s), self.rotation, self.night)
            img = self.renderer.image(key)
            if i in self.renderer.errors:
                self._paint_error(p, r, self.renderer.errors[i])
            elif img is not None:
                p.drawImage(r, img)
            else:
                missing = True
                stand_in = self.renderer.cache.best_for(i, self.rotation, self.night)
                if stand_in is not None:
                    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                    p.drawImage(r, stand_in)
                else:
                    self._paint_placeholder(p, r, i)
            self._paint_overlays(p, i)
        p.end()
        self.complete = not missing
        if missing:
            self._schedule_requests()
        self.painted.emit()

    def _paint_placeholder(self, p: QPainter, r: QRectF, i: int) -> None:
        p.fillRect(r, QColor("#2b2b2b") if self.night else QColor("#f4f4f4"))
        p.setPen(QColor("#9e9e9e"))
        f = QFont(self.font())
        f.setPointSizeF(max(9.0, min(28.0, r.width() / 18)))
        p.setFont(f)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, f"{i + 1}\n{self.placeholder_text}")

    def _paint_error(self, p: QPainter, r: QRectF, message: str) -> None:
        p.fillRect(r, QColor("#fdecea"))
        p.setPen(QPen(QColor("#c62828"), 2))
        p.drawRect(r.adjusted(1, 1, -1, -1))
        p.drawLine(r.topLeft(), r.bottomRight())
        f = QFont(self.font())
        f.setPointSizeF(max(9.0, min(16.0, r.width() / 30)))
        p.setFont(f)
        box = r.adjusted(r.width() * 0.1, r.height() * 0.4, -r.width() * 0.1, -r.height() * 0.4)
        p.fillRect(box, QColor("#fdecea"))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, "⚠ " + message)

    def _paint_overlays(self, p: QPainter, i: int) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setTransform(self.page_transform(i))
        # search hits
        for n, hit in enumerate(self.hits):
            if hit.page != i:
                continue
            cur = n == self.current_hit
            color = QColor(255, 120, 0, 140) if cur else QColor(255, 235, 59, 110)
            for x0, y0, x1, y1 in hit.rects:
                p.fillRect(QRectF(x0, y0, x1 - x0, y1 - y0), color)
        # selection
        if self.selection is not None and self.selection[0] == i and self.document is not None:
            for x0, y0, x1, y1 in self.document.line_rects(i, self.selection[1], self.selection[2]):
                p.fillRect(QRectF(x0, y0, x1 - x0, y1 - y0), QColor(33, 150, 243, 90))
        moving = self._move if self._move is not None and self._move.started else None
        for a in self.annotations:
            if a.page != i:
                continue
            if moving is not None and a.id == moving.annotation.id:
                # a light preview at the new place; the mark stays faint where it was until dropped
                p.save()
                p.setOpacity(0.3)
                paint_annotation(p, a)
                p.translate(moving.dx, moving.dy)
                p.setOpacity(0.75)
                paint_annotation(p, a, selected=True)
                p.restore()
            else:
                paint_annotation(p, a, selected=a.id == self.selected_annotation)
        if self._stroke is not None and self._stroke.page == i:
            self._paint_stroke(p, self._stroke)
        p.restore()
        if self.watermark_text:
            self._paint_watermark(p, self.page_rect(i))

    def _paint_stroke(self, p: QPainter, st: Stroke) -> None:
        color = self.color
        pts = st.points
        if st.tool == "ink":
            a = Annotation.create(document_sha256="", page=st.page, kind="ink", data={"strokes": [pts], "width": self.pen_width, **({"color": color} if color else {})}, author_id="")
            paint_annotation(p, a)
        elif st.tool in ("rect", "arrow") and len(pts) >= 2:
            (x0, y0), (x1, y1) = pts[0][:2], pts[-1][:2]
            if st.tool == "rect":
                data = {"rect": [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)], "width": self.pen_width}
            else:
                data = {"start": [x0, y0], "end": [x1, y1], "width": self.pen_width}
            if color:
                data["color"] = color
            paint_annotation(p, Annotation.create(document_sha256="", page=st.page, kind=st.tool, data=data, author_id=""))

    def _paint_watermark(self, p: QPainter, r: QRectF) -> None:
        p.save()
        p.setClipRect(r)
        f = QFont(self.font())
        size = max(8.0, min(r.width(), r.height()) / 28)
        f.setPixelSize(int(size))
        p.setFont(f)
        p.setPen(QColor(255, 150, 150, 70) if self.night else QColor(140, 26, 26, 60))
        p.translate(r.center())
        p.rotate(-30)
        text = self.watermark_text or ""
        tw = p.fontMetrics().horizontalAdvance(text) + size * 3
        step = size * 6
        span = math.hypot(r.width(), r.height())
        y = -span / 2
        row = 0
        while y < span / 2:
            x = -span / 2 - (row % 2) * tw / 2
            while x < span / 2:
                p.drawText(QPointF(x, y), text)
                x += tw
            y += step
            row += 1
        p.restore()

    # -- moving marks (select tool) ---------------------------------------------------------------
    def may_move(self, a: Annotation) -> bool:
        return self.move_policy is not None and self.move_policy(a) is None

    def annotation_at(self, pos: QPointF, *, finger: bool = False, movable: bool = False) -> Annotation | None:
        """The topmost mark under ``pos`` (viewport pixels), or the topmost one the reader may move."""
        hit = self.to_pdf(pos)
        if hit is None:
            return None
        page, x, y = hit
        tol = GRAB_PX * (2 if finger else 1) / self.scale
        for a in reversed(self.annotations):
            if a.page == page and hits(a, x, y, tol) and (not movable or self.may_move(a)):
                return a
        return None

    def tooltip_at(self, pos: QPointF) -> str:
        """What the select tool says over a mark: that it can be dragged, or why not."""
        if self.tool != "browse" or self.move_policy is None:
            return ""
        a = self.annotation_at(pos, movable=True)
        if a is not None:
            return self.move_hint
        a = self.annotation_at(pos)
        return (self.move_policy(a) or "") if a is not None else ""

    def _begin_move(self, pos: QPointF, *, finger: bool = False) -> bool:
        """Take the mark under ``pos`` if the select tool is on and the reader may move it."""
        if self.tool != "browse" or self.document is None:
            return False
        a = self.annotation_at(pos, finger=finger, movable=True)
        if a is None:
            return False
        g = self.on_page(a.page, pos)
        self._move = Move(a, QPointF(pos), (g.x(), g.y()), MOVE_START_PX * (2 if finger else 1))
        return True

    def _drag_to(self, pos: QPointF) -> None:
        m = self._move
        if m is None or self.document is None:
            return
        if not m.started:
            if QLineF(m.origin, pos).length() < m.threshold:
                return
            m.started = True
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        q = self.on_page(m.annotation.page, pos)
        m.dx, m.dy = offset_on_page(m.annotation, q.x() - m.grab[0], q.y() - m.grab[1],
                                    self.document.page_size(m.annotation.page))
        self.viewport().update()

    def _drop(self) -> None:
        m, self._move = self._move, None
        if m is None:
            return
        self.viewport().update()
        self._select(m.annotation.id)
        if m.started:
            self._set_grab_cursor(True)
            if m.dx or m.dy:
                self.annotation_moved.emit(m.annotation.id, m.dx, m.dy, False)

    def cancel_move(self) -> None:
        """Forget a drag in progress: the mark stays where it was."""
        if self._move is not None:
            self._move = None
            self._set_grab_cursor(False)
            self.viewport().update()

    def _select(self, annotation_id: str | None) -> None:
        if annotation_id != self.selected_annotation:
            self.selected_annotation = annotation_id
            self.viewport().update()
        self.annotation_clicked.emit(annotation_id)

    def _set_grab_cursor(self, on: bool) -> None:
        """The open hand over a mark that can be dragged, the arrow elsewhere (only in the select tool)."""
        shape = Qt.CursorShape.OpenHandCursor if on else Qt.CursorShape.ArrowCursor
        if self.tool == "browse" and self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)

    def _nudge(self, screen_dx: float, screen_dy: float) -> bool:
        """Move the selected mark one step in a direction of the screen (the view may be rotated); False if
        there is no mark the reader may move selected."""
        a = next((x for x in self.annotations if x.id == self.selected_annotation), None)
        if a is None or self.document is None or self._move is not None or not self.may_move(a):
            return False
        v = self.on_page(a.page, QPointF(screen_dx, screen_dy)) - self.on_page(a.page, QPointF(0, 0))
        n = math.hypot(v.x(), v.y()) / math.hypot(screen_dx, screen_dy)
        dx, dy = offset_on_page(a, round(v.x() / n, 6), round(v.y() / n, 6), self.document.page_size(a.page))
        if dx or dy:
            self.annotation_moved.emit(a.id, dx, dy, True)
        return True

    # -- input: shared by mouse, pen and finger --------------------------------------------------
    def _begin(self, pos: QPointF, pressure: float) -> bool:
        hit = self.to_pdf(pos)
        if hit is None or self.document is None:
            return False
        if self._begin_move(pos):
            return True
        page, x, y = hit
        if self.tool == "eraser":
            self.erase_requested.emit(page, (x, y))
            self._stroke = Stroke(page, "eraser", [[x, y, pressure]])
            return True
        if self.tool == "note":
            self.note_requested.emit(page, (x, y))
            return True
        if self.tool == "browse" and not self.can_select_text:
            return False
        self._stroke = Stroke(page, self.tool, [[x, y, round(pressure, 3)]])
        if self.tool in ("browse",) + TEXT_KINDS:
            self.selection = None
        return True

    def _extend(self, pos: QPointF, pressure: float) -> None:
        if self._move is not None:
            self._drag_to(pos)
            return
        st = self._stroke
        if st is None or self.document is None:
            return
        q = self.on_page(st.page, pos)
        w, h = self.document.page_size(st.page)
        x, y = min(max(q.x(), 0.0), w), min(max(q.y(), 0.0), h)
        if st.tool == "eraser":
            self.erase_requested.emit(st.page, (x, y))
            return
        last = st.points[-1]
        if st.tool == "ink" and abs(last[0] - x) + abs(last[1] - y) < 0.4:
            return
        st.points.append([round(x, 2), round(y, 2), round(pressure, 3)])
        if st.tool in ("browse",) + TEXT_KINDS:
            sel = self.document.select(st.page, tuple(st.points[0][:2]), (x, y))
            self.selection = (st.page, *sel) if sel else None
            self.selection_changed.emit()
        self.viewport().update()

    def _finish(self) -> None:
        if self._move is not None:
            self._drop()
            return
        st, self._stroke = self._stroke, None
        if st is None or self.document is None:
            return
        self.viewport().update()
        if st.tool == "browse" and self.move_policy is not None:
            x0, y0 = st.points[0][:2]
            if all(math.hypot(q[0] - x0, q[1] - y0) * self.scale < MOVE_START_PX for q in st.points):
                # a click: select the mark there (one the reader may not move too), or none
                a = self.annotation_at(self.from_pdf(st.page, x0, y0))
                self._select(a.id if a is not None else None)
        if st.tool == "ink" and st.points:
            pts = st.points if len(st.points) > 1 else st.points + [[st.points[0][0] + 0.5, st.points[0][1] + 0.5, st.points[0][2]]]
            data = {"strokes": [pts], "width": self.pen_width}
        elif st.tool in ("rect", "arrow") and len(st.points) >= 2:
            (x0, y0), (x1, y1) = st.points[0][:2], st.points[-1][:2]
            if abs(x1 - x0) + abs(y1 - y0) < 3:
                return
            if st.tool == "rect":
                data = {"rect": [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)], "width": self.pen_width}
            else:
                data = {"start": [x0, y0], "end": [x1, y1], "width": self.pen_width}
        elif st.tool in TEXT_KINDS and self.selection is not None and self.selection[0] == st.page:
            _page, a, b = self.selection
            data = {
                "rects": [list(r) for r in self.document.line_rects(st.page, a, b)],
                "text": self.document.selection_text(st.page, a, b),
            }
            self.selection = None
            self.selection_changed.emit()
        else:
            return
        if self.color:
            data["color"] = self.color
        self.annotation_drawn.emit(st.tool, st.page, data)

    # mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton and self._begin(event.position(), 0.5):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if (self._stroke is not None or self._move is not None) and event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), 0.5)
        elif not event.buttons() and self.tool == "browse" and self.move_policy is not None:
            self._set_grab_cursor(self.annotation_at(event.position(), movable=True) is not None)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if (self._stroke is not None or self._move is not None) and event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position(), 0.5)
            self._finish()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom * (1.1**steps), around=event.position())
            event.accept()
            return
        if not self.continuous:
            vs = self.verticalScrollBar()
            dy = event.angleDelta().y()
            if dy < 0 and vs.value() >= vs.maximum():
                self.next_page()
                event.accept()
                return
            if dy > 0 and vs.value() <= vs.minimum() and self.current_page > 0:
                self.go_to_page(self.current_page - 1)
                vs.setValue(vs.maximum())
                event.accept()
                return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows and mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            step = NUDGE_SHIFT_PT if mods == Qt.KeyboardModifier.ShiftModifier else NUDGE_PT
            ux, uy = arrows[key]
            if self._nudge(ux * step, uy * step):
                return
        if key == Qt.Key.Key_Escape and (self._move is not None or self.selected_annotation is not None):
            if self._move is not None:
                self.cancel_move()
            else:
                self._select(None)
            return
        if key in (Qt.Key.Key_PageDown,) and not self.continuous:
            self.next_page()
        elif key in (Qt.Key.Key_PageUp,) and not self.continuous:
            self.previous_page()
        elif key == Qt.Key.Key_Home and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.go_to_page(0)
        elif key == Qt.Key.Key_End and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.go_to_page(10**9)
        else:
            super().keyPressEvent(event)

    # pen, touch, gestures
    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt API
        t = event.type()
        if t in (QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease):
            return self._tablet(event)
        if t in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            return self._touch(event)
        if t == QEvent.Type.ToolTip:
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if t == QEvent.Type.NativeGesture and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.set_zoom(self.zoom * (1 + event.value()), around=event.position())
            return True
        return super().viewportEvent(event)

    def _tablet(self, event) -> bool:
        t = event.type()
        pressure = float(event.pressure())
        if t == QEvent.Type.TabletPress:
            self._tablet_down = self._begin(event.position(), pressure)
        elif t == QEvent.Type.TabletMove and self._tablet_down:
            self._extend(event.position(), pressure)
        elif t == QEvent.Type.TabletRelease and self._tablet_down:
            self._extend(event.position(), pressure)
            self._tablet_down = False
            self._finish()
        event.accept()  # no synthesised mouse event: the pen's pressure has been used
        return True

    def _touch(self, event) -> bool:
        points = [pt for pt in event.points() if pt.state() != pt.State.Released or event.type() == QEvent.Type.TouchEnd]
        t = event.type()
        if t == QEvent.Type.TouchCancel:
            self._stroke, self._pinch, self._touch_last, self._touch_start = None, None, None, None
            self.cancel_move()
            self.viewport().update()
            return True
        if len(points) >= 2:
            # two fingers: pinch to zoom, never drawing nor moving a mark
            self._stroke, self._touch_start = None, None
            self.cancel_move()
            a, b = points[0].position(), points[1].position()
            dist = max(1.0, QLineF(a, b).length())
            centre = (a + b) / 2
            if self._pinch is None:
                self._pinch = (dist, self.zoom)
            else:
                d0, z0 = self._pinch
                self.set_zoom(z0 * dist / d0, around=centre)
            event.accept()
            return True
        if not points:
            return True
        pos = points[0].position()
        drawing = self.pen_mode and self.tool != "browse"
        if t == QEvent.Type.TouchBegin:
            self._pinch = None
            if drawing:
                self._begin(pos, 0.5)
            elif not self._begin_move(pos, finger=True):  # a finger on the reader's own mark moves it
                self._touch_last = self._touch_start = pos
        elif t == QEvent.Type.TouchUpdate:
            if self._stroke is not None or self._move is not None:
                self._extend(pos, 0.5)
            elif self._touch_last is not None and self._pinch is None:
                d = pos - self._touch_last
                self.verticalScrollBar().setValue(int(self.verticalScrollBar().value() - d.y()))
                self.horizontalScrollBar().setValue(int(self.horizontalScrollBar().value() - d.x()))
                self._touch_last = pos
        elif t == QEvent.Type.TouchEnd:
            if self._stroke is not None or self._move is not None:
                self._extend(pos, 0.5)
                self._finish()
            elif (self._touch_start is not None and self.tool == "browse" and self.move_policy is not None
                  and QLineF(self._touch_start, pos).length() < 2 * MOVE_START_PX):
                a = self.annotation_at(pos, finger=True)  # a tap selects a mark, or none
                self._select(a.id if a is not None else None)
            self._touch_last, self._touch_start, self._pinch = None, None, None
        event.accept()
        return True


def _qcolor(value: object, alpha: int = 255) -> QColor:
    c = QColor(str(value or "#ff0000"))
    c.setAlpha(alpha)
    return c


def paint_annotation(p: QPainter, a: Annotation, *, selected: bool = False) -> None:
    """Draw ``a`` with ``p`` whose transform maps PDF units of its page to the device."""
    d = a.data
    color = d.get("color")
    width = float(d.get("width", 2.0))
    if a.kind == "highlight":
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for x0, y0, x1, y1 in d.get("rects", []):
            p.fillRect(QRectF(x0, y0, x1 - x0, y1 - y0), _qcolor(color, 150))
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    elif a.kind in ("underline", "strike"):
        for x0, y0, x1, y1 in d.get("rects", []):
            h = y1 - y0
            y = y1 - h * 0.1 if a.kind == "underline" else y0 + h * 0.55
            p.setPen(QPen(_qcolor(color), max(1.0, h * 0.08)))
            p.drawLine(QPointF(x0, y), QPointF(x1, y))
    elif a.kind == "ink":
        pen = QPen(_qcolor(color))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for stroke in d.get("strokes", []):
            for k in range(1, len(stroke)):
                p0, p1 = stroke[k - 1], stroke[k]
                pressure = (p0[2] if len(p0) > 2 else 0.5) + (p1[2] if len(p1) > 2 else 0.5)
                pen.setWidthF(max(0.3, width * (0.4 + 0.6 * pressure)))  # pressure 0.5 → width
                p.setPen(pen)
                p.drawLine(QPointF(p0[0], p0[1]), QPointF(p1[0], p1[1]))
            if len(stroke) == 1:
                pen.setWidthF(width)
                p.setPen(pen)
                p.drawPoint(QPointF(stroke[0][0], stroke[0][1]))
    elif a.kind == "rect":
        x0, y0, x1, y1 = d["rect"]
        p.setPen(QPen(_qcolor(color), width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(x0, y0, x1 - x0, y1 - y0))
    elif a.kind == "arrow":
        (x0, y0), (x1, y1) = d["start"], d["end"]
        pen = QPen(_qcolor(color), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawLine(QPointF(x0, y0), QPointF(x1, y1))
        ang = math.atan2(y1 - y0, x1 - x0)
        head = max(8.0, width * 4)
        left = QPointF(x1 - head * math.cos(ang - 0.45), y1 - head * math.sin(ang - 0.45))
        right = QPointF(x1 - head * math.cos(ang + 0.45), y1 - head * math.sin(ang + 0.45))
        p.setBrush(_qcolor(color))
        p.drawPolygon(QPolygonF([QPointF(x1, y1), left, right]))
        p.setBrush(Qt.BrushStyle.NoBrush)
    elif a.kind == "note":
        x, y = d["point"]
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, y, 20, 18), 3, 3)
        path.moveTo(x + 5, y + 18)
        path.lineTo(x + 4, y + 24)
        path.lineTo(x + 11, y + 18)
        p.setPen(QPen(QColor("#5d4037"), 1))
        p.setBrush(QBrush(_qcolor(color)))
        p.drawPath(path)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for k in range(3):
            p.drawLine(QPointF(x + 4, y + 5 + k * 4), QPointF(x + 16, y + 5 + k * 4))
    if a.shared and a.kind != "note":
        # a small speech-bubble marker tells a comment (góp ý) from a private note
        x0, y0, x1, _y1 = a.bounds()
        p.setPen(QPen(QColor("#1565c0"), 1))
        p.setBrush(QColor("#bbdefb"))
        p.drawEllipse(QRectF(x1 + 2, y0 - 10, 9, 9))
        p.setBrush(Qt.BrushStyle.NoBrush)
    if selected:
        x0, y0, x1, y1 = a.bounds()
        pen = QPen(QColor("#1565c0"), 1, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawRect(QRectF(x0 - 3, y0 - 3, x1 - x0 + 6, y1 - y0 + 6))
