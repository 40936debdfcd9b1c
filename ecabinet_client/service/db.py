"""The service's database: SQLAlchemy Core tables built from ``domain.schema``, migrations, and the
write transaction (:class:`Tx`) that stamps every change with the tenant's next ``seq``.

SQLite (WAL) by default; the queries are SQLAlchemy Core so that a PostgreSQL URL works later without
rewriting them. On SQLite, write transactions are serialised by a process-wide lock and start with
``BEGIN IMMEDIATE``; on PostgreSQL the ``UPDATE tenants SET seq = seq + 1`` row lock serialises writers of
one tenant. Either way a transaction that took seq N commits before any transaction takes N+1, so a
pull never skips a change that commits late.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import sqlalchemy as sa
from sqlalchemy import event

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.rules import iso, utcnow
from ecabinet_client.domain.schema import TABLES, TableSpec

log = logging.getLogger(__name__)

metadata = sa.MetaData()

_SA_TYPES = {"text": sa.Text, "int": sa.BigInteger, "real": sa.Float, "json": sa.Text, "bool": sa.Boolean}


def _build_synced_table(spec: TableSpec) -> sa.Table:
    cols = []
    for name, kind in spec.all_columns.items():
        if name == "id":
            cols.append(sa.Column("id", sa.Text, primary_key=True))
        elif name in ("tenant_id", "seq", "version", "deleted"):
            cols.append(sa.Column(name, _SA_TYPES[kind], nullable=False))
        else:
            cols.append(sa.Column(name, _SA_TYPES[kind]))
    table = sa.Table(spec.name, metadata, *cols)
    sa.Index(f"ix_{spec.name}_tenant_seq", table.c.tenant_id, table.c.seq)
    if "meeting_id" in spec.columns:
        sa.Index(f"ix_{spec.name}_meeting", table.c.meeting_id, table.c.seq)
    if spec.owner_column:
        sa.Index(f"ix_{spec.name}_owner", table.c[spec.owner_column], table.c.seq)
    return table


synced: dict[str, sa.Table] = {name: _build_synced_table(spec) for name, spec in TABLES.items()}
sa.Index("ux_users_username", synced["users"].c.username, unique=True)
sa.Index("ix_users_email", synced["users"].c.email)
sa.Index("ix_invitations_user", synced["invitations"].c.user_id)
# a ballot finds the voter's seats by these (migration 2): without them it read every invitation of the meeting
ix_invitations_assigned = sa.Index("ix_invitations_assigned", synced["invitations"].c.assigned_user_id)
ix_invitations_substitute = sa.Index("ix_invitations_substitute", synced["invitations"].c.substitute_id)
# and whether those seats have voted (migration 2): without them it read the ballots of the whole tenant
ix_ballots_poll_voter = sa.Index("ix_ballots_poll_voter", synced["ballots"].c.poll_id, synced["ballots"].c.voter_id)
ix_ballots_poll_behalf = sa.Index("ix_ballots_poll_behalf", synced["ballots"].c.poll_id, synced["ballots"].c.on_behalf_of)
sa.Index("ix_documents_sha", synced["documents"].c.sha256)

# --- service-only tables ------------------------------------------------------------------------------------
tenants = sa.Table(
    "tenants",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False, default=0),
    # tombstones at or below this seq have been purged: older cursors must re-fetch
    sa.Column("purged_seq", sa.BigInteger, nullable=False, default=0),
)

access = sa.Table(
    "access",
    metadata,
    sa.Column("user_id", sa.Text, primary_key=True),
    sa.Column("meeting_id", sa.Text, primary_key=True),
    sa.Column("tenant_id", sa.Text, nullable=False),
    sa.Column("granted_seq", sa.BigInteger, nullable=False),
    sa.Column("revoked_seq", sa.BigInteger),  # NULL while the access holds
    sa.Column("via", sa.Text),  # why: chair, secretary, invitee, unit, substitute, assistant, …
)
sa.Index("ix_access_user_granted", access.c.user_id, access.c.granted_seq)
sa.Index("ix_access_user_revoked", access.c.user_id, access.c.revoked_seq)
sa.Index("ix_access_meeting", access.c.meeting_id)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("tenant_id", sa.Text, nullable=False),
    sa.Column("user_id", sa.Text, nullable=False, index=True),
    sa.Column("name", sa.Text),
    sa.Column("refresh_hash", sa.Text),
    sa.Column("created_at", sa.Text),
    sa.Column("last_seen_at", sa.Text),
    sa.Column("revoked_at", sa.Text),
)

clients = sa.Table(
    "clients",
    metadata,
    sa.Column("client_id", sa.Text, primary_key=True),
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("last_mutation_id", sa.BigInteger, nullable=False, default=0),
)

mutation_failures = sa.Table(
    "mutation_failures",
    metadata,
    sa.Column("client_id", sa.Text, primary_key=True),
    sa.Column("mutation_id", sa.BigInteger, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("params", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),
)

login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("login", sa.Text, primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("last_at", sa.Float, nullable=False),
)

blobs = sa.Table(
    "blobs",
    metadata,
    sa.Column("sha256", sa.Text, primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("uploaded_by", sa.Text),
    sa.Column("created_at", sa.Text),
)

# Secret votes: the participation list and the anonymous tallies live in two tables with nothing that
# links them: no ballot id, no timestamp, and tallies are counters (a row per option), not ballots.
secret_participants = sa.Table(
    "secret_participants",
    metadata,
    sa.Column("poll_id", sa.Text, primary_key=True),
    sa.Column("user_id", sa.Text, primary_key=True),
)
secret_tallies = sa.Table(
    "secret_tallies",
    metadata,
    sa.Column("poll_id", sa.Text, primary_key=True),
    sa.Column("option", sa.Text, primary_key=True),
    sa.Column("count", sa.BigInteger, nullable=False),
)

schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))


# --- engine and migrations --------------------------------------------------------------------------------
def _migration_1(conn: sa.Connection) -> None:
    metadata.create_all(conn)


def _migration_2(conn: sa.Connection) -> None:
    ix_invitations_assigned.create(conn, checkfirst=True)
    ix_invitations_substitute.create(conn, checkfirst=True)
    ix_ballots_poll_voter.create(conn, checkfirst=True)
    ix_ballots_poll_behalf.create(conn, checkfirst=True)


# Append-only: each entry upgrades from its index to index+1. Never edit a released migration.
MIGRATIONS = [_migration_1, _migration_2]


def make_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=20, max_overflow=40)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):  # noqa: ANN001
            # pysqlite's own transaction handling does not BEGIN before SELECTs, so a pull's queries
            # would see different snapshots; take control of BEGIN ourselves (SQLAlchemy's recipe).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # noqa: ANN001
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

        return engine
    return sa.create_engine(url, pool_size=20, max_overflow=40, pool_pre_ping=True)


def migrate(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        conn.info["write"] = True
        with conn.begin():
            schema_version.create(conn, checkfirst=True)
            row = conn.execute(sa.select(schema_version.c.version)).first()
            current = row[0] if row else 0
            for index in range(current, len(MIGRATIONS)):
                log.info("migrating database schema to version %d", index + 1)
                MIGRATIONS[index](conn)
            if row is None:
                conn.execute(schema_version.insert().values(version=len(MIGRATIONS)))
            else:
                conn.execute(schema_version.update().values(version=len(MIGRATIONS)))
        conn.info.pop("write", None)
    return len(MIGRATIONS)


# --- rows -----------------------------------------------------------------------------------------------------
def new_id() -> str:
    return uuid.uuid4().hex


_COLUMNS: dict[int, tuple[TableSpec, dict[str, str], dict[str, str]]] = {}


def _columns(spec: TableSpec) -> tuple[dict[str, str], dict[str, str]]:
    """``spec.all_columns`` and ``spec.public_columns``, made once (each is a new dict per call: encode asked
    for it once per value)."""
    hit = _COLUMNS.get(id(spec))
    if hit is None or hit[0] is not spec:
        hit = _COLUMNS[id(spec)] = (spec, spec.all_columns, spec.public_columns)
    return hit[1], hit[2]


def encode(spec: TableSpec, values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    columns = _columns(spec)[0]
    for key, value in values.items():
        kind = columns.get(key)
        if kind is None:
            raise KeyError(f"{spec.name} has no column {key}")
        if kind == "json" and value is not None:
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        elif kind == "bool" and value is not None:
            value = bool(value)
        out[key] = value
    return out


def decode(spec: TableSpec, row: sa.Row | dict[str, Any], public: bool = False) -> dict[str, Any]:
    data = dict(row._mapping) if isinstance(row, sa.Row) else dict(row)
    out = {}
    all_columns, public_columns = _columns(spec)
    columns = public_columns if public else all_columns
    for key, kind in columns.items():
        if key not in data:
            continue
        value = data[key]
        if kind == "json" and value is not None:
            value = json.loads(value)
        elif kind == "bool" and value is not None:
            value = bool(value)
        out[key] = value
    return out


@dataclass
class Event:
    """A live event to publish after commit: to the meeting's users, to some users, or to the tenant."""

    kind: str
    meeting_id: str | None = None
    user_ids: tuple[str, ...] | None = None
    payload: dict[str, Any] = field(default_factory=dict)


