"""Check-in by QR code (001 Art.6.4, 9.2b): drawing the room's QR code, the printable A4 poster, decoding a
photo of the code (zxing-cpp) and the delegate's check-in box.

Two QR codes, two purposes:
- the **screen** in the room shows ``ECABINET-CHECKIN:<meeting>:<code>`` with the rotating 6-digit code
  (``domain/checkin.py``); scanning it checks the delegate in, and a photo sent outside stops working
  within a minute;
- the **A4 poster** at the door cannot rotate: it carries ``ECABINET-CHECKIN:<meeting>:`` (no code). Scanning
  it opens this meeting's check-in on the tablet, which then asks for the code shown on the screen.

The QR code is drawn from ``qrcode``'s module matrix with QPainter (sharp at any DPI, no Pillow needed).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

import shiboken6

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import (
    QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from ecabinet_client.domain import checkin as codes
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.model import AttendanceStatus
from ecabinet_client.domain.rules import parse_time

from . import labels, tasks
from .banner import error_text
from .camera import CameraScanDialog, CameraSource, FrameSource, decode_frame, image_array, open_camera_dialog
from .session import Session

log = logging.getLogger(__name__)

TOUCH = 48  # px: touch targets of the delegate's side (≥ 40 px)


def qr_matrix(text: str, border: int = 4) -> list[list[bool]]:
    """The modules of the QR code of ``text`` (error correction M), quiet zone included."""
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    qr.add_data(text)
    qr.make(fit=True)
    return qr.get_matrix()


def paint_qr(painter: QPainter, rect: QRectF, matrix: list[list[bool]]) -> QRectF:
    """Draw ``matrix`` as large as fits, centred in ``rect``; returns the square used."""
    n = len(matrix)
    side = min(rect.width(), rect.height())
    module = side / n
    x0 = rect.x() + (rect.width() - side) / 2
    y0 = rect.y() + (rect.height() - side) / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRectF(x0, y0, side, side), Qt.GlobalColor.white)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(Qt.GlobalColor.black)
    for r, row in enumerate(matrix):
        c = 0
        while c < n:  # one rectangle per run of dark modules: fewer, seamless shapes
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                painter.drawRect(QRectF(x0 + start * module, y0 + r * module, (c - start) * module + module * 0.06, module * 1.06))
            else:
                c += 1
    painter.restore()
    return QRectF(x0, y0, side, side)


def qr_image(text: str, module: int = 8) -> QImage:
    """The QR code of ``text`` as an image (``module`` pixels per module)."""
    matrix = qr_matrix(text)
    side = len(matrix) * module
    img = QImage(side, side, QImage.Format.Format_Grayscale8)
    img.fill(Qt.GlobalColor.white)
    p = QPainter(img)
    paint_qr(p, QRectF(0, 0, side, side), matrix)
    p.end()
    return img


def decode_image(source: str | Path | QImage) -> list[str]:
    """The texts of the QR codes found in an image file (or QImage), decoded with zxing-cpp as a camera frame
    is. Runs off the UI thread (QImage is safe to load and convert there)."""
    return decode_frame(image_array(source))


def poster_payload(meeting_id: str) -> str:
    """The text of the printed poster's QR code: which meeting, not the rotating code."""
    return f"{codes.QR_PREFIX}:{meeting_id}:"


