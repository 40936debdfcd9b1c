"""SYNC.md §6 bug class 5 (deletes racing edits, reconciliation, NFC/NFD titles), two clients converging
after both worked offline, revoked access, must-refetch, and offline reading."""

from __future__ import annotations

import sqlite3
import unicodedata
import uuid

import sqlalchemy as sa

from ecabinet_client.service.db import tenants
from ecabinet_client.sync.engine import wait_until

SHA = "ef" * 32


def _annotation(meeting_id: str, aid: str, text: str) -> dict:
    return {"annotation_id": aid, "meeting_id": meeting_id, "document_sha256": SHA, "kind": "note", "page": 0,
            "data": {"text": text}}


def _checksums_equal(*clients) -> None:
    sums = [c.store.checksum() for c in clients]
    assert all(s == sums[0] for s in sums), sums


def test_two_devices_converge_after_both_worked_offline(own_service, make_client):
    w = own_service.world
    m = w.meeting(invitees=("delegate",))
    a = make_client("delegate", server=own_service.url, w=w)
    b = make_client("delegate_b", server=own_service.url, w=w, sign_in=False)
    b.sign_in(w.login("delegate"), "Mat-khau-2026")
    a.sync(), b.sync()
    own_service.kill()
    shared = uuid.uuid4().hex
    a.queue("put_annotation", **_annotation(m["id"], shared, "từ máy A"))
    a.queue("add_comment", comment_id=(ca := uuid.uuid4().hex), meeting_id=m["id"], body="Góp ý từ máy A")
    b.queue("put_annotation", **_annotation(m["id"], shared, "từ máy B"))
    b.queue("put_annotation", **_annotation(m["id"], (only_b := uuid.uuid4().hex), "chỉ máy B"))
    b.queue("add_comment", comment_id=(cb := uuid.uuid4().hex), meeting_id=m["id"], body="Góp ý từ máy B")
    assert a.row("annotations", shared)["data"] == {"text": "từ máy A"}  # offline: each sees its own
    own_service.restart()
    a.sync(), b.sync(), a.sync()
    _checksums_equal(a, b)
    assert a.row("annotations", shared)["data"] == {"text": "từ máy B"}  # last write (B pushed last) wins
    assert a.row("annotations", shared)["version"] == 2
    assert {x["id"] for x in a.rows("comments")} == {ca, cb} and a.row("annotations", only_b) is not None
    assert a.engine.reconcile()["ok"] and b.engine.reconcile()["ok"]


def test_deletes_racing_edits(make_client, world):
    m = world.meeting(invitees=("delegate",))
    a = make_client("delegate")
    b = make_client("delegate_b", sign_in=False)
    b.sign_in(world.login("delegate"), "Mat-khau-2026")
    chair = make_client("chair")
    note = uuid.uuid4().hex
    a.queue("put_annotation", **_annotation(m["id"], note, "v1"))
    a.sync(), b.sync()
    # A deletes while B edits the same note offline; B's edit arrives after the delete: it wins (LWW)
    a.queue("delete_annotation", annotation_id=note)
    b.queue("put_annotation", **_annotation(m["id"], note, "v2 sửa"))
    assert a.row("annotations", note) is None
    a.sync(), b.sync(), a.sync()
    assert a.row("annotations", note)["data"] == {"text": "v2 sửa"} and a.row("annotations", note)["version"] == 3
    _checksums_equal(a, b)
    # the other order: the edit first, then the delete: the tombstone wins everywhere
    b.queue("put_annotation", **_annotation(m["id"], note, "v3"))
    b.sync()
    a.queue("delete_annotation", annotation_id=note)
    a.sync(), b.sync()
    assert a.row("annotations", note) is None and b.row("annotations", note) is None
    # a comment withdrawn on one device while edited on the other: the edit after the withdrawal is refused
    cid = uuid.uuid4().hex
    a.queue("add_comment", comment_id=cid, meeting_id=m["id"], body="Đề nghị làm rõ")
    a.sync(), b.sync()
    a.queue("withdraw_comment", comment_id=cid)
    b.queue("edit_comment", comment_id=cid, body="Sửa lại")
    assert b.row("comments", cid)["body"] == "Sửa lại" and b.is_pending("comments", cid)
    a.sync(), b.sync(), chair.sync()
    failed = b.failed_mutations()[-1]
    assert failed["code"] == "comment_withdrawn" and failed["name"] == "edit_comment" and failed["message"]
    assert b.row("comments", cid)["body"] == "Đề nghị làm rõ"  # the refused edit is rolled back locally
    assert a.row("comments", cid)["state"] == chair.row("comments", cid)["state"] == b.row("comments", cid)["state"]
    _checksums_equal(a, b)


