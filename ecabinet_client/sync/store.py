"""The client's local store: SQLite (WAL), one writer thread, readers per thread.

Tables:

* one per synced table of :mod:`ecabinet_client.domain.schema` (public columns only; JSON as TEXT,
  booleans as 0/1) plus a local ``_pending`` column: 1 while an optimistic change of a queued mutation
  is shown on the row ("waiting to sync");
* ``outbox`` (mutations not yet confirmed by a pull), ``failed_mutations`` (refused by the service, with
  the reason, for the UI), ``sync_state`` (key/value: cursor, client_id, user_id, server, …),
  ``blob_cache`` (downloaded and partial files), ``_shadow`` (the service's version of every row an
  optimistic change touched, so that a pull can rewind and replay: see ``engine.py``) and
  ``schema_version``.

Writes go through :class:`Writer`: the only write connection of the file, on its own thread, running
submitted callables in order, each in one ``BEGIN IMMEDIATE`` transaction. After each commit the
observers get the set of changed table names. Reads use one read-only connection per thread.

Nothing here imports Qt.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import sqlite3
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

import platformdirs

from ecabinet_client.domain.schema import TABLES, TableSpec
from ecabinet_client.faults import crash_point

log = logging.getLogger(__name__)

APP_NAME = "eCabinet"
_SQL_TYPES = {"text": "TEXT", "int": "INTEGER", "real": "REAL", "json": "TEXT", "bool": "INTEGER"}
LOCAL_TABLES = ("outbox", "failed_mutations", "sync_state", "blob_cache", "_shadow", "schema_version")


# --- where ------------------------------------------------------------------------------------------------
def server_key(server: str) -> str:
    """``http://127.0.0.1:8765`` → ``127.0.0.1_8765``: a folder name per server."""
    parts = urlsplit(server if "//" in server else "http://" + server)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.hostname or 'localhost'}_{port}"


def data_dir(base_dir: Path | str | None = None) -> Path:
    """``base_dir``, else ``$ECABINET_DATA_DIR``, else the platform's data folder."""
    if base_dir is not None:
        return Path(base_dir)
    env = os.environ.get("ECABINET_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, APP_NAME))


def store_path(server: str, user_id: str, base_dir: Path | str | None = None) -> Path:
    """``user_data_dir("eCabinet")/<host_port>/<user_id>/store.sqlite3`` (``base_dir`` replaces the first part)."""
    return data_dir(base_dir) / server_key(server) / user_id / "store.sqlite3"


# --- schema -----------------------------------------------------------------------------------------------
def public_columns(spec: TableSpec) -> dict[str, str]:
    return spec.public_columns


def _create_synced(conn: sqlite3.Connection, spec: TableSpec) -> None:
    cols = []
    for name, kind in public_columns(spec).items():
        if name == "id":
            cols.append('"id" TEXT PRIMARY KEY')
        else:
            cols.append(f'"{name}" {_SQL_TYPES[kind]}')
    cols.append('"_pending" INTEGER NOT NULL DEFAULT 0')
    conn.execute(f'CREATE TABLE IF NOT EXISTS "{spec.name}" ({", ".join(cols)})')
    if "meeting_id" in spec.columns:
        conn.execute(f'CREATE INDEX IF NOT EXISTS "ix_{spec.name}_meeting" ON "{spec.name}"(meeting_id)')


def _migration_1(conn: sqlite3.Connection) -> None:
    for spec in TABLES.values():
        _create_synced(conn, spec)
    script = (
        """
        CREATE TABLE IF NOT EXISTS outbox (
            mutation_id INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL,
            created_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'queued');
        CREATE TABLE IF NOT EXISTS failed_mutations (
            mutation_id INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT, code TEXT NOT NULL,
            message TEXT, params TEXT, at TEXT NOT NULL, seen INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE IF NOT EXISTS blob_cache (
            sha256 TEXT PRIMARY KEY, size INTEGER, path TEXT, state TEXT NOT NULL, bytes_done INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS _shadow (tbl TEXT NOT NULL, id TEXT NOT NULL, row TEXT, PRIMARY KEY (tbl, id));
        CREATE INDEX IF NOT EXISTS ix_documents_sha ON documents(sha256);
        CREATE INDEX IF NOT EXISTS ix_invitations_user ON invitations(user_id);
        """
    )
    for statement in script.split(";"):  # not executescript: it would COMMIT the migration's transaction
        if statement.strip():
            conn.execute(statement)


# Append-only: entry i upgrades from version i to i+1. Never edit a released migration.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1]


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=not readonly)
    conn.execute("PRAGMA busy_timeout=30000")
    if readonly:
        conn.execute("PRAGMA query_only=1")
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        current = row[0] if row else 0
        for index in range(current, len(MIGRATIONS)):
            log.info("migrating the local store to version %d", index + 1)
            MIGRATIONS[index](conn)
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version VALUES (?)", (len(MIGRATIONS),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(MIGRATIONS)


