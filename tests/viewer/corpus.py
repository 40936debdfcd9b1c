"""A small corpus of PDFs made by PyMuPDF at test time, imitating many producers and bad inputs."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pymupdf

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
VI_TEXT = "Biên bản họp Đảng ủy xã về kế hoạch phát triển kinh tế năm 2025"
VI_NFD = unicodedata.normalize("NFD", "Quyết định của Ủy ban nhân dân tỉnh")
AR_TEXT = "محضر الاجتماع"
RED_RECT = (100, 500, 200, 560)  # PDF units on page 1 of text.pdf


def _font_page(doc: pymupdf.Document, **kw) -> pymupdf.Page:
    page = doc.new_page(**kw)
    page.insert_font(fontname="dv", fontfile=DEJAVU)
    return page


def make_text(path: Path, pages: int = 5, producer: str = "LibreOffice 7.5") -> Path:
    doc = pymupdf.open()
    for i in range(pages):
        page = _font_page(doc)
        page.insert_text((72, 72), f"Trang {i + 1}: {VI_TEXT}", fontname="dv", fontsize=12)
        page.insert_text((72, 100), VI_NFD, fontname="dv", fontsize=12)
        page.insert_text((72, 128), f"Nội dung số {i + 1} của tài liệu họp", fontname="dv", fontsize=11)
        if i == 0:
            page.draw_rect(pymupdf.Rect(*RED_RECT), color=(1, 0, 0), fill=(1, 0, 0))
    doc.set_metadata({"producer": producer, "title": "Tài liệu họp"})
    doc.set_toc([[1, "Phần I", 1], [2, "Mục 1", 2], [1, "Phần II", min(3, pages)]])
    doc.subset_fonts()
    doc.save(path, garbage=3, deflate=True)
    return path


def _no_pages_pdf() -> bytes:
    """A well-formed PDF (with a correct xref table) whose page tree is empty."""
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def make_corpus(root: Path) -> dict[str, Path]:
    root.mkdir(parents=True, exist_ok=True)
    c: dict[str, Path] = {}
    c["text"] = make_text(root / "text.pdf")
    c["latex"] = make_text(root / "latex.pdf", 2, producer="pdfTeX-1.40.25")
    c["gdocs"] = make_text(root / "gdocs.pdf", 2, producer="Skia/PDF m120 Google Docs Renderer")
    c["reportlab"] = make_text(root / "reportlab.pdf", 2, producer="ReportLab PDF Library - www.reportlab.com")

    # encrypted: user password "mat-khau", copying not allowed
    doc = pymupdf.open(c["text"])
    doc.save(
        root / "encrypted.pdf",
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        owner_pw="owner",
        user_pw="mat-khau",
        permissions=pymupdf.PDF_PERM_PRINT | pymupdf.PDF_PERM_ACCESSIBILITY,
    )
    c["encrypted"] = root / "encrypted.pdf"
    # no copy, no print, no password needed to open
    doc.save(root / "nocopy.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", permissions=pymupdf.PDF_PERM_ACCESSIBILITY)
    c["nocopy"] = root / "nocopy.pdf"
    doc.close()

    # forms, attachments, existing annotations, Arabic
    doc = pymupdf.open()
    page = _font_page(doc)
    page.insert_text((72, 72), "Phiếu đăng ký phát biểu", fontname="dv", fontsize=14)
    w = pymupdf.Widget()
    w.field_name, w.field_type, w.rect, w.field_value = "ho_ten", pymupdf.PDF_WIDGET_TYPE_TEXT, pymupdf.Rect(72, 100, 300, 120), "Nguyễn Văn A"
    page.add_widget(w)
    doc.embfile_add("phu-luc.txt", "Phụ lục".encode())
    annot = page.add_text_annot((400, 80), "Ghi chú có sẵn")
    annot.update()
    page.insert_text((72, 200), AR_TEXT, fontname="dv", fontsize=14)
    doc.set_metadata({"producer": "Microsoft Word"})
    doc.subset_fonts()
    doc.save(root / "forms.pdf", garbage=3, deflate=True)
    c["forms"] = root / "forms.pdf"

    # CMYK image (ImageMagick-like: one full-page image)
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csCMYK, pymupdf.IRect(0, 0, 64, 64), False)
    pix.set_rect(pix.irect, (0, 255, 255, 0))  # cyan 0, magenta, yellow → red
    page.insert_image(page.rect, pixmap=pix)
    doc.set_metadata({"producer": "ImageMagick 6.9.11"})
    doc.save(root / "cmyk.pdf")
    c["cmyk"] = root / "cmyk.pdf"

    # huge page (5 m × 5 m) and a huge JPEG image (scanner-like)
    doc = pymupdf.open()
    page = doc.new_page(width=14400, height=14400)
    page.draw_rect(pymupdf.Rect(0, 0, 7200, 7200), color=(0, 0, 1), fill=(0, 0, 1))
    doc.save(root / "huge-page.pdf")
    c["huge_page"] = root / "huge-page.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    big = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 6000, 8000), False)
    big.clear_with(215)
    page.insert_image(page.rect, stream=big.tobytes("jpg"))
    del big
    doc.set_metadata({"producer": "Canon iR-ADV C5535 scanner"})
    doc.save(root / "huge-image.pdf")
    c["huge_image"] = root / "huge-image.pdf"

    # bad files
    data = c["text"].read_bytes()
    (root / "truncated.pdf").write_bytes(data[: len(data) // 3])
    c["truncated"] = root / "truncated.pdf"
    (root / "zero.pdf").write_bytes(b"")
    c["zero"] = root / "zero.pdf"
    (root / "not-a-pdf.pdf").write_bytes(b"PK\x03\x04 this is a zip, not a PDF" * 10)
    c["not_pdf"] = root / "not-a-pdf.pdf"
    (root / "no-pages.pdf").write_bytes(_no_pages_pdf())
    c["no_pages"] = root / "no-pages.pdf"
    (root / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    c["garbage"] = root / "garbage.pdf"
    # a page whose content stream is broken: the page fails, the others render
    doc = pymupdf.open(c["text"])
    xref = doc[1].get_contents()[0]
    doc.update_stream(xref, b"q 1 0 0 1 0 0 cm BT /NoSuchFont 12 Tf (x) Tj ET Q")
    doc.save(root / "bad-page.pdf")
    c["bad_page"] = root / "bad-page.pdf"
    return c
