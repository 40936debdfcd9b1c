"""Sync benchmarks on demo-sized data scaled to 10,000 meetings.

The data: the real demo province (``service/demo.py``: 31 people, 16 meetings of every kind, PDFs), scaled
to 10,000 meetings by adding meetings shaped like the demo's (2 agenda items, 2 documents, 4 invitations,
chair/secretary/approver/registrar), written 10 meetings per transaction as the service would have
written them over time. The chair sees all 10,000 meetings; the demo delegate ``daibieu`` is invited to
as many of them as make about 10,000 rows visible to her.

pull_nochange_ms      a pull that finds nothing new: median service-side time (Server-Timing header),
                      as the chair (10,000 meetings visible)
pull_10k_changes_s    bootstrap of ~10,000 changed rows into an EMPTY client store: a fresh ``Client``
                      signed in as ``daibieu``, one blocking ``client.sync()`` (push, paged pull, reconcile);
                      best of ``--runs`` fresh stores. Extra lines: the pull alone and the reconcile.
blob_throughput_ratio resumable download of a 200 MB file through the service by the client's downloader
                      (``sync/blobs.py download_blob``: verifying, fsync, rename) ÷ the same file served by
                      nginx (or ``python -m http.server`` when nginx is absent) and fetched with curl; best
                      of ``--runs`` each, alternated. Extra lines: both throughputs in MB/s, and curl
                      against the service (the service side alone, without the client's hash/write/fsync).
Usage: python bench/bench_sync.py [--meetings 10000] [--rows 10000] [--blob-mb 200] [--runs 3]
                                  [--only NAME] [--quick] [--profile DIR]
``--quick``: 1,000 meetings, 1,000 rows, a 20 MB file, one run: a smoke run of a few seconds.
``--profile DIR``: also writes cProfile stats of one client bootstrap to DIR/pull_client.prof.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from common import emit, mint_tokens  # noqa: I001

import sqlalchemy as sa

from ecabinet_client.domain.rules import iso, utcnow
from ecabinet_client.domain.schema import TABLES
from ecabinet_client.service import demo
from ecabinet_client.service import pull as service_pull
from ecabinet_client.service.blobs import BlobStore
from ecabinet_client.service.db import Database, access, blobs, encode, new_id, synced, tenants
from ecabinet_client.service.harness import ServiceProcess, free_port

READER = "daibieu"  # the demo delegate whose bootstrap is measured
CHAIR = "chutri"  # chairs every added meeting: sees all of them (pull_nochange)
ROWS_PER_INVITED_MEETING = 9  # what the reader sees of an added meeting: 1 + 2 agenda + 2 documents + 4 invitations
MEETINGS_PER_TX = 10
MB = 1_000_000


# --- data -----------------------------------------------------------------------------------------------------
def _bulk(conn: sa.Connection, table: str, rows: list[dict]) -> None:
    if rows:
        conn.execute(synced[table].insert(), [encode(TABLES[table], r) for r in rows])


def build(data: Path, meetings: int, rows: int) -> dict:
    """Seed the demo into ``data`` and scale it to ``meetings`` meetings (see the module docstring)."""
    db = Database(f"sqlite:///{data / 'ecabinet.sqlite3'}")
    store = BlobStore(data / "blobs")
    demo.seed_demo(db, store)
    with db.read() as conn:
        tenant = conn.execute(sa.select(tenants.c.id)).scalar_one()
        users = dict(conn.execute(sa.select(synced["users"].c.username, synced["users"].c.id)).all())
        demo_meetings = conn.execute(sa.select(sa.func.count()).select_from(synced["meetings"])).scalar_one()
        org = conn.execute(sa.select(synced["users"].c.organisation_id).where(synced["users"].c.id == users[CHAIR])).scalar_one()
        demo_docs = conn.execute(sa.select(synced["documents"].c.sha256, synced["documents"].c.size)
                                 .where(synced["documents"].c.deleted == sa.false())).all()
        base = len(service_pull.pull(conn, tenant_id=tenant, user_id=users[READER], client_id=None, cursor=0,
                                     limit=1_000_000, is_sqlite=True)["changes"])
    added = max(meetings - demo_meetings, 0)
    invited = min(added, max(0, math.ceil((rows - base) / ROWS_PER_INVITED_MEETING)))
    staff = {"chair_id": users[CHAIR], "secretary_id": users["thuky"], "approver_id": users["pheduyet"],
             "registrar_id": users["dangky"]}
    others = sorted(uid for name, uid in users.items() if uid not in staff.values() and name != READER)
    start = utcnow() - timedelta(days=3 * 365)
    now = iso(utcnow())
    for first in range(0, added, MEETINGS_PER_TX):
        with db.write(tenant) as tx:
            seq = tx.seq
            book = {"tenant_id": tenant, "seq": seq, "version": 1, "deleted": False, "updated_at": now}
            m_rows, a_rows, d_rows, i_rows, grants = [], [], [], [], []
            for i in range(first, min(first + MEETINGS_PER_TX, added)):
                mid = new_id()
                s = start + timedelta(hours=2 * i)
                m_rows.append({"id": mid, "meeting_id": mid, **book, "organisation_id": org,
                               "title": f"Cuộc họp số {i}: báo cáo tiến độ thực hiện kế hoạch phát triển kinh tế - xã hội",
                               "kind": "regular", "state": "ended" if i % 3 else "approved", "starts_at": iso(s),
                               "ends_at": iso(s + timedelta(hours=2)), "room": "Phòng họp số 1, Văn phòng UBND tỉnh",
                               "description": "Thành phần: lãnh đạo các sở, ngành; đại diện UBND các huyện, thị xã, thành phố.",
                               **staff, "approved_at": iso(s - timedelta(days=3)), "checkin_secret": new_id()})
                items = [new_id(), new_id()]
                for pos, aid in enumerate(items):
                    a_rows.append({"id": aid, "meeting_id": mid, **book, "position": pos, "presenter_id": users[CHAIR],
                                   "title": f"Nội dung {pos + 1}: tờ trình về dự toán ngân sách và kế hoạch đầu tư công",
                                   "duration_minutes": 45})
                    sha, size = demo_docs[(i + pos) % len(demo_docs)]
                    d_rows.append({"id": new_id(), "meeting_id": mid, **book, "agenda_item_id": aid,
                                   "name": f"{pos + 1:02d}. Tờ trình.pdf", "sha256": sha, "size": size,
                                   "mime": "application/pdf", "classification": "unclassified",
                                   "uploaded_by": users["dangky"], "position": pos})
                guests = [others[(3 * i + k) % len(others)] for k in range(3)]
                if invited and (i * invited) // added != ((i + 1) * invited) // added:  # spread evenly
                    guests.append(users[READER])
                else:
                    guests.append(others[(3 * i + 3) % len(others)])
                for uid in guests:
                    i_rows.append({"id": new_id(), "meeting_id": mid, **book, "user_id": uid, "state": "confirmed",
                                   "attendee_role": "delegate"})
                members = {uid: "invitee" for uid in guests}
                members.update({uid: col.removesuffix("_id") for col, uid in staff.items()})
                grants += [{"user_id": uid, "meeting_id": mid, "tenant_id": tenant, "granted_seq": seq, "via": why}
                           for uid, why in members.items()]
            for table, batch in (("meetings", m_rows), ("agenda_items", a_rows), ("documents", d_rows),
                                 ("invitations", i_rows)):
                _bulk(tx.conn, table, batch)
            tx.conn.execute(access.insert(), grants)
    chair_token = mint_tokens(db, data, tenant, [users[CHAIR]])[0]
    db.dispose()
    return {"tenant": tenant, "users": users, "chair_token": chair_token, "base_rows": base, "invited": invited}


def add_big_file(data: Path, tenant: str, users: dict, megabytes: int) -> tuple[str, int, Path]:
    """A file of random bytes in the service's blob store, attached to a new meeting the reader attends."""
    store = BlobStore(data / "blobs")
    tmp = store.root / "incoming" / "bench.tmp"
    digest = hashlib.sha256()
    size = megabytes * MB
    block = 4 * 1024 * 1024
    with open(tmp, "wb") as fh:
        left = size
        while left:
            chunk = os.urandom(min(block, left))
            fh.write(chunk)
            digest.update(chunk)
            left -= len(chunk)
    sha = digest.hexdigest()
    target = store.path(sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, target)
    db = Database(f"sqlite:///{data / 'ecabinet.sqlite3'}")
    try:
        with db.write(tenant) as tx:
            s = utcnow() + timedelta(days=1)
            m = tx.insert("meetings", {
                "organisation_id": None, "title": "Họp với tài liệu lớn", "kind": "regular", "state": "approved",
                "starts_at": iso(s), "ends_at": iso(s + timedelta(hours=2)), "room": "Hội trường",
                "chair_id": users[CHAIR], "secretary_id": users[CHAIR], "approver_id": users[CHAIR],
                "registrar_id": users[CHAIR], "approved_at": iso(utcnow()), "checkin_secret": new_id()})
            tx.conn.execute(blobs.insert().values(sha256=sha, size=size, uploaded_by=users[CHAIR], created_at=iso(utcnow())))
            tx.insert("documents", {"meeting_id": m["id"], "name": "Bản đồ quy hoạch.pdf", "sha256": sha, "size": size,
                                    "mime": "application/pdf", "classification": "unclassified",
                                    "uploaded_by": users[CHAIR], "position": 0})
            tx.insert("invitations", {"meeting_id": m["id"], "user_id": users[READER], "state": "confirmed",
                                      "attendee_role": "delegate"})
            from ecabinet_client.service.access import refresh_access

            refresh_access(tx, m["id"])
    finally:
        db.dispose()
    return sha, size, target


