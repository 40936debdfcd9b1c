"""A PDF document for the viewer, on PyMuPDF, without Qt.

:class:`PdfDocument` opens and validates a file (password, damage, zero pages, not a PDF), and answers
what the viewer asks: page sizes, outline, permissions, accent-insensitive search, the text of a
selection, and page images.

Coordinates are PDF units (points, 1/72 inch) in the page's *displayed* space: origin at the top left
of ``page.rect``, y downwards, the page's own ``/Rotate`` already applied. This is the space of
``get_text`` and ``get_pixmap``, and the space annotation geometry is stored in.

Thread safety: PyMuPDF 2.0 is not safe for concurrent calls, *even on different documents*: two
threads rendering their own clones crashed the interpreter ("deallocating None", a refcount error in
the bindings). Every call into MuPDF therefore holds the process-wide :data:`MUPDF_LOCK`; rendering
takes it band by band so other threads (the UI's text selection, search) interleave. :meth:`clone` still
gives each thread its own document (MuPDF documents keep per-document state such as the page cache).

Rendering runs MuPDF's draw device band by band over a display list: PyMuPDF holds the GIL during a
call, so small bands keep the UI thread from stalling while a page renders in the background.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import pymupdf
from pymupdf import mupdf

from ecabinet_client.domain.text import fold, nfc

log = logging.getLogger(__name__)

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

Rect = tuple[float, float, float, float]

#: Held around every call into MuPDF (see the module's docstring).
MUPDF_LOCK = threading.RLock()

#: Largest image the renderer makes of one page (pixels); bigger requests are scaled down.
MAX_RENDER_PIXELS = 24_000_000
#: Rows of pixels drawn per call into MuPDF (the GIL is held for one band at a time). A band never cuts
#: through an image (:func:`band_edges`).
BAND_ROWS = 128

MESSAGES: dict[str, dict[str, str]] = {
    "file_not_found": {
        "vi": "Không tìm thấy tệp \"{name}\". Hãy tải lại tài liệu.",
        "en": "The file \"{name}\" was not found. Download the document again.",
    },
    "empty_file": {
        "vi": "Tệp \"{name}\" rỗng (0 byte). Hãy tải lại tài liệu.",
        "en": "The file \"{name}\" is empty (0 bytes). Download the document again.",
    },
    "not_pdf": {
        "vi": "Tệp \"{name}\" không phải là tài liệu PDF.",
        "en": "The file \"{name}\" is not a PDF document.",
    },
    "damaged": {
        "vi": "Tệp \"{name}\" bị hỏng hoặc không đầy đủ và không thể mở. Hãy tải lại tài liệu.",
        "en": "The file \"{name}\" is damaged or incomplete and cannot be opened. Download the document again.",
    },
    "no_pages": {
        "vi": "Tài liệu \"{name}\" không có trang nào.",
        "en": "The document \"{name}\" has no pages.",
    },
    "password_required": {
        "vi": "Tài liệu \"{name}\" được bảo vệ bằng mật khẩu. Hãy nhập mật khẩu.",
        "en": "The document \"{name}\" is protected by a password. Enter the password.",
    },
    "wrong_password": {
        "vi": "Mật khẩu không đúng. Hãy thử lại.",
        "en": "Wrong password. Try again.",
    },
    "render_failed": {
        "vi": "Không hiển thị được trang {page}.",
        "en": "Page {page} could not be displayed.",
    },
    "cancelled": {
        "vi": "Đã hủy.",
        "en": "Cancelled.",
    },
}


class ViewerError(Exception):
    """An error the viewer shows to the user, with a stable ``code`` and messages in vi and en."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str = "vi") -> str:
        texts = MESSAGES.get(self.code, {"vi": self.code, "en": self.code})
        return texts.get(language, texts["en"]).format(**self.params)


class RenderCancelled(Exception):
    """The render was cancelled before it finished."""


@dataclass(frozen=True)
class OutlineItem:
    """A bookmark of the document's outline: ``level`` starts at 1, ``page`` at 0 (-1: no target)."""

    level: int
    title: str
    page: int
    y: float = 0.0


@dataclass(frozen=True)
class Word:
    rect: Rect
    text: str
    block: int
    line: int


@dataclass(frozen=True)
class SearchHit:
    """One occurrence of the query: the rectangles it covers (one per line) and its context line."""

    page: int
    rects: tuple[Rect, ...]
    context: str
    start: int  # index of the first word in the page's words
    end: int  # one past the last word


