"""Benchmark of the document viewer (not a test). Prints one JSON object per line.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_viewer.py [--pages 300]

Generates a text-and-image PDF, then measures:
render_ratio_vs_mutool  median time to render a page to a displayable QImage at 150 dpi as PageRenderer
                        does (into the memory of the image its cache evicts), divided by
                        ``mutool draw -r 150`` per page (one mutool process rendering all pages to
                        /dev/null as PNM, wall time / pages, same run, same pages); informative:
                        fresh_memory_median_ms (into a new image, as the first pages after opening) and
                        pymupdf_get_pixmap_ms (bare ``page.get_pixmap(dpi=150)`` in a clean process)
open_to_first_page_ms   ViewerWidget.open() → first page painted (file in the OS cache); the reference
                        one_page_render_ms is printed too (goal ≤ 2 × that), and, informative, bare
                        PyMuPDF's open + first page in a fresh process (pymupdf_open_first_page_ms)
scroll_max_stall_ms     longest gap of a 4 ms UI-thread heartbeat while flicking through every page
viewer_rss_mb           resident memory after that
annotation_save_ms      SqliteAnnotationStore.put() of an ink annotation of 500 points (file, WAL)
plus, informative: scanned_page_render_ratio_vs_mutool (A4 pages that are one 300 dpi JPEG each, each
rendered once in a newly opened document, vs mutool on the same pages), and with --threads, rendering on 2
threads with one document per thread vs one shared document behind a lock.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ecabinet_client.viewer  # noqa: E402,F401 - imports PyMuPDF the way the client does (see its __init__)
import numpy as np  # noqa: E402
import psutil  # noqa: E402
import pymupdf  # noqa: E402

DPI = 150
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LOREM = (
    "Căn cứ Luật Tổ chức chính quyền địa phương, Ủy ban nhân dân tỉnh báo cáo tình hình thực hiện "
    "nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh và kế hoạch năm tới. "
)


def emit(metric: str, value: float, unit: str, goal: float | None = None, lower_is_better: bool = True, **extra) -> None:
    row = {"metric": metric, "value": round(value, 3), "unit": unit, "goal": goal, "lower_is_better": lower_is_better}
    row.update(extra)
    print(json.dumps(row, ensure_ascii=False), flush=True)


def make_pdf(path: Path, pages: int) -> None:
    doc = pymupdf.open()
    images = []
    for k in range(8):
        y, x = np.mgrid[0:360, 0:540]
        rgb = np.stack([(x * (k + 1)) % 256, (y * 2 + k * 30) % 256, ((x + y) * 3) % 256], axis=-1).astype(np.uint8)
        images.append(pymupdf.Pixmap(pymupdf.csRGB, 540, 360, rgb.tobytes(), False).tobytes("jpg"))
    for i in range(pages):
        page = doc.new_page()
        page.insert_font(fontname="dv", fontfile=DEJAVU)
        y = 60
        page.insert_text((56, y), f"Trang {i + 1} — Báo cáo số {i + 1}/BC-UBND", fontname="dv", fontsize=14)
        y += 30
        for line in range(24):
            text = (LOREM * 3)[line * 7 : line * 7 + 95]
            page.insert_text((56, y), text, fontname="dv", fontsize=9.5)
            y += 13
        page.insert_image(pymupdf.Rect(100, 430, 495, 693), stream=images[i % len(images)])
        for line in range(8):
            page.insert_text((56, 720 + line * 12), (LOREM * 2)[line * 11 : line * 11 + 95], fontname="dv", fontsize=9.5)
    doc.subset_fonts()
    doc.save(path, garbage=3, deflate=True)


GET_PIXMAP = """
import statistics, sys, time
import pymupdf
doc = pymupdf.open(sys.argv[1])
doc[0].get_pixmap(dpi=%d)
times = []
for page in doc:
    t = time.perf_counter()
    page.get_pixmap(dpi=%d)
    times.append(time.perf_counter() - t)