# --- pull_nochange_ms -------------------------------------------------------------------------------------------
def pull_nochange(url: str, token: str, n: int = 300) -> float:
    import httpx

    with httpx.Client(base_url=url + "/api/v1", headers={"Authorization": "Bearer " + token}, timeout=60) as http:
        cursor = 0
        while True:
            page = http.get("/sync/pull", params={"cursor": cursor, "limit": 5000}).json()
            cursor = page["cursor"]
            if not page["more"]:
                break
        times = []
        for _ in range(n):
            r = http.get("/sync/pull", params={"cursor": cursor})
            assert r.status_code == 200 and not r.json()["changes"]
            times.append(float(r.headers["server-timing"].split("dur=")[1]))
    return statistics.median(times)


# --- pull_10k_changes_s -----------------------------------------------------------------------------------------
def _quiet_keyring() -> None:
    """Tokens of the bench stay in memory: never in the developer's keyring."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    logging.getLogger("ecabinet_client.sync.api").setLevel(logging.ERROR)  # "no usable keyring": expected


def new_client(url: str, folder: Path):  # noqa: ANN201
    from ecabinet_client.sync.client import Client

    folder.mkdir(parents=True, exist_ok=True)
    client = Client(url, base_dir=folder, config_dir=folder, live=False, autostart=False, auto_download=False)
    client.sign_in(READER, demo.DEMO_PASSWORD)
    return client


def bootstrap_once(url: str, folder: Path, profile_to: Path | None = None) -> dict:
    """One bootstrap into an empty store: ``client.sync()``, with the pull and the reconcile timed apart."""
    client = new_client(url, folder)
    try:
        engine = client.engine
        spans: dict[str, float] = {}
        for name in ("pull", "reconcile"):
            inner = getattr(engine, name)

            def timed(*a, _inner=inner, _name=name, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
                t0 = time.perf_counter()
                try:
                    return _inner(*a, **kw)
                finally:
                    spans[_name] = spans.get(_name, 0.0) + time.perf_counter() - t0

            setattr(engine, name, timed)
        assert client.store.state("cursor", "0") in ("0", None)
        profiler = None
        if profile_to is not None:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        t0 = time.perf_counter()
        result = client.sync()
        total = time.perf_counter() - t0
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(str(profile_to))
        stored = sum(client.store.scalar(f'SELECT count(*) FROM "{t}"') for t in TABLES)
        assert result.get("reconcile", {}).get("ok") is True, result.get("reconcile")
        return {"total": total, "pull": spans.get("pull", 0.0), "reconcile": spans.get("reconcile", 0.0),
                "changes": result["changes"], "pages": result["pages"], "stored": stored}
    finally:
        client.close()


def pull_10k(url: str, work: Path, runs: int, profile_dir: Path | None) -> tuple[dict, list[dict]]:
    results = []
    for run in range(runs):
        folder = work / f"client-{run}"
        prof = profile_dir / "pull_client.prof" if profile_dir is not None and run == 0 else None
        results.append(bootstrap_once(url, folder, prof))
        shutil.rmtree(folder, ignore_errors=True)
    best = min(results, key=lambda r: r["total"])
    return best, results


# --- blob_throughput_ratio --------------------------------------------------------------------------------------
def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 15.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"static server exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError("static server did not listen")


def start_static(root: Path, work: Path) -> tuple[subprocess.Popen, str, str]:
    """nginx (Debian's, from PATH or /usr/sbin) on a free loopback port as a non-daemon child, else
    ``python -m http.server``. Returns (process, base url, name)."""
    port = free_port()
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if nginx:
        prefix = work / "nginx"
        (prefix / "logs").mkdir(parents=True, exist_ok=True)
        conf = prefix / "nginx.conf"
        conf.write_text(f"""
daemon off;
master_process off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    default_type application/octet-stream;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
""")
        proc = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "logs" / "error.log")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        name = "nginx"
    else:
        proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                 "--directory", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        name = "http.server"
    try:
        _wait_port(port, proc)
    except BaseException:
        stop_child(proc)
        raise
    return proc, f"http://127.0.0.1:{port}", name


def stop_child(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def curl_once(url: str, size: int, token: str | None = None) -> float:
    auth = ["-H", f"Authorization: Bearer {token}"] if token else []
    t0 = time.perf_counter()
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{size_download}", *auth, url],
                         capture_output=True, text=True, timeout=300, check=True)
    elapsed = time.perf_counter() - t0
    assert int(out.stdout.strip()) == size, out.stdout
    return elapsed


def client_download_once(url: str, folder: Path, sha: str, size: int) -> tuple[float, float]:
    """(the client's downloader, curl on the same service URL with the client's token), in seconds."""
    from ecabinet_client.sync.blobs import download_blob

    client = new_client(url, folder)
    try:
        t0 = time.perf_counter()
        path = download_blob(client.api, client.store, sha, size)
        elapsed = time.perf_counter() - t0
        assert path.stat().st_size == size
        path.unlink()
        raw = curl_once(f"{url}/api/v1/blobs/{sha}", size, client.api.access_token)
        return elapsed, raw
    finally:
        client.close()
        shutil.rmtree(folder, ignore_errors=True)


def blob_ratio(url: str, work: Path, blob_path: Path, sha: str, size: int, runs: int) -> None:
    static_root = work / "static"
    static_root.mkdir(exist_ok=True)
    os.link(blob_path, static_root / "big.bin")  # the same bytes (same inode, same page cache)
    proc = None
    try:
        proc, static_url, server = start_static(static_root, work)
        service_times, static_times, service_curl_times = [], [], []
        for run in range(runs):
            static_times.append(curl_once(static_url + "/big.bin", size))
            client_t, curl_t = client_download_once(url, work / f"dl-{run}", sha, size)
            service_times.append(client_t)
            service_curl_times.append(curl_t)
    finally:
        stop_child(proc)
        shutil.rmtree(static_root, ignore_errors=True)
    mbs_service = [size / MB / t for t in service_times]
    mbs_static = [size / MB / t for t in static_times]
    mbs_service_curl = [size / MB / t for t in service_curl_times]
    emit("blob_service_download_mb_s", max(mbs_service), "MB/s", None, lower_is_better=False,
         runs=[round(x, 1) for x in mbs_service], size_mb=size / MB, how="client download_blob (hash, fsync, rename)")
    emit(f"blob_static_{server.replace('.', '_')}_curl_mb_s", max(mbs_static), "MB/s", None, lower_is_better=False,
         runs=[round(x, 1) for x in mbs_static], size_mb=size / MB, how=f"{server} + curl -o /dev/null")
    emit("blob_service_curl_mb_s", max(mbs_service_curl), "MB/s", None, lower_is_better=False,
         runs=[round(x, 1) for x in mbs_service_curl], size_mb=size / MB,
         how="the service's blob GET + curl -o /dev/null: the service side alone")
    emit("blob_service_side_ratio", max(mbs_service_curl) / max(mbs_static), "ratio", None, lower_is_better=False,
         how="curl from the service ÷ curl from the static server (no client hash/write/fsync)")
    emit("blob_throughput_ratio", max(mbs_service) / max(mbs_static), "ratio", 0.8, lower_is_better=False,
         static=server, size_mb=size / MB,
         ratio_median=round(statistics.median(mbs_service) / statistics.median(mbs_static), 3))


# --- main -----------------------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=10_000, help="rows the bootstrapped user sees (about)")
    parser.add_argument("--blob-mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", choices=["", "pull_nochange_ms", "pull_10k_changes_s", "blob_throughput_ratio"])
    parser.add_argument("--quick", action="store_true", help="1,000 meetings, 1,000 rows, 20 MB, one run")
    parser.add_argument("--profile", type=Path, default=None, help="write cProfile stats of a bootstrap here")
    args = parser.parse_args()
    if args.quick:
        args.meetings, args.rows, args.blob_mb, args.runs = 1000, 1000, 20, 1
    want = (lambda name: args.only in ("", name))
    _quiet_keyring()
    tmp = Path(tempfile.mkdtemp(prefix="ecabinet-bench-sync-"))
    try:
        data = tmp / "service"
        data.mkdir()
        t0 = time.perf_counter()
        world = build(data, args.meetings, args.rows)
        big = add_big_file(data, world["tenant"], world["users"], args.blob_mb) if want("blob_throughput_ratio") else None
        print(f"# data built in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
        with ServiceProcess(data) as svc:
            if want("pull_nochange_ms"):
                emit("pull_nochange_ms", pull_nochange(svc.url, world["chair_token"]), "ms", 5, meetings=args.meetings)
            if want("pull_10k_changes_s"):
                best, results = pull_10k(svc.url, tmp, args.runs, args.profile)
                totals = [r["total"] for r in results]
                emit("pull_10k_changes_s", best["total"], "s", 1, rows=best["changes"], pages=best["pages"],
                     stored_rows=best["stored"], meetings=args.meetings, runs=[round(t, 3) for t in totals],
                     how="client.sync() into an empty store: push + paged pull + reconcile")
                emit("pull_10k_pull_only_s", best["pull"], "s", None, rows=best["changes"],
                     runs=[round(r["pull"], 3) for r in results])
                emit("pull_10k_reconcile_s", best["reconcile"], "s", None, runs=[round(r["reconcile"], 3) for r in results])
            if want("blob_throughput_ratio") and big is not None:
                sha, size, path = big
                blob_ratio(svc.url, tmp, path, sha, size, args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