def write_poster(path: str | Path, meeting: dict) -> Path:
    """An A4 PDF poster to post at the room's entrance: title, time, room, the meeting's QR code and how to
    check in."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(meeting.get("title") or "")
    writer.setCreator("eCabinet")
    p = QPainter(writer)
    page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    page.moveTo(0, 0)
    dpi = writer.resolution()
    pt = lambda size: max(1, round(size * dpi / 72))  # noqa: E731 - font points → device pixels

    def text(rect: QRectF, size: float, value: str, bold: bool = False, colour: str = "#000000") -> None:
        f = QFont()
        f.setPixelSize(pt(size))
        f.setBold(bold)
        p.setFont(f)
        p.setPen(QColor(colour))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), value)

    w = page.width()
    y = 0.0
    text(QRectF(0, y, w, pt(30)), 22, QCoreApplication.translate("CheckInPoster", "MEETING CHECK-IN"), bold=True, colour="#b71c1c")
    y += pt(40)
    text(QRectF(0, y, w, pt(80)), 20, meeting.get("title") or "", bold=True)
    y += pt(80)
    when = labels.when(parse_time(meeting["starts_at"])) if meeting.get("starts_at") else ""
    text(QRectF(0, y, w, pt(24)), 14, f"{when} · {meeting.get('room') or ''}")
    y += pt(40)
    side = min(w * 0.8, page.height() - y - pt(170))
    paint_qr(p, QRectF((w - side) / 2, y, side, side), qr_matrix(poster_payload(meeting["id"])))
    y += side + pt(20)
    text(QRectF(0, y, w, pt(130)), 14, QCoreApplication.translate(
        "CheckInPoster",
        "1. Open eCabinet on your tablet and scan this code (or choose the meeting and tap \u201cCheck in\u201d).\n"
        "2. Type the 6-digit code shown on the screen in the room, or scan the code on that screen.\n"
        "The code on the screen changes every 30 seconds: a photo of it does not work outside the room."))
    p.end()
    return path


class QrWidget(QWidget):
    """Shows a QR code, as large as the widget allows (sharp on high-DPI screens)."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] | None = None
        self.payload = ""
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_payload(self, payload: str) -> None:
        if payload != self.payload:
            self.payload = payload
            self._matrix = qr_matrix(payload) if payload else None
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 320)

    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001
        p = QPainter(self)
        if self._matrix:
            paint_qr(p, QRectF(self.rect()), self._matrix)
        else:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("The code appears when the service answers"))
        p.end()


