"""The document model without Qt: opening, bad input, search, text, rendering."""

from __future__ import annotations

import time
import unicodedata

import numpy as np
import pymupdf
import pytest

from ecabinet_client.viewer import document as document_module
from ecabinet_client.viewer.document import MAX_RENDER_PIXELS, PdfDocument, ViewerError, band_edges
from tests.viewer.corpus import AR_TEXT, RED_RECT


def as_rgb(rendered) -> np.ndarray:
    a = np.frombuffer(rendered.samples, dtype=np.uint8)[: rendered.stride * rendered.height]
    return a.reshape(rendered.height, rendered.stride)[:, : 3 * rendered.width].reshape(rendered.height, rendered.width, 3)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("zero", "empty_file"),
        ("not_pdf", "not_pdf"),
        ("no_pages", "no_pages"),
        ("garbage", "damaged"),
        ("encrypted", "password_required"),
    ],
)
def test_bad_input_gives_error_with_messages(corpus, name, code):
    start = time.monotonic()
    with pytest.raises(ViewerError) as info:
        PdfDocument.open(corpus[name])
    assert time.monotonic() - start < 5
    err = info.value
    assert err.code == code
    vi, en = err.message("vi"), err.message("en")
    assert vi and en and vi != en
    assert "Traceback" not in vi


def test_missing_file(tmp_path):
    with pytest.raises(ViewerError) as info:
        PdfDocument.open(tmp_path / "khong-co.pdf")
    assert info.value.code == "file_not_found"
    assert "khong-co.pdf" in info.value.message("vi")


def test_password(corpus):
    with pytest.raises(ViewerError) as info:
        PdfDocument.open(corpus["encrypted"], "sai")
    assert info.value.code == "wrong_password"
    assert info.value.message("vi") == "Mật khẩu không đúng. Hãy thử lại."
    doc = PdfDocument.open(corpus["encrypted"], "mat-khau")
    assert doc.page_count == 5
    assert doc.can_print and not doc.can_copy
    assert doc.clone().page_count == 5  # clones (rendering threads) reuse the password


def test_truncated_file_opens_repaired_and_never_hangs(corpus):
    doc = PdfDocument.open(corpus["truncated"])
    assert doc.repaired
    for i in range(doc.page_count):
        try:
            doc.render(i, 0.5)
        except ViewerError as exc:
            assert exc.code == "render_failed"


@pytest.mark.parametrize("name", ["latex", "gdocs", "reportlab", "forms", "cmyk", "nocopy", "bad_page", "huge_image"])
def test_producers_open_and_render(corpus, name):
    doc = PdfDocument.open(corpus[name])
    r = doc.render(0, 1.0)
    assert r.width > 100 and r.height > 100


def test_permissions(corpus):
    doc = PdfDocument.open(corpus["nocopy"])
    assert not doc.can_copy and not doc.can_print
    assert PdfDocument.open(corpus["text"]).can_copy


