"""Outbox, optimistic changes, exactly-once and rebase, against the real service."""

from __future__ import annotations

import uuid

import pytest

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.sync.client import Client

SHA = "ab" * 32
ID_A, ID_B, ID_C, ID_D, ID_E = (uuid.uuid4().hex for _ in range(5))


def test_bootstrap_then_respond_is_optimistic_then_confirmed(make_client, world):
    meeting = world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    c.sync()
    assert [m["id"] for m in c.meetings()] == [meeting["id"]]
    inv = meeting["invitations"]["delegate"]
    assert c.my_invitation(meeting["id"])["state"] == "pending"

    mid = c.queue("respond_invitation", invitation_id=inv, response="confirmed")
    assert mid == 1
    # optimistic: shown at once, marked as waiting to sync, in the outbox
    assert c.row("invitations", inv)["state"] == "confirmed"
    assert c.pending_ids("invitations") == {inv}
    assert c.meeting(meeting["id"])["pending"] is True
    assert c.status()["pending"] == 1

    result = c.sync()
    assert result["confirmed"] == 1 and result["reconcile"]["ok"] is True
    row = c.row("invitations", inv)
    assert row["state"] == "confirmed" and row["responded_by"] == c.user["id"] and not row["_pending"]
    assert c.store.outbox() == [] and c.pending_ids("invitations") == set()
    assert c.store.integrity_check() == "ok"


def test_bad_input_is_refused_at_once_offline_too(make_client, world, tmp_path):
    world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    c.sync()
    with pytest.raises(DomainError) as e:
        c.queue("respond_invitation", invitation_id="not-an-id", response="confirmed")
    assert e.value.code == "bad_request"
    with pytest.raises(DomainError) as e:
        c.queue("no_such_thing")
    assert e.value.code == "unknown_mutation"
    assert c.store.outbox() == []


def test_failed_mutation_kept_with_reason_and_queue_not_blocked(make_client, world):
    meeting = world.meeting(invitees=("delegate",))
    c = make_client("delegate", language="en")
    c.sync()
    # not mine: the service refuses; the next intent still goes through
    bad = c.queue("resolve_comment", comment_id=ID_C)
    good = c.queue("put_annotation", annotation_id=ID_A, meeting_id=meeting["id"], document_sha256=SHA,
                   kind="note", page=0, data={"text": "Ghi chú riêng"})
    c.sync()
    failed = c.failed_mutations()
    assert [f["mutation_id"] for f in failed] == [bad]
    assert failed[0]["code"] == "not_found" and failed[0]["message"]
    assert c.row("annotations", ID_A)["data"] == {"text": "Ghi chú riêng"}
    assert c.store.outbox() == [] and good == bad + 1


def test_failed_optimistic_change_is_rolled_back(make_client, world):
    meeting = world.meeting(invitees=("delegate",), state="awaiting_approval")
    # the delegate cannot see an unapproved meeting; use an approved one whose deadline passed instead
    late = world.meeting(invitees=("delegate",), starts_in=__import__("datetime").timedelta(hours=2))
    c = make_client("delegate")
    c.sync()
    assert c.row("meetings", meeting["id"]) is None
    inv = late["invitations"]["delegate"]
    # the local rule check refuses at once
    with pytest.raises(DomainError) as e:
        c.queue("respond_invitation", invitation_id=inv, response="confirmed")
    assert e.value.code == "response_deadline_passed"
    # bypassing the facade's check (as an old client would): the service refuses and the overlay goes away
    from ecabinet_client.sync import outbox

    c.store.write(lambda tx: outbox.queue_in_tx(tx, c.user, "respond_invitation",
                                                 {"invitation_id": inv, "response": "confirmed", "reason": None}))
    assert c.row("invitations", inv)["state"] == "confirmed"
    c.sync()
    assert c.row("invitations", inv)["state"] == "pending"
    assert c.failed_mutations()[0]["code"] == "response_deadline_passed"


def test_exactly_once_when_the_same_batch_is_pushed_twice(make_client, world):
    meeting = world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    c.sync()
    cid = ID_D
    c.queue("add_comment", comment_id=cid, meeting_id=meeting["id"], body="Đề nghị bổ sung số liệu")
    assert c.engine.push() == 1
    assert c.engine.push() == 1  # as after a lost acknowledgement: the service answers "unchanged"
    c.sync()
    other = make_client("chair")
    other.sync()
    comments = other.rows("comments", "meeting_id = ?", (meeting["id"],))
    assert [x["id"] for x in comments] == [cid] and comments[0]["version"] == 1


def test_rebase_keeps_pending_changes_over_pulled_state(make_client, world):
    meeting = world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    chair = make_client("chair")
    c.sync()
    chair.sync()
    cid = ID_E
    chair.queue("add_comment", comment_id=cid, meeting_id=meeting["id"], body="Ý kiến của chủ trì")
    chair.sync()
    # delegate edits offline a note, then pulls the chair's comment: the pending note stays visible
    c.queue("put_annotation", annotation_id=ID_B, meeting_id=meeting["id"], document_sha256=SHA, kind="note",
            page=1, data={"text": "x"})
    c.engine.pull()
    assert c.row("comments", cid)["body"] == "Ý kiến của chủ trì"
    assert c.is_pending("annotations", ID_B)
    c.sync()
    assert not c.is_pending("annotations", ID_B)
    assert c.row("annotations", ID_B)["version"] == 1


def test_many_mutations_go_in_batches(make_client, world):
    meeting = world.meeting(invitees=("delegate",))
    c = make_client("delegate")
    c.sync()
    ids = [c.new_id() for _ in range(450)]
    for i, aid in enumerate(ids):
        c.queue("put_annotation", annotation_id=aid, meeting_id=meeting["id"], document_sha256=SHA, kind="ink",
                page=i % 5, data={"points": [[i, i]]})
    result = c.sync()
    assert result["pushed"] == 450 and result["confirmed"] == 450
    assert len(c.rows("annotations")) == 450 and result["reconcile"]["ok"] is True


def test_store_location_and_accounts_file_have_no_secrets(make_client, world, tmp_path, memory_keyring):
    c = make_client("delegate")
    assert c.store.path == tmp_path / "data" / "delegate" / f"127.0.0.1_{c.server.rsplit(':', 1)[1]}" / c.user["id"] / "store.sqlite3"
    accounts = (tmp_path / "config" / "delegate" / "accounts.json").read_text()
    assert world.login("delegate") in accounts and "refresh" not in accounts
    secret = memory_keyring.get_password("eCabinet", f"{c.server}|{world.login('delegate')}")
    assert "refresh_token" in secret
    for f in (tmp_path / "data").rglob("*"):
        if f.is_file():
            assert c.api.refresh_token.encode() not in f.read_bytes()


def test_every_optimistic_effect_is_a_mutation_and_start_does_not_import_pydantic():
    """The effects are registered by name (no pydantic at import, so the client starts faster): each name
    must be a mutation the service knows, and importing the sync client must not pull pydantic or numpy."""
    import subprocess
    import sys

    from ecabinet_client.domain import mutations
    from ecabinet_client.sync import outbox

    assert outbox.EFFECTS and set(outbox.EFFECTS) <= set(mutations.MUTATIONS)
    code = ("import sys, ecabinet_client.sync.client; "
            "print(sorted(m for m in ('pydantic', 'numpy', 'sqlite_utils') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