def test_reconciliation_detects_divergence_and_rebootstraps(make_client, world):
    m = world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    assert c.sync()["reconcile"]["ok"] is True
    reports = []
    c.observe(lambda ev, payload: reports.append(payload) if ev == "reconciled" else None)
    # damage the store behind the engine's back (as a bug or a half-restored backup would)
    with sqlite3.connect(c.store.path) as raw:
        raw.execute("DELETE FROM agenda_items")
        raw.execute("UPDATE meetings SET version = version + 5")
    result = c.sync()
    assert result["reconcile"]["ok"] is False and set(result["reconcile"]["tables"]) == {"agenda_items", "meetings"}
    assert reports and reports[0]["rebootstrapped"] is True
    assert c.row("agenda_items", m["agenda_item_id"]) is not None
    assert c.engine.reconcile()["ok"] is True


def test_nfc_and_nfd_vietnamese_titles_round_trip(make_client, world):
    nfc_title = unicodedata.normalize("NFC", "Họp bàn kế hoạch Đầu tư công năm 2026")
    nfd_title = unicodedata.normalize("NFD", "Phiên họp thường kỳ tháng Mười Một")
    assert nfc_title != unicodedata.normalize("NFD", nfc_title)
    m1 = world.meeting(invitees=("delegate",), title=nfc_title)
    m2 = world.meeting(invitees=("delegate",), title=nfd_title)
    c = make_client("delegate")
    c.sync()
    assert c.row("meetings", m1["id"])["title"] == nfc_title
    assert c.row("meetings", m2["id"])["title"] == nfd_title  # byte for byte: the hash check relies on it
    body = unicodedata.normalize("NFD", "Ý kiến: đề nghị bổ sung phụ lục")
    cid = uuid.uuid4().hex
    c.queue("add_comment", comment_id=cid, meeting_id=m2["id"], body=body)
    assert c.sync()["reconcile"]["ok"] is True
    chair = make_client("chair")
    chair.sync()
    assert chair.row("comments", cid)["body"] == body
    # accent-insensitive search finds a colleague whatever the form of the query
    for q in ("tran thi binh", unicodedata.normalize("NFD", "Trần Thị Bình"), "BÌNH"):
        assert [u["full_name"] for u in c.colleagues_for_substitute(q)] == ["Trần Thị Bình"]
    assert all(u["organisation_id"] == c.current_user()["organisation_id"] for u in c.colleagues_for_substitute())


def test_revoked_meeting_rows_are_dropped(make_client, world):
    m = world.meeting(invitees=("delegate",))
    d = make_client("delegate")
    assistant = make_client("assistant")
    d.sync()
    share = uuid.uuid4().hex
    d.queue("share_meeting", share_id=share, meeting_id=m["id"], assistant_id=world.users["assistant"])
    d.sync()
    assistant.sync()
    assert assistant.row("meetings", m["id"]) is not None
    assert assistant.rows("agenda_items") and assistant.rows("invitations")
    d.queue("unshare_meeting", share_id=share)
    assert d.row("meeting_shares", share) is None  # optimistic
    d.sync()
    result = assistant.sync()
    assert assistant.row("meetings", m["id"]) is None and assistant.rows("agenda_items") == []
    assert result["reconcile"]["ok"] is True


