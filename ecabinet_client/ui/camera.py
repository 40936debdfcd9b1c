"""Check-in with the tablet's camera (issue 6): point it at the rotating QR code on the room screen.

PySide6-Essentials has no QtMultimedia, so frames come from OpenCV (``opencv-python-headless``:
``cv2.VideoCapture`` over DirectShow / Media Foundation on the Windows tablets, V4L2 on Linux) and are decoded
with zxing-cpp, like a photo (``checkin.decode_image``).

- :class:`FrameSource` — where frames come from: :class:`CameraSource` (a camera by index) or
  :class:`ImageSource` (still images, a stand-in camera for tests and demonstrations).
- :class:`ScanJob` — the scan loop, a :class:`tasks.Job` on its own ``camera`` pool: it opens the source, reads
  ~10 frames a second, decodes each, sends a scaled copy for the preview and ends with the first payload of
  this meeting that carries a code. The source is opened, read and closed on that thread only (cameras are
  not safe to share between threads) and is closed however the loop ends (found, cancelled, failed).
- :class:`CameraScanDialog` — the live preview, a status line and Cancel; ``decoded(str)`` hands the payload to
  ``CheckInBox.check_in``, the same path as a decoded photo.
"""

from __future__ import annotations

import logging
import sys
from abc import ABC, abstractmethod
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable

from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ecabinet_client.domain import checkin as codes

from . import tasks

log = logging.getLogger(__name__)

TOUCH = 48  # px, as the check-in box's buttons
INTERVAL = 0.1  # s between frames: ~10 per second are enough to aim and decode
PREVIEW = QSize(640, 480)  # the largest preview frame sent to the UI thread
MAX_MISSES = 30  # frames in a row the camera did not deliver (~3 s) before the scan gives up


class NoCamera(RuntimeError):
    """The source could not be opened (no camera, or it is used by another program)."""


class CameraLost(RuntimeError):
    """The source stopped delivering frames."""


# --- frame sources ---------------------------------------------------------------------------------------------------


class FrameSource(ABC):
    """Frames for the scan: ``open()`` once (may take a second or two: a camera starting), ``read()`` the next
    frame — a ``uint8`` numpy array, H×W (grey) or H×W×3 (BGR) — or None when none came, ``close()`` always.
    All three are called on the scan job's thread."""

    @abstractmethod
    def open(self) -> bool: ...

    @abstractmethod
    def read(self) -> Any: ...

    @abstractmethod
    def close(self) -> None: ...


class CameraSource(FrameSource):
    """A camera through ``cv2.VideoCapture(index)``. On Windows DirectShow is tried first (Media Foundation can
    take several seconds to open some tablet cameras), then Media Foundation; elsewhere OpenCV's default."""

    def __init__(self, index: int = 0, *, width: int = 1280, height: int = 720) -> None:
        self.index = index
        self.width = width
        self.height = height
        self._cap = None

    def open(self) -> bool:
        try:
            import cv2
        except ImportError:  # a build without OpenCV: as if there were no camera
            log.warning("OpenCV is not installed: no camera scanning")
            return False
        backends = [cv2.CAP_DSHOW, cv2.CAP_MSMF] if sys.platform == "win32" else [cv2.CAP_ANY]
        for api in backends:
            cap = cv2.VideoCapture(self.index, api)
            if cap.isOpened():
                cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
                cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
                cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the latest frame, not one queued a second ago
                self._cap = cap
                log.info("camera %d opened (%s)", self.index, cap.getBackendName())
                return True
            cap.release()
        log.info("no camera at index %d", self.index)
        return False

    def read(self) -> Any:
        if self._cap is None:
            return None
        ok, frame = self._cap.read()
        return frame if ok and frame is not None and frame.size else None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


def image_array(image: QImage | str | Path) -> Any:
    """An image (QImage or file) as a grey ``uint8`` numpy array (H×W). ValueError when it is not an image."""
    import numpy as np

    img = image if isinstance(image, QImage) else QImage(str(image))
    if img.isNull():
        raise ValueError("not an image")
    gray = img.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h, stride = gray.width(), gray.height(), gray.bytesPerLine()
    return np.frombuffer(bytes(gray.constBits()), dtype=np.uint8).reshape(h, stride)[:, :w].copy()


