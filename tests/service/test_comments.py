"""Shared comments (góp ý) against the real service: reopening a resolved comment, moving a comment on its
document, putting a withdrawn comment back; who may, what is refused and why, exactly once, seen by others."""

from __future__ import annotations

from ecabinet_client.domain.errors import render
from tests.service.helpers import failed, nid, ok

SHA = "cd" * 32
POINT = {"kind": "note", "point": [50.0, 60.0], "created_at": "2026-11-20T08:00:00Z"}


def _comment(client, meeting_id: str, **kw) -> str:
    cid = nid()
    args = dict(comment_id=cid, meeting_id=meeting_id, document_sha256=SHA, page=0, anchor=POINT,
                body="Đề nghị làm rõ số liệu.")
    ok(client.push("add_comment", **{**args, **kw}))
    return cid


def _seen(client, comment_id: str) -> dict:
    return client.pull_all()["comments"][comment_id]


def _resend(client, mutation: dict) -> dict:
    """The same mutation id again (a retry after a lost answer)."""
    body = {"client_id": client.client_id, "mutations": [mutation]}
    r = client.http.post("/sync/push", json=body)
    assert r.status_code == 200, r.text
    return r.json()["results"][0]


def test_reopen_comment_by_the_author_chair_or_secretary_only(world, api):
    world.add_user("other_chair", org="vp", roles=("chair", "secretary", "delegate"))  # a chair, of another meeting
    mt = world.meeting(invitees=("delegate", "colleague", "other_chair"))
    delegate, colleague, chair, secretary = api("delegate"), api("colleague"), api("chair"), api("secretary")
    other_chair, outsider = api("other_chair"), api("outsider")
    cid = _comment(delegate, mt["id"])
    for who in (delegate, chair, secretary):
        ok(who.push("resolve_comment", comment_id=cid))
        assert _seen(colleague, cid)["state"] == "resolved"
        ok(who.push("reopen_comment", comment_id=cid))
        assert _seen(colleague, cid)["state"] == "open"  # the other participants see it open again
    ok(chair.push("resolve_comment", comment_id=cid))
    before = world.get("comments", cid)
    failed(colleague.push("reopen_comment", comment_id=cid), "forbidden")  # a participant, not the author
    failed(other_chair.push("reopen_comment", comment_id=cid), "forbidden")  # roles do not count: this meeting's
    failed(outsider.push("reopen_comment", comment_id=cid), "not_found")
    failed(colleague.push("reopen_comment", comment_id=nid()), "not_found")
    assert world.get("comments", cid)["state"] == "resolved" and world.get("comments", cid)["version"] == before["version"]

    # exactly once: a resent reopen is "unchanged"; reopening an open comment changes nothing
    mutation = {"mutation_id": secretary.next_mutation, "name": "reopen_comment", "args": {"comment_id": cid}}
    secretary.next_mutation += 1
    assert _resend(secretary, mutation)["status"] == "applied"
    assert _resend(secretary, mutation)["status"] == "unchanged"
    version = world.get("comments", cid)["version"]
    assert version == before["version"] + 1
    ok(delegate.push("reopen_comment", comment_id=cid))
    assert world.get("comments", cid)["version"] == version

    # a withdrawn comment is neither reopened nor resolved (that would bring back what its author withdrew)
    ok(delegate.push("withdraw_comment", comment_id=cid))
    err = failed(chair.push("reopen_comment", comment_id=cid), "comment_withdrawn")
    assert err["message"] == render("comment_withdrawn", language="vi")
    failed(chair.push("resolve_comment", comment_id=cid), "comment_withdrawn")
    failed(delegate.push("edit_comment", comment_id=cid, body="sửa"), "comment_withdrawn")
    assert world.get("comments", cid)["state"] == "withdrawn"


