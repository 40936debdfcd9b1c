"""Page images for the view: rendering off the UI thread (``ui/tasks.py``, ``render`` pool), visible
pages first, into a bounded LRU cache.

The view calls :meth:`PageRenderer.want` with the pages it shows now, most important first; requests
that are no longer wanted are dropped or cancelled. Painting only ever reads the cache, so scrolling
never waits on rendering.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from ecabinet_client.ui import tasks
from ecabinet_client.viewer.document import PdfDocument, RenderCancelled, ViewerError

log = logging.getLogger(__name__)

DEFAULT_CACHE_BYTES = 96 * 1024 * 1024


def _return_big_buffers_to_the_os() -> None:
    """glibc raises its mmap threshold after the first big free, so later page images (several MB each,
    made on render threads) come from per-thread heaps that never shrink: RSS grew to 1.5 GB after 300
    pages with a 160 MB cache. A fixed threshold keeps every big buffer mmapped and freed for real."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD = 1 MiB
    except (OSError, AttributeError):  # not glibc (musl): nothing to tune
        log.debug("mallopt not available")


_return_big_buffers_to_the_os()

# PyMuPDF holds the GIL for each band it draws (document.BAND_ROWS). A thread that gave the GIL up (the UI
# thread does at every Qt call that may block, and between events) waits the switch interval before it
# may ask for it back: at the default 5 ms every hand-over during a render cost the UI thread 5 ms, and a
# paint needs several. A band takes 0.3–1 ms, so 1 ms lets the UI in between bands.
sys.setswitchinterval(0.001)


@dataclass(frozen=True)
class TileKey:
    page: int
    scale: float  # device pixels per point, rounded to 1/10000
    rotation: int = 0
    night: bool = False


def image_target(width: int, height: int) -> tuple[QImage, memoryview, int]:
    """A render target for ``PdfDocument.render(into=…)``: a new RGB888 QImage, its pixel memory and its
    row stride, so that MuPDF draws straight into the image (no copy of a page afterwards)."""
    img = QImage(width, height, QImage.Format.Format_RGB888)
    if img.isNull():
        raise MemoryError(f"no image of {width}×{height}")
    return img, img.bits(), img.bytesPerLine()


def render_image(doc: PdfDocument, index: int, scale: float, *, night: bool = False, into=image_target, **kw) -> QImage:
    """Page ``index`` of a ``PdfDocument`` as a QImage, drawn in place (into ``into(width, height)``, see
    :func:`image_target` and :meth:`ImageCache.target`)."""
    rendered = doc.render(index, scale, into=into, **kw)
    rendered.samples.release()
    img = rendered.owner
    if night:
        img.invertPixels()
    return img


class ImageCache:
    """An LRU cache of page images bounded by bytes.

    The last image it evicted is kept as a spare for :meth:`target`: a page image in new memory costs the
    kernel a page fault and a zeroed page per 4 KiB (1,600 for an A4 page at 150 dpi, 4–8 ms, more than
    half of the render itself), so a render reuses the memory of the image it is about to push out.

    The images of the pages in view (:attr:`pinned`) are never evicted, even over budget: two pages in
    view that did not both fit would push each other out, render after render.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.pinned: frozenset[TileKey] = frozenset()
        self._items: OrderedDict[TileKey, QImage] = OrderedDict()
        self.bytes = 0
        self._spare: deque[QImage] = deque(maxlen=1)  # appended on the UI thread, taken on a render thread

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: TileKey) -> QImage | None:
        img = self._items.get(key)
        if img is not None:
            self._items.move_to_end(key)
        return img

    def put(self, key: TileKey, img: QImage) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= old.sizeInBytes()
        self._items[key] = img
        self.bytes += img.sizeInBytes()
        while self.bytes > self.max_bytes:
            victim = next((k for k in self._items if k != key and k not in self.pinned), None)
            if victim is None:
                break
            dropped = self._items.pop(victim)
            self.bytes -= dropped.sizeInBytes()
            self._spare.append(dropped)

    def target(self, width: int, height: int) -> tuple[QImage, memoryview, int]:
        """A render target like :func:`image_target`, in the memory of the spare if it has that size (any
        thread). Should a copy of the spare's handle live on elsewhere, ``bits()`` detaches it first."""
        try:
            img = self._spare.pop()
        except IndexError:
            img = None
        if img is not None and (img.width(), img.height()) == (width, height):
            return img, img.bits(), img.bytesPerLine()
        return image_target(width, height)

    def best_for(self, page: int, rotation: int, night: bool) -> QImage | None:
        """Any cached image of ``page`` (the sharpest), to stretch while the right one renders."""
        best = None
        for key, img in self._items.items():
            if key.page == page and key.rotation == rotation and key.night == night:
                if best is None or img.width() > best.width():
                    best = img
        return best

    def clear(self) -> None:
        self._items.clear()
        self._spare.clear()
        self.bytes = 0


