"""Group commit: one writer thread applies the units of work queued while it was busy in one write transaction.

SQLite has one writer. With a transaction per push, 200 ballots a second meant 200 rounds of taking the
write lock, checking a connection out, ``BEGIN IMMEDIATE`` and ``COMMIT``, each by another thread of the
pool, every hand-over a trip through the GIL. Here the pushes queue up for a single thread, which takes
everything waiting (up to ``MAX_BATCH``) and runs it in one transaction:

- each unit runs in its own savepoint: a unit that raises :class:`DomainError` (a refusal: 401, 403, …) is
  rolled back alone and answered with its error, the others go on;
- any other exception (a bug, a database error) rolls the whole transaction back, and every unit of the
  batch is run again alone, in its own transaction, as if there were no grouping: nothing was committed, so
  nothing is applied twice, and the failure reaches only the unit that causes it;
- after the commit, with the write lock still held, the ``after_commit`` callbacks of the units that were
  kept run (cache invalidation), then, lock released, each unit's follow-up (publishing its live events)
  and its answer, in queue order.

A crash at any point before the commit leaves nothing of the batch; after it, everything: each unit is
idempotent by its own means (a push by ``client_id`` + ``mutation_id``), so a client that got no answer
retries and gets ``unchanged``. Under light load a batch is one unit: no waiting for company, ever.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Callable

import sqlalchemy as sa

from ecabinet_client.domain.errors import DomainError

from .db import Database, Savepoint

log = logging.getLogger(__name__)

MAX_BATCH = 64


@dataclass
class Unit:
    """What a unit of work gets: the shared connection (inside the unit's savepoint), a list for callbacks to
    run after the commit while the write lock is held, and ``then``: set it to a callable to run after the
    commit, lock released, before the answer (e.g. publishing live events)."""

    conn: sa.Connection
    after_commit: list[Callable[[], None]] = field(default_factory=list)
    then: Callable[[], None] | None = None


Work = Callable[[Unit], Any]


class GroupWriter:
    def __init__(self, db: Database, max_batch: int = MAX_BATCH) -> None:
        self.db = db
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.batches = 0  # for tests and benchmarks: transactions committed or tried
        self.units = 0

    def submit(self, work: Work) -> Future:
        """Queue ``work(unit)``; the Future gets its return value (after the commit) or its exception."""
        future: Future = Future()
        self._queue.put((work, future))
        if self._thread is None:
            self._start()
        return future

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(10)
            self._thread = None

    def _start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="group-writer", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            jobs = [first]
            stop = False
            while len(jobs) < self.max_batch:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    stop = True
                    break
                jobs.append(job)
            jobs = [(w, f) for w, f in jobs if f.set_running_or_notify_cancel()]
            if jobs:
                try:
                    self._run(jobs)
                except BaseException as exc:  # noqa: BLE001 - nobody may wait forever
                    for _w, f in jobs:
                        if not f.done():
                            f.set_exception(exc)
                    if not isinstance(exc, Exception):
                        raise
            if stop:
                return

    def _run(self, jobs: list[tuple[Work, Future]]) -> None:
        self.batches += 1
        self.units += len(jobs)
        outcomes: list[tuple[Future, Unit | None, Any, BaseException | None]] = []
        try:
            with self.db.write_many() as batch:
                for work, future in jobs:
                    unit = Unit(batch.conn)
                    savepoint = Savepoint(batch.conn)
                    try:
                        value = work(unit)
                    except DomainError as exc:
                        savepoint.rollback()
                        outcomes.append((future, None, None, exc))
                        continue
                    savepoint.commit()
                    batch.after_commit.extend(unit.after_commit)
                    outcomes.append((future, unit, value, None))
        except Exception as exc:
            if len(jobs) == 1:
                jobs[0][1].set_exception(exc)
                return
            log.warning("a group of %d writes failed (%s: %s): each runs alone", len(jobs), type(exc).__name__, exc)
            for job in jobs:
                self._run([job])
            return
        for future, unit, value, error in outcomes:
            if error is not None:
                future.set_exception(error)
                continue
            try:
                if unit.then is not None:
                    unit.then()
            except Exception:  # committed: the answer stands whatever happens to the follow-up
                log.exception("after a committed write")
            future.set_result(value)
