"""Sign-in: success, each failure, offline start, expired password, revoked device."""

from __future__ import annotations

import httpx

from ecabinet_client.ui.app import ClientController
from ecabinet_client.sync.api import TokenVault
from ecabinet_client.sync.client import Client
from tests.world import PASSWORD

from tests.sync.conftest import own_service  # noqa: F401 - fixture

from .conftest import screenshot


def _controller(qtbot, settings, tmp_path, server=None):
    settings.server = server or settings.server
    ctl = ClientController(settings=settings, demo_accounts=[("delegate", "demo", "x")],
                           client_factory=lambda url, remember: Client(url, base_dir=tmp_path / "data",
                                                                        vault=TokenVault(persist=remember)))
    qtbot.addWidget(ctl.signin_window)
    ctl.show()
    return ctl


def _sign_in(ctl, login, password):
    ctl.signin.login.setText(login)
    ctl.signin.password.setText(password)
    ctl.signin.button.click()


def test_sign_in_success_opens_week_calendar(qtbot, tmp_path, settings, world):
    world.meeting(title="Họp giao ban Sở Tài chính quý IV")
    ctl = _controller(qtbot, settings, tmp_path)
    screenshot(ctl.signin_window, "signin")
    with qtbot.waitSignal(ctl.main_window_shown, timeout=15_000) as blocker:
        _sign_in(ctl, world.login("delegate"), PASSWORD)
    win = blocker.args[0]
    qtbot.addWidget(win)
    assert win.current_view() == "week"
    assert not ctl.signin_window.isVisible()
    qtbot.waitUntil(lambda: ctl.session.last_sync is not None, timeout=10_000)
    ctl.close()
    ctl.session.close() if ctl.session else None


def test_wrong_password_says_so(qtbot, tmp_path, settings, world):
    ctl = _controller(qtbot, settings, tmp_path)
    _sign_in(ctl, world.login("delegate"), "sai-mat-khau")
    qtbot.waitUntil(lambda: ctl.signin.button.isEnabled(), timeout=15_000)
    assert "Sai tên đăng nhập hoặc mật khẩu" in ctl.signin.error.text()
    assert ctl.window is None


def test_unreachable_server_then_offline_start_with_cached_data(qtbot, tmp_path, settings, own_service):
    w = own_service.world
    m = w.meeting(title="Họp trực tuyến ngoại tuyến")
    # a first, online sign-in leaves cached data on this device
    first = Client(own_service.url, base_dir=tmp_path / "data", autostart=False, live=False)
    first.sign_in(w.login("delegate"), PASSWORD)
    first.sync()
    first.close()
    own_service.kill()  # then the network goes away
    ctl = _controller(qtbot, settings, tmp_path, server=own_service.url)
    _sign_in(ctl, w.login("delegate"), PASSWORD)
    qtbot.waitUntil(lambda: ctl.signin.button.isEnabled(), timeout=15_000)
    assert "Không kết nối được máy chủ" in ctl.signin.error.text()
    assert ctl.signin.offline_button.isVisibleTo(ctl.signin)
    with qtbot.waitSignal(ctl.main_window_shown, timeout=5_000) as blocker:
        ctl.signin.offline_button.click()
    win = blocker.args[0]
    qtbot.addWidget(win)
    assert not ctl.session.online
    assert ctl.session.meeting(m["id"])["title"] == "Họp trực tuyến ngoại tuyến"
    assert "Ngoại tuyến" in win.online_label.text()
    ctl.close()


def test_unreachable_server_without_cached_data_offers_nothing_offline(qtbot, tmp_path, settings, unreachable):
    ctl = _controller(qtbot, settings, tmp_path, server=unreachable)
    _sign_in(ctl, "nguoi.moi", PASSWORD)
    qtbot.waitUntil(lambda: ctl.signin.button.isEnabled(), timeout=15_000)
    assert "Không kết nối được máy chủ" in ctl.signin.error.text()
    assert not ctl.signin.offline_button.isVisibleTo(ctl.signin)
    ctl.close()