# Statements that run for nearly every mutation, built once: building a statement and its cache key cost
# ~0.1 ms each time, a good part of a ballot's budget (2,000 ballots within 10 s).
def _prebuilt_get(table: str) -> sa.Select:
    t = synced[table]
    return sa.select(t).where(t.c.id == sa.bindparam("row_id"), t.c.tenant_id == sa.bindparam("tenant_id"))


def _prebuilt_exists(table: str) -> sa.Select:
    t = synced[table]
    return sa.select(t.c.id).where(t.c.id == sa.bindparam("row_id"))


_GET = {name: _prebuilt_get(name) for name in synced}
_EXISTS = {name: _prebuilt_exists(name) for name in synced}
# executed with a dict of values: the columns come from its keys (``.values(**row)`` made a new statement and
# cache key every time, ~0.15 ms)
_INSERT = {name: t.insert() for name, t in synced.items()}
_UPDATE_BY_ID = {name: sa.update(t).where(t.c.id == sa.bindparam("_row_id")) for name, t in synced.items()}
_NEXT_SEQ = (
    sa.update(tenants).where(tenants.c.id == sa.bindparam("tenant_id")).values(seq=tenants.c.seq + 1).returning(tenants.c.seq)
)


class Tx:
    """One write transaction of one tenant. Every write in it carries the same new ``seq``."""

    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn = conn
        self.tenant_id = tenant_id
        self._seq: int | None = None
        self.events: list[Event] = []
        self.now = utcnow()
        self.access_changed_users: set[str] = set()
        # run by Database.write after the commit, while the write lock is still held (cache invalidation)
        self.after_commit: list[Callable[[], None]] = []

    @property
    def seq(self) -> int:
        if self._seq is None:
            self._seq = self.conn.execute(_NEXT_SEQ, {"tenant_id": self.tenant_id}).scalar_one()
        return self._seq

    @property
    def wrote(self) -> bool:
        return self._seq is not None

    # reads
    def get(self, table: str, row_id: str | None, *, include_deleted: bool = False) -> dict[str, Any] | None:
        if row_id is None:
            return None
        row = self.conn.execute(_GET[table], {"row_id": row_id, "tenant_id": self.tenant_id}).first()
        if row is None or (row.deleted and not include_deleted):
            return None
        return decode(TABLES[table], row)

    def select(self, table: str, *conditions: Any, **where: Any) -> list[dict[str, Any]]:
        t = synced[table]
        clauses = [t.c.tenant_id == self.tenant_id, t.c.deleted == sa.false(), *conditions]
        clauses += [t.c[k] == v for k, v in where.items()]
        return [decode(TABLES[table], r) for r in self.conn.execute(sa.select(t).where(*clauses))]

    # writes
    def insert(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        spec = TABLES[table]
        row = {
            "id": values.get("id") or new_id(),
            **values,
            "tenant_id": self.tenant_id,
            "seq": self.seq,
            "version": 1,
            "deleted": False,
            "updated_at": iso(self.now),
        }
        # ids are global (client-made UUIDs): look in every tenant, or a collision would be a 500
        existing = self.conn.execute(_EXISTS[table], {"row_id": row["id"]}).first()
        if existing is not None:
            raise DomainError("bad_request", status=409, detail=f"{table} {row['id']} exists")
        self.conn.execute(_INSERT[table], encode(spec, row))
        return row

    def update(
        self, table: str, row_id: str, values: dict[str, Any], *, base_version: int | None = None
    ) -> dict[str, Any]:
        spec = TABLES[table]
        current = self.get(table, row_id)
        if current is None:
            raise DomainError("not_found", status=404, what=table)
        if base_version is not None and base_version != current["version"]:
            raise DomainError("version_conflict", status=409, current=current["version"], base=base_version)
        changes = {
            **values,
            "seq": self.seq,
            "version": current["version"] + 1,
            "updated_at": iso(self.now),
        }
        self.conn.execute(_UPDATE_BY_ID[table], {**encode(spec, changes), "_row_id": row_id})
        return {**current, **changes}

    def upsert(self, table: str, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        """Last write wins: update the row if it is there (even as a tombstone), else insert it."""
        current = self.get(table, row_id, include_deleted=True)
        if current is None:
            return self.insert(table, {**values, "id": row_id})
        spec = TABLES[table]
        changes = {
            **values,
            "deleted": False,
            "seq": self.seq,
            "version": current["version"] + 1,
            "updated_at": iso(self.now),
        }
        self.conn.execute(_UPDATE_BY_ID[table], {**encode(spec, changes), "_row_id": row_id})
        return {**current, **changes}

    def delete(self, table: str, row_id: str) -> None:
        """A tombstone: the row stays with ``deleted`` set until tombstones are purged."""
        current = self.get(table, row_id)
        if current is None:
            return
        self.conn.execute(_UPDATE_BY_ID[table], {"deleted": True, "seq": self.seq, "version": current["version"] + 1,
                                                 "updated_at": iso(self.now), "_row_id": row_id})

    def emit(self, kind: str, *, meeting_id: str | None = None, user_ids=None, **payload: Any) -> None:
        self.events.append(
            Event(kind=kind, meeting_id=meeting_id, user_ids=tuple(user_ids) if user_ids else None, payload=payload)
        )


class Savepoint:
    """``SAVEPOINT`` / ``RELEASE`` / ``ROLLBACK TO`` in plain SQL (SQLite and PostgreSQL alike).
    ``Connection.begin_nested()`` compiles its statements anew every time (~0.15 ms for the pair, 12 % of a
    ballot's service time with two levels per push). Use as ``begin_nested()``'s: ``commit()`` or
    ``rollback()``, once."""

    __slots__ = ("conn", "name")

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        number = conn.info.get("savepoints", 0) + 1
        conn.info["savepoints"] = number
        self.name = f"ec_sp_{number}"
        conn.exec_driver_sql(f"SAVEPOINT {self.name}")

    def commit(self) -> None:
        self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {self.name}")

    def rollback(self) -> None:
        self.conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {self.name}")
        self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {self.name}")


@dataclass
class Batch:
    """A write transaction shared by several units of work (:meth:`Database.write_many`). Each unit makes its
    own :class:`Tx` (its own seq) on ``conn``, and hands its ``after_commit`` callbacks over here."""

    conn: sa.Connection
    after_commit: list[Callable[[], None]] = field(default_factory=list)


class Database:
    """The engine plus the write lock; ``write(tenant_id)`` yields a :class:`Tx`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = url.startswith("sqlite")
        self._write_lock = threading.Lock() if self.is_sqlite else None
        migrate(self.engine)

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A read transaction: every query in it sees one snapshot."""
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def _writer(self) -> Iterator[sa.Connection]:
        """The write lock (SQLite has one writer) and a connection marked for writing; no transaction yet."""
        with self._write_lock or nullcontext():
            with self.engine.connect() as conn:
                conn.info["write"] = True
                try:
                    yield conn
                finally:
                    conn.info.pop("write", None)

    @contextmanager
    def write(self, tenant_id: str) -> Iterator[Tx]:
        with self._writer() as conn:
            with conn.begin():
                tx = Tx(conn, tenant_id)
                yield tx
            for callback in tx.after_commit:  # after the commit, the write lock still held
                callback()

    @contextmanager
    def write_many(self) -> Iterator["Batch"]:
        """One write transaction shared by several units of work (group commit, see ``service/writer.py``):
        yields a :class:`Batch`; its ``after_commit`` callbacks run after the commit, while the write lock is
        still held (as :meth:`write` runs a Tx's)."""
        with self._writer() as conn:
            with conn.begin():
                batch = Batch(conn)
                yield batch
            for callback in batch.after_commit:
                callback()

    @contextmanager
    def write_conn(self) -> Iterator[sa.Connection]:
        """A write transaction that takes no seq (devices, login failures, blobs)."""
        with self._writer() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def documents_visible_sha(conn: sa.Connection, tenant_id: str, user_id: str, sha: str) -> bool:
    """May the user download blob ``sha``: a document of a meeting they see, a user photo, or their upload."""
    docs = synced["documents"]
    seen = conn.execute(
        sa.select(docs.c.id)
        .join(access, sa.and_(access.c.meeting_id == docs.c.meeting_id, access.c.user_id == user_id, access.c.revoked_seq.is_(None)))
        .where(docs.c.sha256 == sha, docs.c.tenant_id == tenant_id, docs.c.deleted == sa.false())
        .limit(1)
    ).first()
    if seen is not None:
        return True
    users = synced["users"]
    if conn.execute(sa.select(users.c.id).where(users.c.tenant_id == tenant_id, users.c.photo_sha256 == sha).limit(1)).first():
        return True
    return conn.execute(sa.select(blobs.c.sha256).where(blobs.c.sha256 == sha, blobs.c.uploaded_by == user_id)).first() is not None
