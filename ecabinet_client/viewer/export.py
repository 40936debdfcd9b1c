"""Export without Qt: an annotated copy of a PDF with standard PDF annotations, a summary of the notes
and comments as a PDF, and the watermark drawn into pages.

The source file is never changed: the copy is made from its bytes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

import pymupdf

from ecabinet_client.viewer.annotations import Annotation
from ecabinet_client.viewer.document import MUPDF_LOCK

log = logging.getLogger(__name__)

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "C:/Windows/Fonts/arial.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)


def unicode_font_file() -> str | None:
    """A font with Vietnamese glyphs, or None (then MuPDF's Helvetica, which lacks some)."""
    for p in FONT_CANDIDATES:
        if Path(p).exists():
            return p
    return None


@dataclass(frozen=True)
class Watermark:
    """Dấu chìm: the reader's name, unit and the time, drawn over every page shown, printed or exported."""

    name: str
    unit: str = ""
    when: datetime | None = None

    def lines(self) -> list[str]:
        when = (self.when or datetime.now()).strftime("%d/%m/%Y %H:%M")
        return [s for s in (self.name, self.unit, when) if s]

    def text(self) -> str:
        return " · ".join(self.lines())


def hex_to_rgb(color: str) -> tuple[float, float, float]:
    c = color.lstrip("#")
    if len(c) != 6:
        return (1.0, 0.0, 0.0)
    return (int(c[0:2], 16) / 255, int(c[2:4], 16) / 255, int(c[4:6], 16) / 255)


def draw_watermark(page: pymupdf.Page, watermark: Watermark) -> None:
    """Diagonal, translucent lines of the watermark across ``page``."""
    font_file = unicode_font_file()
    font = pymupdf.Font(fontfile=font_file) if font_file else pymupdf.Font("helv")
    r = page.rect
    text = watermark.text()
    size = max(10.0, min(r.width, r.height) / 28)
    width = font.text_length(text, fontsize=size)
    tw = pymupdf.TextWriter(r)
    step = size * 6
    y = r.y0 + step / 2
    while y < r.y1 + step:
        x = r.x0 - width / 3 + ((y // step) % 2) * width / 2
        while x < r.x1:
            tw.append((x, y), text, font=font, fontsize=size)
            x += width + size * 3
        y += step
    centre = pymupdf.Point(r.x0 + r.width / 2, r.y0 + r.height / 2)
    tw.write_text(page, color=(0.55, 0.1, 0.1), opacity=0.18, morph=(centre, pymupdf.Matrix(-30)))


def _derotate(page: pymupdf.Page, rect: Iterable[float]) -> pymupdf.Rect:
    return pymupdf.Rect(*rect) * page.derotation_matrix


def _point(page: pymupdf.Page, x: float, y: float) -> pymupdf.Point:
    return pymupdf.Point(x, y) * page.derotation_matrix


def _content(a: Annotation, names: Callable[[str], str]) -> str:
    parts = [a.text] if a.text else []
    for r in a.replies:
        parts.append(f"↳ {names(r.author_id)}: {r.body}")
    return "\n".join(parts)


def add_pdf_annotation(page: pymupdf.Page, a: Annotation, names: Callable[[str], str]) -> pymupdf.Annot:
    """Write ``a`` into ``page`` as the standard PDF annotation of its kind."""
    d = a.data
    color = hex_to_rgb(str(d.get("color", "#ff0000")))
    width = float(d.get("width", 2.0))
    if a.kind in ("highlight", "underline", "strike"):
        quads = [_derotate(page, r).quad for r in d.get("rects", [])]
        adder = {
            "highlight": page.add_highlight_annot,
            "underline": page.add_underline_annot,
            "strike": page.add_strikeout_annot,
        }[a.kind]
        annot = adder(quads=quads)
    elif a.kind == "ink":
        strokes = [[(_point(page, p[0], p[1]).x, _point(page, p[0], p[1]).y) for p in s] for s in d.get("strokes", []) if s]
        annot = page.add_ink_annot(strokes)
    elif a.kind == "rect":
        annot = page.add_rect_annot(_derotate(page, d["rect"]))
    elif a.kind == "arrow":
        annot = page.add_line_annot(_point(page, *d["start"]), _point(page, *d["end"]))
        annot.set_line_ends(pymupdf.PDF_ANNOT_LE_NONE, pymupdf.PDF_ANNOT_LE_OPEN_ARROW)
    elif a.kind == "note":
        annot = page.add_text_annot(_point(page, *d["point"]), _content(a, names) or " ", icon="Comment")
    else:  # pragma: no cover - kinds are validated by Annotation
        raise ValueError(a.kind)
    if a.kind == "highlight" or a.kind == "note":
        annot.set_colors(stroke=color)
    else:
        annot.set_colors(stroke=color)
        if a.kind not in ("underline", "strike"):
            annot.set_border(width=width)
    annot.set_info(
        title=names(a.author_id),
        content=_content(a, names),
        subject=("Góp ý" if a.shared else "Ghi chú"),
    )
    annot.update()
    return annot


def export_annotated(
    source: bytes,
    annotations: Iterable[Annotation],
    out_path: str | Path,
    *,
    names: Callable[[str], str] = str,
    watermark: Watermark | None = None,
    password: str | None = None,
) -> Path:
    """Write an annotated copy of ``source`` (the PDF's bytes) to ``out_path``."""
    with MUPDF_LOCK:
        return _export_annotated(source, list(annotations), out_path, names=names, watermark=watermark, password=password)


def _export_annotated(source, annotations, out_path, *, names, watermark, password) -> Path:
    doc = pymupdf.open(stream=source, filetype="pdf")
    if doc.needs_pass:
        doc.authenticate(password or "")
    try:
        for a in annotations:
            if 0 <= a.page < doc.page_count:
                add_pdf_annotation(doc[a.page], a, names)
        if watermark is not None:
            for page in doc:
                draw_watermark(page, watermark)
        out = Path(out_path)
        doc.save(str(out), garbage=1, deflate=True)
    finally:
        doc.close()
    return out


KIND_LABELS = {
    "vi": {
        "highlight": "Tô sáng",
        "underline": "Gạch chân",
        "strike": "Gạch ngang",
        "ink": "Nét vẽ",
        "rect": "Khung",
        "arrow": "Mũi tên",
        "note": "Ghi chú",
    },
    "en": {
        "highlight": "Highlight",
        "underline": "Underline",
        "strike": "Strike-through",
        "ink": "Ink",
        "rect": "Rectangle",
        "arrow": "Arrow",
        "note": "Note",
    },
}
SUMMARY_TEXT = {
    "vi": {
        "title": "Tổng hợp ghi chú và góp ý",
        "document": "Tài liệu",
        "page": "Trang",
        "private": "Ghi chú cá nhân",
        "shared": "Góp ý",
        "resolved": "đã giải quyết",
        "none": "Chưa có ghi chú hay góp ý nào.",
    },
    "en": {
        "title": "Summary of notes and comments",
        "document": "Document",
        "page": "Page",
        "private": "Private note",
        "shared": "Comment",
        "resolved": "resolved",
        "none": "No notes or comments yet.",
    },
}


class _Writer:
    """A minimal flowing-text writer: wraps lines and adds pages."""

    def __init__(self, doc: pymupdf.Document, watermark: Watermark | None) -> None:
        self.doc = doc
        self.watermark = watermark
        path = unicode_font_file()
        self.font = pymupdf.Font(fontfile=path) if path else pymupdf.Font("helv")
        self.page: pymupdf.Page | None = None
        self.tw: pymupdf.TextWriter | None = None
        self.y = 0.0
        self.margin = 56.0

    def _new_page(self) -> None:
        self._flush()
        self.page = self.doc.new_page(width=595, height=842)
        self.tw = pymupdf.TextWriter(self.page.rect)
        self.y = self.margin

    def _flush(self) -> None:
        if self.page is not None and self.tw is not None:
            self.tw.write_text(self.page)
            if self.watermark is not None:
                draw_watermark(self.page, self.watermark)

    def _wrap(self, text: str, size: float, width: float) -> list[str]:
        lines: list[str] = []
        for para in text.split("\n"):
            line = ""
            for word in para.split(" "):
                cand = f"{line} {word}" if line else word
                if self.font.text_length(cand, fontsize=size) <= width or not line:
                    line = cand
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        return lines

    def write(self, text: str, *, size: float = 10.5, indent: float = 0.0, space: float = 2.0) -> None:
        width = 595 - 2 * self.margin - indent
        for line in self._wrap(text, size, width):
            if self.page is None or self.y + size * 1.4 > 842 - self.margin:
                self._new_page()
            self.y += size * 1.3
            assert self.tw is not None
            self.tw.append((self.margin + indent, self.y), line, font=self.font, fontsize=size)
        self.y += space

    def close(self) -> None:
        if self.page is None:
            self._new_page()
        self._flush()


def export_summary(
    document_name: str,
    annotations: Iterable[Annotation],
    out_path: str | Path,
    *,
    names: Callable[[str], str] = str,
    language: str = "vi",
    watermark: Watermark | None = None,
) -> Path:
    """A PDF listing every note and comment by page, with replies, authors and times."""
    with MUPDF_LOCK:
        return _export_summary(document_name, list(annotations), out_path, names=names, language=language, watermark=watermark)


def _export_summary(document_name, annotations, out_path, *, names, language, watermark) -> Path:
    t = SUMMARY_TEXT.get(language, SUMMARY_TEXT["en"])
    labels = KIND_LABELS.get(language, KIND_LABELS["en"])
    doc = pymupdf.open()
    w = _Writer(doc, watermark)
    w.write(t["title"], size=16, space=6)
    w.write(f"{t['document']}: {document_name}", size=11, space=10)
    items = sorted(annotations, key=lambda a: (a.page, a.bounds()[1], a.created_at))
    if not items:
        w.write(t["none"])
    page = None
    for a in items:
        if a.page != page:
            page = a.page
            w.write(f"{t['page']} {page + 1}", size=13, space=4)
        who = names(a.author_id)
        state = f" ({t['resolved']})" if a.resolved else ""
        head = f"{t['shared'] if a.shared else t['private']} · {labels[a.kind]} · {who} · {a.created_at}{state}"
        w.write(head, size=9.5, indent=10, space=1)
        quote = a.data.get("text") if a.kind in ("highlight", "underline", "strike") else None
        if quote:
            w.write(f"“{quote}”", size=10, indent=20, space=1)
        if a.text and a.text != quote:
            w.write(a.text, size=10.5, indent=20, space=1)
        for r in a.replies:
            w.write(f"↳ {names(r.author_id)} ({r.created_at}): {r.body}", size=10, indent=30, space=1)
        w.y += 6
    w.close()
    out = Path(out_path)
    doc.save(str(out), garbage=1, deflate=True)
    doc.close()
    return out
