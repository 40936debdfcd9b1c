"""Document files: a resumable, verifying downloader (own thread and queue) and a resumable uploader.

Download (SYNC.md §5, git-lfs ``tq/basic_download.go``): bytes go to ``blobs/<sha>.part``; a resumed
download sends ``Range: bytes=N-`` and accepts only a ``206`` whose ``Content-Range`` starts at N (a
``200`` restarts from 0, a ``416`` restarts); the SHA-256 of the whole file is checked, then the file is
renamed atomically to ``blobs/<sha>``. A mismatch deletes the partial file. Progress is reported per hash.

Upload (for ``attach_document``): ask which hashes the service lacks; send only those, in parts, from the
offset the service reports (so an interrupted upload resumes); the last part finalises (idempotent).
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import random
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Callable

from ecabinet_client.faults import crash_point

from .api import Api, AuthError, OfflineError, ServiceError, SyncError
from .store import Store

log = logging.getLogger(__name__)

CHUNK = 256 * 1024
UPLOAD_PART = 4 * 1024 * 1024

Progress = Callable[[str, int, int], None]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


class HashMismatch(ServiceError):
    def __init__(self, sha: str) -> None:
        super().__init__("hash_mismatch", "", {"sha256": sha})


def _content_range_start(value: str | None) -> int | None:
    # "bytes 100-199/200"
    if not value or not value.startswith("bytes "):
        return None
    try:
        return int(value[6:].split("-", 1)[0])
    except ValueError:
        return None


def download_blob(api: Api, store: Store, sha: str, size: int | None, progress: Progress | None = None,
                  cancelled: Callable[[], bool] = lambda: False) -> Path:
    """Download (or finish downloading) one blob into the store's blob folder; returns its path."""
    final = store.blob_dir / sha
    if final.exists():
        return final
    part = store.blob_dir / f"{sha}.part"
    _record(store, sha, size, part, "partial", part.stat().st_size if part.exists() else 0)
    restarts = 0
    while True:
        start = part.stat().st_size if part.exists() else 0
        if size is not None and start > size:
            part.unlink()
            start = 0
        digest = hashlib.sha256()
        if start:
            with open(part, "rb") as fh:
                while block := fh.read(1024 * 1024):
                    digest.update(block)
        with api.stream_blob(sha, start) as r:
            if r.status_code == 416:  # our offset is not satisfiable: start again
                r.read()
                part.unlink(missing_ok=True)
                restarts += 1
                if restarts > 2:
                    raise ServiceError("bad_request", "range not satisfiable", {"sha256": sha}, 416)
                continue
            if r.status_code == 206 and _content_range_start(r.headers.get("content-range")) == start:
                mode = "ab"
            elif r.status_code == 200 or r.status_code == 206:
                # a full answer (or a range we did not ask for): restart from 0
                if r.status_code == 206 and _content_range_start(r.headers.get("content-range")) != 0:
                    r.read()
                    part.unlink(missing_ok=True)
                    restarts += 1
                    if restarts > 2:
                        raise ServiceError("bad_request", "unexpected Content-Range", {"sha256": sha}, 206)
                    continue
                start = 0
                digest = hashlib.sha256()
                mode = "wb"
            else:
                raise ServiceError("bad_request", f"unexpected status {r.status_code}", {"sha256": sha}, r.status_code)
            total = size if size is not None else start + int(r.headers.get("content-length") or 0)
            done = start
            half_crossed = done * 2 >= total > 0
            with open(part, mode) as fh:
                for chunk in r.iter_bytes():  # as received: nothing is lost when cut
                    if cancelled():
                        fh.flush()
                        raise OfflineError("cancelled", "download cancelled")
                    fh.write(chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    if progress:
                        progress(sha, done, total)
                    if not half_crossed and done * 2 >= total:
                        half_crossed = True
                        fh.flush()
                        crash_point("client_blob_half")
                fh.flush()
                os.fsync(fh.fileno())
        if digest.hexdigest() != sha:
            part.unlink(missing_ok=True)
            _record(store, sha, size, part, "failed", 0)
            raise HashMismatch(sha)
        crash_point("client_blob_before_rename")
        os.replace(part, final)
        _record(store, sha, size, final, "complete", done)
        return final


def _record(store: Store, sha: str, size: int | None, path: Path, state: str, done: int) -> None:
    def write(tx) -> None:  # noqa: ANN001
        tx.execute(
            "INSERT INTO blob_cache(sha256, size, path, state, bytes_done) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(sha256) DO UPDATE SET size = excluded.size, path = excluded.path, state = excluded.state, "
            "bytes_done = excluded.bytes_done",
            (sha, size, path.name, state, done),
        )
        tx.changed.add("blob_cache")

    store.write(write)


def upload_file(api: Api, path: Path, *, sha: str | None = None, progress: Progress | None = None) -> tuple[str, int]:
    """Make sure the service has the file's blob; returns (sha256, size). Resumes an interrupted upload."""
    path = Path(path)
    sha = sha or file_sha256(path)
    size = path.stat().st_size
    if sha not in api.blobs_missing([sha]):
        return sha, size
    offset = api.upload_offset(sha)
    if offset is None:
        return sha, size
    with open(path, "rb") as fh:
        while True:
            fh.seek(offset)
            data = fh.read(UPLOAD_PART)
            if offset + len(data) >= size:
                crash_point("client_upload_before_finalize")
            try:
                answer = api.upload_part(sha, size, offset, data)
            except ServiceError as exc:
                if exc.status == 409 and "offset" in exc.params:
                    offset = int(exc.params["offset"])  # the service has a different offset: follow it
                    continue
                raise
            if progress:
                progress(sha, min(offset + len(data), size), size)
            if answer.get("complete"):
                return sha, size
            new_offset = int(answer["offset"])
            if new_offset * 2 >= size > offset * 2:
                crash_point("client_upload_half")
            offset = new_offset


class Downloader:
    """A thread with a queue of blobs to fetch. ``request(sha, size)`` returns a Future of the path."""

    def __init__(self, *, api: Api, store: Store, on_progress: Progress | None = None,
                 on_done: Callable[[str, Path | None, BaseException | None], None] | None = None) -> None:
        self.api = api
        self.store = store
        self.on_progress = on_progress
        self.on_done = on_done
        self._queue: queue.Queue = queue.Queue()
        self._futures: dict[str, Future] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.progress: dict[str, tuple[int, int]] = {}
        self._thread = threading.Thread(target=self._run, name="blob-downloader", daemon=True)
        self._thread.start()

    def request(self, sha: str, size: int | None) -> Future:
        with self._lock:
            fut = self._futures.get(sha)
            if fut is not None and not fut.done():
                return fut
            fut = Future()
            final = self.store.blob_dir / sha
            if final.exists():
                fut.set_result(final)
                return fut
            self._futures[sha] = fut
        self._queue.put((sha, size))
        return fut

    def _progress(self, sha: str, done: int, total: int) -> None:
        self.progress[sha] = (done, total)
        if self.on_progress:
            self.on_progress(sha, done, total)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                sha, size = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            if sha is None:
                break
            backoff = 1.0
            while not self._stop.is_set():
                try:
                    path = download_blob(self.api, self.store, sha, size, self._progress, self._stop.is_set)
                except OfflineError as exc:
                    if self._stop.is_set():
                        break
                    log.info("download of %s interrupted (%s); retrying in %.0f s", sha[:12], exc.code, backoff)
                    self._stop.wait(backoff * random.uniform(0.5, 1.0))
                    backoff = min(backoff * 2, 60.0)
                    continue
                except (SyncError, OSError) as exc:
                    self._finish(sha, None, exc)
                    break
                except Exception as exc:  # noqa: BLE001 - reported, never kills the thread
                    log.exception("download of %s failed", sha)
                    self._finish(sha, None, exc)
                    break
                self._finish(sha, path, None)
                break
            self.progress.pop(sha, None)

    def _finish(self, sha: str, path: Path | None, error: BaseException | None) -> None:
        with self._lock:
            fut = self._futures.pop(sha, None)
        if fut is not None and not fut.done():
            if error is None:
                fut.set_result(path)
            else:
                fut.set_exception(error)
        if self.on_done:
            try:
                self.on_done(sha, path, error)
            except Exception:  # noqa: BLE001
                log.exception("download observer failed")

    def stop(self) -> None:
        self._stop.set()
        self._queue.put((None, None))
        self._thread.join(10)
        with self._lock:
            for fut in self._futures.values():
                if not fut.done():
                    fut.set_exception(OfflineError("cancelled", "stopped"))
            self._futures.clear()


__all__ = ["Downloader", "download_blob", "upload_file", "file_sha256", "HashMismatch", "AuthError"]
