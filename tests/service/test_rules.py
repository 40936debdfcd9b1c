"""The regulation's rules, enforced by the real service: response and approval deadlines, substitutes of the
same organisation, no MẬT documents, a reason to decline, versioned edits and the meeting life cycle."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from ecabinet_client.domain.rules import iso, utcnow
from tests.service.helpers import failed, nid, ok, push


@pytest.mark.parametrize(
    ("kind", "starts_in", "words"),
    [("regular", timedelta(hours=20), "1 ngày"), ("urgent", timedelta(hours=4), "5 giờ")],
)
def test_response_deadline_passed(world, api, kind, starts_in, words):
    mt = world.meeting(kind=kind, starts_in=starts_in, invitees=("delegate",))
    err = failed(api("delegate").push("respond_invitation", invitation_id=mt["invitations"]["delegate"],
                                      response="confirmed"), "response_deadline_passed")
    assert err["message"].startswith("Đã quá hạn phản hồi"), err
    assert words in err["message"]
    assert world.get("invitations", mt["invitations"]["delegate"])["state"] == "pending"


def test_response_in_time_and_in_english(world, api):
    regular = world.meeting(kind="regular", starts_in=timedelta(hours=30), invitees=("delegate",))
    urgent = world.meeting(kind="urgent", starts_in=timedelta(hours=6), invitees=("delegate",))
    late = world.meeting(kind="urgent", starts_in=timedelta(hours=2), invitees=("delegate",))
    delegate = api("delegate", language="en")
    ok(delegate.push("respond_invitation", invitation_id=regular["invitations"]["delegate"], response="confirmed"))
    ok(delegate.push("respond_invitation", invitation_id=urgent["invitations"]["delegate"], response="confirmed"))
    err = failed(delegate.push("delegate_invitation", invitation_id=late["invitations"]["delegate"],
                               substitute_id=world.users["colleague"]), "response_deadline_passed")
    assert err["message"].startswith("The response deadline")


@pytest.mark.parametrize(
    ("kind", "late", "in_time", "words"),
    [("regular", timedelta(days=2), timedelta(days=4), "3 ngày"),
     ("urgent", timedelta(hours=20), timedelta(hours=30), "1 ngày")],
)
def test_approval_deadline(world, api, kind, late, in_time, words):
    approver = api("approver")
    too_late = world.meeting(state="awaiting_approval", kind=kind, starts_in=late)
    err = failed(approver.push("approve_meeting", meeting_id=too_late["id"]), "approval_deadline_passed")
    assert "quá hạn phê duyệt" in err["message"] and words in err["message"]
    assert world.get("meetings", too_late["id"])["state"] == "awaiting_approval"
    fine = world.meeting(state="awaiting_approval", kind=kind, starts_in=in_time)
    ok(approver.push("approve_meeting", meeting_id=fine["id"]))
    assert world.get("meetings", fine["id"])["state"] == "approved"


def test_substitute_of_the_same_organisation_only(world, api):
    mt = world.meeting(invitees=("delegate",))
    inv = mt["invitations"]["delegate"]
    delegate = api("delegate")
    err = failed(delegate.push("delegate_invitation", invitation_id=inv, substitute_id=world.users["outsider"]),
                 "substitute_other_organisation")
    assert "cùng cơ quan" in err["message"]
    failed(delegate.push("delegate_invitation", invitation_id=inv, substitute_id=world.users["delegate"]),
           "substitute_invalid")
    failed(delegate.push("delegate_invitation", invitation_id=inv, substitute_id=nid()), "substitute_invalid")
    assert world.get("invitations", inv)["state"] == "pending"
    ok(delegate.push("delegate_invitation", invitation_id=inv, substitute_id=world.users["colleague"]))
    row = world.get("invitations", inv)
    assert row["state"] == "delegated" and row["substitute_id"] == world.users["colleague"]


def test_decline_needs_a_reason(world, api):
    mt = world.meeting(invitees=("delegate",))
    inv = mt["invitations"]["delegate"]
    delegate = api("delegate")
    err = failed(delegate.push("respond_invitation", invitation_id=inv, response="declined"), "reason_required")
    assert "lý do" in err["message"]
    failed(delegate.push("respond_invitation", invitation_id=inv, response="declined", reason="   "), "reason_required")
    ok(delegate.push("respond_invitation", invitation_id=inv, response="declined", reason="Đi công tác Hà Nội"))
    row = world.get("invitations", inv)
    assert row["state"] == "declined" and row["reason"] == "Đi công tác Hà Nội"


def test_classified_documents_are_refused(world, api):
    mt = world.meeting(invitees=("delegate",))
    secretary = api("secretary")
    data = b"%PDF-1.7 " + nid().encode()
    sha = hashlib.sha256(data).hexdigest()
    r = secretary.http.put(f"/blobs/{sha}", params={"size": len(data)}, content=data)
    assert r.status_code == 200, r.text

    def attach(classification: str) -> dict:
        return push(secretary, "attach_document", dict(document_id=nid(), meeting_id=mt["id"], name="Tài liệu.pdf",
                                                       sha256=sha, size=len(data), classification=classification))

    for classification, label in [("secret", "Mật"), ("top_secret", "Tối mật"), ("ultra_secret", "Tuyệt mật"),
                                  ("managed_as_secret", "Quản lý như tài liệu mật")]:
        err = failed(attach(classification), "classified_document")
        assert f'"{label}"' in err["message"] and "MẬT" in err["message"]
    assert world.rows("documents", meeting_id=mt["id"]) == []
    ok(attach("restricted"))
    ok(attach("unclassified"))
    failed(push(secretary, "attach_document", dict(document_id=nid(), meeting_id=mt["id"], name="x.pdf",
                                                   sha256="cd" * 32, size=3)), "blob_missing")
    failed(api("delegate").push("remove_document", document_id=world.rows("documents", meeting_id=mt["id"])[0]["id"]),
           "forbidden")


def test_versioned_meeting_edits(world, api):
    mt = world.meeting(state="awaiting_approval", starts_in=timedelta(days=6))
    registrar, approver = api("registrar"), api("approver")
    ok(registrar.push("update_meeting", meeting_id=mt["id"], base_version=1, room="Hội trường tầng 3"))
    err = failed(approver.push("update_meeting", meeting_id=mt["id"], base_version=1, title="Tiêu đề khác"),
                 "version_conflict")
    assert err["params"] == {"current": 2, "base": 1}
    row = world.get("meetings", mt["id"])
    assert (row["version"], row["room"], row["title"]) == (2, "Hội trường tầng 3", "Họp giao ban tháng")
    ok(approver.push("set_agenda", meeting_id=mt["id"], base_version=2,
                     agenda=[{"id": nid(), "title": "Tờ trình về dự toán ngân sách"}]))
    assert world.get("meetings", mt["id"])["version"] == 3
    failed(api("delegate").push("update_meeting", meeting_id=mt["id"], base_version=3, title="x"), "not_found")
    failed(api("chair").push("update_meeting", meeting_id=mt["id"], base_version=3, title="x"), "forbidden")


def test_meeting_life_cycle(world, api):
    registrar, approver, chair, delegate = api("registrar"), api("approver"), api("chair"), api("delegate")
    mid, item1, item2 = nid(), nid(), nid()
    start = utcnow() + timedelta(days=6)
    args = dict(meeting_id=mid, title="Họp thẩm định dự toán", starts_at=iso(start), ends_at=iso(start + timedelta(hours=2)),
                chair_id=world.users["chair"], secretary_id=world.users["secretary"], approver_id=world.users["approver"],
                agenda=[{"id": item1, "title": "Báo cáo"}, {"id": item2, "title": "Tờ trình"}],
                invitees=[{"id": nid(), "user_id": world.users["delegate"]}])
    failed(delegate.push("create_meeting", **{**args, "meeting_id": nid()}), "forbidden")
    failed(registrar.push("create_meeting", **{**args, "meeting_id": nid(), "ends_at": iso(start - timedelta(hours=1))}),
           "bad_request")
    ok(registrar.push("create_meeting", **args))
    assert world.get("meetings", mid)["state"] == "draft"
    failed(chair.push("end_meeting", meeting_id=mid), "invalid_state")
    failed(chair.push("start_meeting", meeting_id=mid), "invalid_state")
    failed(registrar.push("approve_meeting", meeting_id=mid), "forbidden")
    ok(registrar.push("submit_meeting", meeting_id=mid))
    failed(approver.push("reject_meeting", meeting_id=mid, reason=" "), "bad_request")
    ok(approver.push("reject_meeting", meeting_id=mid, reason="Thiếu tài liệu thẩm định"))
    row = world.get("meetings", mid)
    assert (row["state"], row["state_reason"]) == ("rejected", "Thiếu tài liệu thẩm định")
    failed(approver.push("approve_meeting", meeting_id=mid), "invalid_state")  # rejected → back to draft first
    world.update("meetings", mid, state="awaiting_approval")
    ok(approver.push("approve_meeting", meeting_id=mid))
    assert mid in delegate.pull_all()["meetings"]
    ok(chair.push("start_meeting", meeting_id=mid))
    row = world.get("meetings", mid)
    assert row["state"] == "ongoing" and row["started_at"] and row["current_agenda_item_id"] == item1
    failed(delegate.push("set_current_agenda_item", meeting_id=mid, agenda_item_id=item2), "forbidden")
    ok(chair.push("set_current_agenda_item", meeting_id=mid, agenda_item_id=item2))
    assert world.get("meetings", mid)["current_agenda_item_id"] == item2
    failed(chair.push("cancel_meeting", meeting_id=mid, reason="x"), "invalid_state")
    ok(chair.push("end_meeting", meeting_id=mid))
    assert world.get("meetings", mid)["state"] == "ended"
    failed(chair.push("start_meeting", meeting_id=mid), "invalid_state")
    # cancelling an approved meeting tells the invitees
    other = world.meeting(invitees=("delegate",))
    ok(api("secretary").push("cancel_meeting", meeting_id=other["id"], reason="Lãnh đạo bận đột xuất"))
    notes = delegate.pull_all()["notifications"].values()
    assert any(n["kind"] == "meeting_cancelled" and n["params"]["reason"] == "Lãnh đạo bận đột xuất" for n in notes)
