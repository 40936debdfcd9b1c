"""Pull: the changes a user may see since a cursor, paged, in one read snapshot.

Each row's *effective seq* for the caller is ``max(row.seq, access.granted_seq)``: a meeting granted after
the cursor brings all its rows, whatever their own seq. Rows are returned in effective-seq order; a page
never splits the rows of one effective seq (except a single seq larger than the page, which is returned
whole), so the cursor after a page is exact. See docs/protocol.md.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlalchemy as sa

from ecabinet_client.domain.schema import TABLES, TableSpec

from .db import access, clients, decode, mutation_failures, synced, tenants

TABLE_ORDER = {name: i for i, name in enumerate(TABLES)}


def _greatest(a, b, is_sqlite: bool):  # noqa: ANN001
    return sa.func.max(a, b) if is_sqlite else sa.func.greatest(a, b)


def _visible_query(spec: TableSpec, user_id: str, tenant_id: str, is_sqlite: bool):
    """SELECT of the rows of ``spec`` visible to the user, with an ``eff`` column; no cursor filter."""
    t = synced[spec.name]
    cols = [t.c[name] for name in spec.public_columns]
    if spec.scope == "meeting":
        a = access.alias("a")
        eff = _greatest(t.c.seq, a.c.granted_seq, is_sqlite).label("eff")
        q = (
            sa.select(*cols, eff, a.c.granted_seq.label("granted_seq"))
            .select_from(
                t.join(
                    a,
                    sa.and_(a.c.meeting_id == t.c.meeting_id, a.c.user_id == user_id, a.c.revoked_seq.is_(None)),
                )
            )
            .where(t.c.tenant_id == tenant_id)
        )
        return q, eff, t
    eff = t.c.seq.label("eff")
    q = sa.select(*cols, eff).where(t.c.tenant_id == tenant_id)
    if spec.scope == "owner":
        q = q.where(t.c[spec.owner_column] == user_id)
    return q, eff, t


def _audience_ok(spec: TableSpec, row: dict[str, Any], user_id: str) -> bool:
    if spec.scope != "audience":
        return True
    audience = json.loads(row.get("audience") or "[]")
    return user_id in audience or row.get("created_by") == user_id


def _since(spec: TableSpec, q, t, cursor: int):  # noqa: ANN001
    if spec.scope == "meeting":
        granted = q.selected_columns.granted_seq
        # rows changed since the cursor (tombstones included), or every live row of a newly granted meeting
        return q.where(sa.or_(t.c.seq > cursor, sa.and_(granted > cursor, t.c.deleted == sa.false())))
    return q.where(t.c.seq > cursor)


def pull(
    conn: sa.Connection,
    *,
    tenant_id: str,
    user_id: str,
    client_id: str | None,
    cursor: int,
    limit: int,
    is_sqlite: bool,
) -> dict[str, Any]:
    tenant = conn.execute(sa.select(tenants.c.seq, tenants.c.purged_seq).where(tenants.c.id == tenant_id)).one()
    answer: dict[str, Any] = {
        "cursor": tenant.seq,
        "more": False,
        "must_refetch": False,
        "changes": [],
        "revoked_meetings": [],
        **_client_state(conn, client_id, user_id),
    }
    if cursor and cursor < tenant.purged_seq:
        answer["must_refetch"] = True
        answer["cursor"] = cursor
        return answer
    if cursor >= tenant.seq:
        return answer  # nothing new anywhere in the tenant: the common case, two indexed lookups

    fetched: list[tuple[int, int, str, dict[str, Any]]] = []
    truncated = False
    for name, spec in TABLES.items():
        q, eff, t = _visible_query(spec, user_id, tenant_id, is_sqlite)
        q = _since(spec, q, t, cursor).order_by(eff, t.c.id).limit(limit + 1)
        rows = conn.execute(q).all()
        if len(rows) > limit:
            truncated = True
            rows = rows[:limit]
        for r in rows:
            m = dict(r._mapping)
            fetched.append((m["eff"], TABLE_ORDER[name], name, m))

    fetched.sort(key=lambda x: (x[0], x[1]))
    new_cursor = tenant.seq
    if truncated or len(fetched) > limit:
        answer["more"] = True
        boundary = fetched[limit - 1][0] if len(fetched) >= limit else fetched[-1][0]
        page = [f for f in fetched if f[0] < boundary]
        if page:
            new_cursor = page[-1][0]
        else:
            # one seq larger than a page (a big transaction or a large meeting granted at once): all of it
            page = _all_at(conn, tenant_id, user_id, boundary, cursor, is_sqlite)
            new_cursor = boundary
        fetched = page
    answer["cursor"] = new_cursor

    changes = []
    for _eff, _order, name, m in fetched:
        spec = TABLES[name]
        if not _audience_ok(spec, m, user_id):
            continue
        row = None if m["deleted"] else decode(spec, m, public=True)
        changes.append({"table": name, "id": m["id"], "seq": m["seq"], "row": row})
    answer["changes"] = changes
    answer["revoked_meetings"] = list(
        conn.execute(
            sa.select(access.c.meeting_id).where(
                access.c.user_id == user_id,
                access.c.revoked_seq > cursor,
                access.c.revoked_seq <= new_cursor,
            )
        ).scalars()
    )
    return answer


def _all_at(conn, tenant_id, user_id, eff_value, cursor, is_sqlite):  # noqa: ANN001
    out = []
    for name, spec in TABLES.items():
        q, eff, t = _visible_query(spec, user_id, tenant_id, is_sqlite)
        q = _since(spec, q, t, cursor).where(eff == eff_value)
        for r in conn.execute(q):
            out.append((eff_value, TABLE_ORDER[name], name, dict(r._mapping)))
    return out


def _client_state(conn: sa.Connection, client_id: str | None, user_id: str) -> dict[str, Any]:
    if not client_id:
        return {"last_mutation_id": 0, "failures": []}
    last = conn.execute(
        sa.select(clients.c.last_mutation_id).where(clients.c.client_id == client_id, clients.c.user_id == user_id)
    ).scalar()
    if last is None:
        return {"last_mutation_id": 0, "failures": []}
    failures = conn.execute(
        sa.select(mutation_failures)
        .where(mutation_failures.c.client_id == client_id)
        .order_by(mutation_failures.c.mutation_id.desc())
        .limit(200)
    ).all()
    return {
        "last_mutation_id": last,
        "failures": [
            {"mutation_id": f.mutation_id, "name": f.name, "code": f.code, "params": json.loads(f.params)}
            for f in reversed(failures)
        ],
    }


def row_hash(row_id: str, version: int) -> int:
    return int(hashlib.sha256(f"{row_id}:{version}".encode()).hexdigest()[:16], 16)


def checksum(conn: sa.Connection, *, tenant_id: str, user_id: str, is_sqlite: bool) -> dict[str, Any]:
    tables = {}
    for name, spec in TABLES.items():
        q, _eff, t = _visible_query(spec, user_id, tenant_id, is_sqlite)
        q = q.where(t.c.deleted == sa.false())
        count = 0
        total = 0
        for r in conn.execute(q):
            m = r._mapping
            if spec.scope == "audience" and not _audience_ok(spec, dict(m), user_id):
                continue
            count += 1
            total = (total + row_hash(m["id"], m["version"])) % (1 << 64)
        tables[name] = {"count": count, "hash": f"{total:016x}"}
    seq = conn.execute(sa.select(tenants.c.seq).where(tenants.c.id == tenant_id)).scalar_one()
    return {"cursor": seq, "tables": tables}