class PageRenderer(QObject):
    """Renders pages of one document in the background.

    Signals:
        rendered(int): page index whose image just entered the cache.
        failed(int, str): page index and the (Vietnamese) message for its error tile.
    """

    rendered = Signal(int)
    failed = Signal(int, str)

    def __init__(
        self,
        document: PdfDocument,
        *,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
        max_in_flight: int = 1,
        pool_name: str = "render",
        language: str = "vi",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.cache = ImageCache(cache_bytes)
        self.errors: dict[int, str] = {}
        self.language = language
        self._pool_name = pool_name
        self._max_in_flight = max_in_flight
        self._queue: list[TileKey] = []
        self._in_flight: dict[TileKey, tasks.Job] = {}
        self._clones: list[PdfDocument] = []  # idle clones: as many as renders ran at once (max_in_flight)
        self._clones_lock = threading.Lock()
        self._closed = False
        # Finished images wait here for the UI thread: passing a QImage through a queued signal leaks
        # it with PySide6 6.12 on Python 3.11 (see ecabinet_client/viewer/__init__.py).
        self._finished: dict[TileKey, QImage] = {}

    # -- documents for the render threads ---------------------------------------------------------
    def _take_doc(self) -> PdfDocument:
        """A clone of the document for one render, given back afterwards. Not one per thread: QThreadPool
        threads expire when idle and come back under new ids, and every new clone starts with cold MuPDF
        caches (fonts, decoded images: a page costs 2–3× more)."""
        with self._clones_lock:
            if self._clones:
                return self._clones.pop()
        return self.document.clone()

    def _give_back(self, doc: PdfDocument) -> None:
        with self._clones_lock:
            self._clones.append(doc)

    def close(self) -> None:
        """Cancel everything; wait for running renders; free the cache."""
        self._closed = True
        self._queue.clear()
        for job in self._in_flight.values():
            job.cancel()
        tasks.pool(self._pool_name).waitForDone(5000)
        self._in_flight.clear()
        self.cache.clear()
        with self._clones_lock:
            for doc in self._clones:
                doc.close()
            self._clones.clear()

    # -- requests --------------------------------------------------------------------------------
    @staticmethod
    def key(page: int, scale: float, rotation: int = 0, night: bool = False) -> TileKey:
        return TileKey(page, round(scale, 4), rotation % 360, night)

    def image(self, key: TileKey) -> QImage | None:
        return self.cache.get(key)

    @property
    def busy(self) -> bool:
        return bool(self._queue or self._in_flight)

    def want(self, keys: list[TileKey], *, in_view: int = 0) -> None:
        """Render ``keys`` in this order (skipping cached ones); forget earlier unstarted requests and
        cancel running ones no longer wanted. The first ``in_view`` keys are shown now: their images stay
        in the cache until the next call."""
        if self._closed:
            return
        self.cache.pinned = frozenset(keys[:in_view])
        wanted = [k for k in keys if self.cache.get(k) is None and k.page not in self.errors]
        wanted_set = set(wanted)
        for key, job in list(self._in_flight.items()):
            if key not in wanted_set:
                job.cancel()
        seen: set[TileKey] = set()
        self._queue = [k for k in wanted if not (k in seen or seen.add(k)) and k not in self._in_flight]
        self._pump()

    def _pump(self) -> None:
        while self._queue and len(self._in_flight) < self._max_in_flight and not self._closed:
            key = self._queue.pop(0)
            job = tasks.Job(lambda j, key=key: self._render(j, key))
            job.finished.connect(lambda result, key=key: self._on_done(key, result))
            job.failed.connect(lambda exc, key=key: self._on_failed(key, exc))
            self._in_flight[key] = job
            tasks.start(job, self._pool_name)

    def _render(self, job: tasks.Job, key: TileKey) -> None:
        if job.cancelled:
            return None
        doc = self._take_doc()
        try:
            img = render_image(doc, key.page, key.scale, night=key.night, rotation=key.rotation,
                               cancelled=lambda: job.cancelled, into=self.cache.target)
        except RenderCancelled:
            return None
        finally:
            self._give_back(doc)
        self._finished[key] = img
        return None

    def _on_done(self, key: TileKey, _result: object) -> None:
        self._in_flight.pop(key, None)
        img = self._finished.pop(key, None)
        if img is not None and not self._closed:
            self.cache.put(key, img)
            self.rendered.emit(key.page)
        self._pump()

    def _on_failed(self, key: TileKey, exc: BaseException) -> None:
        self._in_flight.pop(key, None)
        if isinstance(exc, ViewerError):
            msg = exc.message(self.language)
        else:
            log.error("render of page %d failed", key.page, exc_info=(type(exc), exc, exc.__traceback__))
            msg = ViewerError("render_failed", page=key.page + 1).message(self.language)
        self.errors[key.page] = msg
        self.failed.emit(key.page, msg)
        self._pump()
