"""The live meeting end to end: the secretary's console and the delegates' panels as separate clients of the
real service (one delegate sends a substitute, one goes offline and comes back)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import shiboken6
from PySide6.QtWidgets import QDialogButtonBox

from ecabinet_client.domain import checkin as codes
from ecabinet_client.service.access import refresh_access
from ecabinet_client.sync.client import Client
from ecabinet_client.ui.checkin import decode_image, qr_image, write_poster
from ecabinet_client.ui.console import ConsoleWindow
from ecabinet_client.ui.live import LivePanel
from ecabinet_client.ui.session import Session
from tests.service.helpers import checkin_secret, wait_for_stable_window
from tests.world import PASSWORD

from .conftest import go_offline, go_online, screenshot


@pytest.fixture
def room(qtbot, tmp_path, service, world):
    """``room.session(who)`` signs a world user in (a real client store in tmp_path); ``room.console(...)`` and
    ``room.panel(...)`` open windows that are closed before the clients."""

    class Room:
        def __init__(self) -> None:
            self.sessions: dict[str, Session] = {}
            self.windows: list = []

        def session(self, who: str) -> Session:
            client = Client(service.url, base_dir=tmp_path / "data" / who, config_dir=tmp_path / "config" / who,
                            live=False, auto_download=False, poll_seconds=3600)
            client.sign_in(world.login(who), PASSWORD)
            s = Session(client)
            client.sync()
            self.sessions[who] = s
            return s

        def console(self, who: str, meeting_id: str) -> ConsoleWindow:
            win = ConsoleWindow(session=self.sessions[who], meeting_id=meeting_id)
            self.windows.append(win)
            win.show()
            return win

        def panel(self, who: str, meeting_id: str) -> LivePanel:
            p = LivePanel(session=self.sessions[who], meeting_id=meeting_id)
            self.windows.append(p)
            p.show()
            return p

        def sync(self, *who: str) -> None:
            """Two rounds: every client's intents reach the service, then every client sees all of them."""
            for _round in range(2):
                for w in who or tuple(self.sessions):
                    self.sessions[w].client.sync()
            qtbot.wait(Session.COALESCE_MS + 40)  # deliver the (coalesced) `changed` signals

    r = Room()
    yield r
    for w in r.windows:
        if shiboken6.isValid(w):
            w.close()
            shiboken6.delete(w)
    for s in r.sessions.values():
        s.close()


def add_item(world, meeting_id: str, title: str, position: int) -> str:
    with world.db.write(world.tenant_id) as tx:
        item = tx.insert("agenda_items", {"meeting_id": meeting_id, "position": position, "title": title})
        refresh_access(tx, meeting_id)
    return item["id"]


def buttons(panel: LivePanel) -> dict[str, object]:
    return dict(panel.choice_buttons)


