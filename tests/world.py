"""A small organisation built for one test: its own tenant, so tests sharing a service never collide."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from ecabinet_client.domain.rules import iso, utcnow
from ecabinet_client.service import seed
from ecabinet_client.service.access import refresh_access
from ecabinet_client.service.auth import hash_password
from ecabinet_client.service.db import Database, Tx, new_id

PASSWORD = "Mat-khau-2026"
_HASH = hash_password(PASSWORD)  # hashing is slow by design: once per test session
_counter = itertools.count(1)


@dataclass
class World:
    db: Database
    tenant_id: str
    tag: str
    orgs: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)  # short name -> user id

    def login(self, who: str) -> str:
        return f"{who}.{self.tag}"

    def add_user(self, who: str, org: str = "so_tc", unit: str | None = None, roles=("delegate",), **extra: Any) -> str:
        uid = seed.create_user(
            self.db, self.tenant_id, username=self.login(who), password=PASSWORD, password_hash=_HASH,
            full_name=extra.pop("full_name", who.replace("_", " ").title()), organisation_id=self.orgs[org],
            unit_id=self.units.get(unit) if unit else None, roles=roles,
            email=extra.pop("email", f"{self.login(who)}@haugiang.gov.vn"), **extra,
        )
        self.users[who] = uid
        return uid

    def meeting(self, *, state: str = "approved", kind: str = "regular", starts_in: timedelta = timedelta(days=3),
                invitees: tuple[str, ...] = ("delegate",), unit_invitees: tuple[str, ...] = (),
                title: str = "Họp giao ban tháng", chair: str = "chair", secretary: str = "secretary",
                approver: str = "approver", registrar: str = "registrar") -> dict[str, Any]:
        """A meeting written straight into the database (as demo data is), with its invitations."""
        start = utcnow() + starts_in
        with self.db.write(self.tenant_id) as tx:
            mid = new_id()
            approved = state in ("approved", "ongoing", "ended")
            tx.insert("meetings", {
                "id": mid, "meeting_id": mid, "organisation_id": self.orgs["vp"], "title": title, "kind": kind,
                "state": state, "starts_at": iso(start), "ends_at": iso(start + timedelta(hours=2)), "room": "Phòng họp số 1",
                "description": "", "chair_id": self.users[chair], "secretary_id": self.users[secretary],
                "approver_id": self.users[approver], "registrar_id": self.users[registrar],
                "approved_at": iso(utcnow()) if approved else None, "checkin_secret": new_id(),
            })
            item = tx.insert("agenda_items", {"meeting_id": mid, "position": 0, "title": "Báo cáo tình hình kinh tế - xã hội"})
            invs = {}
            for who in invitees:
                invs[who] = tx.insert("invitations", {"meeting_id": mid, "user_id": self.users[who], "state": "pending", "attendee_role": "delegate"})["id"]
            for unit in unit_invitees:
                invs["unit:" + unit] = tx.insert("invitations", {"meeting_id": mid, "unit_id": self.units[unit], "state": "pending", "attendee_role": "delegate"})["id"]
            refresh_access(tx, mid)
        return {"id": mid, "agenda_item_id": item["id"], "invitations": invs, "starts_at": start}

    # --- direct database access, as an operator would have (service tests) ---------------------------------
    def update(self, table: str, row_id: str, **values: Any) -> dict[str, Any]:
        """Change a row straight in the database (new seq; access recomputed for meeting-related tables)."""
        with self.db.write(self.tenant_id) as tx:
            row = tx.update(table, row_id, values)
            if table in ("meetings", "invitations", "meeting_shares") and row.get("meeting_id"):
                refresh_access(tx, row["meeting_id"])
        return row

    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        """A row as stored (private columns and tombstones included)."""
        with self.db.read() as conn:
            return Tx(conn, self.tenant_id).get(table, row_id, include_deleted=True)

    def rows(self, table: str, **where: Any) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            return Tx(conn, self.tenant_id).select(table, **where)


def make_world(db: Database) -> World:
    """Two organisations (Sở Tài chính, Sở Nội vụ) and the provincial office, with one person per role."""
    n = next(_counter)
    tag = f"t{n}{new_id()[:6]}"
    tenant = seed.create_tenant(db, f"Tỉnh thử nghiệm {n}")
    w = World(db=db, tenant_id=tenant, tag=tag)
    w.orgs["vp"] = seed.create_organisation(db, tenant, "Văn phòng UBND tỉnh", kind="office")
    w.orgs["so_tc"] = seed.create_organisation(db, tenant, "Sở Tài chính")
    w.orgs["so_nv"] = seed.create_organisation(db, tenant, "Sở Nội vụ")
    w.units["tc_ns"] = seed.create_unit(db, tenant, w.orgs["so_tc"], "Phòng Ngân sách")
    w.units["nv_tc"] = seed.create_unit(db, tenant, w.orgs["so_nv"], "Phòng Tổ chức")
    w.add_user("registrar", org="vp", roles=("registrar",))
    w.add_user("approver", org="vp", roles=("approver",))
    w.add_user("chair", org="vp", roles=("chair", "delegate"))
    w.add_user("secretary", org="vp", roles=("secretary",))
    w.add_user("delegate", org="so_tc", unit="tc_ns", full_name="Nguyễn Văn An", title="Giám đốc Sở Tài chính")
    w.add_user("colleague", org="so_tc", unit="tc_ns", full_name="Trần Thị Bình", title="Phó Giám đốc Sở Tài chính")
    w.add_user("outsider", org="so_nv", unit="nv_tc", full_name="Lê Văn Cường", title="Giám đốc Sở Nội vụ")
    w.add_user("rep", org="so_nv", unit="nv_tc", roles=("unit_representative", "delegate"), full_name="Phạm Thị Dung")
    w.add_user("nv_staff", org="so_nv", unit="nv_tc", full_name="Hoàng Văn Em")
    w.add_user("assistant", org="so_tc", unit="tc_ns", roles=("assistant",), full_name="Võ Thị Giang")
    return w
