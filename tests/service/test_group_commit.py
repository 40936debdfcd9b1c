"""Group commit (service/writer.py): units queued while the writer is busy share one transaction, yet each is
applied once and answered on its own; a refusal or a failure in one does not touch the others. Also the
pushes themselves, grouped, against the real service, and the coalescing interval of running counts."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import sqlalchemy as sa

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.service.db import Database, login_failures
from ecabinet_client.service.events import COALESCE_SECONDS, coalesce_seconds
from ecabinet_client.service.writer import GroupWriter
from tests.service.helpers import failed, nid, ok


@pytest.fixture
def database(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    yield db
    db.dispose()


def _rows(db: Database) -> dict[str, int]:
    with db.read() as conn:
        return {r.login: r.count for r in conn.execute(sa.select(login_failures))}


def _insert(login: str, then=None, raise_after=None, runs=None):  # noqa: ANN001, ANN202
    """A unit that writes one row (a service-only table: no seq), then maybe raises."""

    def work(unit):  # noqa: ANN001, ANN202
        if runs is not None:
            runs[login] = runs.get(login, 0) + 1
        unit.conn.execute(login_failures.insert().values(login=login, count=1, last_at=0.0))
        if raise_after is not None:
            raise raise_after
        if then is not None:
            unit.then = then
        return login

    return work


def _held(writer: GroupWriter):  # noqa: ANN202
    """Occupy the writer until the returned event is set, so that what is submitted meanwhile is grouped."""
    gate, busy = threading.Event(), threading.Event()

    def block(unit):  # noqa: ANN001, ANN202
        busy.set()
        assert gate.wait(10)

    first = writer.submit(block)
    assert busy.wait(10)
    return gate, first


def test_grouped_units_are_answered_each_and_a_refusal_stays_alone(database):
    writer = GroupWriter(database)
    seen_committed = []
    gate, first = _held(writer)
    a = writer.submit(_insert("a", then=lambda: seen_committed.append(_rows(database).get("a"))))
    b = writer.submit(_insert("b", raise_after=DomainError("forbidden", status=403)))
    c = writer.submit(_insert("c"))
    gate.set()
    assert first.result(10) is None
    assert a.result(10) == "a" and c.result(10) == "c"
    with pytest.raises(DomainError) as err:
        b.result(10)
    assert err.value.code == "forbidden"
    assert _rows(database) == {"a": 1, "c": 1}  # b rolled back alone
    assert seen_committed == [1]  # ``then`` runs after the commit
    assert writer.batches == 2 and writer.units == 4  # the blocker, then a, b, c together
    writer.stop()


def test_a_failure_in_a_group_reruns_the_others_alone_once_each(database):
    writer = GroupWriter(database)
    runs: dict[str, int] = {}
    gate, _first = _held(writer)
    a = writer.submit(_insert("a", runs=runs))
    bug = writer.submit(_insert("bug", raise_after=RuntimeError("a bug"), runs=runs))
    c = writer.submit(_insert("c", runs=runs))
    gate.set()
    assert a.result(10) == "a" and c.result(10) == "c"
    with pytest.raises(RuntimeError):
        bug.result(10)
    # the group was rolled back at the bug, and each unit ran (again) in its own transaction: applied once
    assert runs == {"a": 2, "bug": 2, "c": 1}
    assert _rows(database) == {"a": 1, "c": 1}
    writer.stop()


def test_a_unit_alone_that_fails_gets_its_error(database):
    writer = GroupWriter(database)
    with pytest.raises(ZeroDivisionError):
        writer.submit(lambda unit: 1 / 0).result(10)
    assert writer.submit(_insert("after")).result(10) == "after"  # the writer lives on
    writer.stop()


# --- pushes, grouped, against the real service -----------------------------------------------------------------
def test_concurrent_pushes_each_get_their_own_answer(world, api, db):
    mt = world.meeting(state="ongoing", starts_in=timedelta(minutes=-10), invitees=("delegate", "colleague", "nv_staff"))
    sec = api("secretary")
    pid = nid()
    ok(sec.push("create_poll", poll_id=pid, meeting_id=mt["id"], question="Thông qua", secret=False))
    ok(sec.push("open_poll", poll_id=pid))
    for who in ("delegate", "colleague"):
        ok(sec.push("mark_attendance", meeting_id=mt["id"], user_id=world.users[who], status="present"))
    delegate, colleague, absent = api("delegate"), api("colleague"), api("nv_staff")
    stranger = api("colleague")
    stranger.client_id = delegate.client_id  # another user's client id: 403 for the whole push

    def push(client, body):  # noqa: ANN001, ANN202
        return client.http.post("/sync/push", json=body)

    def ballot(mutation_id, choice="Đồng ý", poll=pid):  # noqa: ANN001, ANN202
        return {"mutation_id": mutation_id, "name": "cast_ballot", "args": {"poll_id": poll, "choice": choice, "ballot_id": nid()}}

    bodies = [
        (delegate, {"client_id": delegate.client_id, "mutations": [ballot(1)]}),
        # a bad mutation first, then a good one: the first fails alone, the second applies
        (colleague, {"client_id": colleague.client_id, "mutations": [ballot(1, choice="Có lẽ"), ballot(2)]}),
        (absent, {"client_id": absent.client_id, "mutations": [ballot(1)]}),  # not checked in
        (stranger, {"client_id": delegate.client_id, "mutations": [ballot(7)]}),
    ]
    for _round in range(2):  # the second round resends everything: nothing is applied twice
        with ThreadPoolExecutor(len(bodies)) as pool:
            answers = list(pool.map(lambda cb: push(*cb), bodies))
        by = {id(c): r for (c, _b), r in zip(bodies, answers)}
        d, c, a, s = (by[id(x)] for x in (delegate, colleague, absent, stranger))
        assert s.status_code == 403 and s.json()["error"]["code"] == "forbidden"
        assert d.status_code == c.status_code == a.status_code == 200
        assert d.json()["last_mutation_id"] == 1 and c.json()["last_mutation_id"] == 2
        if _round == 0:
            ok(d.json()["results"][0])
            failed(c.json()["results"][0], "invalid_choice")
            ok(c.json()["results"][1])
            failed(a.json()["results"][0], "not_checked_in")
        else:
            assert [r["status"] for r in d.json()["results"] + c.json()["results"] + a.json()["results"]] == ["unchanged"] * 4
    poll = world.get("polls", pid)
    assert poll["votes_cast"] == 2
    with db.read() as conn:
        from ecabinet_client.service.db import synced

        t = synced["ballots"]
        voters = conn.execute(sa.select(t.c.voter_id).where(t.c.poll_id == pid)).scalars().all()
    assert sorted(voters) == sorted([world.users["delegate"], world.users["colleague"]])


def test_a_push_answers_with_the_tenant_seq(world, api):
    mt = world.meeting(state="ongoing", starts_in=timedelta(minutes=-10), invitees=("delegate",))
    sec = api("secretary")
    body = {"client_id": sec.client_id, "mutations": [{"mutation_id": 1, "name": "mark_attendance", "args": {
        "meeting_id": mt["id"], "user_id": world.users["delegate"], "status": "present"}}]}
    first = sec.http.post("/sync/push", json=body).json()
    again = sec.http.post("/sync/push", json=body).json()  # unchanged: the seq is read
    empty = sec.http.post("/sync/push", json={"client_id": sec.client_id, "mutations": []}).json()
    assert first["results"][0]["status"] == "applied" and again["results"][0]["status"] == "unchanged"
    assert first["seq"] == again["seq"] == empty["seq"] > 0
    assert empty["last_mutation_id"] == 1 and empty["results"] == []


# --- coalescing of running counts --------------------------------------------------------------------------------
def test_coalescing_interval_grows_with_the_audience():
    assert coalesce_seconds(3) == COALESCE_SECONDS
    assert coalesce_seconds(500) == pytest.approx(0.25)
    assert coalesce_seconds(2000) == pytest.approx(1.0)


def test_hub_holds_back_the_running_count_for_a_large_audience():
    import asyncio

    from ecabinet_client.service.events import Hub

    async def main() -> list:
        hub = Hub()
        hub.bind(asyncio.get_running_loop())
        sub = hub.subscribe("t", "u0")
        audience = frozenset(f"u{i}" for i in range(1000))  # 0.5 s between two counts
        key = ("t", "m", "ballot_cast", "p")
        hub.publish_latest(key, "t", 1, "ballot_cast", "m", audience, {"votes_cast": 1})
        hub.publish_latest(key, "t", 2, "ballot_cast", "m", audience, {"votes_cast": 2})
        hub.publish_latest(key, "t", 3, "ballot_cast", "m", audience, {"votes_cast": 3})
        got = [(await asyncio.wait_for(sub.queue.get(), 1), time.monotonic())]
        got.append((await asyncio.wait_for(sub.queue.get(), 2), time.monotonic()))
        return got

    (first, t1), (second, t2) = asyncio.run(main())
    assert first[0] == 1 and second[0] == 3  # the latest of those held back
    assert t2 - t1 >= 0.4
