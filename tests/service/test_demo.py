"""``ecabinet-server --demo``: the demo province seeded by the real service, then inspected in its database,
its blob folder (real PDFs with Vietnamese text) and over HTTP as the demo delegate."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pymupdf
import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from ecabinet_client.domain.rules import Rules, parse_time, utcnow
from ecabinet_client.service.blobs import BlobStore
from ecabinet_client.service.db import Database, Tx, secret_participants, tenants
from ecabinet_client.service.demo import DEMO_ACCOUNTS, seed_demo
from ecabinet_client.service.harness import ServiceProcess
from tests.service.conftest import Api


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    data = tmp_path_factory.mktemp("demo")
    with ServiceProcess(data, demo=True) as svc:
        db = Database(f"sqlite:///{Path(data) / 'ecabinet.sqlite3'}")
        with db.read() as conn:
            tenant = conn.execute(sa.select(tenants.c.id)).scalar_one()
        yield svc, db, BlobStore(Path(data) / "blobs"), tenant
        db.dispose()


def rows(demo, table, **where):
    _svc, db, _store, tenant = demo
    with db.read() as conn:
        return Tx(conn, tenant).select(table, **where)


def test_accounts_are_printed_and_sign_in(demo):
    svc, db, store, _ = demo
    log = svc.log_path.read_text()
    for login, password, role in DEMO_ACCOUNTS:
        assert f"{login}" in log and password in log and role in log
    logins = {a[0] for a in DEMO_ACCOUNTS}
    assert {"daibieu", "thuky", "chutri", "pheduyet", "dangky", "daidien", "troly", "quantri"} <= logins
    users = {u["username"]: u for u in rows(demo, "users")}
    hasher = PasswordHasher()
    for login, password, role in DEMO_ACCOUNTS:
        assert role in users[login]["roles"], login
        assert hasher.verify(users[login]["password_hash"], password)
    # idempotent: a second start seeds nothing and still names the accounts
    before = len(rows(demo, "meetings"))
    assert seed_demo(db, store) == DEMO_ACCOUNTS
    assert len(rows(demo, "meetings")) == before


def test_people_and_organisations(demo):
    users = rows(demo, "users")
    orgs = {o["name"] for o in rows(demo, "organisations")}
    assert 25 <= len(users) <= 40
    assert {"Văn phòng UBND tỉnh", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Nội vụ", "UBND thành phố Vị Thanh"} <= orgs
    assert len(rows(demo, "units")) >= len(orgs)
    assert all(u["email"].endswith("@haugiang.gov.vn") and u["phone"] and u["title"] and u["unit_id"] for u in users)
    assert sum(any(ch in u["full_name"] for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỷỹýàáèéìíòóùú"
                   ) for u in users) >= 20
    roles = Counter(r for u in users for r in u["roles"])
    assert all(roles[r] for r in ("admin", "registrar", "approver", "chair", "secretary", "delegate",
                                  "unit_representative", "assistant"))


def test_two_weeks_of_meetings_in_every_state(demo):
    meetings = rows(demo, "meetings")
    states = Counter(m["state"] for m in meetings)
    assert set(states) == {"draft", "awaiting_approval", "approved", "rejected", "ongoing", "ended", "cancelled"}
    assert {m["kind"] for m in meetings} == {"regular", "urgent"}
    now = utcnow()
    for m in meetings:
        start = parse_time(m["starts_at"])
        assert abs((start - now).days) <= 14, m["title"]
        assert len(rows(demo, "agenda_items", meeting_id=m["id"])) in range(2, 6)
        if m["state"] in ("rejected", "cancelled"):
            assert m["state_reason"]
        if m["state"] == "ended":
            assert start < now
            assert rows(demo, "conclusions", meeting_id=m["id"]) and rows(demo, "opinions", meeting_id=m["id"])
            assert rows(demo, "checkins", meeting_id=m["id"])
        if m["state"] == "ongoing":
            assert start.astimezone().date() == now.astimezone(start.tzinfo).date() or start < now
    # secret votes of the demo keep no ballots either
    secret = [p for p in rows(demo, "polls") if p["secret"]]
    assert secret
    for p in secret:
        assert rows(demo, "ballots", poll_id=p["id"]) == []
        assert sum(p["result"]["tallies"].values()) == p["result"]["participants"] == p["votes_cast"]
        with demo[1].read() as conn:
            n = conn.execute(sa.select(sa.func.count()).select_from(secret_participants)
                             .where(secret_participants.c.poll_id == p["id"])).scalar_one()
        assert n == p["votes_cast"]


def test_invitations_in_every_state(demo):
    invs = rows(demo, "invitations")
    users = {u["id"]: u for u in rows(demo, "users")}
    assert {i["state"] for i in invs} == {"pending", "confirmed", "declined", "delegated"}
    assert all(i["reason"] for i in invs if i["state"] == "declined")
    for i in invs:
        if i["state"] == "delegated":
            assert users[i["substitute_id"]]["organisation_id"] == users[i["user_id"]]["organisation_id"]
    assert any(i["unit_id"] and not i["assigned_user_id"] for i in invs)
    assert any(i["unit_id"] and i["assigned_user_id"] for i in invs)


def test_agenda_pdfs_are_real_vietnamese_documents(demo):
    _svc, _db, store, _ = demo
    docs = rows(demo, "documents")
    assert len(docs) >= 30
    for d in docs[:: max(1, len(docs) // 8)]:
        path = store.path(d["sha256"])
        assert path.stat().st_size == d["size"]
        with pymupdf.open(path) as pdf:
            assert pdf.page_count >= 2
            text = "".join(page.get_text() for page in pdf)
        assert "HẬU GIANG" in text and "Ủy ban nhân dân tỉnh" in text
        assert d["name"].removesuffix(".pdf").split(". ", 1)[1].upper() in " ".join(text.split())


def test_the_demo_delegate_has_invitations_to_answer(demo):
    svc, *_ = demo
    login, password, _ = DEMO_ACCOUNTS[0]
    daibieu = Api(svc.url, login, password)
    try:
        seen = daibieu.pull_all()
        mine = daibieu.user["id"]
        rules = Rules()
        open_invs = [
            i for i in seen["invitations"].values()
            if i["user_id"] == mine and i["state"] == "pending"
            and seen["meetings"][i["meeting_id"]]["state"] == "approved"
            and rules.response_deadline(seen["meetings"][i["meeting_id"]]["kind"],
                                        parse_time(seen["meetings"][i["meeting_id"]]["starts_at"])) > utcnow()
        ]
        assert len(open_invs) >= 2
        states = {m["state"] for m in seen["meetings"].values()}
        assert {"ongoing", "ended", "approved"} <= states and "draft" not in states
        assert len(seen["documents"]) >= 10
        result = daibieu.push("respond_invitation", invitation_id=open_invs[0]["id"], response="confirmed")
        assert result["status"] == "applied", result
    finally:
        daibieu.close()