def test_render_matches_pymupdf_pixels(corpus):
    doc = PdfDocument.open(corpus["text"])
    scale = 150 / 72
    ours = as_rgb(doc.render(0, scale))
    ref = pymupdf.open(corpus["text"])[0].get_pixmap(matrix=pymupdf.Matrix(scale, scale))
    theirs = np.frombuffer(ref.samples, dtype=np.uint8).reshape(ref.height, ref.width, 3)
    assert ours.shape == theirs.shape
    assert np.abs(ours.astype(int) - theirs.astype(int)).max() <= 2
    # the red rectangle is where it was drawn
    x0, y0, x1, y1 = (int(v * scale) for v in RED_RECT)
    assert tuple(ours[(y0 + y1) // 2, (x0 + x1) // 2]) == (255, 0, 0)
    assert tuple(ours[y0 - 5, x0 - 5]) == (255, 255, 255)


def test_band_edges_never_cut_an_image():
    assert band_edges(600, []) == [0, 128, 256, 384, 512, 600]
    assert band_edges(600, [(100.0, 350.5)]) == [0, 384, 512, 600]
    assert band_edges(600, [(0.0, 600.0)]) == [0, 600]  # a scanned page: one band
    assert band_edges(100, []) == [0, 100]


def test_photo_page_is_drawn_in_bands_that_keep_the_image_whole(tmp_path, monkeypatch):
    """A band edge through an image made MuPDF decode it again for every band (a scanned page 8× slower);
    the image's rows are now in one band, and the pixels are still MuPDF's own."""
    y, x = np.mgrid[0:400, 0:600]
    rgb = np.stack([x % 256, (y * 2) % 256, (x + y) % 256], axis=-1).astype(np.uint8)
    jpeg = pymupdf.Pixmap(pymupdf.csRGB, 600, 400, rgb.tobytes(), False).tobytes("jpg")
    src = pymupdf.open()
    page = src.new_page()
    page.insert_text((56, 60), "Báo cáo có ảnh", fontname="helv", fontsize=14)
    photo = pymupdf.Rect(60, 150, 540, 470)
    page.insert_image(photo, stream=jpeg)
    src.save(tmp_path / "photo.pdf")
    seen: list[tuple[list[int], list[tuple[float, float]]]] = []

    def spy(height, images, rows=document_module.BAND_ROWS):
        edges = band_edges(height, images, rows)
        seen.append((edges, list(images)))
        return edges

    monkeypatch.setattr(document_module, "band_edges", spy)
    scale = 2.0
    ours = as_rgb(PdfDocument.open(tmp_path / "photo.pdf").render(0, scale))
    (edges, images), = seen
    assert len(images) == 1 and images[0][0] == pytest.approx(photo.y0 * scale, abs=1)
    assert images[0][1] == pytest.approx(photo.y1 * scale, abs=1)
    assert not any(images[0][0] < e < images[0][1] for e in edges)
    assert len(edges) > 3  # the text above and the margin below are still drawn in bands
    ref = pymupdf.open(tmp_path / "photo.pdf")[0].get_pixmap(matrix=pymupdf.Matrix(scale, scale))
    theirs = np.frombuffer(ref.samples, dtype=np.uint8).reshape(ref.height, ref.width, 3)
    assert ours.shape == theirs.shape
    assert np.abs(ours.astype(int) - theirs.astype(int)).max() <= 2


def test_render_rotated(corpus):
    doc = PdfDocument.open(corpus["text"])
    r = doc.render(0, 1.0, rotation=90)
    w, h = doc.page_size(0)
    assert (r.width, r.height) == (round(h), round(w))


def test_cmyk_image_renders_in_colour(corpus):
    img = as_rgb(PdfDocument.open(corpus["cmyk"]).render(0, 0.5))
    r, g, b = (int(v) for v in img[img.shape[0] // 2, img.shape[1] // 2])
    assert r > 180 and g < 100 and b < 100


def test_huge_page_is_scaled_into_budget(corpus):
    doc = PdfDocument.open(corpus["huge_page"])
    r = doc.render(0, 2.0)
    assert r.width * r.height <= MAX_RENDER_PIXELS * 1.01
    img = as_rgb(r)
    assert tuple(img[10, 10]) == (0, 0, 255)


def test_render_cancel(corpus):
    from ecabinet_client.viewer.document import RenderCancelled

    doc = PdfDocument.open(corpus["text"])
    with pytest.raises(RenderCancelled):
        doc.render(0, 2.0, cancelled=lambda: True)


@pytest.mark.parametrize(
    "query",
    ["bien ban", "Biên bản", unicodedata.normalize("NFD", "biên bản"), "DANG UY", "đảng ủy", "dang uy xa"],
)
def test_search_accent_insensitive(corpus, query):
    doc = PdfDocument.open(corpus["text"])
    hits = list(doc.search(query))
    assert len(hits) == 5  # once per page
    assert [h.page for h in hits] == [0, 1, 2, 3, 4]
    h = hits[0]
    assert h.rects and all(r[2] > r[0] for r in h.rects)
    assert "Biên bản họp Đảng ủy" in h.context


def test_search_nfd_text_in_pdf(corpus):
    doc = PdfDocument.open(corpus["text"])
    hits = doc.search_page(0, "quyet dinh")
    assert len(hits) == 1
    assert "Quyết định" in unicodedata.normalize("NFC", hits[0].context)
    assert doc.search_page(0, "không có chữ này") == []
    assert doc.search_page(0, "   ") == []


def test_search_arabic(corpus):
    doc = PdfDocument.open(corpus["forms"])
    assert doc.search_page(0, "phieu dang ky")
    # insert_text stores Arabic in visual order (as many producers do); the search finds what is stored
    assert doc.search_page(0, " ".join(w[::-1] for w in AR_TEXT.split()[::-1]))


def test_selection_and_text_in_rect(corpus):
    doc = PdfDocument.open(corpus["text"])
    sel = doc.select(0, (75, 68), (200, 68))
    assert sel is not None
    text = doc.selection_text(0, *sel)
    assert text.startswith("Trang 1:") and "Biên bản" in text
    assert "Biên bản họp" in doc.text_in_rect(0, (60, 55, 400, 80))
    assert doc.text_in_rect(0, (0, 700, 10, 710)) == ""


def test_outline(corpus):
    doc = PdfDocument.open(corpus["text"])
    out = doc.outline()
    assert [(o.level, o.title, o.page) for o in out] == [(1, "Phần I", 0), (2, "Mục 1", 1), (1, "Phần II", 2)]
