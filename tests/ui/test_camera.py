"""Check-in with the tablet's camera (issue 6) against the real service: the dialog is fed frames of a stand-in
camera — the room screen of the secretary's console, photographed small, off-centre and noisy — and checks the
delegate in; no camera; Cancel releases the camera."""

from __future__ import annotations

import threading
from datetime import timedelta

import numpy as np
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from ecabinet_client.domain import checkin as codes
from ecabinet_client.ui.camera import CameraSource, ImageSource, decode_frame, image_array
from ecabinet_client.ui.checkin import poster_payload, qr_image
from tests.service.helpers import wait_for_stable_window

from .conftest import screenshot
from .test_console import room  # noqa: F401 - fixture


def camera_frame(image: QImage | None, *, seed: int, size: tuple[int, int] = (1280, 720), height: int = 520,
                 at: tuple[int, int] = (600, 120)) -> np.ndarray:
    """A BGR camera frame: a noisy, uneven background with ``image`` (the thing photographed) scaled to
    ``height`` pixels, at ``at``, with less contrast than the original and sensor noise."""
    rng = np.random.default_rng(seed)
    w, h = size
    ramp = np.linspace(50, 130, w, dtype=np.float32)[None, :, None]  # uneven room light
    frame = ramp + rng.normal(0, 12, (h, w, 3)).astype(np.float32)
    if image is not None:
        shot = image_array(image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)).astype(np.float32)
        sh, sw = shot.shape
        x, y = at
        frame[y:y + sh, x:x + sw, :] = (shot * 0.75 + 30)[..., None] + rng.normal(0, 10, (sh, sw, 3))
    return frame.clip(0, 255).astype(np.uint8)


class StagedSource(ImageSource):
    """A stand-in camera whose picture changes when the test says so (``show(stage)``): until then it keeps
    sending the frames of the current stage, one after another, like a camera aimed at one place."""

    def __init__(self, stages: dict[str, list[np.ndarray]], first: str) -> None:
        super().__init__([f for frames in stages.values() for f in frames])
        self.stages = stages
        self.stage = first
        self.lock = threading.Lock()

    def show(self, stage: str) -> None:
        with self.lock:
            self.stage = stage

    def read(self):
        if not self.opened or self.closed:
            return None
        with self.lock:
            frames = self.stages[self.stage]
        self.reads += 1
        return frames[self.reads % len(frames)]


def test_the_camera_checks_the_delegate_in_with_the_room_screen(qtbot, room, world):  # noqa: F811
    mt = world.meeting(state="ongoing", starts_in=timedelta(minutes=-5), invitees=("delegate",))
    room.session("secretary")
    room.session("delegate")
    console = room.console("secretary", mt["id"])
    panel = room.panel("delegate", mt["id"])
    box = panel.checkin
    assert box.camera.isVisible() and box.camera.minimumHeight() >= 40 and box.camera.text() == "Quét bằng camera"

    wait_for_stable_window(margin=8)
    console.checkin.fetch_code()
    qtbot.waitUntil(lambda: console.checkin.current_code != "" and not console.checkin._fetching, timeout=10_000)
    screen = console.show_qr_screen()  # what the secretary puts on the room screen
    qtbot.waitUntil(lambda: screen.qr.payload == codes.qr_payload(mt["id"], console.checkin.current_code), timeout=5000)
    shot = screen.grab().toImage()
    shown = screen.qr.payload  # (the console moves on to the next code when the window ends)
    room_frame = camera_frame(shot, seed=3)
    assert decode_frame(room_frame) == [shown]  # the stand-in frame is a fair test
    nothing = [camera_frame(None, seed=s) for s in range(3)]
    poster = [camera_frame(qr_image(poster_payload(mt["id"]), module=6), seed=9, height=300, at=(200, 200))]
    assert all(decode_frame(f) == [] for f in nothing)
    src = StagedSource({"nothing": nothing, "poster": poster, "screen": [room_frame]}, first="nothing")
    box.camera_source = lambda: src

    box.camera.click()
    dlg = box.camera_dialog
    assert dlg is not None and dlg.isVisible() and dlg.windowTitle() == "Quét mã QR"
    # frames without a code: the preview shows them, the status says where to aim
    qtbot.waitUntil(lambda: dlg.preview.pixmap() is not None and not dlg.preview.pixmap().isNull(), timeout=5000)
    qtbot.waitUntil(lambda: dlg.status.text() == "Hướng camera vào mã trên màn hình…", timeout=5000)
    assert src.opened and not src.closed and dlg.job is not None
    # the door poster names the meeting but has no code: keep scanning, aim at the room screen
    src.show("poster")
    qtbot.waitUntil(lambda: "áp phích ở cửa" in dlg.status.text(), timeout=5000)
    assert dlg.isVisible() and world.get("checkins", codes.checkin_id(mt["id"], world.users["delegate"])) is None
    assert screenshot(dlg, "camera_scan").stat().st_size > 5000

    # the room screen: the dialog closes, the camera is released, the check-in goes the way of a decoded photo
    src.show("screen")
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=5000)
    assert dlg.payload == shown
    qtbot.waitUntil(lambda: src.closed, timeout=5000)
    qtbot.waitUntil(lambda: box.sent_text != "" and panel.banner.text() == box.sent_text, timeout=5000)
    assert not panel.banner.error
    room.sync("delegate")
    qtbot.waitUntil(lambda: "có mặt" in box.status.text(), timeout=5000)
    assert not box.camera.isVisible() and not box.code.isVisible()
    row = world.get("checkins", codes.checkin_id(mt["id"], world.users["delegate"]))
    assert (row["status"], row["method"]) == ("present", "qr")


