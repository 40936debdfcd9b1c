"""The one way to run work off the UI thread.

``run_in_background(fn, on_done, on_error)`` runs ``fn`` on the general pool and hands its result (or
its exception) back on the main thread. ``fn`` never touches a widget.

Long jobs (downloads, rendering, transcription) are :class:`Job` objects: ``fn(job)`` calls
``job.progress(done, total, text)`` and checks ``job.cancelled``; the UI connects to ``progressed``,
``finished`` and ``failed``.

Pools by purpose (Picard keeps a one-thread save pool "to avoid race conditions"):
``general`` for independent work, ``render`` for page rendering. Database writes never run here: the
local store has its own single writer thread (``ecabinet_client.sync.store``).
"""

from __future__ import annotations

import gc
import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)

_pools: dict[str, QThreadPool] = {}


class GarbageCollector(QObject):
    """Python's cyclic garbage collector runs on whichever thread happens to allocate. When it frees a Qt
    object on a sync or pool thread, ~QObject takes Qt's locks there while the UI thread, holding the GIL,
    waits for one of them: a deadlock (the tests met it) or a crash. So while the UI runs, automatic
    collection is off and this collects on the UI thread, generation by generation as Python's own
    thresholds would (qutebrowser does the same)."""

    INTERVAL_MS = 500

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.start()

    def start(self) -> None:
        """Off with automatic collection. What exists now (the modules and classes of the start) is frozen
        out of the collections: a full one then walks only what was made since, in milliseconds."""
        gc.disable()
        gc.freeze()
        self.timer.start()

    @Slot()
    def check(self) -> None:
        gen0, gen1, gen2 = gc.get_count()
        if gen0 > self.threshold[0]:
            generation = 2 if gen2 > self.threshold[2] else 1 if gen1 > self.threshold[1] else 0
            gc.collect(generation)

    def stop(self) -> None:
        """Back to automatic collection, after a last full collection here."""
        self.timer.stop()
        gc.unfreeze()
        gc.collect()
        gc.enable()


def collect_garbage_on_ui_thread(app: QCoreApplication) -> GarbageCollector:
    """Install (once) the :class:`GarbageCollector` of ``app``, or start it again; returns it. (Kept here:
    ``app.findChild(GarbageCollector)`` costs PySide 11 ms the first time, on the client's start.)"""
    global _collector
    if _collector is None or _collector[0] is not app:
        _collector = (app, GarbageCollector(app))
    else:
        _collector[1].start()
    return _collector[1]


_collector: tuple[QCoreApplication, GarbageCollector] | None = None


def pool(name: str = "general") -> QThreadPool:
    """A named thread pool: ``general`` (CPU count) or ``render`` (2 threads)."""
    if name not in _pools:
        if name == "general":
            _pools[name] = QThreadPool.globalInstance()
        else:
            p = QThreadPool()
            p.setMaxThreadCount(2)
            _pools[name] = p
    return _pools[name]


class Job(QObject):
    """A cancellable background job that reports progress.

    Signals:
        progressed(int, int, str): done, total, a short text.
        finished(object): the result, on the main thread.
        failed(object): the exception, on the main thread.
    """

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[["Job"], Any], *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.progressed.emit(int(done), int(total), text)

    def run(self) -> None:
        try:
            result = self._fn(self)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI, which reports it
            if not isinstance(exc, Exception):
                raise
            log.debug("job failed", exc_info=True)
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self.job.run()


# Jobs are kept alive until they have reported, then released.
_live: set[Job] = set()


def start(job: Job, pool_name: str = "general") -> Job:
    _live.add(job)
    job.finished.connect(lambda *_: _live.discard(job))
    job.failed.connect(lambda *_: _live.discard(job))
    pool(pool_name).start(_Runnable(job))
    return job


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    pool_name: str = "general",
) -> Job:
    """Run ``fn()`` off the UI thread; ``on_done(result)`` or ``on_error(exc)`` run on the main thread."""
    job = Job(lambda _job: fn())
    if on_done is not None:
        job.finished.connect(on_done)
    if on_error is not None:
        job.failed.connect(on_error)
    else:
        job.failed.connect(_log_unhandled)
    return start(job, pool_name)


@Slot(object)
def _log_unhandled(exc: BaseException) -> None:
    log.error("background task failed", exc_info=(type(exc), exc, exc.__traceback__))