def test_expired_password_opens_change_password_dialog(qtbot, tmp_path, settings, world):
    world.add_user("old", password_changed_at="2020-01-01T00:00:00+00:00")
    ctl = _controller(qtbot, settings, tmp_path)
    _sign_in(ctl, world.login("old"), PASSWORD)
    qtbot.waitUntil(lambda: getattr(ctl.signin, "password_dialog", None) is not None, timeout=15_000)
    dlg = ctl.signin.password_dialog
    assert "hết hạn" in ctl.signin.error.text()
    dlg.old.setText(PASSWORD)
    dlg.new.setText("Mat-khau-moi-2026")
    dlg.again.setText("Mat-khau-moi-2027")
    dlg.on_accept()
    assert "khác nhau" in dlg.error.text()
    dlg.again.setText("Mat-khau-moi-2026")
    with qtbot.waitSignal(ctl.main_window_shown, timeout=15_000) as blocker:
        dlg.on_accept()
    qtbot.addWidget(blocker.args[0])
    ctl.close()


def test_revoked_device_returns_to_sign_in_with_message(qtbot, tmp_path, settings, world):
    ctl = _controller(qtbot, settings, tmp_path)
    with qtbot.waitSignal(ctl.main_window_shown, timeout=15_000) as blocker:
        _sign_in(ctl, world.login("delegate"), PASSWORD)
    qtbot.addWidget(blocker.args[0])
    api = ctl.session.client.api
    qtbot.waitUntil(lambda: ctl.session.last_sync is not None, timeout=10_000)
    r = httpx.delete(f"{settings.server}/api/v1/devices/{api.device_id}",
                     headers={"Authorization": "Bearer " + api.access_token})
    assert r.status_code in (200, 204), r.text
    ctl.session.sync_now()
    qtbot.waitUntil(lambda: ctl.signin_window.isVisible(), timeout=10_000)
    assert "thu hồi" in ctl.signin.error.text()
    assert ctl.window is None


def test_a_remembered_device_starts_signed_in_then_a_revoked_one_asks_for_the_password_again(qtbot, tmp_path, settings, world):
    m = world.meeting(title="Họp giao ban đầu tuần", invitees=("delegate",))
    login = world.login("delegate")
    ctl = _controller(qtbot, settings, tmp_path)
    with qtbot.waitSignal(ctl.main_window_shown, timeout=15_000) as blocker:
        _sign_in(ctl, login, PASSWORD)  # "remember this device" is ticked by default
    qtbot.addWidget(blocker.args[0])
    qtbot.waitUntil(lambda: ctl.session.last_sync is not None, timeout=10_000)
    api = ctl.session.client.api
    device, access = api.device_id, api.access_token
    ctl.close()

    # the next start: no password, the cached calendar at once, then sync with the kept refresh token
    again = ClientController(settings=settings)  # the client's own factory
    assert again.resume()
    assert not again.signin_window.isVisible() and again.window.isVisible()
    assert again.session.meeting(m["id"])["title"] == "Họp giao ban đầu tuần"
    assert not again.session.client.engine.running  # the cached calendar is painted first
    qtbot.waitSignal(again.window.first_painted, timeout=5_000).wait()
    qtbot.waitUntil(lambda: again.session.client.engine.running, timeout=1_000)
    qtbot.waitUntil(lambda: again.session.online and again.session.last_sync is not None, timeout=10_000)
    again.close()

    # the device is revoked (lost laptop): the next start resumes, the service refuses, sign-in says why
    r = httpx.delete(f"{settings.server}/api/v1/devices/{device}", headers={"Authorization": "Bearer " + access})
    assert r.status_code in (200, 204), r.text
    third = ClientController(settings=settings)  # the client's own factory
    assert third.resume()
    qtbot.waitUntil(lambda: third.signin_window.isVisible(), timeout=10_000)
    assert "thu hồi" in third.signin.error.text() and third.window is None
    third.close()


def test_nothing_to_resume_without_a_remembered_device(qtbot, tmp_path, settings, world):
    ctl = _controller(qtbot, settings, tmp_path)
    ctl.signin.remember.setChecked(False)
    with qtbot.waitSignal(ctl.main_window_shown, timeout=15_000) as blocker:
        _sign_in(ctl, world.login("delegate"), PASSWORD)
    qtbot.addWidget(blocker.args[0])
    ctl.close()
    assert settings.last_login == world.login("delegate") and not settings.remember_device
    again = ClientController(settings=settings)  # the client's own factory
    assert not again.resume() and again.window is None
    again.close()
