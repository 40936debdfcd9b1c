"""The live meeting against the real service: check-in with the rotating code, roll call, votes (open,
secret, analog; majority rules), the speaker queue, transcript, opinions, conclusions, opinion polls and the
live events they send."""

from __future__ import annotations

import functools
import sqlite3
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from ecabinet_client.domain import checkin
from ecabinet_client.service.handlers_live import compute_result
from tests.service.helpers import SseReader, checkin_secret, code_at, failed, nid, ok, wait_for_stable_window

OPTIONS = ["Đồng ý", "Không đồng ý", "Không biểu quyết"]


@pytest.fixture
def room(world, api):
    """An ongoing meeting with three invited delegates (two of Sở Tài chính, one of Sở Nội vụ)."""
    mt = world.meeting(state="ongoing", starts_in=timedelta(minutes=-10), invitees=("delegate", "colleague", "nv_staff"))
    return Room(id=mt["id"], item=mt["agenda_item_id"], inv=mt["invitations"], world=world, api=api)


class Room(SimpleNamespace):
    """The meeting, with the secretary and the chair signed in when first used (signing in costs an argon2)."""

    @functools.cached_property
    def sec(self):
        return self.api("secretary")

    @functools.cached_property
    def chair(self):
        return self.api("chair")


def present(room, *who: str) -> None:
    for w in who:
        ok(room.sec.push("mark_attendance", meeting_id=room.id, user_id=room.world.users[w], status="present"))


def make_poll(room, *, secret=False, allow_change=False, majority="simple_present", options=None) -> str:
    pid = nid()
    args = dict(poll_id=pid, meeting_id=room.id, agenda_item_id=room.item, question="Thông qua dự toán ngân sách",
                secret=secret, allow_change=allow_change, majority=majority)
    if options:
        args["options"] = options
    ok(room.sec.push("create_poll", **args))
    return pid


def vote(client, pid, choice):
    return client.push("cast_ballot", poll_id=pid, choice=choice, ballot_id=nid())


# --- check-in and roll call ------------------------------------------------------------------------------------
def test_check_in_with_the_code_and_the_qr_payload(room, service):
    r = room.sec.http.get(f"/meetings/{room.id}/checkin-code")
    assert r.status_code == 200, r.text
    shown = r.json()
    assert len(shown["code"]) == checkin.CODE_DIGITS and shown["code"].isdigit()
    assert 0 < shown["expires_in"] <= shown["window_seconds"]
    assert shown["qr_payload"] == checkin.qr_payload(room.id, shown["code"])
    assert room.chair.http.get(f"/meetings/{room.id}/checkin-code").status_code == 200

    delegate, colleague, outsider = room.api("delegate"), room.api("colleague"), room.api("outsider")
    for who in (delegate, outsider):  # only the chair and the secretary see the code; the rest get 404
        r = who.http.get(f"/meetings/{room.id}/checkin-code")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert room.sec.http.get(f"/meetings/{nid()}/checkin-code").status_code == 404

    wait_for_stable_window()
    shown = room.sec.http.get(f"/meetings/{room.id}/checkin-code").json()
    ok(delegate.push("check_in", meeting_id=room.id, code=shown["code"]))
    ok(colleague.push("check_in", meeting_id=room.id, code=shown["qr_payload"]))
    ok(delegate.push("check_in", meeting_id=room.id, code=shown["code"]))  # scanning twice changes nothing
    rows = room.sec.pull_all()["checkins"]
    mine = rows[checkin.checkin_id(room.id, room.world.users["delegate"])]
    theirs = rows[checkin.checkin_id(room.id, room.world.users["colleague"])]
    assert (mine["status"], mine["method"], mine["version"]) == ("present", "code", 1)
    assert mine["arrived_at"] and mine["left_at"] is None
    assert (theirs["status"], theirs["method"]) == ("present", "qr")
    # the delegate sees that they are marked present
    assert delegate.pull_all()["checkins"][mine["id"]]["status"] == "present"


