"""SYNC.md §6 bug classes 1-3 and kills of the client at its crash points."""

from __future__ import annotations

import sqlite3
import threading
import uuid
import time
from datetime import timedelta

import pytest

from ecabinet_client.sync.api import OfflineError
from ecabinet_client.sync.engine import wait_until
from tests.sync.helpers import results, run_child
from tests.world import PASSWORD

SHA = "cd" * 32


def _server_rows(api_client, table: str) -> dict:
    return api_client.pull_all().get(table, {})


def test_live_sync_survives_a_service_kill_mid_stream(own_service, make_client):
    """(1) Kill the service while the client listens; restart on the same port and data folder; the client
    reconnects by itself, resumes from its cursor, and nothing is lost or doubled."""
    w = own_service.world
    m1 = w.meeting(invitees=("delegate",), title="Họp lần 1")
    c = make_client("delegate", server=own_service.url, w=w, live=True, autostart=True)
    assert wait_until(lambda: c.status()["live"] and c.row("meetings", m1["id"]) is not None, 15)
    chair = make_client("chair", server=own_service.url, w=w)
    chair.sync()
    chair.queue("add_comment", comment_id="1" * 32, meeting_id=m1["id"], body="Trước khi dừng")
    chair.sync()
    assert wait_until(lambda: c.row("comments", "1" * 32) is not None, 10), "live event did not trigger a pull"

    own_service.kill()
    assert wait_until(lambda: not c.status()["live"], 10)
    m2 = w.meeting(invitees=("delegate",), title="Họp lần 2 (ghi khi dịch vụ dừng)")  # written while it is down
    own_service.restart()
    assert wait_until(lambda: c.row("meetings", m2["id"]) is not None, 30), "no resume after the restart"
    chair.queue("add_comment", comment_id="2" * 32, meeting_id=m1["id"], body="Sau khi khởi động lại")
    chair.sync()
    assert wait_until(lambda: c.row("comments", "2" * 32) is not None, 15)
    c.engine.stop()
    result = c.sync()
    assert result["reconcile"]["ok"] is True
    assert sorted(x["id"] for x in c.rows("comments")) == ["1" * 32, "2" * 32]


def test_crash_between_service_commit_and_client_ack(tmp_path, make_client):
    """(2) The service dies after committing the mutation, before answering; the client retries after the
    restart: the answer is "unchanged" and the change is applied exactly once."""
    from tests.sync.conftest import OwnService

    svc = OwnService(tmp_path / "svc", env={"ECABINET_CRASH_AT": "push_after_commit"})
    try:
        w = svc.world
        m = w.meeting(invitees=("delegate",))
        c = make_client("delegate", server=svc.url, w=w)
        c.sync()
        inv = m["invitations"]["delegate"]
        c.queue("respond_invitation", invitation_id=inv, response="declined", reason="Trùng lịch công tác")
        with pytest.raises(OfflineError):
            c.sync()
        assert svc.proc.proc.wait(10) == 86
        assert len(c.store.outbox()) == 1 and c.row("invitations", inv)["state"] == "declined"
        svc.restart(env={})
        answer = c.api.push(c.engine.client_id, [{"mutation_id": 1, "name": "respond_invitation",
                                                   "args": c.store.outbox()[0]["args"]}])
        assert answer["results"] == [{"mutation_id": 1, "status": "unchanged", "error": None}]
        result = c.sync()
        assert result["confirmed"] == 1 and c.failed_mutations() == []
        row = c.row("invitations", inv)
        assert row["state"] == "declined" and row["version"] == 2  # applied once
        assert result["reconcile"]["ok"] is True
    finally:
        svc.close()


def test_pull_during_push_strands_nothing(make_client, world):
    """(3) Pulls racing a push: the outbox is trimmed only by a pull whose snapshot holds the change."""
    meeting = world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    c.sync()
    ids = [c.new_id() for _ in range(120)]
    for i, aid in enumerate(ids):
        c.queue("put_annotation", annotation_id=aid, meeting_id=meeting["id"], document_sha256=SHA, kind="note",
                page=i, data={"i": i})
    stop = threading.Event()
    seen_gaps = []

    def puller() -> None:
        while not stop.is_set():
            c.engine.pull()
            # every annotation is visible at every moment: optimistic, or confirmed
            have = {r["id"] for r in c.rows("annotations")}
            if not set(ids) <= have:
                seen_gaps.append(len(set(ids) - have))

    t = threading.Thread(target=puller)
    t.start()
    try:
        c.engine.push()
    finally:
        stop.set()
        t.join()
    assert seen_gaps == []
    c.sync()
    assert c.store.outbox() == [] and len(c.rows("annotations")) == 120
    assert all(r["version"] == 1 and not r["_pending"] for r in c.rows("annotations"))