class ImageSource(FrameSource):
    """Frames from still images (numpy arrays, QImages or files), in order; then the last one again and again,
    like a camera held still. ``fail_open`` imitates a missing camera. Counts what was asked of it."""

    def __init__(self, frames: Iterable[Any], *, fail_open: bool = False) -> None:
        self.frames = [f if hasattr(f, "shape") else image_array(f) for f in frames]
        self.fail_open = fail_open
        self.opened = False
        self.closed = False
        self.reads = 0

    def open(self) -> bool:
        self.opened = not self.fail_open and bool(self.frames)
        return self.opened

    def read(self) -> Any:
        if not self.opened or self.closed:
            return None
        frame = self.frames[min(self.reads, len(self.frames) - 1)]
        self.reads += 1
        return frame

    def close(self) -> None:
        self.closed = True


# --- decoding and the scan loop ------------------------------------------------------------------------------------


def decode_frame(frame: Any) -> list[str]:
    """The texts of the QR codes in a frame (numpy array, grey or BGR)."""
    import numpy as np
    import zxingcpp

    arr = np.ascontiguousarray(frame)
    if arr.ndim == 3 and arr.shape[2] == 3:  # BGR → grey (ITU-R 601 weights), zxing reads RGB otherwise
        arr = (arr[..., 0] * 0.114 + arr[..., 1] * 0.587 + arr[..., 2] * 0.299).astype(np.uint8)
    return [r.text for r in zxingcpp.read_barcodes(arr, formats=zxingcpp.BarcodeFormat.QRCode) if r.text]


def pick(texts: list[str], meeting_id: str) -> tuple[str | None, str]:
    """``(payload, "")`` when a text is this meeting's room code; else ``(None, hint)``: ``poster`` (the door
    poster of this meeting: no code), ``other`` (another meeting), ``foreign`` (not an eCabinet code), ``""``."""
    hint = ""
    for text in texts:
        if not text.upper().startswith(codes.QR_PREFIX + ":"):
            hint = hint or "foreign"
            continue
        meeting, code = codes.parse_code(text)
        if meeting != meeting_id.lower():
            hint = "other"
        elif code:
            return text, ""
        else:
            hint = "poster"
    return None, hint


def preview_image(frame: Any, size: QSize = PREVIEW) -> QImage:
    """A frame as a QImage no larger than ``size`` (made on the scan thread: QImage is safe there)."""
    import numpy as np

    arr = np.ascontiguousarray(frame)
    h, w = arr.shape[:2]
    fmt = QImage.Format.Format_Grayscale8 if arr.ndim == 2 else QImage.Format.Format_BGR888
    img = QImage(arr.data, w, h, arr.strides[0], fmt).copy()  # owns its pixels: the array may be reused
    if w > size.width() or h > size.height():
        img = img.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return img


class ScanJob(tasks.Job):
    """The scan loop (see the module's text). ``finished(str | None)``: the payload found, or None when
    cancelled; ``failed(NoCamera | CameraLost | …)``.

    Signals:
        frame(QImage, str): the latest frame for the preview and a hint (see :func:`pick`). The next one is
            sent only after :meth:`frame_shown` (the UI thread is never flooded).
    """

    frame = Signal(object, str)

    def __init__(self, source: FrameSource, meeting_id: str, *, interval: float = INTERVAL,
                 preview: QSize = PREVIEW) -> None:
        super().__init__(self._scan)
        self.source = source
        self.meeting_id = meeting_id
        self.interval = interval
        self.preview = QSize(preview)
        self._shown = threading.Event()
        self._shown.set()
        self.frames = 0  # decoded so far (read on the UI thread for the status only)

    def frame_shown(self) -> None:
        self._shown.set()

    def _scan(self, _job: tasks.Job) -> str | None:
        try:
            if not self.source.open():
                raise NoCamera("the camera could not be opened")
            misses = 0
            hint = ""
            while not self.cancelled:
                started = time.monotonic()
                frame = self.source.read()
                if frame is None:
                    misses += 1
                    if misses >= MAX_MISSES:
                        raise CameraLost("the camera sends no pictures")
                else:
                    misses = 0
                    found, hint = pick(decode_frame(frame), self.meeting_id)
                    self.frames += 1
                    if found:
                        return found
                    if self._shown.is_set():
                        self._shown.clear()
                        self.frame.emit(preview_image(frame, self.preview), hint)
                self._cancel.wait(max(0.0, self.interval - (time.monotonic() - started)))
            return None
        finally:
            try:
                self.source.close()
            except Exception:  # noqa: BLE001 - closing must not hide why the loop ended
                log.warning("could not close the camera", exc_info=True)


