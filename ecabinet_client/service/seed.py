"""Creating tenants, organisations, units and users (administration, demo data and tests)."""

from __future__ import annotations

from typing import Any, Iterable

import sqlalchemy as sa

from ecabinet_client.domain.rules import iso, utcnow

from .auth import hash_password
from .db import Database, new_id, tenants


def create_tenant(db: Database, name: str, tenant_id: str | None = None) -> str:
    tenant_id = tenant_id or new_id()
    with db.write_conn() as conn:
        conn.execute(sa.insert(tenants).values(id=tenant_id, name=name, seq=0, purged_seq=0))
    return tenant_id


def create_organisation(db: Database, tenant_id: str, name: str, *, short_name: str = "", kind: str = "department",
                        parent_id: str | None = None) -> str:
    with db.write(tenant_id) as tx:
        return tx.insert("organisations", {"name": name, "short_name": short_name, "kind": kind, "parent_id": parent_id})["id"]


def create_unit(db: Database, tenant_id: str, organisation_id: str, name: str) -> str:
    with db.write(tenant_id) as tx:
        return tx.insert("units", {"organisation_id": organisation_id, "name": name, "parent_id": None})["id"]


def create_user(
    db: Database,
    tenant_id: str,
    *,
    username: str,
    password: str,
    full_name: str,
    organisation_id: str,
    unit_id: str | None = None,
    title: str = "",
    email: str = "",
    phone: str = "",
    roles: Iterable[str] = ("delegate",),
    password_changed_at: str | None = None,
    password_hash: str | None = None,
) -> str:
    with db.write(tenant_id) as tx:
        row: dict[str, Any] = {
            "organisation_id": organisation_id,
            "unit_id": unit_id,
            "username": username,
            "email": email,
            "full_name": full_name,
            "title": title,
            "phone": phone,
            "photo_sha256": None,
            "roles": list(roles),
            "active": True,
            "password_hash": password_hash or hash_password(password),
            "password_changed_at": password_changed_at or iso(utcnow()),
        }
        return tx.insert("users", row)["id"]