def test_restart_with_a_non_empty_outbox(own_service, make_client, tmp_path):
    """(3) Intents queued offline survive a restart of the client and are sent once."""
    w = own_service.world
    m = w.meeting(invitees=("delegate",))
    c = make_client("delegate", server=own_service.url, w=w)
    c.sync()
    own_service.kill()
    inv = m["invitations"]["delegate"]
    c.queue("respond_invitation", invitation_id=inv, response="confirmed")
    c.queue("add_comment", comment_id="3" * 32, meeting_id=m["id"], body="Góp ý khi mất mạng")
    with pytest.raises(OfflineError):
        c.sync()
    assert c.status()["pending"] == 2
    c.close()
    # a new process: open offline from the same folders, cached data readable
    from ecabinet_client.sync.client import Client

    again = Client(own_service.url, base_dir=c.base_dir, config_dir=tmp_path / "config" / "delegate", live=False,
                   autostart=False, auto_download=False)
    try:
        user = again.open_offline()
        assert user["id"] == w.users["delegate"]
        assert again.row("invitations", inv)["state"] == "confirmed" and again.is_pending("invitations", inv)
        assert [o["mutation_id"] for o in again.store.outbox()] == [1, 2]
        own_service.restart()
        result = again.sync()  # the refresh token kept in the keyring signs it in again
        assert result["confirmed"] == 2 and result["reconcile"]["ok"] is True
        assert again.row("comments", "3" * 32)["version"] == 1
    finally:
        again.close()


@pytest.mark.parametrize("point", ["client_after_local_write", "client_store_before_commit", "client_before_push",
                                   "client_after_push", "client_pull_mid_tx", "client_pull_after_commit"])
def test_kill_the_client_at_a_crash_point(point, make_client, world, service, tmp_path):
    """Kill the client process at a crash point; on restart nothing is lost or applied twice, the store is
    intact and the reconciliation check passes."""
    meeting = world.meeting(invitees=("delegate",))
    base, config = tmp_path / "data" / "delegate", tmp_path / "config" / "delegate"
    login = world.login("delegate")
    args = [{"annotation_id": uuid.uuid4().hex, "meeting_id": meeting["id"], "document_sha256": SHA, "kind": "note",
             "page": i, "data": {"n": i}} for i in range(1, 4)]
    actions = [["sync"], ["queue", "put_annotation", args[0]], ["arm"], ["queue", "put_annotation", args[1]],
               ["sync"], ["queue", "put_annotation", args[2]], ["sync"]]
    proc = run_child(server=service.url, base=base, config=config, login=login, actions=actions, crash_at=point)
    assert proc.returncode == 86, (proc.returncode, proc.stderr[-2000:])
    assert [r["action"] for r in results(proc)][-1] == {"client_store_before_commit": "arm",
                                                         "client_after_local_write": "arm"}.get(point, "queue")
    # restart: the same store, the same client id
    c = make_client("delegate")
    assert c.store.integrity_check() == "ok"
    queued = {o["args"]["annotation_id"] for o in c.store.outbox()}
    local = {r["id"] for r in c.rows("annotations")}
    assert queued <= local  # whatever is queued is shown
    result = c.sync()
    assert result["reconcile"]["ok"] is True
    rows = c.rows("annotations")
    # what was committed locally is there, exactly once (version 1); the uncommitted one is not
    committed = 1 if point == "client_store_before_commit" else 2
    assert {r["id"] for r in rows} == {a["annotation_id"] for a in args[:committed]}
    assert all(r["version"] == 1 and not r["_pending"] for r in rows)
    assert c.store.outbox() == []
    with sqlite3.connect(c.store.path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_stop_wakes_the_live_listener_at_once(make_client, world):
    """Sign-out and quitting stop the engine: the listener blocked in a read between events must not hold
    them up until the next keep-alive (which is 15 s away)."""
    c = make_client("delegate", live=True, autostart=True)
    assert wait_until(lambda: c.status()["live"], 15)
    thread = c.engine._sse_thread
    started = time.monotonic()
    c.engine.stop()
    assert not thread.is_alive()
    assert time.monotonic() - started < 5, "stop() waited for the listener's next keep-alive"