def test_the_check_in_code_rotates(room, db):
    secret = checkin_secret(db, room.id)
    window = checkin.window_seconds()
    now = wait_for_stable_window(window)
    n = checkin.window_number(now, window)
    old = checkin.code_for_window(secret, room.id, n - 2)
    previous = checkin.code_for_window(secret, room.id, n - 1)
    delegate, colleague, staff = room.api("delegate"), room.api("colleague"), room.api("nv_staff")
    err = failed(delegate.push("check_in", meeting_id=room.id, code=old), "checkin_code_invalid")
    assert "hết hạn" in err["message"]
    ok(colleague.push("check_in", meeting_id=room.id, code=previous))  # read just before it changed: still fine
    # a QR code of another meeting, garbage, and a code of the future are refused
    other = room.world.meeting(state="ongoing", starts_in=timedelta(minutes=-5), invitees=("nv_staff",))
    failed(staff.push("check_in", meeting_id=room.id, code=checkin.qr_payload(other["id"], code_at(db, other["id"], now))),
           "checkin_code_invalid")
    failed(staff.push("check_in", meeting_id=room.id, code="abcdef"), "checkin_code_invalid")
    failed(staff.push("check_in", meeting_id=room.id, code=checkin.code_for_window(secret, room.id, n + 2)),
           "checkin_code_invalid")
    assert room.world.get("checkins", checkin.checkin_id(room.id, room.world.users["nv_staff"])) is None


def test_code_windows_with_explicit_times():
    secret, mid, window = "s3cr3t", nid(), 5.0
    t0 = 1_700_000_000.0
    code = checkin.current_code(secret, mid, at=t0, window=window)[0]
    assert checkin.verify_code(secret, mid, code, at=t0, window=window)
    assert checkin.verify_code(secret, mid, code, at=t0 + window, window=window)  # the previous window
    assert not checkin.verify_code(secret, mid, code, at=t0 + 2 * window, window=window)  # two windows later
    assert not checkin.verify_code("other secret", mid, code, at=t0, window=window)
    assert checkin.verify_code(secret, mid, f" {code[:3]}-{code[3:]} ", at=t0, window=window)  # typed with a dash
    codes = {checkin.code_for_window(secret, mid, n) for n in range(50)}
    assert len(codes) > 45  # different every window


def test_check_in_refusals(room, world, api, db):
    now = wait_for_stable_window()
    code = code_at(db, room.id, now)
    # not invited at all: the meeting does not exist for them
    failed(api("outsider").push("check_in", meeting_id=room.id, code=code), "not_found")
    # sees the meeting (an assistant share) but is not an attendee
    delegate = api("delegate")
    ok(delegate.push("share_meeting", share_id=nid(), meeting_id=room.id, assistant_id=world.users["assistant"]))
    failed(api("assistant").push("check_in", meeting_id=room.id, code=code), "not_invited")
    # a meeting that has ended takes no more check-ins
    world.update("meetings", room.id, state="ended")
    failed(delegate.push("check_in", meeting_id=room.id, code=code), "invalid_state")


def test_roll_call_by_the_secretary(room, world):
    sec = room.sec
    uid = world.users
    ok(sec.push("mark_attendance", meeting_id=room.id, user_id=uid["delegate"], status="present"))
    first = world.get("checkins", checkin.checkin_id(room.id, uid["delegate"]))
    assert first["status"] == "present" and first["arrived_at"] and first["method"] == "secretary"
    ok(sec.push("mark_attendance", meeting_id=room.id, user_id=uid["delegate"], status="left"))
    left = world.get("checkins", first["id"])
    assert left["status"] == "left" and left["left_at"] and left["arrived_at"] == first["arrived_at"]
    ok(sec.push("mark_attendance", meeting_id=room.id, user_id=uid["delegate"], status="present"))
    back = world.get("checkins", first["id"])
    assert back["status"] == "present" and back["left_at"] is None and back["arrived_at"] == first["arrived_at"]
    ok(sec.push("mark_attendance", meeting_id=room.id, user_id=uid["colleague"], status="excused", note="Đi công tác"))
    ok(room.chair.push("mark_attendance", meeting_id=room.id, user_id=uid["nv_staff"], status="absent"))
    rows = {r["user_id"]: r for r in world.rows("checkins", meeting_id=room.id)}
    assert rows[uid["colleague"]]["status"] == "excused" and rows[uid["colleague"]]["note"] == "Đi công tác"
    assert rows[uid["nv_staff"]]["status"] == "absent" and rows[uid["nv_staff"]]["arrived_at"] is None
    # a delegate cannot take the roll; nobody can be marked who is not in the meeting
    failed(room.api("delegate").push("mark_attendance", meeting_id=room.id, user_id=uid["colleague"], status="absent"),
           "forbidden")
    failed(sec.push("mark_attendance", meeting_id=room.id, user_id=uid["outsider"], status="present"), "not_invited")