# --- the dialog ------------------------------------------------------------------------------------------------------


class CameraScanDialog(QDialog):
    """A live preview of the camera. Closes as soon as a frame holds this meeting's room code and emits
    ``decoded(payload)``; Cancel (or Esc, or closing the window) stops the camera.

    Signals:
        decoded(str): the payload of the room's QR code.
    """

    decoded = Signal(str)

    def __init__(self, *, source: FrameSource, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraScan")
        self.source = source
        self.meeting_id = meeting_id
        self.job: ScanJob | None = None
        self.payload = ""
        self.problem = ""  # "no_camera" / "lost" once the scan failed
        self._hint = None  # None: no frame yet
        self._closing = False
        lay = QVBoxLayout(self)
        self.preview = QLabel()
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(400, 300)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("#cameraPreview { background: #202020; color: #eeeeee; }")
        lay.addWidget(self.preview, 1)
        self.status = QLabel()
        self.status.setObjectName("cameraStatus")
        self.status.setWordWrap(True)
        f = self.status.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.status.setFont(f)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = QPushButton()
        self.cancel.setObjectName("cameraCancel")
        self.cancel.setMinimumSize(120, TOUCH)
        self.cancel.clicked.connect(self.reject)
        row.addWidget(self.cancel)
        lay.addLayout(row)
        self.resize(560, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Scan the QR code"))
        self.cancel.setText(self.tr("Close") if self.problem else self.tr("Cancel"))
        self._show_status()

    def changeEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_status(self) -> None:
        if self.problem == "no_camera":
            text = self.tr("No camera found. Type the code under the QR code, or choose a photo.")
        elif self.problem:
            text = self.tr("The camera stopped sending pictures. Type the code under the QR code, or choose a photo.")
        elif self._hint is None:
            text = self.tr("Starting the camera\u2026")
        elif self._hint == "poster":
            text = self.tr("This is the poster at the door. Now point the camera at the code on the room screen.")
        elif self._hint == "other":
            text = self.tr("This QR code belongs to another meeting.")
        elif self._hint == "foreign":
            text = self.tr("This is not an eCabinet check-in code.")
        else:
            text = self.tr("Point the camera at the code on the screen\u2026")
        self.status.setText(text)
        self.status.setStyleSheet("color: #b71c1c;" if self.problem else "")

    def start(self) -> ScanJob:
        """Open the camera and scan, off the UI thread."""
        job = ScanJob(self.source, self.meeting_id)
        job.frame.connect(self._on_frame)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        self.destroyed.connect(job.cancel)  # the dialog deleted with its parent: the camera still stops
        self.job = job
        self._show_status()
        return tasks.start(job, "camera")

    @Slot(object, str)
    def _on_frame(self, image: QImage, hint: str) -> None:
        if self._closing or self.job is None:
            return
        pix = QPixmap.fromImage(image)
        if pix.width() > self.preview.width() or pix.height() > self.preview.height():
            pix = pix.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pix)
        if hint != self._hint:
            self._hint = hint
            self._show_status()
        self.job.frame_shown()

    @Slot(object)
    def _on_finished(self, payload: str | None) -> None:
        self.job = None
        if self._closing or not payload:  # cancelled: a code found in the same instant is not used
            return
        self.payload = payload
        self.accept()
        self.decoded.emit(payload)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.job = None
        if self._closing:
            return
        log.info("camera scan ended: %s", exc)
        self.problem = "no_camera" if isinstance(exc, NoCamera) else "lost"
        self.preview.clear()
        self.preview.hide()  # nothing to show: the message and Close
        self.retranslate()
        self.layout().activate()
        self.resize(self.width(), self.layout().totalHeightForWidth(self.width()))

    def done(self, result: int) -> None:  # accept, reject, Esc, the window closed
        self._closing = True
        if self.job is not None:
            self.job.cancel()  # the job closes the camera on its thread as it stops
        super().done(result)


def open_camera_dialog(parent: QWidget, meeting_id: str, source: FrameSource,
                       on_decoded: Callable[[str], Any]) -> CameraScanDialog:
    """Show the camera dialog (window-modal) and start scanning."""
    dlg = CameraScanDialog(source=source, meeting_id=meeting_id, parent=parent)
    dlg.decoded.connect(on_decoded)
    dlg.open()
    dlg.start()
    return dlg