def test_move_comment_by_its_author_while_open(world, api):
    mt = world.meeting(invitees=("delegate", "colleague"))
    delegate, colleague, chair, outsider = api("delegate"), api("colleague"), api("chair"), api("outsider")
    cid = _comment(delegate, mt["id"])
    there = {**POINT, "point": [300.0, 420.5]}
    ok(delegate.push("move_comment", comment_id=cid, page=3, anchor=there))
    seen = _seen(colleague, cid)
    assert (seen["page"], seen["anchor"], seen["body"]) == (3, there, "Đề nghị làm rõ số liệu.")

    elsewhere = {**POINT, "point": [1.0, 1.0]}
    failed(colleague.push("move_comment", comment_id=cid, page=0, anchor=elsewhere), "forbidden")
    failed(chair.push("move_comment", comment_id=cid, page=0, anchor=elsewhere), "forbidden")  # only the author
    failed(outsider.push("move_comment", comment_id=cid, page=0, anchor=elsewhere), "not_found")
    failed(delegate.push("move_comment", comment_id=cid, page=0, anchor={**elsewhere, "kind": "rect"}),
           "comment_not_movable")  # the same kind of mark
    failed(delegate.push("move_comment", comment_id=cid, page=-1, anchor=elsewhere), "bad_request")
    reply = _comment(colleague, mt["id"], parent_id=cid, anchor={"created_at": "2026-11-20T09:00:00Z"}, body="Đồng ý")
    failed(colleague.push("move_comment", comment_id=reply, page=0, anchor=elsewhere), "comment_not_movable")
    loose = _comment(delegate, mt["id"], document_sha256=None, page=None, anchor=None, body="Về cả cuộc họp")
    err = failed(delegate.push("move_comment", comment_id=loose, page=0, anchor=elsewhere), "comment_not_movable")
    assert err["params"]["reason"] == "no_document"

    ok(chair.push("resolve_comment", comment_id=cid))
    err = failed(delegate.push("move_comment", comment_id=cid, page=0, anchor=elsewhere), "comment_resolved")
    assert "mở lại" in err["message"]
    ok(delegate.push("withdraw_comment", comment_id=cid))
    failed(delegate.push("move_comment", comment_id=cid, page=0, anchor=elsewhere), "comment_withdrawn")
    row = world.get("comments", cid)
    assert (row["page"], row["anchor"]) == (3, there)

    # exactly once: the same move resent is "unchanged" and writes nothing
    other = _comment(delegate, mt["id"])
    mutation = {"mutation_id": delegate.next_mutation, "name": "move_comment",
                "args": {"comment_id": other, "page": 2, "anchor": there}}
    delegate.next_mutation += 1
    assert _resend(delegate, mutation)["status"] == "applied"
    version = world.get("comments", other)["version"]
    assert _resend(delegate, mutation)["status"] == "unchanged"
    assert world.get("comments", other)["version"] == version and world.get("comments", other)["page"] == 2


def test_restore_comment_brings_back_the_same_comment_with_its_replies(world, api):
    mt = world.meeting(invitees=("delegate", "colleague"))
    delegate, colleague, chair, outsider = api("delegate"), api("colleague"), api("chair"), api("outsider")
    cid = _comment(delegate, mt["id"])
    reply = _comment(colleague, mt["id"], parent_id=cid, anchor={"created_at": "2026-11-20T09:00:00Z"}, body="Đồng ý")
    ok(delegate.push("withdraw_comment", comment_id=cid))
    assert _seen(colleague, cid)["state"] == "withdrawn"

    failed(colleague.push("restore_comment", comment_id=cid), "forbidden")
    failed(chair.push("restore_comment", comment_id=cid), "forbidden")  # a withdrawal is the author's to take back
    failed(outsider.push("restore_comment", comment_id=cid), "not_found")
    assert world.get("comments", cid)["state"] == "withdrawn"

    mutation = {"mutation_id": delegate.next_mutation, "name": "restore_comment", "args": {"comment_id": cid}}
    delegate.next_mutation += 1
    assert _resend(delegate, mutation)["status"] == "applied"
    version = world.get("comments", cid)["version"]
    assert _resend(delegate, mutation)["status"] == "unchanged"
    seen = colleague.pull_all()["comments"]
    assert seen[cid]["state"] == "open" and seen[cid]["body"] == "Đề nghị làm rõ số liệu."
    assert seen[reply]["parent_id"] == cid and seen[reply]["state"] == "open"  # its replies are still its own
    # restoring what is not withdrawn changes nothing
    ok(delegate.push("restore_comment", comment_id=cid))
    ok(chair.push("resolve_comment", comment_id=cid))
    ok(delegate.push("restore_comment", comment_id=cid))
    assert world.get("comments", cid)["state"] == "resolved" and world.get("comments", cid)["version"] == version + 1