# --- votes ---------------------------------------------------------------------------------------------------------------
def test_open_vote_from_creation_to_publication(room, world):
    delegate, colleague, staff = room.api("delegate"), room.api("colleague"), room.api("nv_staff")
    failed(delegate.push("create_poll", poll_id=nid(), meeting_id=room.id, question="?"), "forbidden")
    pid = make_poll(room, allow_change=True)
    failed(vote(delegate, pid, OPTIONS[0]), "poll_not_open")  # still a draft
    ok(room.sec.push("open_poll", poll_id=pid))
    present(room, "delegate", "colleague")
    ok(vote(delegate, pid, OPTIONS[0]))
    ok(vote(colleague, pid, OPTIONS[1]))
    failed(vote(staff, pid, OPTIONS[0]), "not_checked_in")  # invited but not in the room
    failed(vote(delegate, pid, "Có"), "invalid_choice")
    ok(vote(delegate, pid, OPTIONS[1]))  # the chair allowed changing one's choice
    poll = world.get("polls", pid)
    assert poll["votes_cast"] == 2 and poll["result"] is None
    ok(room.chair.push("close_poll", poll_id=pid))
    err = failed(vote(colleague, pid, OPTIONS[0]), "poll_not_open")
    assert "đã đóng" in err["message"]
    poll = world.get("polls", pid)
    res = poll["result"]
    assert poll["state"] == "closed" and poll["closed_at"]
    assert res["tallies"] == {OPTIONS[0]: 0, OPTIONS[1]: 2, OPTIONS[2]: 0}
    assert sum(res["tallies"].values()) == res["participants"] == poll["votes_cast"] == 2
    assert (res["present"], res["members"], res["quorum_met"]) == (2, 3, True)
    assert (res["passed"], res["outcome"], res["winner"]) == (False, "rejected", OPTIONS[1])
    ok(room.sec.push("publish_poll", poll_id=pid))
    # every participant sees the published result; each sees only their own named ballot
    rows = delegate.pull_all()
    assert rows["polls"][pid]["state"] == "published" and rows["polls"][pid]["result"]["tallies"][OPTIONS[1]] == 2
    ballots = list(rows["ballots"].values())
    assert [(b["voter_id"], b["choice"]) for b in ballots] == [(world.users["delegate"], OPTIONS[1])]
    assert "ballots" not in room.chair.pull_all()


def test_one_vote_per_member(room):
    pid = make_poll(room)
    ok(room.sec.push("open_poll", poll_id=pid))
    present(room, "delegate")
    delegate = room.api("delegate")
    ok(vote(delegate, pid, OPTIONS[0]))
    failed(vote(delegate, pid, OPTIONS[1]), "already_voted")
    ok(room.sec.push("close_poll", poll_id=pid))
    assert room.world.get("polls", pid)["result"]["tallies"][OPTIONS[0]] == 1


def test_a_substitute_votes_for_the_member(world, api):
    mt = world.meeting(state="approved", starts_in=timedelta(days=3), invitees=("delegate", "nv_staff"))
    delegate = api("delegate")
    ok(delegate.push("delegate_invitation", invitation_id=mt["invitations"]["delegate"],
                     substitute_id=world.users["colleague"]))
    world.update("meetings", mt["id"], state="ongoing")
    room = Room(id=mt["id"], item=mt["agenda_item_id"], world=world, api=api)
    present(room, "colleague", "delegate", "nv_staff")  # the member came anyway
    pid = make_poll(room)
    ok(room.sec.push("open_poll", poll_id=pid))
    failed(vote(delegate, pid, OPTIONS[0]), "not_eligible")  # replaced: cannot vote
    substitute = api("colleague")
    ok(vote(substitute, pid, OPTIONS[0]))
    failed(vote(substitute, pid, OPTIONS[0]), "already_voted")
    ballot = next(iter(substitute.pull_all()["ballots"].values()))
    assert ballot["voter_id"] == world.users["colleague"] and ballot["on_behalf_of"] == world.users["delegate"]
    ok(room.sec.push("close_poll", poll_id=pid))
    res = world.get("polls", pid)["result"]
    assert res["members"] == 2 and res["present"] == 2 and res["participants"] == 1


