"""SYNC.md §6 bug class 4: large transfers interrupted at 0 %, 50 %, 99 % and during finalize; a server
answering 200 or 416 to a Range request; a hash mismatch. ~20 MB files (200 MB is for bench/)."""

from __future__ import annotations

import hashlib
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from ecabinet_client.sync.api import Api
from ecabinet_client.sync.blobs import HashMismatch, download_blob
from ecabinet_client.sync.store import Store
from tests.sync.helpers import results, run_child

BIG = 20 * 1024 * 1024


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("blob") / "Báo cáo tổng hợp.pdf"
    data = b"%PDF-1.7\n" + os.urandom(BIG - 9)
    path.write_bytes(data)
    return path, hashlib.sha256(data).hexdigest(), data


def _secretary_attaches(make_client, world, big_file):
    meeting = world.meeting(invitees=("delegate",))
    sec = make_client("secretary")
    sec.sync()
    path, sha, _ = big_file
    seen = []
    sec.attach_document(meeting["id"], path, agenda_item_id=meeting["agenda_item_id"],
                        progress=lambda s, done, total: seen.append(done))
    result = sec.sync()
    assert result["failed"] == [], result["failed"]
    doc = next(d for d in sec.documents(meeting["id"]))
    assert doc["sha256"] == sha and doc["cached"] == "complete" and doc["name"] == "Báo cáo tổng hợp.pdf"
    return meeting, doc


def test_upload_then_download_with_progress(make_client, world, big_file):
    meeting, doc = _secretary_attaches(make_client, world, big_file)
    c = make_client("delegate")
    c.sync()
    c.engine.start()  # the downloader thread (automatic queueing is off in tests)
    progress = []
    c.observe(lambda ev, payload: progress.append(payload) if ev == "progress" else None)
    assert c.document_path(doc["id"]) is None
    path = c.download(doc["id"]).result(60)
    assert path == c.document_path(doc["id"]) and path.read_bytes() == big_file[2]
    assert progress and progress[-1] == (doc["sha256"], BIG, BIG)
    assert c.meeting(meeting["id"])["agenda"][0]["documents"][0]["cached"] == "complete"


def test_automatic_download_of_documents_of_visible_meetings(make_client, world, big_file):
    meeting, doc = _secretary_attaches(make_client, world, big_file)
    c = make_client("delegate", auto_download=True, autostart=True)
    from ecabinet_client.sync.engine import wait_until

    assert wait_until(lambda: c.document_path(doc["id"]) is not None, 60)


@pytest.mark.parametrize("point", ["client_upload_half", "client_upload_before_finalize"])
def test_upload_interrupted_resumes(point, make_client, world, service, tmp_path, big_file):
    meeting = world.meeting(invitees=("delegate",))
    path = tmp_path / "Tờ trình.pdf"
    data = b"%PDF-1.7\n" + os.urandom(BIG - 9)
    path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    kw = dict(server=service.url, base=tmp_path / "data" / "secretary", config=tmp_path / "config" / "secretary",
              login=world.login("secretary"))
    proc = run_child(actions=[["sync"], ["arm"], ["upload", meeting["id"], str(path)]], crash_at=point, **kw)
    assert proc.returncode == 86, proc.stderr[-2000:]
    sec = make_client("secretary")
    offset = sec.api.upload_offset(sha)
    if point == "client_upload_half":
        assert 0 < offset < BIG  # a partial upload is waiting on the service
    else:
        assert offset is not None and offset >= BIG // 2
    sec.close()
    proc = run_child(actions=[["upload", meeting["id"], str(path)], ["sync"]], **kw)
    assert proc.returncode == 0, proc.stderr[-2000:]
    d = make_client("delegate")
    d.sync()
    doc = d.documents(meeting["id"])[0]
    assert doc["sha256"] == sha
    d.engine.start()
    assert d.download(doc["id"]).result(60).read_bytes() == data


@pytest.mark.parametrize("point", ["client_blob_half", "client_blob_before_rename"])
def test_download_killed_resumes_with_range(point, make_client, world, service, tmp_path, big_file):
    meeting, doc = _secretary_attaches(make_client, world, big_file)
    kw = dict(server=service.url, base=tmp_path / "data" / "delegate", config=tmp_path / "config" / "delegate",
              login=world.login("delegate"))
    proc = run_child(actions=[["sync"], ["arm"], ["download", doc["id"]]], crash_at=point, **kw)
    assert proc.returncode == 86, proc.stderr[-2000:]
    c = make_client("delegate")
    part = c.store.blob_dir / f"{doc['sha256']}.part"
    assert part.exists() and 0 < part.stat().st_size <= BIG
    assert c.document_path(doc["id"]) is None and c.documents(meeting["id"])[0]["cached"] == "partial"
    c.engine.start()
    path = c.download(doc["id"]).result(60)
    assert path.read_bytes() == big_file[2] and not part.exists()
    assert c.store.integrity_check() == "ok"