@dataclass
class RenderedPage:
    """A page image: RGB, 3 bytes per pixel, no alpha (``QImage.Format_RGB888``), rows ``stride`` bytes
    apart (``stride >= 3 * width``).

    ``samples`` stays valid as long as ``owner`` lives (the buffer's owner: a ``bytearray``, or the
    ``QImage`` the page was drawn into).
    """

    page: int
    width: int
    height: int
    stride: int
    scale: float
    samples: memoryview
    owner: object = field(repr=False, default=None)


def _bytes_target(width: int, height: int) -> tuple[bytearray, bytearray, int]:
    buffer = bytearray(3 * width * height)
    return buffer, buffer, 3 * width


def _union(rects: Sequence[Rect]) -> Rect:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


class _Sha256:
    """The SHA-256 of ``data``, on a thread of its own when it is big enough to be worth one."""

    def __init__(self, data: bytes) -> None:
        self._digest = ""
        self._thread = None
        if len(data) < 1 << 20:
            self._run(data)
        else:
            self._thread = threading.Thread(target=self._run, args=(data,), name="sha256", daemon=True)
            self._thread.start()

    def _run(self, data: bytes) -> None:
        self._digest = hashlib.sha256(data).hexdigest()

    def result(self) -> str:
        if self._thread is not None:
            self._thread.join()
        return self._digest


class _ImageRows(mupdf.FzDevice2):
    """A MuPDF device that only notes the rows (device space) every image of a display list covers."""

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[tuple[float, float]] = []
        self.use_virtual_fill_image()
        self.use_virtual_fill_image_mask()
        self.use_virtual_clip_image_mask()

    def _add(self, ctm: Any) -> None:
        r = mupdf.ll_fz_transform_rect(mupdf.fz_unit_rect, ctm)
        self.spans.append((r.y0, r.y1))

    def fill_image(self, _ctx: Any, _image: Any, ctm: Any, *_rest: Any) -> None:
        self._add(ctm)

    def fill_image_mask(self, _ctx: Any, _image: Any, ctm: Any, *_rest: Any) -> None:
        self._add(ctm)

    def clip_image_mask(self, _ctx: Any, _image: Any, ctm: Any, *_rest: Any) -> None:
        self._add(ctm)


def band_edges(height: int, images: Sequence[tuple[float, float]], rows: int = BAND_ROWS) -> list[int]:
    """Row edges ``[0, …, height]`` of the bands a page is drawn in: every ``rows`` rows, except inside an
    image. MuPDF decodes an image for the part of it a band shows and caches it by that part, so a band
    edge through an image decodes it again for every band (a JPEG from its top each time): a scanned A4
    page at 300 dpi took 2.0 s in 128-row bands instead of 0.25 s, a page with a photo 25 ms instead of 15."""
    cuts = [y for y in range(rows, height, rows) if not any(y0 < y < y1 for y0, y1 in images)]
    return [0, *cuts, height]