def test_guests_and_non_attendees_do_not_vote(room, world, api):
    with world.db.write(world.tenant_id) as tx:
        tx.insert("invitations", {"meeting_id": room.id, "user_id": world.users["rep"], "state": "confirmed",
                                  "attendee_role": "guest"})
        from ecabinet_client.service.access import refresh_access

        refresh_access(tx, room.id)
    present(room, "rep")
    pid = make_poll(room)
    ok(room.sec.push("open_poll", poll_id=pid))
    failed(vote(api("rep"), pid, OPTIONS[0]), "not_eligible")
    failed(vote(room.chair, pid, OPTIONS[0]), "not_eligible")  # the chair presides; not an invited member here
    failed(vote(api("outsider"), pid, OPTIONS[0]), "not_found")
    ok(room.sec.push("close_poll", poll_id=pid))
    assert world.get("polls", pid)["result"]["members"] == 3  # guests are not members


def test_secret_vote_is_unlinkable(room, world, service):
    failed(room.sec.push("create_poll", poll_id=nid(), meeting_id=room.id, question="Kín?", secret=True,
                         allow_change=True), "secret_poll_no_change")
    pid = make_poll(room, secret=True, majority="two_thirds_all")
    ok(room.sec.push("open_poll", poll_id=pid))
    present(room, "delegate", "colleague", "nv_staff")
    voters = {w: room.api(w) for w in ("delegate", "colleague", "nv_staff")}
    ok(vote(voters["delegate"], pid, OPTIONS[0]))
    ok(vote(voters["colleague"], pid, OPTIONS[1]))
    ok(vote(voters["nv_staff"], pid, OPTIONS[0]))
    failed(vote(voters["colleague"], pid, OPTIONS[0]), "already_voted")
    assert world.get("polls", pid)["votes_cast"] == 3
    ok(room.chair.push("close_poll", poll_id=pid))

    con = sqlite3.connect(Path(service.data_dir) / "ecabinet.sqlite3")
    try:
        def columns(table):
            return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}

        participants, tallies = columns("secret_participants"), columns("secret_tallies")
        assert participants == {"poll_id", "user_id"}
        assert tallies == {"poll_id", "option", "count"}
        assert participants & tallies == {"poll_id"}  # nothing but the poll links the two tables
        for col in participants | tallies:
            assert not col.endswith(("_at", "_id")) or col in ("poll_id", "user_id")
            assert col not in ("seq", "id", "ballot_id", "created_at", "updated_at")
        who = {r[0] for r in con.execute("SELECT user_id FROM secret_participants WHERE poll_id = ?", (pid,))}
        assert who == {world.users[w] for w in voters}
        counts = dict(con.execute('SELECT option, "count" FROM secret_tallies WHERE poll_id = ?', (pid,)).fetchall())
        assert counts == {OPTIONS[0]: 2, OPTIONS[1]: 1, OPTIONS[2]: 0}
        # no ballot row, and no choice anywhere next to a person
        assert con.execute("SELECT count(*) FROM ballots WHERE poll_id = ?", (pid,)).fetchone()[0] == 0
        failures = con.execute("SELECT params FROM mutation_failures").fetchall()
        assert not any(OPTIONS[1] in (p or "") for (p,) in failures)
    finally:
        con.close()
    poll = world.get("polls", pid)
    res = poll["result"]
    assert sum(res["tallies"].values()) == res["participants"] == poll["votes_cast"] == len(who)
    assert (res["base"], res["threshold"], res["passed"]) == (3, 2, True)  # 2 of 3 members is two thirds
    for client in voters.values():
        assert "ballots" not in client.pull_all()


