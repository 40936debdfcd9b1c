from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication


def wait_rendered(qtbot, viewer, pages=(0,), timeout=10_000) -> None:
    qtbot.waitUntil(lambda: all(viewer.grab_page_image(p) is not None for p in pages), timeout=timeout)
    viewer.view.viewport().repaint()


def view_point(viewer, page: int, x: float, y: float) -> QPoint:
    """Where (x, y) of ``page`` is on screen, scrolling it into view first if needed."""
    v = viewer.view
    p = v.from_pdf(page, x, y)
    if not v.viewport().rect().adjusted(20, 20, -20, -20).contains(p.toPoint()):
        vs, hs = v.verticalScrollBar(), v.horizontalScrollBar()
        vs.setValue(int(vs.value() + p.y() - v.viewport().height() / 3))
        hs.setValue(int(hs.value() + p.x() - v.viewport().width() / 3))
        v.viewport().repaint()
        p = v.from_pdf(page, x, y)
    return p.toPoint()


def screen(viewer) -> QImage:
    return viewer.view.viewport().grab().toImage()


def color_at(img: QImage, p: QPoint) -> tuple[int, int, int]:
    c = QColor(img.pixel(p.x(), p.y()))
    return c.red(), c.green(), c.blue()


def drag(qtbot, widget, a: QPoint, b: QPoint, steps: int = 6) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=a)
    for i in range(1, steps + 1):
        p = QPointF(a) + (QPointF(b) - QPointF(a)) * (i / steps)
        qtbot.mouseMove(widget, p.toPoint())
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=b)


def points(viewer, page: int, *pdf_points: tuple[float, float]) -> list[QPoint]:
    """Screen positions of several PDF points, all scrolled into view together (near each other)."""
    xs = [p[0] for p in pdf_points]
    ys = [p[1] for p in pdf_points]
    view_point(viewer, page, (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return [viewer.view.from_pdf(page, x, y).toPoint() for x, y in pdf_points]


def grab_point(viewer, page: int, x: float, y: float) -> QPoint:
    """Where (x, y) of ``page`` is on screen, scrolled to a third of the viewport from its top left (room to
    drag from there)."""
    v = viewer.view
    QApplication.processEvents()  # a resize still pending (scroll bars shown after a zoom) would scroll later
    p = v.from_pdf(page, x, y)
    vs, hs = v.verticalScrollBar(), v.horizontalScrollBar()
    vs.setValue(int(vs.value() + p.y() - v.viewport().height() / 3))
    hs.setValue(int(hs.value() + p.x() - v.viewport().width() / 3))
    v.viewport().repaint()
    return v.from_pdf(page, x, y).toPoint()
