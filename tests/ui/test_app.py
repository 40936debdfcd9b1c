"""Language switching, notifications, settings and sign-out, the crash dialog."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from PySide6.QtWidgets import QApplication

from ecabinet_client.ui import crash, i18n
from ecabinet_client.ui.app import ClientController
from ecabinet_client.sync.api import TokenVault
from ecabinet_client.sync.client import Client
from tests.service.conftest import Api
from tests.service.helpers import ok
from tests.world import PASSWORD

from .conftest import screenshot


def test_language_switch_without_restart(qtbot, signed_in, world, settings):
    m = world.meeting(title="Họp chuyên đề chuyển đổi số")
    session, win = signed_in("delegate")
    win.open_meeting(m["id"])
    assert win.nav.item(0).text().endswith("Lịch tuần")
    assert win.meeting_page.confirm_button.text() == "Tham dự"
    win.on_settings()
    dlg = win.settings_dialog
    screenshot(dlg, "settings")
    dlg.language_chosen.connect(lambda lang: i18n.install(lang))
    dlg.language.setCurrentIndex(dlg.language.findData("en"))
    dlg.language.activated.emit(dlg.language.currentIndex())
    qtbot.waitUntil(lambda: win.nav.item(0).text().endswith("Week calendar"), timeout=5_000)
    assert win.meeting_page.confirm_button.text() == "Attend"
    assert dlg.sign_out_button.text() == "Sign out"
    assert "Week of" in win.week.range_label.text()
    screenshot(win, "meeting_en")
    i18n.install("vi")
    qtbot.waitUntil(lambda: win.nav.item(0).text().endswith("Lịch tuần"), timeout=5_000)
    dlg.close()


def test_reading_font_size_applies_now_and_at_the_next_start(qtbot, signed_in, world, settings):
    m = world.meeting(title="Họp đọc tài liệu chữ lớn")
    session, win = signed_in("delegate")
    win.on_settings()
    win.settings_dialog.font_size.setValue(16)
    win.open_meeting(m["id"])  # the meeting page is made on first use, with the chosen size
    assert win.meeting_page.font().pointSize() == 16 and settings.reading_font_pt == 16
    win.settings_dialog.font_size.setValue(13)  # and follows a change while it is open
    assert win.meeting_page.font().pointSize() == 13
    win.settings_dialog.close()


def test_notifications_for_new_invitation_change_and_reminder(qtbot, signed_in, world, service):
    """The service's notifications (a registrar invites me, then moves the room) reach the tray."""
    session, win = signed_in("delegate")
    m = world.meeting(title="Họp khẩn về phòng chống bão", kind="urgent", starts_in=timedelta(minutes=20),
                      invitees=("colleague",))
    registrar = Api(service.url, world.login("registrar"))
    invitees = [{"id": m["invitations"]["colleague"], "user_id": world.users["colleague"]},
                {"id": uuid.uuid4().hex, "user_id": world.users["delegate"]}]
    ok(registrar.push("set_invitees", meeting_id=m["id"], base_version=world.get("meetings", m["id"])["version"],
                           invitees=invitees))
    with qtbot.waitSignal(session.notified, timeout=10_000) as blocker:
        session.sync_now()
    assert blocker.args[:2] == ["invitation", "Họp khẩn về phòng chống bão"]
    qtbot.waitUntil(lambda: any(n[0] == "invitation" for n in win.notifications), timeout=5_000)
    ok(registrar.push("update_meeting", meeting_id=m["id"], base_version=world.get("meetings", m["id"])["version"],
                           room="Phòng họp số 2"))
    with qtbot.waitSignal(session.notified, timeout=10_000,
                          check_params_cb=lambda kind, *_: kind == "changed"):
        session.sync_now()
    with qtbot.waitSignal(session.notified, timeout=2_000,
                          check_params_cb=lambda kind, *_: kind == "reminder"):
        session.on_reminder_tick()
    registrar.close()
    kinds = [n[0] for n in win.notifications]
    assert {"invitation", "changed", "reminder"} <= set(kinds)
    title, body = [n for n in win.notifications if n[0] == "reminder"][0][1:]
    assert title == "Cuộc họp sắp bắt đầu" and "Họp khẩn về phòng chống bão" in body