@pytest.mark.parametrize(
    ("majority", "tallies", "present", "members", "outcome"),
    [
        ("simple_present", [3, 2, 0], 5, 8, "passed"),  # 3 of 5 present is more than half
        ("simple_present", [2, 2, 1], 5, 8, "rejected"),  # 2 of 5 is not
        ("simple_all", [3, 2, 0], 5, 8, "rejected"),  # 3 of 8 members is not more than half
        ("simple_all", [5, 0, 0], 5, 8, "passed"),
        ("two_thirds_present", [4, 2, 0], 6, 8, "passed"),  # 4 of 6 is two thirds
        ("two_thirds_present", [3, 2, 1], 6, 8, "rejected"),
        ("two_thirds_all", [5, 1, 0], 6, 8, "rejected"),  # 5 of 8 is less than two thirds
        ("two_thirds_all", [6, 0, 0], 6, 8, "passed"),
        ("simple_present", [3, 0, 0], 3, 8, "no_quorum"),  # 3 of 8 present: no quorum
    ],
)
def test_majority_rules(majority, tallies, present, members, outcome):
    poll = {"options": OPTIONS, "majority": majority}
    res = compute_result(poll, dict(zip(OPTIONS, tallies)), sum(tallies), present, members)
    assert res["outcome"] == outcome, res
    assert res["participants"] == sum(res["tallies"].values())


def test_analog_vote(room, world):
    pid = make_poll(room)
    present(room, "delegate", "colleague")
    err = failed(room.sec.push("record_analog_vote", poll_id=pid, counts={OPTIONS[0]: 3}), "analog_counts_invalid")
    assert "3" in err["message"] and "2" in err["message"]
    failed(room.sec.push("record_analog_vote", poll_id=pid, counts={"Giơ tay": 1}), "invalid_choice")
    failed(room.api("delegate").push("record_analog_vote", poll_id=pid, counts={OPTIONS[0]: 1}), "forbidden")
    ok(room.sec.push("record_analog_vote", poll_id=pid, counts={OPTIONS[0]: 2}))
    poll = world.get("polls", pid)
    assert poll["state"] == "closed" and poll["votes_cast"] == 2
    assert poll["result"]["method"] == "analog" and poll["result"]["tallies"] == {OPTIONS[0]: 2, OPTIONS[1]: 0, OPTIONS[2]: 0}
    assert poll["result"]["outcome"] == "passed"
    failed(vote(room.api("delegate"), pid, OPTIONS[0]), "poll_not_open")


def test_poll_state_refusals(room, world, api):
    pid = make_poll(room)
    failed(room.sec.push("close_poll", poll_id=pid), "invalid_poll_state")
    failed(room.sec.push("publish_poll", poll_id=pid), "invalid_poll_state")
    ok(room.sec.push("open_poll", poll_id=pid))
    failed(room.sec.push("open_poll", poll_id=pid), "invalid_poll_state")
    failed(room.sec.push("publish_poll", poll_id=pid), "invalid_poll_state")
    failed(room.api("delegate").push("close_poll", poll_id=pid), "forbidden")
    failed(room.sec.push("create_poll", poll_id=nid(), meeting_id=room.id, question="?", options=["A", "A"]), "bad_request")
    # a vote cannot be opened before the meeting starts, and a ballot is refused once the meeting has ended
    later = world.meeting(state="approved", invitees=("delegate",))
    sec = room.sec
    p2 = nid()
    ok(sec.push("create_poll", poll_id=p2, meeting_id=later["id"], question="Trước giờ họp"))
    failed(sec.push("open_poll", poll_id=p2), "invalid_state")
    present(room, "delegate")
    ok(sec.push("end_meeting", meeting_id=room.id))
    failed(vote(room.api("delegate"), pid, OPTIONS[0]), "poll_not_open")


def test_live_events_carry_the_vote(room, service):
    delegate = room.api("delegate")
    reader = SseReader(service.url, delegate.tokens["access_token"])
    try:
        pid = make_poll(room)
        ok(room.sec.push("open_poll", poll_id=pid))
        ev = reader.wait("poll_opened")
        assert ev["meeting_id"] == room.id
        assert ev["payload"]["poll"]["id"] == pid and ev["payload"]["poll"]["state"] == "open"
        assert ev["payload"]["poll"]["options"] == OPTIONS
        present(room, "delegate")
        ok(vote(delegate, pid, OPTIONS[0]))
        ev = reader.wait("ballot_cast")
        assert ev["payload"] == {"poll_id": pid, "votes_cast": 1}
        ok(room.sec.push("close_poll", poll_id=pid))
        ok(room.sec.push("publish_poll", poll_id=pid))
        ev = reader.wait("poll_published")
        assert ev["payload"]["result"]["tallies"][OPTIONS[0]] == 1
    finally:
        reader.close()


