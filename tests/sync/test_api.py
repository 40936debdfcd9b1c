"""Sign-in, tokens in the keyring (or memory only), automatic refresh, sign-out, typed errors."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backends import fail

from ecabinet_client.sync.api import Api, AuthError, OfflineError, TokenVault
from ecabinet_client.sync.client import Client
from ecabinet_client.service.harness import free_port


def test_expired_access_token_is_refreshed_and_rotated(make_client, world, memory_keyring):
    c = make_client("delegate")
    key = ("eCabinet", f"{c.server}|{world.login('delegate')}")
    first = json.loads(memory_keyring.secrets[key])["refresh_token"]
    c.api.access_token = "not-a-valid-token"
    assert c.api.me()["user"]["id"] == c.user["id"]
    second = json.loads(memory_keyring.secrets[key])["refresh_token"]
    assert second != first and c.api.refresh_token == second
    stale = Api(c.server)
    try:
        with pytest.raises(AuthError):  # the rotated-out token no longer works
            stale.resume(device_id=c.api.device_id, refresh_token=first)
    finally:
        stale.close()


def test_without_a_keyring_tokens_stay_in_memory(make_client, world):
    keyring.set_keyring(fail.Keyring())
    assert TokenVault().remember_device is False
    c = make_client("delegate")
    assert c.remember_device is False
    c.sync()
    assert c.api.refresh_token


def test_wrong_password_and_unreachable_service_are_typed(make_client, world, tmp_path):
    c = make_client("delegate", sign_in=False)
    with pytest.raises(AuthError) as e:
        c.sign_in(world.login("delegate"), "sai mật khẩu")
    assert e.value.code == "bad_credentials" and "mật khẩu" in e.value.message
    nowhere = Client(f"http://127.0.0.1:{free_port()}", base_dir=tmp_path / "x", config_dir=tmp_path / "y", autostart=False)
    with pytest.raises(OfflineError):
        nowhere.sign_in("a", "b")
    with pytest.raises(AuthError):
        nowhere.open_offline()  # nobody has signed in here yet


def test_sign_out_with_wipe_keeps_pending_intents(make_client, world, memory_keyring):
    m = world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    c.sync()
    folder = c.store.path.parent
    c.queue("respond_invitation", invitation_id=m["invitations"]["delegate"], response="confirmed")
    assert c.sign_out(wipe=True) is False  # never drop intents silently
    assert (folder / "store.sqlite3").exists()
    kept = json.loads(memory_keyring.secrets[("eCabinet", f"{c.server}|{world.login('delegate')}")])
    assert kept["refresh_token"] == "" and kept["device_id"]
    c.sign_in(world.login("delegate"), "Mat-khau-2026")
    assert c.api.device_id == kept["device_id"]  # the same device is reused
    assert c.sync()["confirmed"] == 1
    assert c.sign_out(wipe=True) is True
    assert not folder.exists() and c.accounts.last(c.server) is None
