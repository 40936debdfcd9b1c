"""Sign-in, throttling, password expiry, refresh rotation, logout and device revocation (real service)."""

from __future__ import annotations

import time
from datetime import timedelta

import httpx

from ecabinet_client.domain.rules import iso, utcnow
from tests.world import PASSWORD


def _login(service, login, password=PASSWORD, **extra):
    return httpx.post(service.url + "/api/v1/auth/login", json={"login": login, "password": password, **extra}, timeout=30)


def test_sign_in_by_username_and_by_email(service, world):
    r = _login(service, world.login("delegate"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["user"]["id"] == world.users["delegate"] and "password_hash" not in body["user"]
    assert body["tenant_id"] == world.tenant_id and body["expires_in"] > 0
    r = _login(service, f"  {world.login('delegate').upper()}@HAUGIANG.GOV.VN ")
    assert r.status_code == 200 and r.json()["user"]["id"] == world.users["delegate"]
    me = httpx.get(service.url + "/api/v1/me", headers={"Authorization": "Bearer " + body["access_token"]})
    assert me.status_code == 200 and me.json()["user"]["full_name"] == "Nguyễn Văn An"
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        r = httpx.get(service.url + "/api/v1/me", headers=headers)
        assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"


def test_wrong_password_and_throttling(service, world):
    login = world.login("outsider")
    r = _login(service, login, "sai-mat-khau")
    assert r.status_code == 401 and r.json()["error"]["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    r = httpx.post(service.url + "/api/v1/auth/login", json={"login": "nobody-" + world.tag, "password": "x"},
                   headers={"Accept-Language": "en"})
    assert r.status_code == 401 and r.json()["error"]["message"] == "Wrong username or password."
    for _ in range(4):
        assert _login(service, login, "sai-mat-khau").status_code == 401
    r = _login(service, login)  # the right password, but too soon after five failures
    assert r.status_code == 429, r.text
    assert r.json()["error"]["code"] == "too_many_attempts" and int(r.headers["Retry-After"]) >= 1
    time.sleep(int(r.headers["Retry-After"]) + 0.1)
    assert _login(service, login).status_code == 200  # after waiting, and the counter is reset
    assert _login(service, login, "sai").status_code == 401


def test_password_expired_then_changed(service, world):
    world.update("users", world.users["colleague"], password_changed_at=iso(utcnow() - timedelta(days=40)))
    login = world.login("colleague")
    r = _login(service, login)
    assert r.status_code == 403 and r.json()["error"]["code"] == "password_expired"
    assert "30 ngày" in r.json()["error"]["message"]
    url = service.url + "/api/v1/auth/change-password"
    r = httpx.post(url, json={"login": login, "old_password": PASSWORD, "new_password": "ngan"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "weak_password"
    r = httpx.post(url, json={"login": login, "old_password": "sai", "new_password": "Mat-khau-moi-2026"})
    assert r.status_code == 401
    r = httpx.post(url, json={"login": login, "old_password": PASSWORD, "new_password": "Mat-khau-moi-2026"})
    assert r.status_code == 200, r.text
    assert _login(service, login, "Mat-khau-moi-2026").status_code == 200
    assert _login(service, login).status_code == 401


def test_refresh_rotation_and_logout(service, world):
    first = _login(service, world.login("delegate"), device_name="Máy tính bảng").json()
    refresh = service.url + "/api/v1/auth/refresh"
    r = httpx.post(refresh, json={"device_id": first["device_id"], "refresh_token": first["refresh_token"]})
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"] and second["device_id"] == first["device_id"]
    r = httpx.post(refresh, json={"device_id": first["device_id"], "refresh_token": first["refresh_token"]})
    assert r.status_code == 401  # the old refresh token was rotated away
    auth = {"Authorization": "Bearer " + second["access_token"]}
    assert httpx.post(service.url + "/api/v1/auth/logout", headers=auth).json() == {"ok": True}
    r = httpx.post(refresh, json={"device_id": second["device_id"], "refresh_token": second["refresh_token"]})
    assert r.status_code == 401


def test_device_revocation(service, world):
    tablet = _login(service, world.login("delegate"), device_name="Máy tính bảng").json()
    laptop = _login(service, world.login("delegate"), device_name="Máy tính xách tay").json()
    assert tablet["device_id"] != laptop["device_id"]
    on_laptop = {"Authorization": "Bearer " + laptop["access_token"]}
    on_tablet = {"Authorization": "Bearer " + tablet["access_token"]}
    devices = httpx.get(service.url + "/api/v1/devices", headers=on_laptop).json()["devices"]
    assert {tablet["device_id"], laptop["device_id"]} <= {d["id"] for d in devices}
    assert all("refresh_hash" not in d for d in devices)
    # somebody else (not an admin) cannot revoke it; the owner can (a lost tablet)
    other = _login(service, world.login("colleague")).json()
    r = httpx.delete(service.url + f"/api/v1/devices/{tablet['device_id']}",
                     headers={"Authorization": "Bearer " + other["access_token"]})
    assert r.status_code == 404
    assert httpx.delete(service.url + f"/api/v1/devices/{tablet['device_id']}", headers=on_laptop).status_code == 200
    for path in ("/api/v1/me", "/api/v1/sync/pull"):
        r = httpx.get(service.url + path, headers=on_tablet)
        assert r.status_code == 401 and r.json()["error"]["code"] == "device_revoked", path
    r = httpx.post(service.url + "/api/v1/auth/refresh",
                   json={"device_id": tablet["device_id"], "refresh_token": tablet["refresh_token"]})
    assert r.status_code == 401 and r.json()["error"]["code"] == "device_revoked"  # the holder is told why
    r = httpx.post(service.url + "/api/v1/auth/refresh", json={"device_id": tablet["device_id"], "refresh_token": "x"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"  # a guess learns nothing
    assert httpx.get(service.url + "/api/v1/me", headers=on_laptop).status_code == 200
    # an admin of the tenant revokes anyone's device
    world.add_user("admin", org="vp", roles=("admin",))
    admin = _login(service, world.login("admin")).json()
    r = httpx.delete(service.url + f"/api/v1/devices/{laptop['device_id']}",
                     headers={"Authorization": "Bearer " + admin["access_token"]})
    assert r.status_code == 200
    assert httpx.get(service.url + "/api/v1/me", headers=on_laptop).status_code == 401


def test_disabled_account(service, world):
    world.update("users", world.users["nv_staff"], active=False)
    r = _login(service, world.login("nv_staff"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "account_disabled"