def test_a_whole_meeting_from_check_in_to_conclusion(qtbot, room, world, db, tmp_path, service, unreachable):
    # four members: the delegate sends a substitute (a colleague of the same organisation)
    mt = world.meeting(state="approved", starts_in=timedelta(minutes=5), invitees=("delegate", "nv_staff", "outsider", "rep"))
    mid, item1 = mt["id"], mt["agenda_item_id"]
    item2 = add_item(world, mid, "Dự toán ngân sách năm 2027", 1)
    world.update("invitations", mt["invitations"]["delegate"], state="delegated", substitute_id=world.users["colleague"])
    for who in ("nv_staff", "outsider", "rep"):
        world.update("invitations", mt["invitations"][who], state="confirmed")
    for who in ("secretary", "chair", "colleague", "nv_staff", "outsider", "rep"):
        room.session(who)
    console = room.console("secretary", mid)
    panels = {who: room.panel(who, mid) for who in ("colleague", "nv_staff", "outsider", "rep")}
    assert panels["colleague"].my_seat().is_substitute

    # --- start: the first agenda item is current on every tablet
    assert console.start_button.isEnabled() and not console.end_button.isEnabled()
    console.start_button.click()
    room.sync()
    qtbot.waitUntil(lambda: console.meeting_state() == "ongoing", timeout=5000)
    assert "Báo cáo tình hình" in panels["nv_staff"].item.text()

    # --- check-in: the room QR code decoded from a photo (zxing-cpp), the typed code, an expired code
    qtbot.waitUntil(lambda: console.checkin.current_code != "", timeout=10_000)
    now = wait_for_stable_window()
    console.checkin.fetch_code()
    qtbot.waitUntil(lambda: not console.checkin._fetching, timeout=5000)
    photo = tmp_path / "room-qr.png"
    assert qr_image(console.checkin.payload, module=6).save(str(photo))
    assert decode_image(photo) == [console.checkin.payload]
    panels["colleague"].checkin.check_in_image(str(photo))
    qtbot.waitUntil(lambda: panels["colleague"].checkin.scan.isEnabled(), timeout=10_000)  # decoded off the UI thread
    code = console.checkin.current_code
    panels["nv_staff"].checkin.code.setText(f"{code[:3]} {code[3:]}")
    panels["nv_staff"].checkin.submit.click()
    panels["outsider"].checkin.code.setText(code)
    panels["outsider"].checkin.submit.click()
    window = codes.window_seconds()
    expired = codes.code_for_window(checkin_secret(db, mid), mid, codes.window_number(now, window) - 2)
    panels["rep"].checkin.code.setText(expired)
    panels["rep"].checkin.submit.click()
    qtbot.wait(300)
    room.sync("colleague", "nv_staff", "outsider", "rep")
    qtbot.waitUntil(lambda: "hết hạn" in panels["rep"].banner.text(), timeout=5000)
    assert panels["rep"].banner.error
    room.sync()
    for who in ("colleague", "nv_staff", "outsider"):
        qtbot.waitUntil(lambda w=who: "có mặt" in panels[w].checkin.status.text(), timeout=5000)
    rows = {r["user_id"]: r for r in world.rows("checkins", meeting_id=mid)}
    assert rows[world.users["colleague"]]["method"] == "qr" and rows[world.users["nv_staff"]]["method"] == "code"
    assert world.users["rep"] not in rows

    # --- roll call: the secretary records the late member as absent with a reason, then their arrival
    console.tabs.setCurrentIndex(0)
    console.checkin.select_user(world.users["rep"])
    console.checkin.note.setText("Đến muộn do họp ở huyện")
    console.checkin.mark_buttons["absent"].click()
    room.sync("secretary")
    qtbot.waitUntil(lambda: "Đến muộn" in console.checkin.reasons.text(), timeout=5000)
    assert console.checkin.numbers["present"].text() == "3"
    assert console.checkin.numbers["substitutes"].text() == "1" and console.checkin.numbers["invited"].text() == "4"
    assert console.checkin.numbers["quorum"].text() == "\u2714" and "3" in console.checkin.number_names["quorum"].text()
    console.checkin.select_user(world.users["rep"])
    console.checkin.mark_buttons["present"].click()
    room.sync()
    qtbot.waitUntil(lambda: console.checkin.numbers["present"].text() == "4", timeout=5000)
    assert "có mặt" in panels["rep"].checkin.status.text()
    assert "4/4" in console.quorum.text()
    console.banner.hide()
    console.resize(1400, 860)
    screenshot(console, "console")

    # --- the agenda moves forward and back; every tablet follows
    console.next_button.click()
    room.sync()
    qtbot.waitUntil(lambda: "Dự toán ngân sách" in panels["outsider"].item.text(), timeout=5000)
    assert "Dự toán ngân sách" in console.current.text()

    # --- a document added during the meeting reaches the tablets at once
    pdf = write_poster(tmp_path / "Phụ lục dự toán.pdf", world.get("meetings", mid))
    console.tabs.setCurrentIndex(3)
    console.documents.target.setCurrentIndex(console.documents.target.findData(item2))
    console.documents.attach(pdf, item2)
    qtbot.waitUntil(lambda: "Phụ lục dự toán" in console.banner.text(), timeout=15_000)
    room.sync()
    qtbot.waitUntil(lambda: any("Phụ lục" in b.text() for b in panels["nv_staff"].findChildren(type(console.start_button), "liveDocument")),
                    timeout=5000)

    # --- a named vote, changeable while open, passing with more than half of those present
    console.tabs.setCurrentIndex(1)
    dlg = console.votes.new_poll_dialog()
    dlg.question.setText("Thông qua dự toán ngân sách năm 2027")
    dlg.allow_change.setChecked(True)
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    room.sync("secretary")
    qtbot.waitUntil(lambda: console.votes.table.rowCount() == 1, timeout=5000)
    named = console.votes.selected_id()
    console.votes.open_button.click()
    room.sync()
    for who in ("colleague", "nv_staff", "outsider", "rep"):
        qtbot.waitUntil(lambda w=who: len(panels[w].choice_buttons) == 3, timeout=5000)
    assert all(b.minimumHeight() >= 40 for b in panels["nv_staff"].choice_buttons.values())
    buttons(panels["colleague"])["Không đồng ý"].click()  # the substitute votes for the delegate …
    buttons(panels["nv_staff"])["Đồng ý"].click()
    buttons(panels["rep"])["Đồng ý"].click()
    room.sync("colleague", "nv_staff", "rep")
    buttons(panels["colleague"])["Đồng ý"].click()  # … and changes their mind while the vote is open
    qtbot.waitUntil(lambda: "Đồng ý" in panels["colleague"].vote_status.text(), timeout=5000)
    # the outsider saw the vote open, then the network went away
    go_offline(panels["outsider"].session, unreachable)
    panels["outsider"].session.sync_now()
    qtbot.waitUntil(lambda: not panels["outsider"].session.online, timeout=10_000)
    room.sync("colleague", "secretary")
    qtbot.waitUntil(lambda: console.votes.table.item(0, 4).text() == "3/4", timeout=5000)
    panels["colleague"].banner.hide()
    qtbot.waitUntil(lambda: "chờ gửi" not in panels["colleague"].vote_status.text(), timeout=5000)
    screenshot(panels["colleague"], "vote")
    console.votes.close_button.click()
    room.sync("secretary")
    qtbot.waitUntil(lambda: console.votes.publish_button.isEnabled(), timeout=5000)
    console.votes.publish_button.click()
    room.sync("secretary", "colleague", "nv_staff", "rep")
    ballots = world.rows("ballots", poll_id=named)
    assert {b["voter_id"]: (b["choice"], b["on_behalf_of"]) for b in ballots}[world.users["colleague"]] == \
        ("Đồng ý", world.users["delegate"])
    result = world.get("polls", named)["result"]
    assert result["tallies"] == {"Đồng ý": 3, "Không đồng ý": 0, "Không biểu quyết": 0} and result["outcome"] == "passed"
    qtbot.waitUntil(lambda: "Thông qua" in panels["nv_staff"].vote_status.text(), timeout=5000)
    go_online(panels["outsider"].session, service.url)
    room.sync("outsider")
    qtbot.waitUntil(lambda: "mất kết nối" in panels["outsider"].banner.text(), timeout=5000)
    assert "không bỏ phiếu" in panels["outsider"].vote_status.text() or "mất kết nối" in panels["outsider"].vote_status.text()

    # --- a secret vote with two thirds of all members: the console sees how many, never who
    secret = console.votes.create_poll(question="Bầu Trưởng ban", agenda_item_id=item2, secret=True,
                                       majority="two_thirds_all", options=["Đồng ý", "Không đồng ý", "Không biểu quyết"])
    room.sync("secretary")
    console.votes.select(secret)
    console.votes.open_button.click()
    room.sync()
    qtbot.waitUntil(lambda: len(panels["outsider"].choice_buttons) == 3, timeout=5000)
    # the offline tablet queues a ballot, the vote closes before it arrives: the tablet says the vote did not count
    go_offline(panels["outsider"].session, unreachable)
    buttons(panels["outsider"])["Đồng ý"].click()
    buttons(panels["nv_staff"])["Đồng ý"].click()
    buttons(panels["rep"])["Đồng ý"].click()
    room.sync("nv_staff", "rep", "secretary")
    assert "Phiếu kín" in panels["nv_staff"].vote_status.text()
    assert not panels["nv_staff"].session.client.rows("ballots", "poll_id = ?", (secret,))
    console.votes.select(secret)
    qtbot.waitUntil(lambda: "2 / 4" in console.votes.detail_info.text() or "2 trên 4" in console.votes.detail_info.text()
                    or "2/4" in console.votes.table.item(1, 4).text(), timeout=5000)
    console.votes.close_poll(secret)
    room.sync("secretary")
    console.votes.publish_poll(secret)
    go_online(panels["outsider"].session, service.url)
    room.sync()
    qtbot.waitUntil(lambda: "không được tính" in panels["outsider"].banner.text(), timeout=10_000)
    res = world.get("polls", secret)["result"]
    assert res["participants"] == 2 and res["outcome"] == "rejected" and res["threshold"] == 3  # 2 of 4 < two thirds
    assert not world.rows("ballots", poll_id=secret)

    # --- a show of hands: refused when the counts exceed those present, then recorded per member
    hands = console.votes.create_poll(question="Giơ tay: thông qua chương trình", agenda_item_id=item2,
                                      majority="two_thirds_present", options=["Đồng ý", "Không đồng ý"])
    room.sync("secretary")
    console.votes.select(hands)
    adlg = console.votes.analog_dialog(hands)
    adlg.spins["Đồng ý"].setMaximum(10)
    adlg.spins["Đồng ý"].setValue(7)
    adlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    room.sync("secretary")
    qtbot.waitUntil(lambda: "7" in console.banner.text() and console.banner.error, timeout=5000)
    adlg = console.votes.analog_dialog(hands)
    adlg.by_member.setChecked(True)
    for uid, combo in adlg.combos.items():
        combo.setCurrentIndex(1)  # everyone agrees
    adlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    room.sync("secretary")
    qtbot.waitUntil(lambda: world.get("polls", hands)["state"] == "closed", timeout=5000)
    res = world.get("polls", hands)["result"]
    assert res["method"] == "analog" and res["tallies"]["Đồng ý"] == 4 and res["outcome"] == "passed"
    assert len(res["by_member"]) == 4

    # --- the speaker queue: requests with a topic, my place, reorder, the floor with a limit, the totals
    panels["nv_staff"].topic.setText("Nguồn vốn đầu tư công")
    panels["nv_staff"].speak.click()
    room.sync("nv_staff")
    panels["rep"].speak.click()
    room.sync()
    qtbot.waitUntil(lambda: "số 2" in panels["rep"].speak_state.text(), timeout=5000)
    console.tabs.setCurrentIndex(2)
    assert console.speakers.list.count() == 2 and "Nguồn vốn" in console.speakers.list.item(0).text()
    rep_request = console.speakers.list.item(1).data(0x0100)
    console.speakers.select(rep_request)
    console.speakers.up.click()
    room.sync()
    qtbot.waitUntil(lambda: "số 1" in panels["rep"].speak_state.text(), timeout=5000)
    console.speakers.limit.setValue(2)
    console.speakers.select(rep_request)
    console.speakers.give.click()
    room.sync()
    qtbot.waitUntil(lambda: "/ 2:00" in console.speakers.timer.text(), timeout=5000)
    shown = console.speakers.timer.text()
    qtbot.waitUntil(lambda: console.speakers.timer.text() != shown, timeout=4000)  # the timer runs
    assert re.fullmatch(r"0:\d\d / 2:00", console.speakers.timer.text())
    assert re.search(r"0:\d\d / 2:00", panels["rep"].speak_state.text())
    console.speakers.end_button.click()
    room.sync()
    qtbot.waitUntil(lambda: not console.speakers.end_button.isEnabled(), timeout=5000)
    totals = {console.speakers.totals.item(r, 0).text(): console.speakers.totals.item(r, 2).text()
              for r in range(console.speakers.totals.rowCount())}
    assert re.fullmatch(r"0:\d\d", totals["Phạm Thị Dung"]) and totals["Lê Văn Cường"] == "chưa phát biểu"
    panels["nv_staff"].speak.click()  # withdraw
    room.sync()
    qtbot.waitUntil(lambda: console.speakers.list.count() == 0, timeout=5000)

    # --- conclusions per item and for the meeting; end the meeting; every tablet shows them
    console.tabs.setCurrentIndex(4)
    console.conclusions.target.setCurrentIndex(console.conclusions.target.findData(item2))
    console.conclusions.text.setPlainText("Thống nhất thông qua dự toán ngân sách năm 2027.")
    console.conclusions.save.click()
    console.conclusions.set_conclusion(None, "Giao Sở Tài chính hoàn thiện hồ sơ trình HĐND tỉnh.")
    room.sync("secretary")
    box = console.request_end()
    box.accept()
    room.sync()
    qtbot.waitUntil(lambda: console.meeting_state() == "ended", timeout=5000)
    qtbot.waitUntil(lambda: "Giao Sở Tài chính" in panels["nv_staff"].conclusion.text(), timeout=5000)
    assert "Thống nhất thông qua" in panels["nv_staff"].conclusion.text()
    assert len(world.rows("conclusions", meeting_id=mid)) == 2
    console.tabs.setCurrentIndex(1)
    console.votes.select(named)
    console.banner.hide()
    screenshot(console, "console_votes")