# --- the speaker queue ----------------------------------------------------------------------------------------------------
def test_speaker_queue(room, world, api):
    delegate, colleague = api("delegate"), api("colleague")
    r1, r2 = nid(), nid()
    ok(delegate.push("request_to_speak", request_id=r1, meeting_id=room.id, agenda_item_id=room.item, topic="Ngân sách"))
    failed(delegate.push("request_to_speak", request_id=nid(), meeting_id=room.id, agenda_item_id=room.item),
           "speaker_request_exists")
    ok(colleague.push("request_to_speak", request_id=r2, meeting_id=room.id, agenda_item_id=room.item))
    failed(api("outsider").push("request_to_speak", request_id=nid(), meeting_id=room.id), "not_found")
    q = {r["id"]: r for r in world.rows("speaker_requests", meeting_id=room.id)}
    assert q[r1]["position"] < q[r2]["position"] and q[r1]["state"] == "queued"
    # the secretary moves the colleague to the front; a delegate cannot reorder or give the floor
    ok(room.sec.push("move_speaker_request", request_id=r2, position=q[r1]["position"] - 0.5))
    failed(delegate.push("move_speaker_request", request_id=r1, position=0), "forbidden")
    failed(delegate.push("give_floor", request_id=r1), "forbidden")
    order = sorted(world.rows("speaker_requests", meeting_id=room.id), key=lambda r: r["position"])
    assert [r["id"] for r in order] == [r2, r1]
    ok(room.chair.push("give_floor", request_id=r2))
    assert world.get("speaker_requests", r2)["state"] == "speaking"
    ok(room.chair.push("give_floor", request_id=r1))  # giving the floor ends the current speaker
    first, second = world.get("speaker_requests", r2), world.get("speaker_requests", r1)
    assert first["state"] == "done" and first["started_at"] <= first["ended_at"]
    assert second["state"] == "speaking" and second["ended_at"] is None
    failed(delegate.push("withdraw_speaker_request", request_id=r1), "speaker_request_closed")
    ok(room.sec.push("end_floor", request_id=r1))
    assert world.get("speaker_requests", r1)["state"] == "done"
    failed(room.sec.push("end_floor", request_id=r1), "speaker_request_closed")
    r3 = nid()
    ok(delegate.push("request_to_speak", request_id=r3, meeting_id=room.id, agenda_item_id=room.item))
    failed(colleague.push("withdraw_speaker_request", request_id=r3), "forbidden")
    ok(delegate.push("withdraw_speaker_request", request_id=r3))
    assert world.get("speaker_requests", r3)["state"] == "withdrawn"
    failed(room.sec.push("give_floor", request_id=r3), "speaker_request_closed")