# --- a misbehaving blob server ---------------------------------------------------------------------------
class BlobServer:
    """Serves one blob at /api/v1/blobs/<sha> with a chosen behaviour for Range requests."""

    def __init__(self, data: bytes, sha: str | None = None) -> None:
        self.data = data
        self.sha = sha or hashlib.sha256(data).hexdigest()
        self.mode = "ok"  # ok | cut:<n> | ignore_range | always_416 | 416_once
        self.requests: list[str | None] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def do_GET(self) -> None:  # noqa: N802
                rng = self.headers.get("Range")
                outer.requests.append(rng)
                start = int(rng[6:].split("-")[0]) if rng else 0
                mode = outer.mode
                if rng and (mode == "always_416" or mode == "416_once"):
                    if mode == "416_once":
                        outer.mode = "ok"
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(outer.data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if rng and mode != "ignore_range":
                    body = outer.data[start:]
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(outer.data) - 1}/{len(outer.data)}")
                else:
                    body = outer.data
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if mode.startswith("cut:"):
                    n = int(mode[4:])
                    outer.mode = "ok"
                    self.wfile.write(body[: max(0, n - start)])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


SMALL = 3 * 1024 * 1024


@pytest.fixture
def blob_server():
    data = os.urandom(SMALL)
    srv = BlobServer(data)
    yield srv
    srv.close()


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store" / "store.sqlite3")
    yield s
    s.close()


def _fetch(srv: BlobServer, store: Store, retries: int = 3):
    api = Api(srv.url)
    try:
        for _ in range(retries):
            try:
                return download_blob(api, store, srv.sha, len(srv.data))
            except Exception as exc:  # noqa: BLE001 - an interrupted transfer: try again, as the downloader does
                last = exc
                if isinstance(exc, HashMismatch):
                    raise
        raise last
    finally:
        api.close()


@pytest.mark.parametrize("cut", [0, SMALL // 2, SMALL - 1])
def test_connection_cut_at_0_50_99_percent_resumes(cut, blob_server, store):
    blob_server.mode = f"cut:{cut}"
    path = _fetch(blob_server, store)
    assert path.read_bytes() == blob_server.data
    assert blob_server.requests[0] is None
    if cut:
        assert blob_server.requests[1] == f"bytes={cut}-"  # resumed where it stopped


def test_a_200_to_a_range_request_restarts_from_zero(blob_server, store):
    part = store.blob_dir / f"{blob_server.sha}.part"
    part.write_bytes(b"garbage that must not stay in front")
    blob_server.mode = "ignore_range"
    path = _fetch(blob_server, store)
    assert path.read_bytes() == blob_server.data
    assert blob_server.requests == ["bytes=35-"]


def test_a_416_restarts(blob_server, store):
    part = store.blob_dir / f"{blob_server.sha}.part"
    part.write_bytes(blob_server.data[:1000])
    blob_server.mode = "416_once"
    path = _fetch(blob_server, store)
    assert path.read_bytes() == blob_server.data
    assert blob_server.requests == ["bytes=1000-", None]


def test_a_hash_mismatch_is_rejected(store):
    data = os.urandom(100_000)
    srv = BlobServer(data, sha=hashlib.sha256(b"other bytes").hexdigest())
    try:
        with pytest.raises(HashMismatch):
            _fetch(srv, store)
        assert not (store.blob_dir / srv.sha).exists() and not (store.blob_dir / f"{srv.sha}.part").exists()
        assert store.query("SELECT state FROM blob_cache")[0]["state"] == "failed"
    finally:
        srv.close()


def test_the_service_rejects_an_upload_whose_bytes_do_not_match(make_client, world):
    sec = make_client("secretary")
    wrong = hashlib.sha256(b"declared").hexdigest()
    with pytest.raises(Exception) as e:
        sec.api.upload_part(wrong, 5, 0, b"other")
    assert getattr(e.value, "code", None) == "hash_mismatch"
    assert isinstance(e.value, Exception) and not isinstance(e.value, httpx.HTTPError)
