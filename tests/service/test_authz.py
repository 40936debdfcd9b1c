"""Authorisation against the real service: who sees a meeting and its rows, and 404 (never 403) for
everything of a meeting one cannot see."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from ecabinet_client.domain.mutations import MUTATIONS
from ecabinet_client.service.access import refresh_access
from tests.service.helpers import failed, nid, ok, push

SHA = "ab" * 32


def visible(client) -> set[str]:
    return set(client.pull_all().get("meetings", {}))


def test_invited_directly_through_a_unit_and_as_a_substitute(world, api):
    mt = world.meeting(invitees=("delegate",), unit_invitees=("nv_tc",))
    delegate, rep, staff, colleague, outsider = (api(w) for w in ("delegate", "rep", "nv_staff", "colleague", "outsider"))
    assert mt["id"] in visible(delegate)
    assert mt["id"] in visible(rep)  # the unit's representative receives the unit's invitation
    assert mt["id"] not in visible(staff)  # a member of the unit only once assigned
    assert mt["id"] not in visible(colleague) and mt["id"] not in visible(outsider)
    unit_inv = mt["invitations"]["unit:nv_tc"]
    failed(staff.push("respond_invitation", invitation_id=unit_inv, response="confirmed"), "not_found")
    ok(rep.push("assign_unit_invitation", invitation_id=unit_inv, user_id=world.users["nv_staff"]))
    assert mt["id"] in visible(staff)
    ok(staff.push("respond_invitation", invitation_id=unit_inv, response="confirmed"))
    # a unit representative assigns only people of their own organisation
    failed(rep.push("assign_unit_invitation", invitation_id=unit_inv, user_id=world.users["colleague"]),
           "substitute_other_organisation")
    # a substitute named by the invitee sees the meeting
    ok(delegate.push("delegate_invitation", invitation_id=mt["invitations"]["delegate"],
                     substitute_id=world.users["colleague"]))
    assert mt["id"] in visible(colleague)
    assert mt["id"] not in visible(outsider)


def test_assistant_share_and_unshare(world, api):
    mt = world.meeting(invitees=("delegate",))
    delegate, assistant = api("delegate"), api("assistant")
    assert mt["id"] not in visible(assistant)
    share = nid()
    ok(delegate.push("share_meeting", share_id=share, meeting_id=mt["id"], assistant_id=world.users["assistant"]))
    assert mt["id"] in visible(assistant)
    cursor = assistant.cursor
    failed(assistant.push("unshare_meeting", share_id=share), "forbidden")  # only the owner withdraws it
    ok(delegate.push("unshare_meeting", share_id=share))
    r = assistant.http.get("/sync/pull", params={"cursor": cursor})
    assert mt["id"] in r.json()["revoked_meetings"]
    assert mt["id"] not in visible(assistant)
    # one cannot share a meeting one does not see, nor with someone of another organisation
    hidden = world.meeting(invitees=("outsider",))
    failed(delegate.push("share_meeting", share_id=nid(), meeting_id=hidden["id"], assistant_id=world.users["assistant"]),
           "not_found")
    failed(delegate.push("share_meeting", share_id=nid(), meeting_id=mt["id"], assistant_id=world.users["nv_staff"]),
           "substitute_other_organisation")


def test_runners_see_drafts_invitees_only_once_approved(world, api):
    mt = world.meeting(state="draft", starts_in=timedelta(days=6), invitees=("delegate",))
    for who in ("registrar", "approver", "chair", "secretary"):
        assert mt["id"] in visible(api(who)), who
    delegate = api("delegate")
    assert mt["id"] not in visible(delegate)
    failed(delegate.push("respond_invitation", invitation_id=mt["invitations"]["delegate"], response="confirmed"),
           "not_found")
    registrar, approver = api("registrar"), api("approver")
    ok(registrar.push("submit_meeting", meeting_id=mt["id"]))
    assert mt["id"] not in visible(delegate)  # awaiting approval: still not published
    ok(approver.push("approve_meeting", meeting_id=mt["id"]))
    rows = delegate.pull_all()
    assert mt["id"] in rows["meetings"]
    assert "checkin_secret" not in rows["meetings"][mt["id"]]  # a private column never leaves the service
    assert any(n["kind"] == "invited" and n["meeting_id"] == mt["id"] for n in rows["notifications"].values())


def test_annotations_are_private_comments_are_shared(world, api):
    mt = world.meeting(invitees=("delegate", "colleague"))
    delegate, colleague, chair, outsider = api("delegate"), api("colleague"), api("chair"), api("outsider")
    note = nid()
    ok(delegate.push("put_annotation", annotation_id=note, meeting_id=mt["id"], document_sha256=SHA, kind="note", page=0,
                     data={"text": "Ghi chú riêng", "x": 10, "y": 20}))
    assert note in delegate.pull_all()["annotations"]
    for other in (colleague, chair):
        assert note not in other.pull_all().get("annotations", {})
    # another user cannot overwrite it (answer: it does not exist), nor delete it
    failed(colleague.push("put_annotation", annotation_id=note, document_sha256=SHA, kind="note", page=0, data={}),
           "not_found")
    ok(colleague.push("delete_annotation", annotation_id=note))
    assert world.get("annotations", note)["deleted"] is False

    comment, reply = nid(), nid()
    ok(delegate.push("add_comment", comment_id=comment, meeting_id=mt["id"], body="Đề nghị bổ sung số liệu."))
    ok(colleague.push("add_comment", comment_id=reply, meeting_id=mt["id"], parent_id=comment, body="Đồng ý."))
    for client in (delegate, colleague, chair, api("secretary")):
        seen = client.pull_all()["comments"]
        assert {comment, reply} <= set(seen)
        assert seen[reply]["parent_id"] == comment
    assert "comments" not in outsider.pull_all()
    failed(colleague.push("edit_comment", comment_id=comment, body="sửa"), "forbidden")
    ok(chair.push("resolve_comment", comment_id=comment))
    ok(delegate.push("withdraw_comment", comment_id=comment))
    failed(delegate.push("edit_comment", comment_id=comment, body="sửa"), "comment_withdrawn")


def _hidden_meeting(world) -> dict:
    """A meeting of other people, with a row of every meeting-scoped kind."""
    mt = world.meeting(state="ongoing", starts_in=timedelta(hours=-1), invitees=("nv_staff",), unit_invitees=("tc_ns",))
    with world.db.write(world.tenant_id) as tx:
        mid = mt["id"]
        ids = {
            "document": tx.insert("documents", {"meeting_id": mid, "name": "a.pdf", "sha256": SHA, "size": 1,
                                                "classification": "unclassified"})["id"],
            "comment": tx.insert("comments", {"meeting_id": mid, "author_id": world.users["nv_staff"], "body": "x",
                                              "state": "open"})["id"],
            "poll": tx.insert("polls", {"meeting_id": mid, "question": "?", "options": ["A", "B"], "secret": False,
                                        "majority": "simple_present", "allow_change": False, "state": "open",
                                        "votes_cast": 0})["id"],
            "request": tx.insert("speaker_requests", {"meeting_id": mid, "user_id": world.users["nv_staff"],
                                                      "state": "queued", "position": 1.0})["id"],
            "share": tx.insert("meeting_shares", {"meeting_id": mid, "owner_id": world.users["nv_staff"],
                                                  "assistant_id": world.users["rep"]})["id"],
        }
        refresh_access(tx, mid)
    return {**mt, **ids}


def _meeting_mutations(h: dict, u: dict) -> dict[str, dict]:
    mid, item = h["id"], h["agenda_item_id"]
    inv = h["invitations"]["nv_staff"]
    return {
        "respond_invitation": dict(invitation_id=inv, response="confirmed"),
        "delegate_invitation": dict(invitation_id=inv, substitute_id=u["delegate"]),
        "assign_unit_invitation": dict(invitation_id=h["invitations"]["unit:tc_ns"], user_id=u["delegate"]),
        "share_meeting": dict(share_id=nid(), meeting_id=mid, assistant_id=u["assistant"]),
        "unshare_meeting": dict(share_id=h["share"]),
        "update_meeting": dict(meeting_id=mid, base_version=1, title="x"),
        "set_agenda": dict(meeting_id=mid, base_version=1, agenda=[]),
        "set_invitees": dict(meeting_id=mid, base_version=1, invitees=[]),
        "submit_meeting": dict(meeting_id=mid),
        "approve_meeting": dict(meeting_id=mid),
        "reject_meeting": dict(meeting_id=mid, reason="x"),
        "cancel_meeting": dict(meeting_id=mid, reason="x"),
        "start_meeting": dict(meeting_id=mid),
        "end_meeting": dict(meeting_id=mid),
        "set_current_agenda_item": dict(meeting_id=mid, agenda_item_id=item),
        "attach_document": dict(document_id=nid(), meeting_id=mid, name="a.pdf", sha256=SHA, size=1),
        "remove_document": dict(document_id=h["document"]),
        "put_annotation": dict(annotation_id=nid(), meeting_id=mid, document_sha256=SHA, kind="note", page=0, data={}),
        "add_comment": dict(comment_id=nid(), meeting_id=mid, body="x"),
        "edit_comment": dict(comment_id=h["comment"], body="y"),
        "withdraw_comment": dict(comment_id=h["comment"]),
        "resolve_comment": dict(comment_id=h["comment"]),
        "reopen_comment": dict(comment_id=h["comment"]),
        "restore_comment": dict(comment_id=h["comment"]),
        "move_comment": dict(comment_id=h["comment"], page=1, anchor={"kind": "note", "point": [1, 2]}),
        "check_in": dict(meeting_id=mid, code="123456"),
        "mark_attendance": dict(meeting_id=mid, user_id=u["nv_staff"], status="present"),
        "create_poll": dict(poll_id=nid(), meeting_id=mid, question="?"),
        "open_poll": dict(poll_id=h["poll"]),
        "close_poll": dict(poll_id=h["poll"]),
        "publish_poll": dict(poll_id=h["poll"]),
        "cast_ballot": dict(poll_id=h["poll"], choice="A", ballot_id=nid()),
        "record_analog_vote": dict(poll_id=h["poll"], counts={"A": 1}),
        "request_to_speak": dict(request_id=nid(), meeting_id=mid),
        "withdraw_speaker_request": dict(request_id=h["request"]),
        "give_floor": dict(request_id=h["request"]),
        "end_floor": dict(request_id=h["request"]),
        "move_speaker_request": dict(request_id=h["request"], position=0.5),
        "put_transcript_segment": dict(segment_id=nid(), meeting_id=mid, start_ms=0, end_ms=1, text="x"),
        "add_opinion": dict(opinion_id=nid(), meeting_id=mid, text="x"),
        "set_conclusion": dict(conclusion_id=nid(), meeting_id=mid, text="x"),
    }


NOT_MEETING_SCOPED = {"create_meeting", "delete_annotation", "create_opinion_poll", "answer_opinion_poll",
                      "mark_notification_read"}


def test_every_meeting_mutation_answers_404_to_the_uninvited(world, api):
    hidden = _hidden_meeting(world)
    cases = _meeting_mutations(hidden, world.users)
    assert set(cases) | NOT_MEETING_SCOPED == set(MUTATIONS)  # a new mutation must be added here
    # a runner of another meeting, with every role, still sees nothing of this one
    world.add_user("boss", org="vp", roles=("registrar", "approver", "chair", "secretary", "admin"))
    for who in ("delegate", "boss"):
        client = api(who)
        before = world.get("meetings", hidden["id"])
        for name, args in cases.items():
            err = failed(push(client, name, args), "not_found")
            assert "không tìm thấy" in err["message"].lower(), (name, err)
        after = world.get("meetings", hidden["id"])
        assert after["version"] == before["version"] and after["state"] == "ongoing"
    # and the answer is the same as for a meeting that does not exist at all
    delegate = api("delegate")
    real = failed(delegate.push("add_comment", comment_id=nid(), meeting_id=hidden["id"], body="x"), "not_found")
    fake = failed(delegate.push("add_comment", comment_id=nid(), meeting_id=nid(), body="x"), "not_found")
    assert real == fake


def _upload(client, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    r = client.http.put(f"/blobs/{sha}", params={"size": len(data), "offset": 0}, content=data)
    assert r.status_code == 200 and r.json()["complete"], r.text
    return sha


def test_blob_download_only_for_those_who_see_the_document(world, api):
    mt = world.meeting(invitees=("delegate",))
    secretary, delegate, outsider = api("secretary"), api("delegate"), api("outsider")
    data = b"%PDF-1.7 tai lieu hop " + nid().encode() * 100
    sha = _upload(secretary, data)
    ok(push(secretary, "attach_document", dict(document_id=nid(), meeting_id=mt["id"], name="Tờ trình.pdf",
                                                sha256=sha, size=len(data))))
    r = delegate.http.get(f"/blobs/{sha}")
    assert r.status_code == 200 and r.content == data and r.headers["etag"] == f'"{sha}"'
    r = delegate.http.get(f"/blobs/{sha}", headers={"Range": "bytes=10-"})
    assert r.status_code == 206 and r.content == data[10:]
    r = outsider.http.get(f"/blobs/{sha}")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert outsider.http.get(f"/blobs/{'0' * 64}").status_code == 404  # same answer as a hash nobody has
    assert secretary.http.get(f"/blobs/{sha}").status_code == 200


def test_only_the_registrar_submits(world, api):
    mt = world.meeting(state="draft", starts_in=timedelta(days=6))
    for who in ("approver", "chair", "secretary"):  # they see it (runners) but may not submit it
        failed(api(who).push("submit_meeting", meeting_id=mt["id"]), "forbidden")
