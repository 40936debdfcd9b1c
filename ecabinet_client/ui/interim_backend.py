"""TEMPORARY stand-in for the sync facade (``ecabinet_client.sync.client``), used only until it lands.

It has the methods :class:`ecabinet_client.ui.session.Session` needs and nothing more: sign-in, a
pull/push of the sync protocol, an in-memory copy of the rows kept in a JSON file per user and server
(so that starting offline opens the last user's data), an outbox of queued intents, and document
downloads. It is deliberately simple (no SSE, no resumable downloads, no SQLite): the real store and
engine replace it; delete this file then. No widget imports it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import httpx

from ecabinet_client.domain.errors import render

from .session import SignInError

log = logging.getLogger(__name__)


class InterimBackend:
    def __init__(self, *, server: str, data_dir: Path, language: str = "vi") -> None:
        self.server = server.rstrip("/")
        self.data_dir = Path(data_dir)
        self.language = language
        self.user: dict = {}
        self.tables: dict[str, dict[str, dict]] = {}
        self.outbox: list[dict] = []
        self.failures: list[dict] = []
        self.cursor = 0
        self.client_id = uuid.uuid4().hex
        self.next_mutation = 1
        self.online = False
        self.last_sync: datetime | None = None
        self.download_progress = (0, 0)
        self._tokens: dict = {}
        self._observers: list[Callable[[str, Any], None]] = []
        self._lock = threading.RLock()
        self._reminded: set[str] = set()
        self._http = httpx.Client(base_url=self.server + "/api/v1", timeout=10,
                                  headers={"Accept-Language": language})

    # --- observers ----------------------------------------------------------------------------------
    def observe(self, fn: Callable[[str, Any], None]) -> None:
        self._observers.append(fn)

    def _emit(self, event: str, payload: Any = None) -> None:
        for fn in list(self._observers):
            fn(event, payload)

    # --- sign-in ------------------------------------------------------------------------------------
    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "users" / (self.user.get("id") or "anonymous")

    def _state_file(self) -> Path:
        return self.cache_dir / "store.json"

    def login(self, login: str, password: str, *, remember: bool = False) -> dict:
        try:
            r = self._http.post("/auth/login", json={"login": login, "password": password, "device_name": "eCabinet"})
        except httpx.HTTPError as exc:
            cached = self._last_user_file()
            raise SignInError("unreachable", str(exc), {"cached": cached.exists()}) from exc
        if r.status_code != 200:
            err = _error(r)
            raise SignInError(err.get("code", "internal"), err.get("message", ""), err.get("params"))
        self._tokens = r.json()
        self.user = self._tokens["user"]
        self._http.headers["Authorization"] = "Bearer " + self._tokens["access_token"]
        self.online = True
        self._load()
        self._last_user_file().parent.mkdir(parents=True, exist_ok=True)
        self._last_user_file().write_text(json.dumps({"user": self.user, "server": self.server}))
        return self.user

    def open_offline(self) -> dict:
        """The last signed-in user's cached data, without the network."""
        last = json.loads(self._last_user_file().read_text())
        self.user = last["user"]
        self._load()
        self.online = False
        return self.user

    def change_password(self, login: str, old: str, new: str) -> None:
        try:
            r = self._http.post("/auth/change-password", json={"login": login, "old_password": old, "new_password": new})
        except httpx.HTTPError as exc:
            raise SignInError("unreachable", str(exc)) from exc
        if r.status_code != 200:
            err = _error(r)
            raise SignInError(err.get("code", "internal"), err.get("message", ""), err.get("params"))

    def _last_user_file(self) -> Path:
        return self.data_dir / "last_user.json"

    def _load(self) -> None:
        f = self._state_file()
        if f.exists():
            state = json.loads(f.read_text())
            self.tables, self.outbox, self.cursor = state["tables"], state["outbox"], state["cursor"]
            self.client_id, self.next_mutation = state["client_id"], state["next_mutation"]
            self.failures = state.get("failures", [])

    def _save(self) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = self._state_file().with_suffix(".tmp")
        tmp.write_text(json.dumps({"tables": self.tables, "outbox": self.outbox, "cursor": self.cursor,
                                   "client_id": self.client_id, "next_mutation": self.next_mutation,
                                   "failures": self.failures}, ensure_ascii=False))
        tmp.replace(self._state_file())

    # --- reading ------------------------------------------------------------------------------------
    def rows(self, table: str) -> list[dict]:
        with self._lock:
            return list(self.tables.get(table, {}).values())

    def row(self, table: str, row_id: str | None) -> dict | None:
        with self._lock:
            return self.tables.get(table, {}).get(row_id) if row_id else None

    def is_pending(self, table: str, row_id: str) -> bool:
        with self._lock:
            return any(m.get("target") == [table, row_id] for m in self.outbox)

    def new_id(self) -> str:
        return uuid.uuid4().hex

    # --- intents ------------------------------------------------------------------------------------
    def queue(self, name: str, args: dict, *, optimistic: tuple[str, str, dict]) -> None:
        table, row_id, values = optimistic
        with self._lock:
            row = dict(self.tables.setdefault(table, {}).get(row_id) or {"id": row_id})
            row.update(values)
            self.tables[table][row_id] = row
            self.outbox.append({"mutation_id": self.next_mutation, "name": name, "args": args, "target": [table, row_id]})
            self.next_mutation += 1
            self._save()
        self._emit("changed", {table})
        self._emit("status")

    # --- sync ---------------------------------------------------------------------------------------
    def sync(self) -> None:
        try:
            self._push()
            self._pull()
        except httpx.HTTPStatusError as exc:
            err = _error(exc.response)
            if exc.response.status_code == 401 and err.get("code") in ("device_revoked", "not_authenticated"):
                self.online = False
                self._emit("signed_out", err.get("code"))
                return
            raise
        except httpx.HTTPError as exc:
            self.online = False
            self._emit("status")
            raise ConnectionError(str(exc)) from exc
        self.online = True
        self.last_sync = datetime.now(timezone.utc)
        self._emit("status")

    def _push(self) -> None:
        with self._lock:
            batch = [{k: m[k] for k in ("mutation_id", "name", "args")} for m in self.outbox]
        if not batch:
            return
        r = self._http.post("/sync/push", json={"client_id": self.client_id, "mutations": batch})
        r.raise_for_status()
        failed = []
        for res in r.json()["results"]:
            if res["status"] == "failed":
                m = next(m for m in self.outbox if m["mutation_id"] == res["mutation_id"])
                err = res["error"]
                failed.append({"name": m["name"], "args": m["args"], "code": err["code"],
                               "message": err.get("message") or render(err["code"], err.get("params"), self.language)})
        done = {res["mutation_id"] for res in r.json()["results"]}
        with self._lock:
            self.outbox = [m for m in self.outbox if m["mutation_id"] not in done]
            self.failures.extend(failed)
            self._save()
        for f in failed:
            self._emit("failed", f)

    def _pull(self) -> None:
        touched: set[str] = set()
        first = self.cursor == 0
        before_invs = set(self.tables.get("invitations", {}))
        before_meetings = set(self.tables.get("meetings", {}))
        changed_meetings: set[str] = set()
        while True:
            r = self._http.get("/sync/pull", params={"cursor": self.cursor, "client_id": self.client_id, "limit": 500})
            r.raise_for_status()
            page = r.json()
            with self._lock:
                for ch in page["changes"]:
                    t = self.tables.setdefault(ch["table"], {})
                    if ch["row"] is None:
                        t.pop(ch["id"], None)
                    else:
                        t[ch["id"]] = ch["row"]
                        if ch["table"] == "meetings":
                            changed_meetings.add(ch["id"])
                    touched.add(ch["table"])
                for mid in page.get("revoked_meetings") or []:
                    for t in self.tables.values():
                        for rid in [k for k, v in t.items() if v.get("meeting_id") == mid]:
                            t.pop(rid)
                self.cursor = page["cursor"]
                # re-apply optimistic changes still in the outbox (rebase)
                for m in self.outbox:
                    self._reapply(m)
            if not page["more"]:
                break
        with self._lock:
            self._save()
        if touched:
            self._emit("changed", touched)
        if not first:
            me = self.user["id"]
            for inv_id, inv in self.tables.get("invitations", {}).items():
                if inv_id not in before_invs and me in (inv.get("user_id"), inv.get("assigned_user_id")):
                    m = self.tables.get("meetings", {}).get(inv["meeting_id"]) or {}
                    self._emit("notify", ("invitation", m.get("title", ""), m.get("starts_at", "")))
            for mid in changed_meetings & before_meetings:
                m = self.tables["meetings"].get(mid) or {}
                mine = any(i["meeting_id"] == mid and me in (i.get("user_id"), i.get("assigned_user_id"))
                           for i in self.tables.get("invitations", {}).values())
                if mine:
                    self._emit("notify", ("changed", m.get("title", ""), m.get("state", "")))

    def _reapply(self, m: dict) -> None:
        table, row_id = m["target"]
        row = self.tables.get(table, {}).get(row_id)
        if row is None:
            return
        a = m["args"]
        if m["name"] == "respond_invitation":
            row.update(state=a["response"], reason=a.get("reason"))
        elif m["name"] == "delegate_invitation":
            row.update(state="delegated", substitute_id=a["substitute_id"])
        elif m["name"] == "assign_unit_invitation":
            row.update(assigned_user_id=a["user_id"])

    # --- documents ----------------------------------------------------------------------------------
    def document_path(self, document: dict) -> Path | None:
        p = self.cache_dir / "blobs" / document["sha256"]
        return p if p.exists() else None

    def download(self, document: dict, progress: Callable[[int, int], None] | None = None) -> Path:
        target = self.cache_dir / "blobs" / document["sha256"]
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_suffix(".part")
        h = hashlib.sha256()
        done = 0
        with self._http.stream("GET", f"/blobs/{document['sha256']}") as r, open(part, "wb") as f:
            r.raise_for_status()
            total = int(r.headers.get("content-length") or document.get("size") or 0)
            for chunk in r.iter_bytes(1 << 16):
                f.write(chunk)
                h.update(chunk)
                done += len(chunk)
                self.download_progress = (done, total)
                if progress:
                    progress(done, total)
        if h.hexdigest() != document["sha256"]:
            part.unlink()
            raise ValueError("hash mismatch")
        part.replace(target)
        self.download_progress = (0, 0)
        self._emit("status")
        return target

    def clear_downloads(self) -> int:
        freed = 0
        for p in (self.cache_dir / "blobs").glob("*"):
            freed += p.stat().st_size
            p.unlink()
        return freed

    def remind_once(self, meeting_id: str) -> bool:
        if meeting_id in self._reminded:
            return False
        self._reminded.add(meeting_id)
        return True

    def sign_out(self, *, wipe: bool) -> None:
        try:
            if self.online:
                self._http.post("/auth/logout")
        except httpx.HTTPError:
            pass
        if wipe:
            import shutil

            # pending changes are never silently dropped: keep the store if the outbox is not empty
            if self.outbox:
                self.clear_downloads()
            else:
                shutil.rmtree(self.cache_dir, ignore_errors=True)
                self._last_user_file().unlink(missing_ok=True)

    def close(self) -> None:
        self._http.close()


def _error(r: httpx.Response) -> dict:
    try:
        return r.json().get("error") or {}
    except ValueError:
        return {"code": "internal", "message": r.text[:200]}