print(statistics.median(times) * 1000)
""" % (DPI, DPI)


OPEN_FIRST_PAGE = """
import sys, time
import pymupdf
t = time.perf_counter()
doc = pymupdf.open(sys.argv[1])
doc[0].get_pixmap(dpi=%d)
print((time.perf_counter() - t) * 1000)
""" % DPI


def bench_render(path: Path, pages: int) -> float:
    from ecabinet_client.viewer.document import PdfDocument
    from ecabinet_client.viewer.render import DEFAULT_CACHE_BYTES, ImageCache, PageRenderer, render_image

    doc = PdfDocument.open(path)
    scale = DPI / 72
    render_image(doc, 0, scale)  # warm-up (fonts)
    cache = ImageCache(DEFAULT_CACHE_BYTES)
    times, fresh = [], []
    for i in range(pages):
        t = time.perf_counter()
        img = render_image(doc, i, scale, into=cache.target)  # as PageRenderer does, drawn straight into the QImage
        times.append(time.perf_counter() - t)
        assert not img.isNull()
        cache.put(PageRenderer.key(i, scale), img)
    for i in range(0, pages, max(1, pages // 60)):
        t = time.perf_counter()
        render_image(doc, i, scale)
        fresh.append(time.perf_counter() - t)
    ours = statistics.median(times) * 1000
    ours_mean = statistics.fmean(times) * 1000
    bare = float(subprocess.run([sys.executable, "-c", GET_PIXMAP, str(path)], check=True, capture_output=True, text=True).stdout)

    mutool = shutil.which("mutool")
    if mutool is None:
        emit("render_ratio_vs_mutool", float("nan"), "ratio", 1.2, note="mutool not installed")
        return ours
    version = subprocess.run([mutool, "-v"], capture_output=True, text=True).stderr.strip()
    runs = []
    for _ in range(2):
        t = time.perf_counter()
        subprocess.run([mutool, "draw", "-q", "-r", str(DPI), "-c", "rgb", "-F", "pnm", "-o", "/dev/null", str(path), f"1-{pages}"],
                       check=True, capture_output=True)
        runs.append((time.perf_counter() - t) / pages * 1000)
    theirs = min(runs)
    emit("render_ratio_vs_mutool", ours / theirs, "ratio", 1.2, ours_median_ms=round(ours, 2),
         ours_mean_ms=round(ours_mean, 2), fresh_memory_median_ms=round(statistics.median(fresh) * 1000, 2),
         pymupdf_get_pixmap_ms=round(bare, 2), mutool_ms_per_page=round(theirs, 2), mutool=version,
         pymupdf=pymupdf.VersionBind, mupdf=pymupdf.mupdf_version)
    return ours


def make_scanned_pdf(path: Path, pages: int) -> None:
    """A4 pages that are one 300 dpi JPEG each, as a scanner makes them (a signed, stamped letter)."""
    doc = pymupdf.open()
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:3508, 0:2480]
    for i in range(pages):
        grey = (np.sin(x / 7.0 + i) + np.cos(y / 5.0)) * 60 + 180
        grey[rng.random(grey.shape) < 0.02] = 0
        rgb = np.stack([grey, grey, grey * 0.95], axis=-1).astype(np.uint8)
        jpeg = pymupdf.Pixmap(pymupdf.csRGB, 2480, 3508, rgb.tobytes(), False).tobytes("jpg", jpg_quality=80)
        page = doc.new_page()
        page.insert_image(page.rect, stream=jpeg)
    doc.save(path)


def bench_scanned(path: Path, pages: int = 3) -> None:
    """Informative: scanned pages, each rendered once in a newly opened document (nothing decoded yet), as
    when a reader opens a scanned letter; ``mutool draw`` on the same pages, same run."""
    from ecabinet_client.viewer.document import PdfDocument
    from ecabinet_client.viewer.render import render_image

    make_scanned_pdf(path, pages)
    scale = DPI / 72
    ours = []
    for i in range(pages):
        doc = PdfDocument.open(path)
        t = time.perf_counter()
        render_image(doc, i, scale)
        ours.append((time.perf_counter() - t) * 1000)
        doc.close()
    mutool = shutil.which("mutool")
    if mutool is None:
        return
    t = time.perf_counter()
    subprocess.run([mutool, "draw", "-q", "-r", str(DPI), "-c", "rgb", "-F", "pnm", "-o", "/dev/null", str(path), f"1-{pages}"],
                   check=True, capture_output=True)
    theirs = (time.perf_counter() - t) / pages * 1000
    emit("scanned_page_render_ratio_vs_mutool", statistics.median(ours) / theirs, "ratio", None,
         ours_median_ms=round(statistics.median(ours), 1), mutool_ms_per_page=round(theirs, 1), pages=pages)


def bench_threads(path: Path, pages: int) -> None:
    from ecabinet_client.viewer.document import PdfDocument

    base = PdfDocument.open(path)
    scale = DPI / 72
    n = min(pages, 60)
    local = threading.local()

    def clone_render(i: int) -> None:
        if not hasattr(local, "doc"):
            local.doc = base.clone()
        local.doc.render(i, scale)

    lock = threading.Lock()
    shared = base.clone()

    def locked_render(i: int) -> None:
        with lock:
            shared.render(i, scale)

    for name, fn in (("render_2threads_clone_ms_per_page", clone_render), ("render_2threads_lock_ms_per_page", locked_render)):
        with ThreadPoolExecutor(2) as ex:
            list(ex.map(fn, range(2)))
            t = time.perf_counter()
            list(ex.map(fn, range(n)))
            emit(name, (time.perf_counter() - t) / n * 1000, "ms", None)


def bench_viewer(path: Path, one_page_ms: float) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from ecabinet_client.viewer.annotations import SqliteAnnotationStore
    from ecabinet_client.viewer.widget import MemoryState, Reader, ViewerPolicy, ViewerWidget

    app = QApplication.instance() or QApplication([])
    store = SqliteAnnotationStore()
    v = ViewerWidget(store=store, reader=Reader("u1", "Nguyễn Văn A", "Sở Nội vụ"), policy=ViewerPolicy(), state=MemoryState())
    v.resize(1280, 900)
    v.show()
    app.processEvents()
    path.read_bytes()  # in the OS cache

    first = {}

    def on_painted() -> None:
        if "t" not in first and v.grab_page_image(0) is not None:
            first["t"] = time.perf_counter()

    v.view.painted.connect(on_painted)
    t0 = time.perf_counter()
    v.open(path)
    while "t" not in first and time.perf_counter() - t0 < 10:
        app.processEvents()
        time.sleep(0.0005)
    open_ms = (first.get("t", time.perf_counter()) - t0) * 1000
    bare = [float(subprocess.run([sys.executable, "-c", OPEN_FIRST_PAGE, str(path)], check=True, capture_output=True,
                                 text=True).stdout) for _ in range(3)]
    emit("open_to_first_page_ms", open_ms, "ms", round(2 * one_page_ms, 2), one_page_render_ms=round(one_page_ms, 2),
         pymupdf_open_first_page_ms=round(statistics.median(bare), 2))

    # flick through every page at a steady speed; a 4 ms heartbeat measures UI-thread stalls
    vs = v.view.verticalScrollBar()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heart = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=4)
    heart.timeout.connect(beat)
    step = max(200, v.view.viewport().height() // 2)
    scroller = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=16)
    done = {}

    def scroll() -> None:
        if vs.value() >= vs.maximum():
            done["t"] = True
            scroller.stop()
        vs.setValue(vs.value() + step)

    scroller.timeout.connect(scroll)
    last[0] = time.perf_counter()
    heart.start()
    scroller.start()
    t = time.perf_counter()
    while "t" not in done and time.perf_counter() - t < 120:
        app.processEvents()
        time.sleep(0.0005)
    end = time.perf_counter()
    while v.renderer.busy and time.perf_counter() - end < 10:
        app.processEvents()
        time.sleep(0.001)
    heart.stop()
    stall = (max(gaps) - 0.004) * 1000 if gaps else float("nan")
    p99 = (sorted(gaps)[int(len(gaps) * 0.99)] - 0.004) * 1000 if gaps else float("nan")
    emit("scroll_max_stall_ms", stall, "ms", 30, p99_stall_ms=round(p99, 2), scroll_seconds=round(end - t, 2),
         pages=v.document.page_count, cache_mb=round(v.renderer.cache.bytes / 2**20, 1))
    for _ in range(5):
        app.processEvents()
    emit("viewer_rss_mb", psutil.Process().memory_info().rss / 2**20, "MB", 350)
    v.close_document()
    v.close()


def bench_annotation_save(tmp: Path) -> None:
    from ecabinet_client.viewer.annotations import Annotation, SqliteAnnotationStore

    store = SqliteAnnotationStore(str(tmp / "annotations.sqlite"))
    times = []
    for k in range(60):
        pts = [[100 + i * 0.7, 200 + (i % 40) * 1.3, round(0.3 + (i % 10) / 15, 3)] for i in range(500)]
        a = Annotation.create(document_sha256="ab" * 32, page=k % 10, kind="ink", data={"strokes": [pts], "width": 2.0}, author_id="u1")
        t = time.perf_counter()
        store.put(a)
        times.append(time.perf_counter() - t)
    store.close()
    emit("annotation_save_ms", statistics.median(times[5:]) * 1000, "ms", 5, max_ms=round(max(times[5:]) * 1000, 2))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--threads", action="store_true", help="also compare one document per thread with one behind a lock")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        pdf = tmp / "bench.pdf"
        make_pdf(pdf, args.pages)
        emit("bench_pdf_mb", pdf.stat().st_size / 2**20, "MB", None)
        one = bench_render(pdf, args.pages)
        if args.threads:
            bench_threads(pdf, args.pages)
        bench_viewer(pdf, one)
        bench_annotation_save(tmp)
        bench_scanned(tmp / "scanned.pdf")  # last: its images fill MuPDF's store, which viewer_rss_mb would count
    return 0


if __name__ == "__main__":
    sys.exit(main())