def test_no_camera_says_so_and_the_typed_code_still_works(qtbot, room, world, db):  # noqa: F811
    from tests.service.helpers import code_at

    mt = world.meeting(state="ongoing", starts_in=timedelta(minutes=-5), invitees=("delegate",))
    room.session("delegate")
    panel = room.panel("delegate", mt["id"])
    box = panel.checkin

    # a source that cannot open is closed all the same
    failing = ImageSource([qr_image("x")], fail_open=True)
    box.camera_source = lambda: failing
    dlg = box.open_camera()
    qtbot.waitUntil(lambda: dlg.problem == "no_camera", timeout=5000)
    assert failing.closed and failing.reads == 0
    dlg.reject()

    # OpenCV with a camera index nobody has
    box.camera_source = lambda: CameraSource(index=97)
    box.camera.click()
    dlg = box.camera_dialog
    qtbot.waitUntil(lambda: "Không tìm thấy camera" in dlg.status.text(), timeout=10_000)
    assert dlg.isVisible() and dlg.job is None and dlg.cancel.text() == "Đóng"
    assert not dlg.preview.isVisible() and (dlg.preview.pixmap() is None or dlg.preview.pixmap().isNull())
    screenshot(dlg, "camera_none")
    dlg.cancel.click()
    assert not dlg.isVisible()
    assert world.get("checkins", codes.checkin_id(mt["id"], world.users["delegate"])) is None

    # the other ways stay: the typed code checks in
    assert box.code.isVisible() and box.code.isEnabled() and box.scan.isVisible() and box.scan.isEnabled()
    box.code.setText(code_at(db, mt["id"], wait_for_stable_window()))
    box.submit.click()
    room.sync("delegate")
    qtbot.waitUntil(lambda: "có mặt" in box.status.text(), timeout=5000)
    row = world.get("checkins", codes.checkin_id(mt["id"], world.users["delegate"]))
    assert (row["status"], row["method"]) == ("present", "code")


def test_cancel_releases_the_camera(qtbot, room, world):  # noqa: F811
    mt = world.meeting(state="ongoing", starts_in=timedelta(minutes=-5), invitees=("delegate",))
    room.session("delegate")
    panel = room.panel("delegate", mt["id"])
    box = panel.checkin
    src = ImageSource([camera_frame(None, seed=s) for s in range(2)])
    box.camera_source = lambda: src
    box.camera.click()
    dlg = box.camera_dialog
    qtbot.waitUntil(lambda: src.reads >= 3 and dlg.preview.pixmap() is not None and not dlg.preview.pixmap().isNull(),
                    timeout=5000)
    job = dlg.job
    assert not src.closed
    dlg.cancel.click()
    assert not dlg.isVisible() and job.cancelled
    qtbot.waitUntil(lambda: src.closed, timeout=5000)
    reads = src.reads
    qtbot.wait(300)
    assert src.reads == reads  # nothing reads the camera any more
    assert box.sent_text == "" and world.get("checkins", codes.checkin_id(mt["id"], world.users["delegate"])) is None

    # a second scan after a cancel opens the camera again; closing the window (Esc, ×) releases it too
    src2 = ImageSource([camera_frame(None, seed=5)])
    box.camera_source = lambda: src2
    box.open_camera()
    qtbot.waitUntil(lambda: src2.reads >= 2, timeout=5000)
    assert not shiboken6.isValid(dlg) or not dlg.isVisible()
    box.camera_dialog.close()
    qtbot.waitUntil(lambda: src2.closed, timeout=5000)