class CheckInBox(QGroupBox):
    """The delegate's check-in: type the code under the room's QR code, or choose a photo of either QR code
    (decoded with zxing-cpp). Shows "you are marked present" once the service has recorded it.

    Signals:
        checked_in(): the check-in was queued.
        message(str, bool): a line for the panel's banner (text, is an error).
    """

    checked_in = Signal()
    message = Signal(str, bool)

    def __init__(self, *, session: Session, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id = meeting_id
        lay = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("checkinStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("checkinCode")
        self.code.setMinimumHeight(TOUCH)
        self.code.setMaxLength(200)
        f = self.code.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        self.code.setFont(f)
        self.code.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.code.returnPressed.connect(self.on_submit)
        row.addWidget(self.code, 1)
        self.submit = QPushButton()
        self.submit.setObjectName("checkinSubmit")
        self.submit.setMinimumHeight(TOUCH)
        self.submit.clicked.connect(self.on_submit)
        row.addWidget(self.submit)
        lay.addLayout(row)
        scans = QHBoxLayout()
        self.camera = QPushButton()
        self.camera.setObjectName("checkinCamera")
        self.camera.setMinimumHeight(TOUCH)
        self.camera.clicked.connect(self.open_camera)
        scans.addWidget(self.camera)
        self.scan = QPushButton()
        self.scan.setObjectName("checkinScan")
        self.scan.setMinimumHeight(TOUCH)
        self.scan.clicked.connect(self.on_choose_image)
        scans.addWidget(self.scan)
        lay.addLayout(scans)
        self._file_dialog: QFileDialog | None = None
        self.camera_dialog: CameraScanDialog | None = None
        # where the camera dialog's frames come from (tests give an ImageSource)
        self.camera_source: Callable[[], FrameSource] = CameraSource
        self.sent_text = ""
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Check in"))
        self.code.setPlaceholderText(self.tr("6-digit code under the QR code on the room screen"))
        self.submit.setText(self.tr("Check in"))
        self.camera.setText(self.tr("Scan with camera"))
        self.scan.setText(self.tr("Scan a photo of the QR code\u2026"))
        self.refresh()

    def my_row(self) -> dict | None:
        me = self.session.user.get("id")
        return self.session.client.row("checkins", codes.checkin_id(self.meeting_id, me)) if me else None

    def refresh(self) -> None:
        row = self.my_row()
        present = bool(row and row.get("status") == AttendanceStatus.PRESENT)
        for w in (self.code, self.submit, self.camera, self.scan):
            w.setVisible(not present)
        if present:
            at = labels.when(parse_time(row["arrived_at"]), "%H:%M") if row.get("arrived_at") else ""
            self.status.setText(self.tr("\u2714 You are marked present (arrived at %1).").replace("%1", at))
            self.status.setStyleSheet("color: #2e7d32; font-weight: bold;")
        elif row and row.get("status") == AttendanceStatus.LEFT:
            self.status.setText(self.tr("You are recorded as having left the room. Check in again when you are back."))
            self.status.setStyleSheet("")
        else:
            self.status.setText(self.tr("Scan the QR code at the room's entrance or type the code shown under it."))
            self.status.setStyleSheet("")

    @Slot()
    def on_submit(self) -> None:
        self.check_in(self.code.text())

    def check_in(self, text: str) -> bool:
        """Queue the check-in with a typed code or a decoded QR payload; False (and a message) if it cannot be."""
        meeting, code = codes.parse_code(text)
        if meeting is not None and meeting != self.meeting_id:
            self.message.emit(self.tr("This QR code belongs to another meeting."), True)
            return False
        if not code:
            if meeting == self.meeting_id:  # the door poster: it says which meeting, the screen gives the code
                self.code.setFocus()
                self.message.emit(self.tr("Meeting found. Now type the 6-digit code shown on the room screen."), False)
            else:
                self.message.emit(self.tr("Type the 6-digit code shown under the QR code."), True)
            return False
        if not code.isdigit() or len(code) != codes.CODE_DIGITS:
            self.message.emit(self.tr("The code has 6 digits."), True)
            return False
        try:
            self.session.queue("check_in", meeting_id=self.meeting_id, code=text.strip())
        except DomainError as exc:  # refused at once (bad input): shown in the user's language
            self.message.emit(error_text(exc), True)
            return False
        self.code.clear()
        self.sent_text = self.tr("Check-in sent; waiting for the service to confirm\u2026")
        self.message.emit(self.sent_text, False)
        self.checked_in.emit()
        return True

    @Slot()
    def open_camera(self) -> CameraScanDialog:
        """The live camera dialog: its first frame holding this meeting's room code checks in (``check_in``, as
        a decoded photo does). No camera: the dialog says so; the typed code and the photo stay available."""
        if self.camera_dialog is not None and shiboken6.isValid(self.camera_dialog):
            self.camera_dialog.close()
            self.camera_dialog.deleteLater()
        self.camera_dialog = open_camera_dialog(self, self.meeting_id, self.camera_source(), self.check_in)
        return self.camera_dialog

    @Slot()
    def on_choose_image(self) -> None:
        dlg = QFileDialog(self, self.tr("Choose a photo of the QR code"))
        dlg.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.fileSelected.connect(self.check_in_image)
        self._file_dialog = dlg
        dlg.open()

    @Slot(str)
    def check_in_image(self, path: str) -> tasks.Job:
        """Decode the photo off the UI thread, then check in with what it says."""
        self.scan.setEnabled(False)
        return tasks.run_in_background(lambda: decode_image(path), self._on_decoded, self._on_decode_failed)

    def _on_decoded(self, texts: list) -> None:
        self.scan.setEnabled(True)
        ours = [t for t in texts if t.upper().startswith(codes.QR_PREFIX + ":")]
        if not ours:
            self.message.emit(self.tr("No eCabinet check-in QR code was found in this image. Try again or type the code."), True)
            return
        full = [t for t in ours if codes.parse_code(t)[1]]
        self.check_in((full or ours)[0])

    def _on_decode_failed(self, exc: BaseException) -> None:
        self.scan.setEnabled(True)
        log.info("could not decode the image: %s", exc)
        self.message.emit(self.tr("This file could not be read as an image."), True)
