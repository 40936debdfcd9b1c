"""The week calendar, the default view: the current week, meetings by day and hour, coloured by state
(fill) and by my response (left stripe); previous/next week and today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPalette, QPen, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from . import labels
from .session import MeetingRow, Session

FIRST_HOUR, LAST_HOUR = 6, 21


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


class WeekGrid(QWidget):
    """Seven day columns and an hour scale; each meeting is a rounded box.

    Signals:
        meeting_activated(str): a meeting was clicked or chosen with the keyboard.
    """

    meeting_activated = Signal(str)

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monday = week_start(date.today())
        self.rows: list[MeetingRow] = []
        self._boxes: list[tuple[QRectF, str]] = []
        self.hour_height = 44
        self.setMinimumHeight(self.hour_height * (LAST_HOUR - FIRST_HOUR) + 40)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.selected = -1

    def sizeHint(self) -> QSize:
        return QSize(900, self.minimumHeight())

    def set_rows(self, monday: date, rows: list[MeetingRow]) -> None:
        self.monday, self.rows = monday, rows
        self.selected = -1
        self.update()

    def _geometry(self) -> tuple[float, float, float]:
        left = 56.0
        top = 36.0
        col = (self.width() - left - 4) / 7
        return left, top, col

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        left, top, col = self._geometry()
        grid = QColor(pal.color(QPalette.ColorRole.Mid))
        grid.setAlpha(110)
        text = pal.color(QPalette.ColorRole.Text)
        today = date.today()
        days = [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"), self.tr("Sun")]
        for i in range(7):
            d = self.monday + timedelta(days=i)
            x = left + i * col
            r = QRectF(x, 0, col, top)
            if d == today:
                hl = QColor(pal.color(QPalette.ColorRole.Highlight))
                hl.setAlpha(50)
                p.fillRect(QRectF(x, 0, col, self.height()), hl)
            f = p.font()
            f.setBold(d == today)
            p.setFont(f)
            p.setPen(text)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, f"{days[i]} {d.day:02d}/{d.month:02d}")
            p.setPen(QPen(grid))
            p.drawLine(int(x), 0, int(x), self.height())
        f = p.font()
        f.setBold(False)
        p.setFont(f)
        for h in range(FIRST_HOUR, LAST_HOUR + 1):
            y = top + (h - FIRST_HOUR) * self.hour_height
            p.setPen(QPen(grid))
            p.drawLine(int(left), int(y), self.width(), int(y))
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRectF(0, y - 9, left - 6, 18), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{h:02d}:00")
        self._boxes = []
        by_day: dict[int, list[MeetingRow]] = {}
        for row in self.rows:
            by_day.setdefault((row.starts_at.astimezone().date() - self.monday).days, []).append(row)
        for day, rows in by_day.items():
            if not 0 <= day < 7:
                continue
            lanes: list[datetime] = []
            placed = []
            for row in rows:
                lane = next((i for i, end in enumerate(lanes) if end <= row.starts_at), None)
                if lane is None:
                    lanes.append(row.ends_at)
                    lane = len(lanes) - 1
                else:
                    lanes[lane] = row.ends_at
                placed.append((row, lane))
            width = (col - 6) / max(1, len(lanes))
            for row, lane in placed:
                s = row.starts_at.astimezone()
                e = row.ends_at.astimezone()
                y0 = top + (max(FIRST_HOUR, s.hour + s.minute / 60) - FIRST_HOUR) * self.hour_height
                y1 = top + (min(LAST_HOUR + 1, e.hour + e.minute / 60 if e.date() == s.date() else LAST_HOUR) - FIRST_HOUR) * self.hour_height
                r = QRectF(left + day * col + 3 + lane * width, y0 + 1, width - 2, max(22.0, y1 - y0 - 2))
                self._paint_box(p, r, row, len(self._boxes) == self.selected)
                self._boxes.append((r, row.id))
        p.end()

    def _paint_box(self, p: QPainter, r: QRectF, row: MeetingRow, selected: bool) -> None:
        fill = labels.state_colour(row.state)
        fill.setAlpha(60 if row.state in ("cancelled", "ended") else 200)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRoundedRect(r, 5, 5)
        stripe = labels.response_colour(row.my_state)
        if stripe is not None:
            p.setBrush(stripe)
            p.drawRoundedRect(QRectF(r.left(), r.top(), 6, r.height()), 3, 3)
        if selected:
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r, 5, 5)
        p.setPen(QColor("white") if row.state not in ("cancelled", "ended") else self.palette().color(QPalette.ColorRole.Text))
        s = row.starts_at.astimezone()
        title = f"{s:%H:%M} {row.title}"
        if row.pending_sync:
            title = "⟳ " + title
        # whole lines only: a short meeting gets one line, elided, not the top of a second one cut off
        area = r.adjusted(9, 2, -3, -2)
        fm = p.fontMetrics()
        lines = max(1, int(area.height() // fm.lineSpacing()))
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if lines == 1:
            p.drawText(area, top, fm.elidedText(title, Qt.TextElideMode.ElideRight, int(area.width())))
        else:
            area.setHeight(lines * fm.lineSpacing())
            p.drawText(area, top | Qt.TextFlag.TextWordWrap, title)

    def mousePressEvent(self, event) -> None:
        for i, (r, mid) in enumerate(self._boxes):
            if r.contains(event.position()):
                self.selected = i
                self.update()
                self.meeting_activated.emit(mid)
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left) and self._boxes:
            step = 1 if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Right) else -1
            self.selected = (self.selected + step) % len(self._boxes)
            self.update()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and 0 <= self.selected < len(self._boxes):
            self.meeting_activated.emit(self._boxes[self.selected][1])
            return
        super().keyPressEvent(event)


class WeekView(QWidget):
    """The week grid with its navigation bar.

    Signals:
        meeting_activated(str): forwarded from the grid.
    """

    meeting_activated = Signal(str)

    def __init__(self, *, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.monday = week_start(date.today())
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.prev_button, self.today_button, self.next_button = QPushButton(), QPushButton(), QPushButton()
        self.range_label = QLabel()
        f = self.range_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.range_label.setFont(f)
        for b in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(b)
        bar.addSpacing(12)
        bar.addWidget(self.range_label, 1)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        bar.addWidget(self.legend)
        lay.addLayout(bar)
        self.grid = WeekGrid()
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid)
        lay.addWidget(scroll, 1)
        self.grid.meeting_activated.connect(self.meeting_activated)
        self.prev_button.clicked.connect(self.on_previous)
        self.next_button.clicked.connect(self.on_next)
        self.today_button.clicked.connect(self.on_today)
        for keys, slot in ((QKeySequence("Alt+Left"), self.on_previous), (QKeySequence("Alt+Right"), self.on_next),
                           (QKeySequence("Alt+Home"), self.on_today)):
            QShortcut(keys, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        session.changed.connect(self.on_changed)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.prev_button.setText(self.tr("◀ Previous week"))
        self.prev_button.setToolTip(self.tr("Previous week (Alt+Left)"))
        self.next_button.setText(self.tr("Next week ▶"))
        self.next_button.setToolTip(self.tr("Next week (Alt+Right)"))
        self.today_button.setText(self.tr("Today"))
        self.today_button.setToolTip(self.tr("This week (Alt+Home)"))
        parts = []
        for st in ("pending", "confirmed", "declined", "delegated"):
            parts.append(f'<span style="color:{labels.RESPONSE_COLOURS[st]}">▌</span>{labels.response(st)}')
        self.legend.setText("&nbsp;&nbsp;".join(parts))
        self._update_label()
        self.grid.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_label(self) -> None:
        sunday = self.monday + timedelta(days=6)
        self.range_label.setText(self.tr("Week of %1 – %2").replace("%1", self.monday.strftime("%d/%m")).replace(
            "%2", sunday.strftime("%d/%m/%Y")))

    def reload(self) -> None:
        start = datetime.combine(self.monday, time(0)).astimezone()
        rows = self.session.meetings(start=start, end=start + timedelta(days=7))
        self.grid.set_rows(self.monday, rows)
        self._update_label()
        # scroll to the first meeting of the week (or 07:00)
        first = min((r.starts_at.astimezone().hour for r in rows), default=7)
        self.scroll.verticalScrollBar().setValue(max(0, (min(first, LAST_HOUR) - FIRST_HOUR - 1)) * self.grid.hour_height)

    @Slot(object)
    def on_changed(self, tables) -> None:
        if {"meetings", "invitations"} & set(tables or ()):
            self.reload()

    @Slot()
    def on_previous(self) -> None:
        self.monday -= timedelta(days=7)
        self.reload()

    @Slot()
    def on_next(self) -> None:
        self.monday += timedelta(days=7)
        self.reload()

    @Slot()
    def on_today(self) -> None:
        self.monday = week_start(date.today())
        self.reload()
