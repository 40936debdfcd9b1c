"""The delegate's live panel and the check-in paths against the real service: a photo of the room's QR code,
the door poster, the typed code, an expired code, a code of another meeting; who may vote; translations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from ecabinet_client.domain import checkin as codes
from ecabinet_client.domain import live
from ecabinet_client.ui import i18n
from ecabinet_client.ui.checkin import decode_image, poster_payload, qr_image
from tests.service.conftest import api  # noqa: F401 - fixture
from tests.service.helpers import checkin_secret, code_at, nid, wait_for_stable_window

from .test_console import room  # noqa: F401 - fixture

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def test_check_in_paths_and_refusals(qtbot, room, world, db, tmp_path):  # noqa: F811
    mt = world.meeting(state="ongoing", starts_in=timedelta(minutes=-5), invitees=("delegate",))
    other = world.meeting(state="ongoing", starts_in=timedelta(minutes=-5), invitees=("delegate",))
    room.session("delegate")
    panel = room.panel("delegate", mt["id"])
    box = panel.checkin
    assert box.code.minimumHeight() >= 40 and box.scan.minimumHeight() >= 40

    blank = QImage(200, 200, QImage.Format.Format_Grayscale8)
    blank.fill(Qt.GlobalColor.white)
    blank.save(str(tmp_path / "blank.png"))
    box.check_in_image(str(tmp_path / "blank.png"))
    qtbot.waitUntil(lambda: "Không tìm thấy mã QR" in panel.banner.text(), timeout=10_000)

    (tmp_path / "note.txt").write_text("không phải ảnh")
    box.check_in_image(str(tmp_path / "note.txt"))
    qtbot.waitUntil(lambda: "Không đọc được tệp" in panel.banner.text(), timeout=10_000)

    # the door poster names the meeting; the code comes from the room screen
    qr_image(poster_payload(mt["id"])).save(str(tmp_path / "poster.png"))
    box.check_in_image(str(tmp_path / "poster.png"))
    qtbot.waitUntil(lambda: "Đã nhận ra cuộc họp" in panel.banner.text(), timeout=10_000)
    assert not panel.banner.error

    now = wait_for_stable_window()
    qr_image(codes.qr_payload(other["id"], code_at(db, other["id"], now))).save(str(tmp_path / "other.png"))
    box.check_in_image(str(tmp_path / "other.png"))
    qtbot.waitUntil(lambda: "cuộc họp khác" in panel.banner.text(), timeout=10_000)

    box.code.setText("12ab")
    box.submit.click()
    assert "6 chữ số" in panel.banner.text() and panel.banner.error

    # an expired code (two windows old) is refused by the service, with its reason shown
    secret = checkin_secret(db, mt["id"])
    box.code.setText(codes.code_for_window(secret, mt["id"], codes.window_number(now) - 2))
    box.submit.click()
    room.sync("delegate")
    qtbot.waitUntil(lambda: "hết hạn" in panel.banner.text(), timeout=5000)
    assert world.get("checkins", codes.checkin_id(mt["id"], world.users["delegate"])) is None

    # the code of the room screen, photographed and decoded (zxing-cpp) on the tablet
    now = wait_for_stable_window()
    qr_image(codes.qr_payload(mt["id"], code_at(db, mt["id"], now)), module=5).save(str(tmp_path / "room.png"))
    box.check_in_image(str(tmp_path / "room.png"))
    qtbot.waitUntil(lambda: box.sent_text != "" and box.sent_text == panel.banner.text(), timeout=10_000)
    room.sync("delegate")
    qtbot.waitUntil(lambda: "có mặt" in box.status.text(), timeout=5000)
    assert not box.code.isVisible()
    row = world.get("checkins", codes.checkin_id(mt["id"], world.users["delegate"]))
    assert (row["status"], row["method"]) == ("present", "qr")


def test_only_members_present_vote(qtbot, room, world, api):  # noqa: F811
    mt = world.meeting(state="ongoing", starts_in=timedelta(minutes=-5), invitees=("delegate", "colleague"))
    sec = api("secretary")
    pid = nid()
    assert sec.push("create_poll", poll_id=pid, meeting_id=mt["id"], question="Thông qua kế hoạch")["status"] == "applied"
    assert sec.push("open_poll", poll_id=pid)["status"] == "applied"
    room.session("delegate")
    room.session("assistant")
    panel = room.panel("delegate", mt["id"])
    qtbot.waitUntil(lambda: len(panel.choice_buttons) == 3, timeout=5000)
    assert not any(b.isEnabled() for b in panel.choice_buttons.values())
    assert "điểm danh trước" in panel.vote_status.text()
    sec.push("mark_attendance", meeting_id=mt["id"], user_id=world.users["delegate"], status="present")
    room.sync("delegate")
    qtbot.waitUntil(lambda: all(b.isEnabled() for b in panel.choice_buttons.values()), timeout=5000)
    panel.choice_buttons["Đồng ý"].click()
    room.sync("delegate")
    qtbot.waitUntil(lambda: not any(b.isEnabled() for b in panel.choice_buttons.values()), timeout=5000)  # no change allowed
    assert "Bạn đã chọn" in panel.vote_status.text()
    # a second ballot queued by hand is refused by the service, and the panel says so
    panel.session.queue("cast_ballot", poll_id=pid, choice="Không đồng ý", ballot_id=nid())
    room.sync("delegate")
    qtbot.waitUntil(lambda: "bị từ chối" in panel.banner.text(), timeout=5000)
    assert world.get("polls", pid)["votes_cast"] == 1
    # a running count reaches the panel in the live event itself: the line changes, the buttons stay
    buttons = dict(panel.choice_buttons)
    panel.session.live_event.emit({"seq": 10**9, "kind": "ballot_cast", "meeting_id": mt["id"],
                                   "payload": {"poll_id": pid, "votes_cast": 41}})
    qtbot.waitUntil(lambda: "41" in panel.vote_info.text(), timeout=2000)
    assert panel.choice_buttons == buttons and panel.session.votes_cast(world.get("polls", pid)) == 41


def test_the_console_prints_a_scannable_poster_and_shows_the_room_screen(qtbot, room, world, tmp_path):  # noqa: F811
    import pymupdf

    mt = world.meeting(state="approved", starts_in=timedelta(minutes=30), invitees=("delegate",))
    room.session("secretary")
    console = room.console("secretary", mt["id"])
    out = console.checkin.save_poster(str(tmp_path / "poster.pdf"))
    assert out and "Đã lưu áp phích" in console.banner.text()
    with pymupdf.open(out) as doc:
        assert len(doc) == 1 and abs(doc[0].rect.width - 595) < 2 and abs(doc[0].rect.height - 842) < 2  # A4
        assert "ĐIỂM DANH CUỘC HỌP" in doc[0].get_text()
        doc[0].get_pixmap(dpi=100).save(str(tmp_path / "poster.png"))
    assert decode_image(tmp_path / "poster.png") == [poster_payload(mt["id"])]
    qtbot.waitUntil(lambda: console.checkin.current_code != "", timeout=10_000)
    screen = console.show_qr_screen()
    assert screen.isVisible() and screen.qr.payload == console.checkin.payload
    assert screen.code.text().replace(" ", "") == console.checkin.current_code
    # a vote cannot be opened before the meeting starts; the console says why
    assert console.start_button.isEnabled() and not console.end_button.isEnabled() and not console.next_button.isEnabled()
    pid = console.votes.create_poll(question="Trước giờ họp", options=["Đồng ý", "Không đồng ý"], secret=False,
                                    majority="simple_present", allow_change=False, agenda_item_id=None)
    room.sync("secretary")
    console.votes.queue("open_poll", poll_id=pid)
    room.sync("secretary")
    qtbot.waitUntil(lambda: "Máy chủ từ chối" in console.banner.text(), timeout=5000)
    # switching the language re-translates the console without a restart
    i18n.install("en")
    qtbot.waitUntil(lambda: console.windowTitle() == "Meeting console", timeout=2000)
    assert console.tabs.tabText(1) == "Votes"
    i18n.install("vi")
    qtbot.waitUntil(lambda: console.windowTitle() == "Bàn điều khiển cuộc họp", timeout=2000)


def test_vietnamese_is_complete():
    root = ET.parse(TRANSLATIONS / "console_vi.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 150
    for m in messages:
        tr = m.find("translation")
        assert tr is not None and (tr.text or "").strip() and tr.get("type") is None, m.find("source").text
    assert (TRANSLATIONS / "console_vi.qm").stat().st_size > 1000


def test_attendance_summary_and_speaking_times():
    invs = [
        {"id": "1", "user_id": "a", "state": "confirmed", "attendee_role": "delegate"},
        {"id": "2", "user_id": "b", "state": "delegated", "substitute_id": "s", "attendee_role": "delegate"},
        {"id": "3", "user_id": "c", "state": "declined", "reason": "Đi công tác", "attendee_role": "delegate"},
        {"id": "4", "user_id": "g", "state": "confirmed", "attendee_role": "guest"},
        {"id": "5", "user_id": "a", "state": "confirmed", "attendee_role": "delegate"},  # invited twice: one seat
    ]
    checkins = [{"user_id": "a", "status": "present"}, {"user_id": "s", "status": "present"},
                {"user_id": "g", "status": "present"}]
    s = live.attendance(invs, checkins)
    assert (s.invited, s.confirmed, s.substitutes, s.present, s.absent, s.members, s.members_present) == (4, 2, 1, 3, 1, 3, 2)
    assert s.quorum_required == 2 and s.quorum_met
    assert s.reasons == [("c", "declined", "Đi công tác")]
    reqs = [
        {"id": "r1", "user_id": "a", "state": "done", "started_at": "2026-11-23T08:00:00+00:00", "ended_at": "2026-11-23T08:02:30+00:00"},
        {"id": "r2", "user_id": "a", "state": "done", "started_at": "2026-11-23T08:10:00+00:00", "ended_at": "2026-11-23T08:11:00+00:00"},
        {"id": "r3", "user_id": "s", "state": "queued", "position": 2.0, "requested_at": "2026-11-23T08:03:00+00:00"},
        {"id": "r4", "user_id": "c", "state": "queued", "position": 1.5, "requested_at": "2026-11-23T08:04:00+00:00"},
    ]
    assert live.speaking_totals(reqs) == {"a": 210.0}
    assert live.clock(210) == "3:30" and live.clock(3725) == "1:02:05"
    assert [r["id"] for r in live.queue(reqs)] == ["r4", "r3"]
    assert live.place_in_queue(reqs, "s")[1] == 2 and live.place_in_queue(reqs, "a") == (None, 0)
    agenda = [{"id": "x"}, {"id": "y"}, {"id": "z"}]
    assert live.agenda_neighbours(agenda, "y") == ({"id": "x"}, {"id": "z"}, 1)
    assert live.agenda_neighbours(agenda, None)[1] == {"id": "x"}