def test_sign_out_with_wipe_keeps_nothing_but_pending_changes(qtbot, tmp_path, settings, world):
    ctl = ClientController(settings=settings,
                           client_factory=lambda url, remember: Client(url, base_dir=tmp_path / "data",
                                                                        vault=TokenVault(persist=remember)))
    qtbot.addWidget(ctl.signin_window)
    ctl.show()
    ctl.signin.login.setText(world.login("delegate"))
    ctl.signin.password.setText(PASSWORD)
    with qtbot.waitSignal(ctl.main_window_shown, timeout=15_000):
        ctl.signin.button.click()
    qtbot.waitUntil(lambda: ctl.session.last_sync is not None, timeout=10_000)
    cache = ctl.session.cache_dir()
    assert (cache / "store.sqlite3").exists()
    ctl.window.on_settings()
    dlg = ctl.window.settings_dialog
    dlg.wipe.setChecked(True)
    with qtbot.waitSignal(ctl.signed_out, timeout=10_000):
        dlg.sign_out_button.click()
        assert ctl.window is None and ctl.signin_window.isVisible()
    assert not cache.exists()
    assert ctl.signin.error.text() == ""
    ctl.close()


def test_crash_dialog_shows_a_message_and_copies_details(qtbot, caplog):
    caplog.set_level(logging.ERROR)
    try:
        raise RuntimeError("lỗi thử nghiệm")
    except RuntimeError as exc:
        crash.excepthook(type(exc), exc, exc.__traceback__)
    dlg = crash._dialogs[-1]
    qtbot.addWidget(dlg)
    assert "Traceback" not in dlg.message.text()
    assert "eCabinet gặp sự cố" in dlg.message.text()
    assert not dlg.text.isVisible()
    screenshot(dlg, "crash")
    dlg.copy_button.click()
    assert "RuntimeError: lỗi thử nghiệm" in QApplication.clipboard().text()
    assert any("unexpected error" in r.message for r in caplog.records)
    dlg.close()


def test_a_burst_of_notifications_is_one_pop_up_and_old_ones_none(qtbot, signed_in, world, service):
    """The first sync of the day may bring many notifications: one summary, not a pop-up each; those made
    before the session opened are not announced at all."""
    old = world.meeting(title="Họp cũ", invitees=("colleague",))
    registrar = Api(service.url, world.login("registrar"))
    try:
        def invite(m):
            ok(registrar.push("set_invitees", meeting_id=m["id"], base_version=world.get("meetings", m["id"])["version"],
                              invitees=[{"id": m["invitations"]["colleague"], "user_id": world.users["colleague"]},
                                        {"id": uuid.uuid4().hex, "user_id": world.users["delegate"]}]))

        invite(old)
        with world.db.write(world.tenant_id) as tx:  # that notification is two hours old
            for n in tx.select("notifications", user_id=world.users["delegate"]):
                tx.update("notifications", n["id"], {})
                tx.conn.execute(__import__("sqlalchemy").text(
                    "UPDATE notifications SET updated_at = :t WHERE id = :id"),
                    {"t": "2000-01-01T00:00:00+00:00", "id": n["id"]})
        for i in range(5):
            invite(world.meeting(title=f"Họp số {i}", invitees=("colleague",)))
        session, win = signed_in("delegate", sync=False)  # its engine's first sync brings all six
        qtbot.waitUntil(lambda: len(win.notifications) > 0, timeout=10_000)
        qtbot.wait(300)
        assert [n[0] for n in win.notifications] == ["many"]
        assert win.notifications[0][1] == "5 thông báo mới"
    finally:
        registrar.close()
