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


def _unindexed(column, is_sqlite: bool):  # noqa: ANN001, ANN202
    """``column || ''`` on SQLite: the same value, but SQLite cannot use an index for it, which steers the
    join order (SQLite keeps no statistics here and would guess). Other databases plan by cost: unchanged."""
    return column.op("||")(sa.literal("")) if is_sqlite else column


# Bound parameters of the cached statements below.
_USER, _TENANT, _CURSOR = sa.bindparam("p_user"), sa.bindparam("p_tenant"), sa.bindparam("p_cursor")
_LIMIT, _EFF = sa.bindparam("p_limit"), sa.bindparam("p_eff")


def _meeting_changes(spec: TableSpec, is_sqlite: bool, access_driven: bool, columns: tuple[str, ...] | None = None):
    """The rows of a meeting-scoped table that ``_since(_visible_query(...))`` selects, as two disjoint
    branches that can each use an index (an OR of the two conditions makes SQLite scan the whole tenant):

    * changed since the cursor (``seq > cursor``) in a meeting the user may see: walk the tenant's changes
      (``ix_<table>_tenant_seq``), or, when they outnumber the user's meetings (see
      :func:`_drive_from_access`), the user's meetings (``access``) and each one's changes
      (``ix_<table>_meeting``);
    * unchanged live rows (``seq <= cursor``) of a meeting granted since the cursor: walk the user's new
      grants (``ix_access_user_granted``), then each meeting's rows.
    """
    t = synced[spec.name]
    cols = [t.c[name] for name in (columns or spec.public_columns)]

    def branch(changed: bool):  # noqa: ANN202
        a = access.alias("a")
        eff = _greatest(t.c.seq, a.c.granted_seq, is_sqlite).label("eff")
        from_access = access_driven or not changed
        user = a.c.user_id if from_access else _unindexed(a.c.user_id, is_sqlite)
        tenant = _unindexed(t.c.tenant_id, is_sqlite) if from_access else t.c.tenant_id
        if changed:
            since = t.c.seq > _CURSOR
        else:
            since = sa.and_(a.c.granted_seq > _CURSOR, t.c.seq <= _CURSOR, t.c.deleted == sa.false())
        return (
            sa.select(*cols, eff)
            .select_from(t.join(a, sa.and_(a.c.meeting_id == t.c.meeting_id, user == _USER, a.c.revoked_seq.is_(None))))
            .where(tenant == _TENANT, since)
        )

    return sa.union_all(branch(True), branch(False)).subquery(f"{spec.name}_changes")


PROBE_COST = 4  # an index probe per meeting costs about as much as this many rows of a sequential walk
_STATEMENTS: dict[tuple[str, bool, bool, str], Any] = {}


def _changes_statement(spec: TableSpec, is_sqlite: bool, access_driven: bool, mode: str):
    """The rows of ``spec`` visible to ``p_user`` and new since ``p_cursor``, with their effective seq:
    ``mode`` "page" (the first ``p_limit`` in (eff, id) order) or "at" (those whose eff is ``p_eff``).
    Built once per shape (building SQLAlchemy statements costs more than running them here)."""
    key = (spec.name, is_sqlite, access_driven and spec.scope == "meeting", mode)
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        if mode == "live":  # meeting-scoped tables only: id and version of every live visible row
            sub = _meeting_changes(spec, is_sqlite, access_driven, columns=("id", "version", "deleted"))
            stmt = sa.select(sub.c.id, sub.c.version).where(sub.c.deleted == sa.false())
        else:
            if spec.scope == "meeting":
                sub = _meeting_changes(spec, is_sqlite, access_driven)
                q, eff, row_id = sa.select(sub), sub.c.eff, sub.c.id
            else:
                q, eff, t = _visible_query(spec, _USER, _TENANT, is_sqlite)
                q, row_id = _since(spec, q, t, _CURSOR), t.c.id
            stmt = q.order_by(eff, row_id).limit(_LIMIT) if mode == "page" else q.where(eff == _EFF)
        _STATEMENTS[key] = stmt
    return stmt


def _drive_from_access(conn: sa.Connection, tenant_id: str, user_id: str, cursor: int) -> dict[str, bool]:
    """Per meeting-scoped table: whether the table's changes since the cursor outnumber the user's meetings
    ``PROBE_COST`` times (then a page walks the meetings, one index probe each; otherwise it walks the
    changes, which is sequential). Bounded counts over indexes: cheap."""
    meetings = conn.execute(
        sa.select(sa.func.count()).select_from(access).where(access.c.user_id == user_id, access.c.revoked_seq.is_(None))
    ).scalar_one()
    out = {}
    for name, spec in TABLES.items():
        if spec.scope != "meeting":
            continue
        t = synced[name]
        bound = PROBE_COST * meetings
        few = sa.select(sa.literal(1)).where(t.c.tenant_id == tenant_id, t.c.seq > cursor).limit(bound + 1).subquery()
        out[name] = conn.execute(sa.select(sa.func.count()).select_from(few)).scalar_one() > bound
    return out


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

    drive = _drive_from_access(conn, tenant_id, user_id, cursor) if is_sqlite else {}
    params = {"p_user": user_id, "p_tenant": tenant_id, "p_cursor": cursor}
    fetched: list[tuple[int, int, str, Any]] = []
    truncated = False
    for name, spec in TABLES.items():
        stmt = _changes_statement(spec, is_sqlite, drive.get(name, False), "page")
        rows = conn.execute(stmt, {**params, "p_limit": limit + 1}).all()
        if len(rows) > limit:
            truncated = True
            rows = rows[:limit]
        order = TABLE_ORDER[name]
        for r in rows:
            m = r._mapping  # a dict only for the rows that make the page (below)
            fetched.append((m["eff"], order, name, m))

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
            page = _all_at(conn, tenant_id, user_id, boundary, cursor, is_sqlite, drive)
            new_cursor = boundary
        fetched = page
    answer["cursor"] = new_cursor

    changes = []
    for _eff, _order, name, m in fetched:
        spec = TABLES[name]
        if not _audience_ok(spec, m, user_id):
            continue
        row = None if m["deleted"] else decode(spec, dict(m), public=True)
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


def _all_at(conn, tenant_id, user_id, eff_value, cursor, is_sqlite, drive):  # noqa: ANN001
    out = []
    for name, spec in TABLES.items():
        stmt = _changes_statement(spec, is_sqlite, drive.get(name, False), "at")
        params = {"p_user": user_id, "p_tenant": tenant_id, "p_cursor": cursor, "p_eff": eff_value}
        for r in conn.execute(stmt, params):
            out.append((eff_value, TABLE_ORDER[name], name, r._mapping))
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
    # meeting-scoped rows: the pull's indexed statements from cursor 0, narrowed to (id, version)
    drive = _drive_from_access(conn, tenant_id, user_id, 0) if is_sqlite else {}
    params = {"p_user": user_id, "p_tenant": tenant_id, "p_cursor": 0}
    for name, spec in TABLES.items():
        if spec.scope == "meeting":
            q = _changes_statement(spec, is_sqlite, drive.get(name, False), "live")
            count = 0
            total = 0
            for row_id, version in conn.execute(q, params):
                count += 1
                total = (total + row_hash(row_id, version)) % (1 << 64)
            tables[name] = {"count": count, "hash": f"{total:016x}"}
            continue
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
