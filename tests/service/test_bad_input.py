"""Malformed, mistyped and oversized requests: a 4xx with a message, never a 500, never a partial write."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from ecabinet_client.domain.rules import iso, utcnow
from tests.service.helpers import failed, nid, ok


@pytest.fixture
def delegate(api, service):
    client = api("delegate")
    yield client
    log = (Path(service.data_dir) / "service.log").read_text(errors="replace")
    assert "unexpected error" not in log and "Traceback" not in log, log[-3000:]


def _error(r, status):
    assert r.status_code in (status if isinstance(status, tuple) else (status,)), r.text
    err = r.json()["error"]
    assert err["code"] and err["message"]
    return err


def _last_mutation(client) -> int:
    return client.http.get("/sync/pull", params={"cursor": 10**12, "client_id": client.client_id}).json()["last_mutation_id"]


def test_malformed_json_and_wrong_types(delegate):
    h = {"Content-Type": "application/json"}
    _error(delegate.http.post("/sync/push", content=b'{"client_id": "', headers=h), 422)
    _error(delegate.http.post("/sync/push", content=b"\xff\xfe\x00", headers=h), (400, 422))
    _error(delegate.http.post("/sync/push", json=[1, 2]), 422)
    base = {"client_id": delegate.client_id}
    _error(delegate.http.post("/sync/push", json={**base, "mutations": "x"}), 422)
    _error(delegate.http.post("/sync/push", json={**base, "mutations": [{"mutation_id": "abc", "name": "x", "args": {}}]}), 422)
    _error(delegate.http.post("/sync/push", json={**base, "mutations": [{"mutation_id": 1, "name": "x", "args": []}]}), 422)
    _error(delegate.http.post("/sync/push", json={**base, "mutations": [{"mutation_id": 0, "name": "x", "args": {}}]}), 422)
    _error(delegate.http.post("/sync/push", json={"client_id": "not hex", "mutations": []}), 422)
    _error(delegate.http.post("/sync/push", json={**base, "mutations": [], "extra": 1}), 422)
    _error(delegate.http.get("/sync/pull", params={"cursor": -1}), 422)
    _error(delegate.http.get("/sync/pull", params={"limit": 0}), 422)
    _error(delegate.http.get("/sync/pull", params={"cursor": "abc"}), 422)
    _error(delegate.http.post("/auth/login", json={"login": "x"}), 422)
    _error(delegate.http.post("/auth/login", json={"login": "x", "password": "y", "role": "admin"}), 422)
    _error(delegate.http.post("/auth/login", content=b"login=x&password=y",
                               headers={"Content-Type": "application/x-www-form-urlencoded"}), 422)
    assert _last_mutation(delegate) == 0  # nothing was applied


def test_unknown_mutation_and_bad_arguments_fail_one_by_one(delegate, world):
    mt = world.meeting(invitees=("delegate",))
    body = {"client_id": delegate.client_id, "mutations": [
        {"mutation_id": 1, "name": "drop_all_tables", "args": {}},
        {"mutation_id": 2, "name": "add_comment", "args": {"comment_id": "short", "meeting_id": mt["id"], "body": "x"}},
        {"mutation_id": 3, "name": "add_comment", "args": {"comment_id": nid(), "meeting_id": mt["id"], "body": 42}},
        {"mutation_id": 4, "name": "add_comment", "args": {"comment_id": nid(), "meeting_id": mt["id"], "body": "ok",
                                                          "unknown": True}},
        {"mutation_id": 5, "name": "respond_invitation", "args": {"invitation_id": mt["invitations"]["delegate"],
                                                                 "response": "maybe"}},
        {"mutation_id": 6, "name": "add_comment", "args": {"comment_id": nid(), "meeting_id": mt["id"], "body": "Góp ý"}},
    ]}
    r = delegate.http.post("/sync/push", json=body)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["failed"] * 5 + ["applied"]
    assert results[0]["error"]["code"] == "unknown_mutation" and "drop_all_tables" in results[0]["error"]["message"]
    assert {x["error"]["code"] for x in results[1:5]} == {"bad_request"}
    assert len(world.rows("comments", meeting_id=mt["id"])) == 1
    assert world.get("invitations", mt["invitations"]["delegate"])["state"] == "pending"
    # the failures are kept for the client, with their reason
    failures = delegate.http.get("/sync/pull", params={"cursor": 0, "client_id": delegate.client_id}).json()["failures"]
    assert [f["mutation_id"] for f in failures] == [1, 2, 3, 4, 5]


def test_a_failing_mutation_writes_nothing(delegate, world, api):
    registrar = api("registrar")
    mid = nid()
    start = utcnow() + timedelta(days=6)
    args = dict(meeting_id=mid, title="Họp", starts_at=iso(start), ends_at=iso(start + timedelta(hours=1)),
                chair_id=world.users["chair"], secretary_id=world.users["secretary"], approver_id=world.users["approver"],
                agenda=[{"id": nid(), "title": "Nội dung 1"}],
                invitees=[{"id": nid(), "user_id": world.users["delegate"]}, {"id": nid(), "unit_id": nid()}])
    failed(registrar.push("create_meeting", **args), "not_found")  # the unit does not exist: the last step fails
    assert world.get("meetings", mid) is None
    assert world.rows("agenda_items", meeting_id=mid) == [] and world.rows("invitations", meeting_id=mid) == []
    # the same id can be used once the mistake is fixed
    ok(registrar.push("create_meeting", **{**args, "invitees": args["invitees"][:1]}))
    # an id already taken (even in another tenant) is a clean failure, not a 500
    failed(registrar.push("create_meeting", **args | {"invitees": []}), "bad_request")


def test_oversized_bodies_and_batches(delegate, world):
    big = {"client_id": delegate.client_id, "mutations": [
        {"mutation_id": 1, "name": "add_comment", "args": {"comment_id": nid(), "meeting_id": nid(), "body": "x" * 3_000_000}}]}
    err = _error(delegate.http.post("/sync/push", json=big), 413)
    assert err["code"] == "too_large"
    mt = world.meeting(invitees=("delegate",))
    many = {"client_id": delegate.client_id, "mutations": [
        {"mutation_id": i, "name": "add_comment", "args": {"comment_id": nid(), "meeting_id": mt["id"], "body": "x"}}
        for i in range(1, 202)]}
    r = delegate.http.post("/sync/push", json=many)
    assert r.status_code in (413, 422), r.text
    assert world.rows("comments", meeting_id=mt["id"]) == []  # nothing of the batch was applied
    assert _last_mutation(delegate) == 0


def test_bad_hashes(delegate):
    for sha in ("xyz", "AB" * 32, "ab" * 31, "ab" * 33):
        err = _error(delegate.http.get(f"/blobs/{sha}"), 400)
        assert err["code"] == "bad_request"
        _error(delegate.http.put(f"/blobs/{sha}", params={"size": 1}, content=b"x"), 400)
        _error(delegate.http.get(f"/blobs/{sha}/upload"), 400)
    _error(delegate.http.post("/blobs/check", json={"hashes": ["nope"]}), 400)
    _error(delegate.http.put(f"/blobs/{'ab' * 32}", params={"size": -1}, content=b"x"), 422)
    data = b"not what the hash says"
    err = _error(delegate.http.put(f"/blobs/{'ab' * 32}", params={"size": len(data)}, content=data), 422)
    assert err["code"] == "hash_mismatch"
    assert delegate.http.post("/blobs/check", json={"hashes": ["ab" * 32]}).json() == {"missing": ["ab" * 32]}


def test_framework_errors_have_the_protocol_shape(delegate):
    err = _error(delegate.http.get("/no/such/endpoint"), 404)
    assert err["code"] == "not_found"
    err = _error(delegate.http.delete("/sync/push"), 405)
    assert err["code"] == "bad_request"