# --- the record -------------------------------------------------------------------------------------------------------------
def test_transcript_opinions_and_conclusions(room, world, api):
    sec, delegate = room.sec, api("delegate")
    seg = nid()
    ok(sec.push("put_transcript_segment", segment_id=seg, meeting_id=room.id, agenda_item_id=room.item,
                speaker_id=world.users["delegate"], start_ms=0, end_ms=4200, text="Tôi đồng ý với dự thảo."))
    ok(sec.push("put_transcript_segment", segment_id=seg, meeting_id=room.id, agenda_item_id=room.item,
                speaker_id=world.users["delegate"], start_ms=0, end_ms=4300, text="Tôi thống nhất với dự thảo."))
    row = world.get("transcript_segments", seg)
    assert row["version"] == 2 and row["text"] == "Tôi thống nhất với dự thảo." and row["end_ms"] == 4300
    failed(room.chair.push("put_transcript_segment", segment_id=nid(), meeting_id=room.id, start_ms=0, end_ms=1, text="x"),
           "forbidden")
    failed(delegate.push("put_transcript_segment", segment_id=nid(), meeting_id=room.id, start_ms=0, end_ms=1, text="x"),
           "forbidden")
    failed(sec.push("put_transcript_segment", segment_id=nid(), meeting_id=room.id, start_ms=10, end_ms=1, text="x"),
           "bad_request")

    op = nid()
    ok(sec.push("add_opinion", opinion_id=op, meeting_id=room.id, agenda_item_id=room.item,
                speaker_id=world.users["delegate"], text="Đại biểu thống nhất với dự thảo.", segment_ids=[seg]))
    failed(sec.push("add_opinion", opinion_id=nid(), meeting_id=room.id, text="x", segment_ids=[nid()]), "not_found")
    failed(delegate.push("add_opinion", opinion_id=nid(), meeting_id=room.id, text="Ý kiến"), "forbidden")

    c1, c2, whole = nid(), nid(), nid()
    ok(sec.push("set_conclusion", conclusion_id=c1, meeting_id=room.id, agenda_item_id=room.item, text="Thống nhất."))
    ok(room.chair.push("set_conclusion", conclusion_id=c2, meeting_id=room.id, agenda_item_id=room.item,
                       text="Thống nhất thông qua; giao Sở Tài chính hoàn chỉnh."))
    ok(sec.push("set_conclusion", conclusion_id=whole, meeting_id=room.id, text="Kết luận chung của cuộc họp."))
    ok(sec.push("set_conclusion", conclusion_id=whole, meeting_id=room.id, text="Kết luận chung (sửa)."))
    failed(delegate.push("set_conclusion", conclusion_id=nid(), meeting_id=room.id, text="x"), "forbidden")
    seen = delegate.pull_all()
    assert set(seen["conclusions"]) == {c2, whole}  # one per agenda item and one for the meeting
    assert seen["conclusions"][whole]["text"] == "Kết luận chung (sửa)."
    assert seen["opinions"][op]["segment_ids"] == [seg]
    assert seen["transcript_segments"][seg]["version"] == 2


# --- opinion polls outside meetings ------------------------------------------------------------------------------------------
def test_opinion_polls(world, api):
    chair, delegate, colleague, outsider = api("chair"), api("delegate"), api("colleague"), api("outsider")
    pid = nid()
    deadline = (time.time() + 2 * 86400)
    from datetime import datetime, timezone

    iso_deadline = datetime.fromtimestamp(deadline, timezone.utc).isoformat()
    audience = [world.users["delegate"], world.users["colleague"]]
    failed(delegate.push("create_opinion_poll", poll_id=nid(), title="Lấy ý kiến", audience=audience,
                         deadline=iso_deadline), "forbidden")
    failed(chair.push("create_opinion_poll", poll_id=nid(), title="Lấy ý kiến", audience=[nid()], deadline=iso_deadline),
           "not_found")
    failed(chair.push("create_opinion_poll", poll_id=nid(), title="Lấy ý kiến", audience=audience,
                      deadline="2020-01-01T00:00:00+07:00"), "bad_request")
    ok(chair.push("create_opinion_poll", poll_id=pid, title="Lấy ý kiến dự thảo Quy chế làm việc", audience=audience,
                  deadline=iso_deadline))
    assert pid in delegate.pull_all()["opinion_polls"]
    assert "opinion_polls" not in outsider.pull_all()
    ok(delegate.push("answer_opinion_poll", answer_id=nid(), poll_id=pid, choice="Đồng ý", comment=""))
    ok(delegate.push("answer_opinion_poll", answer_id=nid(), poll_id=pid, choice="Không đồng ý", comment="Cần sửa Điều 5"))
    answers = world.rows("opinion_poll_answers", poll_id=pid)
    assert len(answers) == 1 and answers[0]["choice"] == "Không đồng ý"  # one answer per member
    assert answers[0]["id"] == checkin.opinion_answer_id(pid, world.users["delegate"])
    failed(outsider.push("answer_opinion_poll", answer_id=nid(), poll_id=pid, choice="Đồng ý"), "not_found")
    failed(chair.push("answer_opinion_poll", answer_id=nid(), poll_id=pid, choice="Đồng ý"), "forbidden")
    world.update("opinion_polls", pid, deadline="2020-01-01T00:00:00+00:00")
    failed(colleague.push("answer_opinion_poll", answer_id=nid(), poll_id=pid, choice="Đồng ý"), "opinion_poll_closed")


