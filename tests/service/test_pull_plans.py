"""The pull's per-table statements pick a plan (walk the tenant's changes or the user's meetings) by a
bounded count; both plans must give exactly the pages (and the checksum) of the plain definition, for any
cursor and limit."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ecabinet_client.domain.schema import TABLES
from ecabinet_client.service import pull as pull_module
from ecabinet_client.service.access import refresh_access
from ecabinet_client.service.db import tenants


def _reference(conn, tenant_id: str, user_id: str, cursor: int) -> set[tuple]:  # noqa: ANN001
    """Every change after ``cursor`` by the definition: one query per table with the OR of both conditions."""
    out = set()
    for spec in TABLES.values():
        q, _eff, t = pull_module._visible_query(spec, user_id, tenant_id, True)
        for r in conn.execute(pull_module._since(spec, q, t, cursor)):
            m = r._mapping
            if pull_module._audience_ok(spec, dict(m), user_id):
                out.add((spec.name, m["id"], m["seq"], bool(m["deleted"])))
    return out


def _reference_checksum(conn, tenant_id: str, user_id: str) -> dict:  # noqa: ANN001
    tables = {}
    for spec in TABLES.values():
        q, _eff, t = pull_module._visible_query(spec, user_id, tenant_id, True)
        count = total = 0
        for r in conn.execute(q.where(t.c.deleted == sa.false())):
            m = r._mapping
            if pull_module._audience_ok(spec, dict(m), user_id):
                count += 1
                total = (total + pull_module.row_hash(m["id"], m["version"])) % (1 << 64)
        tables[spec.name] = {"count": count, "hash": f"{total:016x}"}
    return tables


def _pages(db, tenant_id: str, user_id: str, cursor: int, limit: int) -> list[tuple]:  # noqa: ANN001
    pages = []
    while True:
        with db.read() as conn:
            page = pull_module.pull(conn, tenant_id=tenant_id, user_id=user_id, client_id=None, cursor=cursor,
                                    limit=limit, is_sqlite=True)
        pages.append((page["cursor"], page["more"], tuple((c["table"], c["id"], c["seq"], c["row"] is None)
                                                           for c in page["changes"]), tuple(page["revoked_meetings"])))
        cursor = page["cursor"]
        if not page["more"]:
            return pages


@pytest.fixture
def history(world):  # noqa: ANN001, ANN201
    """Meetings over several transactions: changes, a tombstone, a late grant of an old meeting, a revocation."""
    w = world
    early = [w.meeting(invitees=("delegate", "colleague")) for _ in range(4)]
    w.update("agenda_items", early[0]["agenda_item_id"], title="Đổi nội dung")
    with w.db.write(w.tenant_id) as tx:
        tx.delete("agenda_items", early[1]["agenda_item_id"])
    late = w.meeting(invitees=("colleague",))  # the delegate gets it later, all at once
    w.update("agenda_items", late["agenda_item_id"], title="Trước khi mời thêm")
    with w.db.write(w.tenant_id) as tx:
        tx.insert("invitations", {"meeting_id": late["id"], "user_id": w.users["delegate"], "state": "pending",
                                  "attendee_role": "delegate"})
        refresh_access(tx, late["id"])
    w.update("invitations", early[2]["invitations"]["delegate"], state="declined", reason="Bận")
    with w.db.write(w.tenant_id) as tx:  # revoke the delegate from one meeting
        for inv in tx.select("invitations", meeting_id=early[3]["id"], user_id=w.users["delegate"]):
            tx.delete("invitations", inv["id"])
        refresh_access(tx, early[3]["id"])
    return w


@pytest.mark.parametrize("probe_cost", [0, 10**9], ids=["walk-meetings", "walk-changes"])
def test_both_plans_give_the_pages_of_the_definition(history, db, monkeypatch, probe_cost):  # noqa: ANN001
    monkeypatch.setattr(pull_module, "PROBE_COST", probe_cost)
    w = history
    with db.read() as conn:
        top = conn.execute(sa.select(tenants.c.seq).where(tenants.c.id == w.tenant_id)).scalar_one()
    for who in ("delegate", "colleague", "chair", "outsider"):
        uid = w.users[who]
        for cursor in sorted({0, 1, top // 3, top // 2, top - 3, top - 1, top}):
            with db.read() as conn:
                expected = _reference(conn, w.tenant_id, uid, cursor)
            for limit in (1, 3, 500):
                pages = _pages(db, w.tenant_id, uid, cursor, limit)
                got = [c for p in pages for c in p[2]]
                assert len(got) == len(set(got)), (who, cursor, limit)
                assert set(got) == expected, (who, cursor, limit)
                effs_ok = all(p[0] >= cursor for p in pages)
                assert effs_ok and pages[-1][0] == top
        with db.read() as conn:
            assert pull_module.checksum(conn, tenant_id=w.tenant_id, user_id=uid, is_sqlite=True)["tables"] == \
                _reference_checksum(conn, w.tenant_id, uid), who


def test_the_plans_agree_page_by_page(history, db, monkeypatch):  # noqa: ANN001
    w = history
    uid = w.users["delegate"]
    results = []
    for probe_cost in (0, 10**9):
        monkeypatch.setattr(pull_module, "PROBE_COST", probe_cost)
        results.append([_pages(db, w.tenant_id, uid, c, limit) for c in (0, 2) for limit in (2, 7, 500)])
    assert results[0] == results[1]