# --- rows -------------------------------------------------------------------------------------------------
def encode_row(spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
    """A service row (JSON values) → SQLite values, public columns only."""
    out: dict[str, Any] = {}
    for key, kind in public_columns(spec).items():
        value = row.get(key)
        if kind == "json" and value is not None:
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        elif kind == "bool" and value is not None:
            value = 1 if value else 0
        out[key] = value
    return out


_UPSERTS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}


def _upsert(table: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``INSERT OR REPLACE`` of a service row into ``table`` and its (column, kind) pairs, built once."""
    cached = _UPSERTS.get(table)
    if cached is None:
        columns = tuple(public_columns(TABLES[table]).items())
        names = ", ".join(f'"{k}"' for k, _ in columns)
        marks = ", ".join("?" for _ in columns)
        cached = (f'INSERT OR REPLACE INTO "{table}" ({names}, "_pending") VALUES ({marks}, 0)', columns)
        _UPSERTS[table] = cached
    return cached


def _sqlite_values(columns: tuple[tuple[str, str], ...], row: dict[str, Any]) -> list[Any]:
    """As :func:`encode_row`, as a list in ``columns`` order."""
    out = []
    for key, kind in columns:
        value = row.get(key)
        if value is not None:
            if kind == "json":
                value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            elif kind == "bool":
                value = 1 if value else 0
        out.append(value)
    return out


def decode_row(spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for key, kind in public_columns(spec).items():
        value = out.get(key)
        if value is None:
            continue
        if kind == "json":
            out[key] = json.loads(value)
        elif kind == "bool":
            out[key] = bool(value)
    return out


class WriteTx:
    """What a writer callable gets: the connection inside an open transaction, and a set to name the
    tables it changed (observers hear of them after commit)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.changed: set[str] = set()

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(params))

    # sync_state
    def get_state(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_state(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, None if value is None else str(value)),
        )

    # synced rows
    def get(self, table: str, row_id: str | None) -> dict[str, Any] | None:
        if not row_id:
            return None
        cur = self.conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', (row_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return decode_row(TABLES[table], dict(zip([d[0] for d in cur.description], row)))

    def put_server_row(self, table: str, row: dict[str, Any]) -> None:
        self.put_server_rows(table, [row])

    def put_server_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Write service rows as they are (``_pending`` = 0), replacing local versions; one prepared
        statement for all of them (a bootstrap writes thousands)."""
        if not rows:
            return
        sql, columns = _upsert(table)
        self.conn.executemany(sql, [_sqlite_values(columns, row) for row in rows])
        self.changed.add(table)

    def delete_row(self, table: str, row_id: str) -> None:
        if self.conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,)).rowcount:
            self.changed.add(table)


class Writer:
    """The single writer of one database file: a thread that runs submitted callables in order.

    ``submit(fn)`` returns a Future of ``fn(tx)``'s result; ``call(fn)`` waits for it. Each callable runs
    in its own ``BEGIN IMMEDIATE … COMMIT``; an exception rolls it back and is set on the future."""

    def __init__(self, path: Path, *, on_commit: Callable[[set[str]], None]) -> None:
        self.path = path
        self._on_commit = on_commit
        self._queue: queue.Queue = queue.Queue()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"store-writer:{path.parent.name}", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        try:
            conn = _connect(self.path, readonly=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            migrate(conn)
        except BaseException as exc:  # noqa: BLE001 - handed to the constructor
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        while True:
            item = self._queue.get()
            if item is None:
                break
            fn, future = item
            if not future.set_running_or_notify_cancel():
                continue
            tx = WriteTx(conn)
            try:
                conn.execute("BEGIN IMMEDIATE")
                result = fn(tx)
                crash_point("client_store_before_commit")
                conn.execute("COMMIT")
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                future.set_exception(exc)
                continue
            if tx.changed:  # observers first, so that the caller resumes after they heard of it
                try:
                    self._on_commit(set(tx.changed))
                except Exception:  # noqa: BLE001 - an observer must not stop the writer
                    log.exception("store observer failed")
            future.set_result(result)
        conn.close()

    def submit(self, fn: Callable[[WriteTx], Any]) -> Future:
        future: Future = Future()
        if not self._thread.is_alive():
            future.set_exception(RuntimeError("the store is closed"))
            return future
        self._queue.put((fn, future))
        return future

    def call(self, fn: Callable[[WriteTx], Any], timeout: float | None = 60) -> Any:
        if threading.current_thread() is self._thread:
            raise RuntimeError("Writer.call from the writer thread would deadlock")
        return self.submit(fn).result(timeout)

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(30)


class Store:
    """One user's local database (see the module docstring)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.blob_dir = self.path.parent / "blobs"
        self.blob_dir.mkdir(exist_ok=True)
        self._observers: list[Callable[[set[str]], None]] = []
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self.writer = Writer(self.path, on_commit=self._notify)
        self.closed = False

    # --- observers ----------------------------------------------------------------------------------------
    def observe(self, callback: Callable[[set[str]], None]) -> Callable[[], None]:
        """``callback(tables)`` after each committed write, on the writer thread. Returns an unsubscribe."""
        self._observers.append(callback)
        return lambda: self._observers.remove(callback) if callback in self._observers else None

    def _notify(self, tables: set[str]) -> None:
        for cb in list(self._observers):
            try:
                cb(tables)
            except Exception:  # noqa: BLE001
                log.exception("store observer %r failed", cb)

    # --- writing ------------------------------------------------------------------------------------------
    def write(self, fn: Callable[[WriteTx], Any]) -> Any:
        """Run ``fn(tx)`` on the writer thread in one transaction and wait for its result."""
        return self.writer.call(fn)

    def submit(self, fn: Callable[[WriteTx], Any]) -> Future:
        return self.writer.submit(fn)

    # --- reading ------------------------------------------------------------------------------------------
    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self.closed:
                raise RuntimeError("the store is closed")
            conn = _connect(self.path, readonly=True)
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self._reader().execute(sql, tuple(params))]

    def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self._reader().execute(sql, tuple(params)).fetchone()
        return row[0] if row else None

    def rows(self, table: str, where: str = "", params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        spec = TABLES[table]
        sql = f'SELECT * FROM "{table}"' + (f" WHERE {where}" if where else "")
        return [decode_row(spec, r) for r in self.query(sql, params)]

    def row(self, table: str, row_id: str | None) -> dict[str, Any] | None:
        if not row_id:
            return None
        found = self.rows(table, "id = ?", (row_id,))
        return found[0] if found else None

    def state(self, key: str, default: str | None = None) -> str | None:
        value = self.scalar("SELECT value FROM sync_state WHERE key = ?", (key,))
        return default if value is None else value

    def pending_ids(self, table: str) -> set[str]:
        """Ids of rows showing an optimistic change that the service has not confirmed yet."""
        return {r["id"] for r in self.query(f'SELECT id FROM "{table}" WHERE _pending = 1')}

    def is_pending(self, table: str, row_id: str) -> bool:
        return bool(self.scalar(f'SELECT _pending FROM "{table}" WHERE id = ?', (row_id,)))

    def outbox(self) -> list[dict[str, Any]]:
        out = self.query("SELECT * FROM outbox ORDER BY mutation_id")
        for r in out:
            r["args"] = json.loads(r["args"])
        return out

    def pending_count(self) -> int:
        return int(self.scalar("SELECT count(*) FROM outbox") or 0)

    def failed_mutations(self) -> list[dict[str, Any]]:
        out = self.query("SELECT * FROM failed_mutations ORDER BY mutation_id")
        for r in out:
            r["args"] = json.loads(r["args"]) if r["args"] else None
            r["params"] = json.loads(r["params"]) if r["params"] else {}
        return out

    def integrity_check(self) -> str:
        return str(self.scalar("PRAGMA integrity_check"))

    def checksum(self) -> dict[str, dict[str, Any]]:
        """Per synced table: the count of rows and the hash of docs/protocol.md over (id, version)."""
        from .engine import row_hash

        tables = {}
        for name in TABLES:
            count = 0
            total = 0
            for r in self._reader().execute(f'SELECT id, version FROM "{name}"'):
                count += 1
                total = (total + row_hash(r[0], r[1])) % (1 << 64)
            tables[name] = {"count": count, "hash": f"{total:016x}"}
        return tables

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.writer.close()
        with self._readers_lock:
            for conn in self._readers:
                try:
                    conn.close()
                except sqlite3.ProgrammingError:  # closed from another thread: sqlite3 refuses; GC will
                    pass
            self._readers.clear()