# --- for the console: a speaking-time limit, an analog vote per member -------------------------------------------------
def test_give_floor_with_a_time_limit(room, world, api):
    delegate = api("delegate")
    r1, r2 = nid(), nid()
    ok(delegate.push("request_to_speak", request_id=r1, meeting_id=room.id, agenda_item_id=room.item))
    ok(room.sec.push("give_floor", request_id=r1, limit_seconds=180))
    assert world.get("speaker_requests", r1)["limit_seconds"] == 180
    failed(room.sec.push("give_floor", request_id=r1, limit_seconds=1), "bad_request")  # checked before the state
    ok(room.sec.push("end_floor", request_id=r1))
    ok(delegate.push("request_to_speak", request_id=r2, meeting_id=room.id, agenda_item_id=room.item))
    ok(room.sec.push("give_floor", request_id=r2))  # no limit
    assert world.get("speaker_requests", r2)["limit_seconds"] is None


def test_analog_vote_per_member(room, world):
    present(room, "delegate", "colleague")
    pid = make_poll(room)
    users = world.users
    # only members present in the room, never someone absent, never on a secret vote, never counts and names together
    failed(room.sec.push("record_analog_vote", poll_id=pid, by_member={users["nv_staff"]: OPTIONS[0]}), "not_eligible")
    failed(room.sec.push("record_analog_vote", poll_id=pid, by_member={users["delegate"]: "Giơ tay"}), "invalid_choice")
    failed(room.sec.push("record_analog_vote", poll_id=pid, counts={OPTIONS[0]: 1}, by_member={users["delegate"]: OPTIONS[0]}),
           "bad_request")
    secret = make_poll(room, secret=True)
    failed(room.sec.push("record_analog_vote", poll_id=secret, by_member={users["delegate"]: OPTIONS[0]}), "bad_request")
    ok(room.sec.push("record_analog_vote", poll_id=pid, by_member={users["delegate"]: OPTIONS[0], users["colleague"]: OPTIONS[1]}))
    poll = world.get("polls", pid)
    assert poll["votes_cast"] == 2 and poll["result"]["tallies"] == {OPTIONS[0]: 1, OPTIONS[1]: 1, OPTIONS[2]: 0}
    assert poll["result"]["by_member"] == {users["delegate"]: OPTIONS[0], users["colleague"]: OPTIONS[1]}
    assert poll["result"]["outcome"] == "rejected"  # 1 of 2 present is not more than half


def test_the_seats_of_one_person_match_the_whole_room(world):
    """cast_ballot reads only the invitations that concern the voter (``seats_of``); it must find the same seats
    as the whole room's ``seats``: substitutes, a person invited twice, guests, a unit seat."""
    from ecabinet_client.service.handlers_live import seats, seats_of

    mt = world.meeting(state="ongoing", starts_in=timedelta(minutes=-5), invitees=("delegate", "colleague", "nv_staff"),
                       unit_invitees=("nv_tc",))
    world.update("invitations", mt["invitations"]["delegate"], state="delegated", substitute_id=world.users["outsider"])
    with world.db.write(world.tenant_id) as tx:
        tx.insert("invitations", {"meeting_id": mt["id"], "user_id": world.users["nv_staff"], "state": "confirmed",
                                  "attendee_role": "guest"})  # invited twice: the first invitation by id is the seat
        tx.insert("invitations", {"meeting_id": mt["id"], "user_id": world.users["rep"], "state": "confirmed",
                                  "attendee_role": "guest"})
    world.update("invitations", mt["invitations"]["unit:nv_tc"], assigned_user_id=world.users["assistant"])
    with world.db.write(world.tenant_id) as tx:
        ctx = SimpleNamespace(tx=tx)
        room = seats(ctx, mt["id"])
        for who, uid in world.users.items():
            assert seats_of(ctx, mt["id"], uid) == [s for s in room if s.attendee_id == uid], who
    assert any(s.on_behalf_of == world.users["delegate"] for s in room)
