"""Shared helpers of the benchmarks: JSON lines out, a populated service, tokens without 2,000 sign-ins."""

from __future__ import annotations

import json
import os
import resource
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import jwt  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from ecabinet_client.domain.rules import iso, utcnow  # noqa: E402
from ecabinet_client.service import seed  # noqa: E402
from ecabinet_client.service.access import refresh_access  # noqa: E402
from ecabinet_client.service.auth import hash_password, load_secret  # noqa: E402
from ecabinet_client.service.db import Database, devices, new_id  # noqa: E402


def emit(metric: str, value: float, unit: str, goal: float | None, lower_is_better: bool = True, **extra) -> None:
    line = {"metric": metric, "value": round(value, 4), "unit": unit, "goal": goal, "lower_is_better": lower_is_better}
    line.update(extra)
    print(json.dumps(line, ensure_ascii=False), flush=True)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def bulk_users(db: Database, tenant_id: str, org_id: str, count: int, prefix: str) -> list[str]:
    """``count`` delegates inserted in one transaction (one password hash for all: this is a benchmark)."""
    pw = hash_password("bench-password")
    ids = []
    with db.write(tenant_id) as tx:
        for i in range(count):
            ids.append(tx.insert("users", {
                "organisation_id": org_id, "username": f"{prefix}{i}", "email": f"{prefix}{i}@bench.gov.vn",
                "full_name": f"Đại biểu {i}", "title": "Đại biểu", "roles": ["delegate"], "active": True,
                "password_hash": pw, "password_changed_at": iso(utcnow()),
            })["id"])
    return ids


def mint_tokens(db: Database, data_dir: Path, tenant_id: str, user_ids: list[str], minutes: int = 60) -> list[str]:
    """Register one device per user and sign access tokens with the service's key, as login would."""
    secret = load_secret(data_dir)
    exp = utcnow() + timedelta(minutes=minutes)
    tokens = []
    with db.write_conn() as conn:
        for uid in user_ids:
            did = new_id()
            conn.execute(sa.insert(devices).values(id=did, tenant_id=tenant_id, user_id=uid, name="bench", created_at=iso(utcnow())))
            tokens.append(jwt.encode({"sub": uid, "tid": tenant_id, "did": did, "exp": exp}, secret, algorithm="HS256"))
    return tokens


def meeting_for(db: Database, tenant_id: str, org_id: str, chair: str, invitees: list[str], title: str = "Kỳ họp HĐND") -> str:
    with db.write(tenant_id) as tx:
        mid = new_id()
        start = utcnow() + timedelta(days=5)
        tx.insert("meetings", {
            "id": mid, "meeting_id": mid, "organisation_id": org_id, "title": title, "kind": "regular",
            "state": "ongoing", "starts_at": iso(start), "ends_at": iso(start + timedelta(hours=3)), "room": "Hội trường",
            "chair_id": chair, "secretary_id": chair, "approver_id": chair, "registrar_id": chair,
            "approved_at": iso(utcnow()), "checkin_secret": new_id(),
        })
        for uid in invitees:
            tx.insert("invitations", {"meeting_id": mid, "user_id": uid, "state": "confirmed", "attendee_role": "delegate"})
        refresh_access(tx, mid)
    return mid


def meeting_room(db: Database, size: int, prefix: str) -> tuple[str, list[str], str]:
    """A tenant with one organisation, a chair and ``size`` delegates invited to one meeting:
    (tenant id, [chair, *delegates], meeting id)."""
    tenant = seed.create_tenant(db, "Bench")
    org = seed.create_organisation(db, tenant, "Văn phòng")
    users = bulk_users(db, tenant, org, size + 1, prefix=prefix)
    return tenant, users, meeting_for(db, tenant, org, users[0], users[1:])