def test_must_refetch_keeps_the_outbox(make_client, world, db):
    m = world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    c.sync()
    note = uuid.uuid4().hex
    c.queue("put_annotation", **_annotation(m["id"], note, "giữ lại"))
    with db.write_conn() as conn:  # tombstones purged beyond the client's cursor
        conn.execute(sa.update(tenants).where(tenants.c.id == world.tenant_id).values(purged_seq=tenants.c.seq + 1))
    world.meeting(invitees=("delegate",))  # one more change so the cursor is old
    result = c.sync()
    assert result["refetched"] is True and result["confirmed"] == 1
    assert c.row("annotations", note)["version"] == 1 and c.row("meetings", m["id"]) is not None
    assert result["reconcile"]["ok"] is True


def test_offline_reads_and_queued_intents(own_service, make_client, tmp_path):
    w = own_service.world
    m = w.meeting(invitees=("delegate",), title="Họp trực tuyến")
    c = make_client("delegate", server=own_service.url, w=w, autostart=True, live=True, poll_seconds=1)
    assert wait_until(lambda: c.status()["online"] and c.row("meetings", m["id"]) is not None, 15)
    own_service.kill()
    inv = m["invitations"]["delegate"]
    c.queue("delegate_invitation", invitation_id=inv, substitute_id=w.users["colleague"])
    assert wait_until(lambda: c.status()["online"] is False, 15)
    st = c.status()
    assert st["pending"] == 1 and st["last_error"] == "offline" and st["last_sync_at"]
    meeting = c.meeting(m["id"])
    assert meeting["title"] == "Họp trực tuyến" and meeting["my_invitation"]["state"] == "delegated"
    assert meeting["agenda"] and meeting["response_deadline"] is not None and meeting["pending"]
    assert [x["id"] for x in c.meetings(states=("approved",))] == [m["id"]]
    own_service.restart()
    c.sync_now()
    assert wait_until(lambda: c.status()["online"] and c.status()["pending"] == 0, 30)
    assert c.row("invitations", inv)["substitute_id"] == w.users["colleague"] and not c.is_pending("invitations", inv)


def test_background_rounds_reconcile_once_then_every_ten_minutes(make_client, world, monkeypatch):
    """A round follows every live event; the checksum comparison runs on the first round and then at most
    every RECONCILE_SECONDS, while Client.sync() always runs it."""
    from ecabinet_client.sync import engine as engine_module

    world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    assert c.engine.sync_once()["reconcile"]["ok"] is True  # the first round
    assert "reconcile" not in c.engine.sync_once()  # the next ones, within ten minutes
    assert c.sync()["reconcile"]["ok"] is True  # asked for
    monkeypatch.setattr(engine_module, "RECONCILE_SECONDS", 0.0)
    assert c.engine.sync_once()["reconcile"]["ok"] is True  # due again


def test_a_running_vote_count_does_not_start_a_round_other_events_do(make_client, world):
    """Every client of a meeting pulling on every ballot count meant thousands of pulls a second in a large
    vote: the count travels in the event (the UI shows it), the rows come with the next round."""
    import json

    c = make_client("delegate")
    engine = c.engine
    ahead = int(c.store.state("cursor", "0") or 0) + 1000
    count = {"seq": ahead, "kind": "ballot_cast", "meeting_id": "m1", "payload": {"poll_id": "p1", "votes_cast": 7}}
    heard = []
    c.observe(lambda event, payload=None: heard.append((event, payload)) if event == "event" else None)
    engine._wake.clear()
    engine._on_event({"id": str(ahead), "data": json.dumps(count)})
    assert not engine._wake.is_set() and heard == [("event", count)]
    opened = {"seq": ahead, "kind": "poll_opened", "meeting_id": "m1", "payload": {"poll": {"id": "p1"}}}
    engine._on_event({"id": str(ahead), "data": json.dumps(opened)})
    assert engine._wake.is_set()
    mine = {"seq": ahead, "kind": "ballot_cast", "payload": {"poll_id": "p1", "ballot_id": "b1"}}  # my own ballot
    engine._wake.clear()
    engine._on_event({"id": str(ahead), "data": json.dumps(mine)})
    assert engine._wake.is_set()
