"""The sync engine: push the outbox, pull by cursor, rebase, reconcile; live events; blob downloads.

Threads: the engine's loop (push → pull → reconcile, on demand and every ``poll_seconds``, with backoff
and jitter on network errors: 1 s doubling to 60 s), the SSE listener (reconnects by itself; any event
whose ``seq`` is above the local cursor triggers a sync), and the blob downloader. Every store write
goes through the store's single writer thread.

One pulled page is written in ONE transaction: rewind the optimistic overlay, write the rows and
tombstones, drop the rows of revoked meetings, and, on the last page, drop the outbox rows the service
has processed (``mutation_id ≤ last_mutation_id``; those it refused go to ``failed_mutations`` with the
reason), replay the remaining optimistic effects, and store the new cursor.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ecabinet_client.domain.errors import render
from ecabinet_client.domain.rules import iso, utcnow
from ecabinet_client.domain.schema import MEETING_SCOPED, TABLES
from ecabinet_client.faults import crash_point

from .api import Api, AuthError, OfflineError, SyncError
from .outbox import replay, rewind
from .store import Store, WriteTx

if TYPE_CHECKING:
    from .blobs import Downloader

log = logging.getLogger(__name__)

RECONCILE_SECONDS = 600.0  # the background rounds compare checksums with the service at most this often
PUSH_BATCH = 200
PUSH_BYTES = 1_500_000
PULL_LIMIT = 5000  # rows per page: the service allows up to 5,000; a page costs a service scan of the user's rows

Listener = Callable[[str, Any], None]


def row_hash(row_id: str, version: int) -> int:
    """docs/protocol.md: int(sha256(f"{id}:{version}")[:16], 16)."""
    import hashlib  # here, not at the top: every module imported before the first paint delays it

    return int(hashlib.sha256(f"{row_id}:{version}".encode()).hexdigest()[:16], 16)


def _jitter(seconds: float) -> float:
    return seconds * random.uniform(0.5, 1.0)


def is_vote_count(event: dict[str, Any]) -> bool:
    """A poll's running count of ballots (``ballot_cast`` to the whole meeting, with ``votes_cast``). It does
    not start a round: the event carries the count (``Session.live_event``), and the rows follow with the
    next round (the poll's close, any other change, the poll timer). Every client of a meeting pulling on
    every count meant thousands of pulls a second in a large vote."""
    return event.get("kind") == "ballot_cast" and "votes_cast" in (event.get("payload") or {})


# --- one page, one transaction ---------------------------------------------------------------------------------
def apply_page(tx: WriteTx, page: dict[str, Any], user: dict[str, Any],
               push_failures: dict[int, dict[str, Any]] | None = None, language: str = "vi") -> dict[str, Any]:
    """Write a pulled page (see the module docstring). Returns what it did, for status and tests."""
    rewind(tx)
    # A page holds each row once, so the order of writes within it does not matter: rows are written
    # per table in one prepared statement each.
    upserts: dict[str, list[dict[str, Any]]] = {}
    for ch in page["changes"]:
        table = ch["table"]
        if table not in TABLES:
            continue  # a newer service's table: ignored until a client update knows it
        if ch["row"] is None:
            tx.delete_row(table, ch["id"])
        else:
            upserts.setdefault(table, []).append(ch["row"])
    for table, rows in upserts.items():
        tx.put_server_rows(table, rows)
    for meeting_id in page.get("revoked_meetings") or []:
        for table in MEETING_SCOPED:
            if tx.execute(f'DELETE FROM "{table}" WHERE meeting_id = ?', (meeting_id,)).rowcount:
                tx.changed.add(table)
    confirmed = 0
    failed: list[dict[str, Any]] = []
    if not page["more"]:
        last = int(page.get("last_mutation_id") or 0)
        known = {f["mutation_id"]: f for f in page.get("failures") or []}
        done = tx.execute("SELECT mutation_id, name, args FROM outbox WHERE mutation_id <= ? ORDER BY mutation_id",
                          (last,)).fetchall()
        for mutation_id, name, args in done:
            f = known.get(mutation_id) or (push_failures or {}).get(mutation_id)
            if f is not None:
                params = f.get("params") or {}
                row = {"mutation_id": mutation_id, "name": name, "args": json.loads(args), "code": f["code"],
                       "message": f.get("message") or render(f["code"], params, language), "params": params}
                tx.execute(
                    "INSERT OR REPLACE INTO failed_mutations(mutation_id, name, args, code, message, params, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (mutation_id, name, args, f["code"], row["message"], json.dumps(params, ensure_ascii=False),
                     iso(utcnow())),
                )
                failed.append(row)
                tx.changed.add("failed_mutations")
            else:
                confirmed += 1
        if done:
            tx.execute("DELETE FROM outbox WHERE mutation_id <= ?", (last,))
            tx.changed.add("outbox")
        if last > int(tx.get_state("last_mutation_id", "0") or 0):
            tx.set_state("last_mutation_id", last)
    crash_point("client_pull_mid_tx")
    replay(tx, user)
    tx.set_state("cursor", page["cursor"])
    return {"confirmed": confirmed, "failed": failed, "changes": len(page["changes"])}


def drop_synced(tx: WriteTx, user: dict[str, Any]) -> None:
    """Forget every synced row (never the outbox), go back to cursor 0, keep showing pending intents."""
    tx.execute("DELETE FROM _shadow")
    for table in TABLES:
        tx.execute(f'DELETE FROM "{table}"')
        tx.changed.add(table)
    tx.set_state("cursor", 0)
    replay(tx, user)


# --- SSE ------------------------------------------------------------------------------------------------------
def _interrupt(response) -> None:  # noqa: ANN001 - an httpx.Response another thread is reading
    """Wake a thread blocked reading ``response``: closing the response alone does not interrupt a read
    in progress on Linux; shutting the socket down does (the read returns at once)."""
    import socket

    try:
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    except (OSError, AttributeError):  # already closed
        pass
    try:
        response.close()
    except Exception:  # noqa: BLE001 - closing a stream another thread reads
        pass


def parse_sse(lines) -> Any:  # noqa: ANN001 - an iterator of str lines
    """Server-Sent Events from text lines: yields dicts ``{"id", "event", "data"}`` (comments skipped)."""
    event: dict[str, Any] = {}
    data: list[str] = []
    for line in lines:
        line = line.rstrip("\r\n")
        if not line:
            if data or event:
                yield {"id": event.get("id"), "event": event.get("event", "message"), "data": "\n".join(data)}
            event, data = {}, []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if field == "data":
            data.append(value)
        elif field in ("id", "event", "retry"):
            event[field] = value


class SyncEngine:
    """Runs sync for one signed-in user and one store. ``observe(fn)``: ``fn(event, payload)`` with events
    ``status`` (a dict, see :meth:`status`), ``failed`` (a refused mutation), ``reconciled`` (the result of
    a check), ``progress`` ((sha, done, total)), ``event`` (a live event's data), ``signed_out`` (a code)."""

    def __init__(self, *, store: Store, api: Api, user: dict[str, Any], client_id: str,
                 poll_seconds: float = 60.0, live: bool = True, auto_download: bool | Callable[[dict], bool] = True,
                 language: str = "vi") -> None:
        self.store = store
        self.api = api
        self.user = user
        self.client_id = client_id
        self.poll_seconds = poll_seconds
        self.live = live
        self.auto_download = auto_download
        self.language = language
        self._listeners: list[Listener] = []
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._sync_lock = threading.Lock()
        self._push_failures: dict[int, dict[str, Any]] = {}
        self._status: dict[str, Any] = {
            "online": False, "last_sync_at": self.store.state("last_sync_at"), "pending": store.pending_count(),
            "last_error": None, "syncing": False, "live": False, "signed_out": None, "reconcile": None,
            "downloads": {},
        }
        self._thread: threading.Thread | None = None
        self._reconciled_at: float | None = None
        self._sse_thread: threading.Thread | None = None
        self._sse_response = None
        self.downloader: Downloader | None = None
        self.syncs = 0
        self._unobserve = store.observe(self._on_store_change)

    # --- observers and status ---------------------------------------------------------------------------------
    def observe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, event: str, payload: Any = None) -> None:
        for fn in list(self._listeners):
            try:
                fn(event, payload)
            except Exception:  # noqa: BLE001
                log.exception("sync listener failed")

    def _set(self, **values: Any) -> None:
        changed = {k: v for k, v in values.items() if self._status.get(k) != v}
        if changed:
            self._status.update(changed)
            self._emit("status", self.status())

    def status(self) -> dict[str, Any]:
        return dict(self._status)

    def _on_store_change(self, tables: set[str]) -> None:
        if "outbox" in tables:
            self._set(pending=self.store.pending_count())

    # --- life cycle ---------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()

    def start(self) -> "SyncEngine":
        self._stop.clear()
        from .blobs import Downloader  # with the threads: not on the client's start

        self.downloader = Downloader(api=self.api, store=self.store, on_progress=self._on_progress,
                                     on_done=self._on_download_done)
        self._thread = threading.Thread(target=self._run, name="sync-engine", daemon=True)
        self._thread.start()
        if self.live:
            self._sse_thread = threading.Thread(target=self._sse_run, name="sync-events", daemon=True)
            self._sse_thread.start()
        self.sync_now()
        return self

    def sync_now(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        response = self._sse_response
        if response is not None:
            _interrupt(response)
        for t in (self._thread, self._sse_thread):
            if t is not None:
                t.join(15)
        if self.downloader is not None:
            self.downloader.stop()
        self._unobserve()
        self._set(live=False, syncing=False)

    def _run(self) -> None:
        backoff = 0.0
        wait = 0.0
        while not self._stop.is_set():
            self._wake.wait(wait if wait else self.poll_seconds)
            if self._stop.is_set():
                break
            self._wake.clear()
            try:
                self.sync_once()
                backoff = 0.0
                wait = 0.0
            except OfflineError as exc:
                backoff = min(backoff * 2 if backoff else 1.0, 60.0)
                wait = _jitter(backoff)
                self._set(online=False, last_error=exc.code)
            except AuthError as exc:
                log.warning("signed out by the service: %s", exc.code)
                self._set(online=False, signed_out=exc.code, last_error=exc.code)
                self._emit("signed_out", exc.code)
                wait = 3600.0  # until sync_now() after a new sign-in
            except Exception as exc:  # noqa: BLE001 - keep syncing; report
                log.exception("sync failed")
                backoff = min(backoff * 2 if backoff else 1.0, 60.0)
                wait = _jitter(backoff)
                self._set(last_error=getattr(exc, "code", type(exc).__name__))

    # --- one round ----------------------------------------------------------------------------------------------
    def _reconcile_due(self) -> bool:
        return self._reconciled_at is None or time.monotonic() - self._reconciled_at >= RECONCILE_SECONDS

    def sync_once(self, *, reconcile: bool | None = None) -> dict[str, Any]:
        """Push everything, pull until done, then, when nothing is pending, reconcile: always if ``reconcile``,
        never if False, and by default on the first round and then every ``RECONCILE_SECONDS`` (a round
        follows every live event: a checksum of every table each time cost the service and the client far
        more than the pull). Raises SyncError subclasses."""
        with self._sync_lock:
            self._set(syncing=True)
            try:
                pushed = self.push()
                crash_point("client_after_push")
                pulled = self.pull()
                result: dict[str, Any] = {"pushed": pushed, **pulled}
                if self.store.pending_count() == 0 and (reconcile or (reconcile is None and self._reconcile_due())):
                    result["reconcile"] = self.reconcile()
                    if result["reconcile"].get("ok") is not None:
                        self._reconciled_at = time.monotonic()
                now = iso(datetime.now(timezone.utc))
                self.store.write(lambda tx: tx.set_state("last_sync_at", now))
                self.syncs += 1
                self._set(online=True, last_sync_at=now, last_error=None, signed_out=None,
                          pending=self.store.pending_count())
                self._queue_downloads()
                return result
            finally:
                self._set(syncing=False)

    def push(self) -> int:
        """Send the outbox in batches (≤200 mutations, ≤~1.5 MB). The outbox is trimmed by the next pull."""
        sent = 0
        after = 0
        while True:
            rows = self.store.query(
                "SELECT mutation_id, name, args FROM outbox WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?",
                (after, PUSH_BATCH),
            )
            if not rows:
                return sent
            batch, size = [], 0
            for r in rows:
                size += len(r["args"]) + 100
                if batch and size > PUSH_BYTES:
                    break
                batch.append({"mutation_id": r["mutation_id"], "name": r["name"], "args": json.loads(r["args"])})
            crash_point("client_before_push")
            answer = self.api.push(self.client_id, batch)
            for res in answer["results"]:
                if res["status"] == "failed" and res.get("error"):
                    self._push_failures[res["mutation_id"]] = res["error"]
            sent += len(batch)
            after = batch[-1]["mutation_id"]

    def pull(self) -> dict[str, Any]:
        """Pull pages until ``more`` is false; each page with its cursor in one transaction."""
        pages = changes = confirmed = 0
        failed: list[dict[str, Any]] = []
        refetched = False
        while True:
            cursor = int(self.store.state("cursor", "0") or 0)
            page = self.api.pull(cursor, self.client_id, PULL_LIMIT)
            if page.get("must_refetch"):
                log.warning("the service asks for a full re-fetch (cursor %s)", cursor)
                self.store.write(lambda tx: drop_synced(tx, self.user))
                refetched = True
                continue
            push_failures = dict(self._push_failures)
            done = self.store.write(lambda tx: apply_page(tx, page, self.user, push_failures, self.language))
            crash_point("client_pull_after_commit")
            pages += 1
            changes += done["changes"]
            confirmed += done["confirmed"]
            failed += done["failed"]
            if not page["more"]:
                last = int(page.get("last_mutation_id") or 0)
                for mid in [m for m in self._push_failures if m <= last]:
                    del self._push_failures[mid]
                break
        for f in failed:
            self._emit("failed", f)
        return {"pages": pages, "changes": changes, "confirmed": confirmed, "failed": failed, "refetched": refetched}

    # --- reconciliation -----------------------------------------------------------------------------------------
    def reconcile(self) -> dict[str, Any]:
        """Compare per-table counts and hashes with the service (docs/protocol.md); re-bootstrap on mismatch."""
        for _attempt in range(3):
            if self.store.pending_count():
                return {"ok": None, "reason": "pending"}
            remote = self.api.checksum()
            cursor = int(self.store.state("cursor", "0") or 0)
            if remote["cursor"] != cursor:
                self.pull()  # something changed meanwhile: catch up, then compare again
                continue
            local = self.store.checksum()
            if self.store.pending_count() or int(self.store.state("cursor", "0") or 0) != cursor:
                continue
            mismatched = sorted(t for t in TABLES if local.get(t) != remote["tables"].get(t))
            if not mismatched:
                result = {"ok": True, "cursor": cursor, "at": iso(utcnow())}
                self._set(reconcile=result)
                return result
            detail = {t: {"local": local.get(t), "service": remote["tables"].get(t)} for t in mismatched}
            log.warning("reconciliation found divergence in %s: re-bootstrapping", ", ".join(mismatched))
            self.store.write(lambda tx: drop_synced(tx, self.user))
            self.pull()
            result = {"ok": False, "tables": mismatched, "detail": detail, "rebootstrapped": True, "at": iso(utcnow())}
            self._set(reconcile={k: v for k, v in result.items() if k != "detail"})
            self._emit("reconciled", result)
            return result
        return {"ok": None, "reason": "busy"}

    # --- live events ----------------------------------------------------------------------------------------------
    # (the listener blocks in a socket read between events; stop() shuts that socket down to wake it)
    def _sse_run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            try:
                cursor = int(self.store.state("cursor", "0") or 0)
                with self.api.stream_events(cursor) as response:
                    self._sse_response = response
                    self._set(live=True)
                    backoff = 1.0
                    for ev in parse_sse(response.iter_lines()):
                        if self._stop.is_set():
                            break
                        self._on_event(ev)
            except AuthError as exc:
                log.info("live events: %s", exc.code)
                if self._stop.wait(30):
                    break
            except (SyncError, Exception) as exc:  # noqa: BLE001 - any drop: reconnect with backoff
                if not self._stop.is_set():
                    log.info("live events interrupted: %s", exc)
            finally:
                self._sse_response = None
                self._set(live=False)
            if self._stop.wait(_jitter(backoff)):
                break
            backoff = min(backoff * 2, 30.0)

    def _on_event(self, ev: dict[str, Any]) -> None:
        try:
            data = json.loads(ev["data"]) if ev.get("data") else {}
        except ValueError:
            data = {}
        seq = data.get("seq")
        if seq is None and ev.get("id") and str(ev["id"]).isdigit():
            seq = int(ev["id"])
        if seq is None:
            return
        self._emit("event", data)
        if int(seq) > int(self.store.state("cursor", "0") or 0) and not is_vote_count(data):
            self.sync_now()

    # --- downloads -------------------------------------------------------------------------------------------------
    def _on_progress(self, sha: str, done: int, total: int) -> None:
        self._emit("progress", (sha, done, total))

    def _on_download_done(self, sha: str, path: Path | None, error: BaseException | None) -> None:
        if error is not None:
            log.warning("download of %s failed: %s", sha[:12], error)
        self._emit("downloaded", {"sha256": sha, "path": path, "error": error})

    def _wants(self, meeting: dict[str, Any]) -> bool:
        if callable(self.auto_download):
            return bool(self.auto_download(meeting))
        return bool(self.auto_download) and meeting.get("state") in ("approved", "ongoing")

    def _queue_downloads(self) -> None:
        if not self.auto_download or self.downloader is None:
            return
        meetings = {m["id"]: m for m in self.store.rows("meetings")}
        for doc in self.store.rows("documents"):
            m = meetings.get(doc["meeting_id"])
            if m is None or not doc.get("sha256") or not self._wants(m):
                continue
            if not (self.store.blob_dir / doc["sha256"]).exists():
                self.downloader.request(doc["sha256"], doc.get("size"))

    def download(self, sha: str, size: int | None):  # noqa: ANN201 - a Future of the path
        if self.downloader is None:
            raise RuntimeError("the engine is not started")
        return self.downloader.request(sha, size)


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, interval: float = 0.02) -> bool:
    """Poll ``predicate`` until true or ``timeout``: for tests and scripts."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