class PdfDocument:
    """An open, validated PDF. Use :meth:`open`."""

    def __init__(
        self, doc: pymupdf.Document, *, data: bytes, name: str, password: str | None, _like: "PdfDocument | None" = None
    ) -> None:
        self._doc = doc
        self._data = data
        self._password = password
        self.name = name
        self.repaired = bool(getattr(doc, "is_repaired", False))
        if _like is not None:
            self.sha256, self._sizes = _like.sha256, list(_like._sizes)
        else:
            digest = _Sha256(data)  # beside reading the page sizes: hashlib lets the GIL go, MuPDF does not
            self._sizes = self._page_sizes()
            self.sha256 = digest.result()
        # read once: the UI asks on every page change, and MUPDF_LOCK may be busy with a render then
        self._permissions = int(doc.permissions)
        self._words: dict[int, list[Word]] = {}
        self._folded: dict[int, tuple[str, list[int]]] = {}

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, password: str | None = None) -> "PdfDocument":
        """Open ``path``; raise :class:`ViewerError` with a code the UI can act on."""
        path = Path(path)
        name = path.name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ViewerError("file_not_found", name=name) from None
        except OSError:
            raise ViewerError("damaged", name=name) from None
        return cls.from_bytes(data, name=name, password=password)

    @classmethod
    def from_bytes(cls, data: bytes, *, name: str = "document.pdf", password: str | None = None) -> "PdfDocument":
        if not data:
            raise ViewerError("empty_file", name=name)
        if b"%PDF-" not in data[:1024]:
            raise ViewerError("not_pdf", name=name)
        with MUPDF_LOCK:
            return cls._open_locked(data, name, password)

    @classmethod
    def _open_locked(cls, data: bytes, name: str, password: str | None, like: "PdfDocument | None" = None) -> "PdfDocument":
        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception:  # noqa: BLE001 - MuPDF raises several types for broken files
            log.info("cannot open %s", name, exc_info=True)
            raise ViewerError("damaged", name=name) from None
        if doc.needs_pass:
            if not password:
                doc.close()
                raise ViewerError("password_required", name=name)
            if not doc.authenticate(password):
                doc.close()
                raise ViewerError("wrong_password", name=name)
        try:
            count = doc.page_count
        except Exception:  # noqa: BLE001
            count = 0
        if count <= 0:
            repaired = bool(getattr(doc, "is_repaired", False))
            doc.close()
            raise ViewerError("damaged" if repaired else "no_pages", name=name)
        return cls(doc, data=data, name=name, password=password, _like=like)

    def clone(self) -> "PdfDocument":
        """The same document opened again, for use on another thread."""
        with MUPDF_LOCK:
            return PdfDocument._open_locked(self._data, self.name, self._password, like=self)

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def fitz(self) -> pymupdf.Document:
        """The underlying PyMuPDF document (same thread only)."""
        return self._doc

    def close(self) -> None:
        with MUPDF_LOCK:
            self._doc.close()

    # -- structure -------------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def _page_sizes(self) -> list[tuple[float, float]]:
        """Displayed size of every page, read from the page tree (MediaBox ∩ CropBox, /Rotate, /UserUnit)
        without loading the pages: what ``page.rect`` says, 3–5× faster (300 pages: ~8 ms instead of
        20–45 ms at open). A page this cannot read is loaded instead (:meth:`_safe_size`)."""
        sizes: list[tuple[float, float]] = []
        with MUPDF_LOCK:
            try:
                pdf = mupdf.pdf_specifics(self._doc.this)
            except Exception:  # noqa: BLE001
                pdf = None
            box, ctm = mupdf.FzRect(), mupdf.FzMatrix()  # both overwritten for every page
            for i in range(self._doc.page_count):
                size = None
                if pdf is not None:
                    try:
                        mupdf.pdf_page_obj_transform(mupdf.pdf_lookup_page_obj(pdf, i), box, ctm)
                        b = mupdf.fz_transform_rect(box, ctm)
                        w, h = b.x1 - b.x0, b.y1 - b.y0
                        if 0 < w < 1e6 and 0 < h < 1e6:
                            size = (float(w), float(h))
                    except Exception:  # noqa: BLE001 - e.g. a broken page tree: load the page instead
                        size = None
                sizes.append(size or self._safe_size(i))
        return sizes

    def _safe_size(self, index: int) -> tuple[float, float]:
        try:
            with MUPDF_LOCK:
                r = self._doc[index].rect
            if r.width > 0 and r.height > 0:
                return (float(r.width), float(r.height))
        except Exception:  # noqa: BLE001 - a broken page gets the default size and an error tile
            log.info("page %d has no valid size", index, exc_info=True)
        return (595.0, 842.0)

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of page ``index`` in points, as displayed."""
        return self._sizes[index]

    @property
    def page_sizes(self) -> list[tuple[float, float]]:
        return list(self._sizes)

    @property
    def metadata(self) -> dict[str, str]:
        with MUPDF_LOCK:
            return dict(self._doc.metadata or {})

    def outline(self) -> list[OutlineItem]:
        items = []
        try:
            with MUPDF_LOCK:
                toc = self._doc.get_toc(simple=False)
        except Exception:  # noqa: BLE001 - a broken outline is no outline
            return []
        for entry in toc:
            level, title, page = entry[0], entry[1], entry[2]
            y = 0.0
            if len(entry) > 3 and isinstance(entry[3], dict):
                to = entry[3].get("to")
                if to is not None:
                    try:
                        y = max(0.0, float(to[1]))  # PyMuPDF already gives it from the top
                    except (TypeError, ValueError, IndexError):
                        y = 0.0
            items.append(OutlineItem(level=int(level), title=nfc(str(title)), page=int(page) - 1, y=y))
        return items

    @property
    def can_copy(self) -> bool:
        return bool(self._permissions & pymupdf.PDF_PERM_COPY)

    @property
    def can_print(self) -> bool:
        return bool(self._permissions & pymupdf.PDF_PERM_PRINT)

    # -- text --------------------------------------------------------------------------------------
    def words(self, index: int) -> list[Word]:
        """The words of a page in reading order (cached)."""
        if index not in self._words:
            try:
                with MUPDF_LOCK:
                    raw = self._doc[index].get_text("words", sort=False)
            except Exception:  # noqa: BLE001
                log.info("no text on page %d", index, exc_info=True)
                raw = []
            self._words[index] = [
                Word(rect=(w[0], w[1], w[2], w[3]), text=nfc(w[4]), block=w[5], line=w[6]) for w in raw
            ]
        return self._words[index]

    def _folded_text(self, index: int) -> tuple[str, list[int]]:
        """The page's folded words joined by spaces, and the word index of every character."""
        if index not in self._folded:
            parts: list[str] = []
            owners: list[int] = []
            for i, w in enumerate(self.words(index)):
                f = fold(w.text)
                if not f:
                    continue
                if parts:
                    parts.append(" ")
                    owners.append(i)
                parts.append(f)
                owners.extend([i] * len(f))
            self._folded[index] = ("".join(parts), owners)
        return self._folded[index]

    def line_rects(self, index: int, start: int, end: int) -> tuple[Rect, ...]:
        """One rectangle per text line covering words ``start``..``end`` (exclusive)."""
        words = self.words(index)[start:end]
        lines: dict[tuple[int, int], list[Rect]] = {}
        for w in words:
            lines.setdefault((w.block, w.line), []).append(w.rect)
        return tuple(_union(rs) for rs in lines.values())

    def search_page(self, index: int, query: str) -> list[SearchHit]:
        """Accent- and case-insensitive search of one page: "bien ban" finds "Biên bản" (NFC or NFD)."""
        needle = " ".join(fold(query).split())
        if not needle:
            return []
        text, owners = self._folded_text(index)
        words = self.words(index)
        hits = []
        pos = text.find(needle)
        while pos >= 0:
            first = owners[pos]
            last = owners[pos + len(needle) - 1]
            lo, hi = max(0, first - 6), min(len(words), last + 7)
            context = " ".join(w.text for w in words[lo:hi])
            if lo > 0:
                context = "… " + context
            if hi < len(words):
                context += " …"
            hits.append(
                SearchHit(
                    page=index,
                    rects=self.line_rects(index, first, last + 1),
                    context=context,
                    start=first,
                    end=last + 1,
                )
            )
            pos = text.find(needle, pos + max(1, len(needle)))
        return hits

    def search(
        self, query: str, *, cancelled: Callable[[], bool] = lambda: False, progress: Callable[[int, int], None] | None = None
    ) -> Iterator[SearchHit]:
        """All hits of ``query``, page by page."""
        for index in range(self.page_count):
            if cancelled():
                return
            yield from self.search_page(index, query)
            if progress is not None:
                progress(index + 1, self.page_count)

    def word_at(self, index: int, x: float, y: float) -> int | None:
        """Index of the word under (x, y), or of the nearest word on the same line."""
        words = self.words(index)
        best, best_d = None, 1e18
        for i, w in enumerate(words):
            x0, y0, x1, y1 = w.rect
            dy = 0 if y0 <= y <= y1 else min(abs(y - y0), abs(y - y1))
            dx = 0 if x0 <= x <= x1 else min(abs(x - x0), abs(x - x1))
            d = dy * 4 + dx
            if d < best_d:
                best, best_d = i, d
        if best is None or best_d > 40:
            return None
        return best

    def select(self, index: int, start: tuple[float, float], end: tuple[float, float]) -> tuple[int, int] | None:
        """The words from the one at ``start`` to the one at ``end`` in reading order (a text selection)."""
        a = self.word_at(index, *start)
        b = self.word_at(index, *end)
        if a is None or b is None:
            return None
        lo, hi = min(a, b), max(a, b)
        return lo, hi + 1

    def selection_text(self, index: int, start: int, end: int) -> str:
        words = self.words(index)[start:end]
        out: list[str] = []
        prev = None
        for w in words:
            key = (w.block, w.line)
            if prev is not None:
                out.append(" " if key == prev else "\n")
            out.append(w.text)
            prev = key
        return "".join(out)

    def text_in_rect(self, index: int, rect: Rect) -> str:
        """Text of the words whose centre lies inside ``rect``, line by line."""
        x0, y0, x1, y1 = rect
        words = self.words(index)
        picked = [
            i
            for i, w in enumerate(words)
            if x0 <= (w.rect[0] + w.rect[2]) / 2 <= x1 and y0 <= (w.rect[1] + w.rect[3]) / 2 <= y1
        ]
        if not picked:
            return ""
        out: list[str] = []
        prev = None
        for i in picked:
            w = words[i]
            key = (w.block, w.line)
            if prev is not None:
                out.append(" " if key == prev else "\n")
            out.append(w.text)
            prev = key
        return "".join(out)

    # -- rendering -------------------------------------------------------------------------------
    def fit_scale(self, index: int, scale: float, max_pixels: int = MAX_RENDER_PIXELS) -> float:
        """``scale`` reduced so that the page image stays under ``max_pixels`` (huge pages)."""
        w, h = self.page_size(index)
        pixels = w * scale * h * scale
        if pixels > max_pixels:
            scale *= (max_pixels / pixels) ** 0.5
        return scale

    def render(
        self,
        index: int,
        scale: float,
        *,
        rotation: int = 0,
        cancelled: Callable[[], bool] = lambda: False,
        annots: bool = True,
        into: Callable[[int, int], tuple[object, Any, int]] = _bytes_target,
    ) -> RenderedPage:
        """Render page ``index`` at ``scale`` pixels per point, rotated by ``rotation`` (0/90/180/270),
        on white, as RGB without alpha: what ``page.get_pixmap(matrix=…)`` gives, pixel for pixel.

        ``into(width, height)`` returns ``(owner, buffer, stride)``: a writable buffer of ``stride * height``
        bytes kept alive by ``owner``, rows ``stride >= 3 * width`` bytes apart. The page is drawn straight
        into it (the Qt side passes a ``QImage`` and its ``bits()``: no copy of the page afterwards).

        Raises :class:`RenderCancelled` when ``cancelled()`` turns true between bands, and
        :class:`ViewerError` ``render_failed`` when MuPDF cannot draw the page.
        """
        scale = self.fit_scale(index, scale)
        dl = pix = None
        try:
            with MUPDF_LOCK:
                dl = self._doc[index].get_displaylist(annots=annots)
                ctm = mupdf.fz_pre_rotate(mupdf.fz_scale(scale, scale), rotation % 360)
                bbox = mupdf.fz_round_rect(mupdf.fz_transform_rect(mupdf.fz_bound_display_list(dl.this), ctm))
                ctm = mupdf.fz_concat(ctm, mupdf.fz_translate(-bbox.x0, -bbox.y0))  # the image starts at (0, 0)
            width, height = bbox.x1 - bbox.x0, bbox.y1 - bbox.y0
            owner, buffer, stride = into(width, height)
            if stride < 3 * width or memoryview(buffer).nbytes < stride * height:
                raise ValueError("render target of the wrong size")
            with MUPDF_LOCK:
                pix = mupdf.fz_new_pixmap_with_data(
                    mupdf.fz_device_rgb(), width, height, mupdf.FzSeparations(), 0, stride,
                    mupdf.python_mutable_buffer_data(buffer),
                )
                mupdf.fz_clear_pixmap_with_value(pix, 0xFF)
            with MUPDF_LOCK:
                images = _ImageRows()
                mupdf.fz_run_display_list(dl.this, images, ctm, mupdf.FzRect(mupdf.FzRect.Fixed_INFINITE), mupdf.FzCookie())
                mupdf.fz_close_device(images)
            edges = band_edges(height, images.spans)
            for y, y_end in zip(edges, edges[1:]):
                if cancelled():
                    raise RenderCancelled()
                with MUPDF_LOCK:
                    band = mupdf.FzIrect(0, y, width, y_end)
                    dev = mupdf.fz_new_draw_device_with_bbox(mupdf.FzMatrix(), pix, band)
                    try:
                        mupdf.fz_run_display_list(dl.this, dev, ctm, mupdf.fz_rect_from_irect(band), mupdf.FzCookie())
                    finally:
                        mupdf.fz_close_device(dev)
                        del dev
        except RenderCancelled:
            raise
        except Exception:  # noqa: BLE001 - any MuPDF failure becomes an error tile
            log.info("page %d failed to render", index, exc_info=True)
            raise ViewerError("render_failed", page=index + 1) from None
        finally:
            with MUPDF_LOCK:  # MuPDF's objects are freed under the lock; the pixmap only borrowed the buffer
                dl = pix = None
        return RenderedPage(
            page=index, width=width, height=height, stride=stride, scale=scale, samples=memoryview(buffer), owner=owner
        )


def sha256_of(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
