"""Week calendar, meeting page and the response flows, online and offline, against the real service."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from ecabinet_client.domain.errors import DomainError
from tests.service.conftest import Api

from .conftest import go_offline, go_online, screenshot


def _page(win, mid):
    win.open_meeting(mid)
    return win.meeting_page


def _server_invitation(service, world, who, inv_id):
    api = Api(service.url, world.login(who))
    try:
        return api.pull_all()["invitations"][inv_id]
    finally:
        api.close()


def test_week_navigation_shows_the_meetings_of_each_week(qtbot, signed_in, world):
    this = world.meeting(title="Họp tuần này", starts_in=timedelta(hours=30))
    nxt = world.meeting(title="Họp tuần sau", starts_in=timedelta(days=8))
    session, win = signed_in("delegate")
    week = win.week
    assert win.current_view() == "week"
    monday = week.monday
    assert monday == date.today() - timedelta(days=date.today().weekday())
    ids = lambda: {r.id for r in week.grid.rows}  # noqa: E731
    start = this["starts_at"].astimezone().date()
    while not (week.monday <= start < week.monday + timedelta(days=7)):
        week.next_button.click()
    assert this["id"] in ids()
    week.on_today()
    week.next_button.click()
    assert week.monday == monday + timedelta(days=7)
    week.prev_button.click()
    week.prev_button.click()
    assert week.monday == monday - timedelta(days=7)
    week.today_button.click()
    assert week.monday == monday
    # the meeting 8 days away is in one of the next two weeks, in ascending order with the others
    week.on_next()
    found = nxt["id"] in ids()
    week.on_next()
    assert found or nxt["id"] in ids()
    rows = week.grid.rows
    assert rows == sorted(rows, key=lambda r: r.starts_at)
    week.on_today()
    screenshot(win, "week")


def test_confirm_online_reaches_the_service(qtbot, signed_in, world, service):
    m = world.meeting(title="Họp bàn kế hoạch ngân sách 2027")
    session, win = signed_in("delegate")
    page = _page(win, m["id"])
    screenshot(win, "meeting")
    assert page.confirm_button.isEnabled()
    page.confirm_button.click()  # (the waiting-to-sync state is covered by the offline test)
    qtbot.waitUntil(lambda: session.pending_count == 0, timeout=10_000)
    assert _server_invitation(service, world, "delegate", m["invitations"]["delegate"])["state"] == "confirmed"
    qtbot.waitUntil(lambda: "chờ đồng bộ" not in page.my_response.text(), timeout=5_000)
    assert "Tham dự" in page.my_response.text()


def test_decline_needs_a_reason(qtbot, signed_in, world, service):
    m = world.meeting()
    session, win = signed_in("delegate")
    page = _page(win, m["id"])
    page.decline_button.click()
    dlg = page.dialog
    from PySide6.QtWidgets import QDialogButtonBox

    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    with pytest.raises(DomainError) as err:
        session.respond(m["my"] if "my" in m else session.my_invitation(m["id"]), "declined", "  ")
    assert err.value.code == "reason_required"
    dlg.reason.setPlainText("Trùng lịch tiếp công dân")
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: session.pending_count == 0, timeout=10_000)
    inv = _server_invitation(service, world, "delegate", m["invitations"]["delegate"])
    assert (inv["state"], inv["reason"]) == ("declined", "Trùng lịch tiếp công dân")


def test_substitute_only_from_the_same_organisation(qtbot, signed_in, world, service):
    m = world.meeting()
    session, win = signed_in("delegate")
    page = _page(win, m["id"])
    page.delegate_button.click()
    picker = page.dialog
    names = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert any("Trần Thị Bình" in n for n in names)
    assert not any("Lê Văn Cường" in n or "Phạm Thị Dung" in n for n in names)  # Sở Nội vụ
    picker.search.setText("tran thi binh")  # accent-insensitive
    assert picker.list.count() == 1
    screenshot(picker, "substitute")
    picker.list.setCurrentRow(0)
    picker.accept()
    qtbot.waitUntil(lambda: session.pending_count == 0, timeout=10_000)
    inv = _server_invitation(service, world, "delegate", m["invitations"]["delegate"])
    assert (inv["state"], inv["substitute_id"]) == ("delegated", world.users["colleague"])
    outsider = session.client.row("users", world.users["outsider"])
    with pytest.raises(DomainError) as err:
        session.delegate(session.my_invitation(m["id"]), outsider)
    assert "cùng cơ quan" in err.value.message("vi")


def test_share_with_an_assistant(qtbot, signed_in, world, service):
    m = world.meeting()
    session, win = signed_in("delegate")
    page = _page(win, m["id"])
    page.share_button.click()
    picker = page.dialog
    assert picker.list.count() == 1 and "Võ Thị Giang" in picker.list.item(0).text()
    picker.list.setCurrentRow(0)
    picker.accept()
    qtbot.waitUntil(lambda: session.pending_count == 0, timeout=10_000)
    assert not session.failures()
    assistant = Api(service.url, world.login("assistant"))
    try:
        assert m["id"] in assistant.pull_all().get("meetings", {})
    finally:
        assistant.close()


def test_deadline_refusal_with_the_rules_wording(qtbot, signed_in, world):
    m = world.meeting(starts_in=timedelta(hours=10))  # regular: 24 h before
    session, win = signed_in("delegate")
    page = _page(win, m["id"])
    assert "quá hạn phản hồi" in page.my_response.text()
    assert not page.confirm_button.isEnabled()
    page._do(lambda: session.respond(session.my_invitation(m["id"]), "confirmed"))
    box = page.message_box
    assert isinstance(box, QMessageBox)
    assert "theo quy chế, phản hồi chậm nhất 1 ngày" in box.text()
    box.close()


def test_offline_response_waits_then_syncs(qtbot, signed_in, world, service, unreachable):
    m = world.meeting()
    session, win = signed_in("delegate")
    go_offline(session, unreachable)
    page = _page(win, m["id"])
    page.confirm_button.click()
    qtbot.waitUntil(lambda: "Ngoại tuyến" in win.online_label.text(), timeout=10_000)
    assert session.pending_count == 1
    assert "chờ đồng bộ" in page.my_response.text()
    assert "Ngoại tuyến" in win.online_label.text() and "1 thay đổi chờ đồng bộ" in win.pending_label.text()
    screenshot(win, "offline")
    go_online(session, service.url)
    win.sync_button.click()
    qtbot.waitUntil(lambda: session.pending_count == 0 and session.online, timeout=10_000)
    assert _server_invitation(service, world, "delegate", m["invitations"]["delegate"])["state"] == "confirmed"
    # the status bar follows the round's status event, a moment after the store has the confirmation
    qtbot.waitUntil(lambda: "Mọi thay đổi đã được đồng bộ" in win.pending_label.text(), timeout=5_000)


def test_offline_response_refused_later_is_shown_with_its_reason(qtbot, signed_in, world, service, unreachable):
    m = world.meeting(starts_in=timedelta(days=3))
    session, win = signed_in("delegate")
    go_offline(session, unreachable)
    page = _page(win, m["id"])
    page.confirm_button.click()
    qtbot.waitUntil(lambda: not session.online, timeout=10_000)
    # meanwhile the meeting is moved to within the response deadline
    from ecabinet_client.domain.rules import iso, utcnow

    with world.db.write(world.tenant_id) as tx:
        tx.update("meetings", m["id"], {"starts_at": iso(utcnow() + timedelta(hours=3)),
                                         "ends_at": iso(utcnow() + timedelta(hours=5))})
    go_online(session, service.url)
    with qtbot.waitSignal(session.mutation_failed, timeout=10_000) as blocker:
        session.sync_now()
    assert blocker.args[0]["code"] == "response_deadline_passed"
    qtbot.waitUntil(lambda: "Máy chủ từ chối" in page.my_response.text(), timeout=10_000)
    assert "quá hạn phản hồi" in page.my_response.text()
    assert any(n[0] == "refused" for n in win.notifications)


def test_unit_representative_assigns_who_attends(qtbot, signed_in, world, service):
    m = world.meeting(invitees=(), unit_invitees=("nv_tc",), title="Họp về tổ chức bộ máy")
    session, win = signed_in("rep")
    win.nav.setCurrentRow(win.visible_views.index("unit"))
    unit = win.page("unit")
    assert unit.tree.topLevelItemCount() == 1
    unit.tree.setCurrentItem(unit.tree.topLevelItem(0))
    unit.member.setCurrentIndex(unit.member.findText("Hoàng Văn Em", flags=__import__("PySide6.QtCore").QtCore.Qt.MatchFlag.MatchStartsWith))
    assert unit.member.currentData()["id"] == world.users["nv_staff"]
    unit.assign_button.click()
    qtbot.waitUntil(lambda: session.pending_count == 0, timeout=10_000)
    inv = _server_invitation(service, world, "rep", m["invitations"]["unit:nv_tc"])
    assert inv["assigned_user_id"] == world.users["nv_staff"]
    qtbot.waitUntil(lambda: "Hoàng Văn Em" in unit.tree.topLevelItem(0).text(2), timeout=5_000)
    screenshot(win, "unit_invitations")


def test_finished_search_accent_insensitive(qtbot, signed_in, world):
    world.meeting(state="ended", starts_in=timedelta(days=-2), title="Tổng kết công tác Đảng ủy")
    world.meeting(state="ended", starts_in=timedelta(days=-3), title="Họp khác")
    session, win = signed_in("delegate")
    win.nav.setCurrentRow(win.visible_views.index("finished"))
    lst = win.page("finished")
    assert lst.tree.topLevelItemCount() == 2
    lst.search.setText("dang uy")
    assert lst.tree.topLevelItemCount() == 1
    lst.search.clear()
    lst.chair.setText("chair")
    assert lst.tree.topLevelItemCount() == 2
    screenshot(win, "finished")


def test_opening_a_document_downloads_it_and_shows_it_in_the_viewer(qtbot, signed_in, world, tmp_path):
    """Double-click on a document of the agenda: downloaded through the service with progress, then read in
    the built-in viewer (the watermark names the reader)."""
    import pymupdf

    m = world.meeting(title="Họp thẩm định dự toán")
    pdf = tmp_path / "du-toan.pdf"
    with pymupdf.open() as doc:
        for n in range(3):
            page = doc.new_page()
            page.insert_text((72, 72), f"Du toan ngan sach - trang {n + 1}")
        doc.save(pdf)
    secretary, _ = signed_in("secretary")
    secretary.client.attach_document(m["id"], pdf, name="Dự toán ngân sách.pdf", agenda_item_id=m["agenda_item_id"])
    secretary.client.sync()
    session, win = signed_in("delegate")
    page = _page(win, m["id"])
    item = page.agenda.topLevelItem(0).child(0)
    assert item.text(0) == "Dự toán ngân sách.pdf" and "tải về" in item.text(2)
    page.on_item_activated(item, 0)
    qtbot.waitUntil(lambda: getattr(page, "viewer", None) is not None, timeout=15_000)
    viewer = page.viewer
    qtbot.waitUntil(lambda: viewer.document is not None, timeout=10_000)
    assert viewer.document.page_count == 3 and viewer.isWindow()
    assert session.document_path(secretary.client.documents(m["id"])[0]) is not None
    assert page.agenda.topLevelItem(0).child(0).text(2) == "✔ Có sẵn ngoại tuyến"
    viewer.close()


def test_meeting_page_opens_the_console_for_the_chair_and_the_live_panel_for_a_delegate(qtbot, signed_in, world):
    m = world.meeting(title="Phiên họp thường kỳ", invitees=("delegate",))
    chair, chair_win = signed_in("chair")
    page = _page(chair_win, m["id"])
    assert page.console_button.isVisibleTo(page) and not page.live_button.isVisibleTo(page)
    assert page.console_button.text() == "Điều hành cuộc họp"
    page.console_button.click()
    console = page.console
    assert console.isVisible() and console.meeting_id == m["id"]
    page.console_button.click()  # a second click brings the same window forward
    assert page.console is console
    console.close()
    delegate, win = signed_in("delegate")
    dpage = _page(win, m["id"])
    assert dpage.live_button.isVisibleTo(dpage) and not dpage.console_button.isVisibleTo(dpage)
    dpage.live_button.click()
    assert dpage.live_panel.isVisible()
    dpage.live_panel.close()
