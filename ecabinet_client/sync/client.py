"""The sync facade: the small public API the UI uses (documented in docs/client-api.md).

Plain Python, no Qt: the UI wraps it and turns :meth:`Client.observe` callbacks (which arrive on sync
threads) into signals. Reads come from the local store and work offline; writes are intents queued with
:meth:`Client.queue` (validated at once, shown optimistically, sent when the service is reachable).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from concurrent.futures import Future
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable

import platformdirs

from ecabinet_client.domain import text
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.rules import Rules, parse_time, utcnow
from ecabinet_client.faults import crash_point

from . import outbox
from .api import Api, AuthError, OfflineError, SyncError, TokenVault
from .engine import SyncEngine
from .store import APP_NAME, Store, store_path

log = logging.getLogger(__name__)

Listener = Callable[[str, Any], None]
RESPONSE_MUTATIONS = ("respond_invitation", "delegate_invitation", "assign_unit_invitation")


def config_folder(base: Path | str | None = None) -> Path:
    if base is not None:
        return Path(base)
    env = os.environ.get("ECABINET_CONFIG_DIR")
    return Path(env) if env else Path(platformdirs.user_config_dir(APP_NAME, APP_NAME))


class Accounts:
    """``accounts.json`` in the config folder: who signed in where (server, login, user id, name). No secrets."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "accounts.json"

    def load(self) -> dict[str, Any]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"last": None, "accounts": []}

    def remember(self, *, server: str, login: str, user_id: str, display_name: str, remembered: bool = False) -> None:
        """``remembered``: the refresh token is in the OS keyring (the next start may resume without a
        password); only that fact is written here, never a token."""
        data = self.load()
        data["accounts"] = [a for a in data["accounts"] if not (a["server"] == server and a["user_id"] == user_id)]
        data["accounts"].append({"server": server, "login": login, "user_id": user_id, "display_name": display_name,
                                 "remembered": remembered})
        data["last"] = {"server": server, "user_id": user_id}
        self._save(data)

    def signed_out(self, *, server: str, user_id: str) -> None:
        """The refresh token was forgotten: the next start asks for the password."""
        data = self.load()
        for a in data["accounts"]:
            if a["server"] == server and a["user_id"] == user_id:
                a["remembered"] = False
        self._save(data)

    def forget(self, *, server: str, user_id: str) -> None:
        data = self.load()
        data["accounts"] = [a for a in data["accounts"] if not (a["server"] == server and a["user_id"] == user_id)]
        if data.get("last") == {"server": server, "user_id": user_id}:
            data["last"] = None
        self._save(data)

    def last(self, server: str | None = None) -> dict[str, Any] | None:
        data = self.load()
        last = data.get("last")
        for a in reversed(data["accounts"]):
            if server is not None and a["server"] != server:
                continue
            if server is None and last and (a["server"], a["user_id"]) != (last["server"], last["user_id"]):
                continue
            return a
        return None

    def _save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)


class Client:
    """One user's eCabinet on one server: sign in, read, queue intents, observe, documents.

    Keyword arguments: ``base_dir`` (data folder; default the platform's), ``config_dir`` (where
    ``accounts.json`` lives), ``language`` (``vi``/``en``), ``live`` (SSE listener), ``auto_download``
    (documents of approved/ongoing meetings, or a predicate on the meeting row), ``poll_seconds``,
    ``autostart`` (start the engine's threads; tests drive :meth:`sync` by hand instead), ``vault``.
    """

    def __init__(self, server: str, *, base_dir: Path | str | None = None, config_dir: Path | str | None = None,
                 language: str = "vi", live: bool = True, auto_download: bool | Callable[[dict], bool] = True,
                 poll_seconds: float = 60.0, autostart: bool = True, vault: TokenVault | None = None,
                 rules: Rules | None = None) -> None:
        self.server = server.rstrip("/")
        self.base_dir = base_dir
        self.accounts = Accounts(config_folder(config_dir))
        self.language = language
        self.live = live
        self.auto_download = auto_download
        self.poll_seconds = poll_seconds
        self.autostart = autostart
        self.vault = vault or TokenVault()
        self.rules = rules or Rules.from_env()
        self.store: Store | None = None
        self.engine: SyncEngine | None = None
        self.api: Api | None = None
        self.login: str | None = None
        self.user: dict[str, Any] | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.RLock()

    # --- capabilities -------------------------------------------------------------------------------------
    @property
    def remember_device(self) -> bool:
        """True when the sign-in survives a restart (a keyring backend keeps the refresh token)."""
        return self.vault.remember_device

    # --- sign-in --------------------------------------------------------------------------------------------
    def _new_api(self, login: str) -> Api:
        def keep(tokens: dict[str, Any]) -> None:
            self.vault.save(self.server, login, refresh_token=tokens["refresh_token"], device_id=tokens["device_id"])

        return Api(self.server, language=self.language, on_tokens=keep)

    def sign_in(self, login: str, password: str, *, device_name: str = "eCabinet") -> dict[str, Any]:
        """Sign in online; opens (or creates) this user's store and starts syncing. Raises AuthError,
        OfflineError (the service is unreachable: see :meth:`open_offline`) or ServiceError."""
        self.close()
        api = self._new_api(login)
        try:
            tokens = api.login(login, password, device_id=self.vault.device_id(self.server, login), device_name=device_name)
        except BaseException:
            api.close()
            raise
        self._open(login, tokens["user"], api)
        self.accounts.remember(server=self.server, login=login, user_id=tokens["user"]["id"],
                               display_name=tokens["user"].get("full_name") or login,
                               remembered=self.vault.remember_device)
        return self.user

    def can_resume(self, login: str | None = None) -> bool:
        """Whether :meth:`resume` would open a remembered session: this device was remembered (a refresh
        token kept in the OS keyring) for the last user (or ``login``), whose store is on this device."""
        account = self._account(login)
        return bool(account and account.get("remembered")) and self._has_store(account)

    def resume(self, login: str | None = None) -> dict[str, Any]:
        """Start where the remembered user left off, without a password: the cached data at once, sync in
        the background with the kept refresh token (a revoked device or an expired session then ends the
        session, as on any refresh). Raises AuthError("not_authenticated") when there is nothing to resume."""
        if not self.can_resume(login):
            raise AuthError("not_authenticated", "", {"reason": "nothing remembered"})
        return self.open_offline(login)

    def _account(self, login: str | None) -> dict[str, Any] | None:
        """The last account signed in on this server, or ``login``'s."""
        if not login:
            return self.accounts.last(self.server)
        return next((a for a in reversed(self.accounts.load()["accounts"])
                     if a["server"] == self.server and a["login"] == login), None)

    def open_offline(self, login: str | None = None) -> dict[str, Any]:
        """Open the last user's (or ``login``'s) store without the network. Sync resumes by itself when the
        service answers and a kept refresh token is still valid; otherwise status says ``signed_out``."""
        self.close()
        account = self._account(login)
        if account is None:
            raise AuthError("not_authenticated", "", {"reason": "no cached account"})
        if not self._has_store(account):
            raise AuthError("not_authenticated", "", {"reason": "no local data"})
        api = self._new_api(account["login"])
        api.use_kept_tokens(lambda: self.vault.load(self.server, account["login"]))
        user = {"id": account["user_id"], "full_name": account.get("display_name")}
        self._open(account["login"], user, api)
        return self.user

    def _open(self, login: str, user: dict[str, Any], api: Api) -> None:
        with self._lock:
            store = Store(store_path(self.server, user["id"], self.base_dir))

            def init(tx) -> dict[str, Any]:  # noqa: ANN001
                if not tx.get_state("client_id"):
                    tx.set_state("client_id", self.new_id())
                tx.set_state("user_id", user["id"])
                tx.set_state("server", self.server)
                tx.set_state("login", login)
                if "tenant_id" in user:
                    tx.set_state("user", json.dumps(user, ensure_ascii=False))
                saved = tx.get_state("user")
                return json.loads(saved) if saved else user

            self.user = store.write(init)
            self.store, self.api, self.login = store, api, login
            store.observe(lambda tables: self._emit("changed", tables))
            self.engine = SyncEngine(store=store, api=api, user=self.user, client_id=store.state("client_id"),
                                     poll_seconds=self.poll_seconds, live=self.live,
                                     auto_download=self.auto_download, language=self.language)
            self.engine.observe(self._emit)
            if self.autostart:
                self.engine.start()

    def sign_out(self, *, wipe: bool = False) -> bool:
        """End the session on this device. ``wipe`` also deletes the local data, unless intents are still
        waiting to be sent (they are never dropped silently): then only the downloaded files are deleted
        and False is returned."""
        if self.store is None:
            return True
        pending = self.store.pending_count()
        server, login, user_id = self.server, self.login, self.user["id"]
        if self.engine is not None:
            self.engine.stop()
        try:
            if self.api is not None:
                self.api.logout()
        except SyncError as exc:
            log.info("sign-out could not reach the service (%s); the refresh token is forgotten locally", exc.code)
        if login:
            self.vault.forget(server, login)
            self.accounts.signed_out(server=server, user_id=user_id)
        folder = self.store.path.parent
        self.close()
        if not wipe:
            return True
        if pending:
            shutil.rmtree(folder / "blobs", ignore_errors=True)
            return False
        shutil.rmtree(folder, ignore_errors=True)
        self.accounts.forget(server=server, user_id=user_id)
        return True

    def set_language(self, language: str) -> None:
        """Messages of the service (and of refused intents from now on) in ``language``."""
        self.language = language
        if self.api is not None:
            self.api.set_language(language)
        if self.engine is not None:
            self.engine.language = language

    def has_offline_data(self, login: str | None = None) -> bool:
        """Whether :meth:`open_offline` would find a store (the last user's, or ``login``'s)."""
        account = self._account(login)
        return account is not None and self._has_store(account)

    def _has_store(self, account: dict[str, Any]) -> bool:
        return store_path(self.server, account["user_id"], self.base_dir).exists()

    def change_password(self, login: str, old_password: str, new_password: str) -> None:
        if self.api is not None:
            self.api.change_password(login, old_password, new_password)
            return
        api = Api(self.server, language=self.language)  # not signed in: the password has expired
        try:
            api.change_password(login, old_password, new_password)
        finally:
            api.close()

    def close(self) -> None:
        with self._lock:
            if self.engine is not None:
                self.engine.stop()
                self.engine = None
            if self.store is not None:
                self.store.close()
                self.store = None
            if self.api is not None:
                self.api.close()
                self.api = None

    # --- observing --------------------------------------------------------------------------------------------
    def observe(self, callback: Listener) -> Callable[[], None]:
        """``callback(event, payload)`` from sync threads: ``changed`` (set of table names), ``status`` (dict),
        ``failed`` (a refused intent), ``reconciled``, ``progress`` ((sha, done, total)), ``downloaded``,
        ``event`` (live event data), ``signed_out`` (code)."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def _emit(self, event: str, payload: Any = None) -> None:
        for fn in list(self._listeners):
            try:
                fn(event, payload)
            except Exception:  # noqa: BLE001
                log.exception("client listener failed")

    def status(self) -> dict[str, Any]:
        if self.engine is None:
            return {"online": False, "signed_in": False, "pending": 0, "last_sync_at": None, "last_error": None}
        st = self.engine.status()
        st["signed_in"] = True
        st["pending"] = self.store.pending_count() if self.store else 0
        st["downloads"] = dict(self.engine.downloader.progress) if self.engine.downloader else {}
        return st

    def sync(self) -> dict[str, Any]:
        """One blocking round (push, pull, reconcile) on the caller's thread; raises SyncError subclasses."""
        return self._need_engine().sync_once(reconcile=True)

    def sync_now(self) -> None:
        """Ask the engine's thread for a round soon; never blocks."""
        if self.engine is not None:
            self.engine.sync_now()

    def start_sync(self) -> None:
        """Start the engine's threads (made with ``autostart=False``: the UI paints the cached data first),
        or, when they run already, ask for a round soon."""
        engine = self._need_engine()
        if engine.running:
            engine.sync_now()
        else:
            engine.start()

    # --- reading -----------------------------------------------------------------------------------------------
    def _need_store(self) -> Store:
        if self.store is None:
            raise AuthError("not_authenticated", "", {"reason": "not signed in"})
        return self.store

    def _need_engine(self) -> SyncEngine:
        if self.engine is None:
            raise AuthError("not_authenticated", "", {"reason": "not signed in"})
        return self.engine

    def current_user(self) -> dict[str, Any] | None:
        if self.store is None or self.user is None:
            return None
        return self.store.row("users", self.user["id"]) or self.user

    def rows(self, table: str, where: str = "", params: tuple = ()) -> list[dict[str, Any]]:
        return self._need_store().rows(table, where, params)

    def row(self, table: str, row_id: str | None) -> dict[str, Any] | None:
        return self._need_store().row(table, row_id)

    def is_pending(self, table: str, row_id: str) -> bool:
        return self._need_store().is_pending(table, row_id)

    def pending_ids(self, table: str) -> set[str]:
        return self._need_store().pending_ids(table)

    def _mine(self, inv: dict[str, Any]) -> bool:
        me = self.user["id"]
        return inv.get("user_id") == me or inv.get("assigned_user_id") == me

    def meetings(self, start: datetime | str | None = None, end: datetime | str | None = None,
                 states: tuple[str, ...] | list[str] | None = None) -> list[dict[str, Any]]:
        """Visible meetings starting in [start, end), ascending, each with ``my_invitation`` and ``pending``."""
        store = self._need_store()
        lo = parse_time(start) if start else None
        hi = parse_time(end) if end else None
        me = self.user["id"]
        mine = {i["meeting_id"]: i for i in store.rows("invitations", "user_id = ? OR assigned_user_id = ?", (me, me))}
        pending = store.pending_ids("meetings") | {i["meeting_id"] for i in mine.values() if i.get("_pending")}
        # narrow by the date part in SQL (a day of margin covers any UTC offset), then exactly below
        where, params = [], []
        if lo:
            where.append("substr(starts_at, 1, 10) >= ?")
            params.append((lo - timedelta(days=1)).date().isoformat())
        if hi:
            where.append("substr(starts_at, 1, 10) <= ?")
            params.append((hi + timedelta(days=1)).date().isoformat())
        if states:
            where.append(f"state IN ({', '.join('?' * len(states))})")
            params += list(states)
        out = []
        for m in store.rows("meetings", " AND ".join(where), tuple(params)):
            if states and m.get("state") not in states:
                continue
            starts = parse_time(m["starts_at"])
            if (lo and starts < lo) or (hi and starts >= hi):
                continue
            out.append({**m, "my_invitation": mine.get(m["id"]), "pending": m["id"] in pending})
        out.sort(key=lambda m: (parse_time(m["starts_at"]), text.fold(m.get("title") or "")))
        return out

    def documents(self, meeting_id: str) -> list[dict[str, Any]]:
        store = self._need_store()
        docs = store.rows("documents", "meeting_id = ?", (meeting_id,))
        for d in docs:
            d["cached"] = self._cache_state(d)
        return sorted(docs, key=lambda d: (d.get("position") or 0, d.get("name") or ""))

    def _cache_state(self, doc: dict[str, Any]) -> str:
        """``complete``, ``partial``, ``downloading`` or ``missing``."""
        sha = doc.get("sha256")
        if not sha or self.store is None:
            return "missing"
        if (self.store.blob_dir / sha).exists():
            return "complete"
        if self.engine and self.engine.downloader and sha in self.engine.downloader.progress:
            return "downloading"
        return "partial" if (self.store.blob_dir / f"{sha}.part").exists() else "missing"

    def invitations(self, meeting_id: str | None = None) -> list[dict[str, Any]]:
        store = self._need_store()
        if meeting_id is None:
            return store.rows("invitations")
        return store.rows("invitations", "meeting_id = ?", (meeting_id,))

    def my_invitation(self, meeting_id: str) -> dict[str, Any] | None:
        for inv in self.invitations(meeting_id):
            if self._mine(inv):
                return inv
        return None

    def response_deadline(self, meeting: dict[str, Any] | str) -> datetime | None:
        m = self.row("meetings", meeting) if isinstance(meeting, str) else meeting
        if not m:
            return None
        return self.rules.response_deadline(m.get("kind") or "regular", parse_time(m["starts_at"]))

    def meeting(self, meeting_id: str) -> dict[str, Any] | None:
        """A meeting with ``agenda`` (items with their ``documents``), ``documents`` (all, with ``cached``),
        ``invitations``, ``my_invitation``, ``response_deadline``, ``conclusions`` and ``pending``."""
        store = self._need_store()
        m = store.row("meetings", meeting_id)
        if m is None:
            return None
        docs = self.documents(meeting_id)
        agenda = sorted(store.rows("agenda_items", "meeting_id = ?", (meeting_id,)), key=lambda a: a.get("position") or 0)
        for item in agenda:
            item["documents"] = [d for d in docs if d.get("agenda_item_id") == item["id"]]
        invitations = self.invitations(meeting_id)
        mine = next((i for i in invitations if self._mine(i)), None)
        return {
            **m,
            "agenda": agenda,
            "documents": docs,
            "invitations": invitations,
            "my_invitation": mine,
            "response_deadline": self.response_deadline(m),
            "conclusions": store.rows("conclusions", "meeting_id = ?", (meeting_id,)),
            "pending": bool(m.get("_pending") or (mine and mine.get("_pending"))),
        }

    def colleagues_for_substitute(self, query: str = "") -> list[dict[str, Any]]:
        """Active people of my organisation (not me) who may attend for me; accent-insensitive search."""
        store = self._need_store()
        me = self.current_user() or {}
        out = []
        for u in store.rows("users", "organisation_id = ?", (me.get("organisation_id"),)):
            if u["id"] == me.get("id") or u.get("active") is False:
                continue
            if query and not text.matches(query, u.get("full_name"), u.get("title"), u.get("username")):
                continue
            out.append(u)
        return sorted(out, key=lambda u: text.fold(u.get("full_name") or ""))

    def failed_mutations(self) -> list[dict[str, Any]]:
        return self._need_store().failed_mutations()

    def dismiss_failure(self, mutation_id: int) -> None:
        def drop(tx) -> None:  # noqa: ANN001
            tx.execute("DELETE FROM failed_mutations WHERE mutation_id = ?", (mutation_id,))
            tx.changed.add("failed_mutations")

        self._need_store().write(drop)

    # --- intents ---------------------------------------------------------------------------------------------
    @staticmethod
    def new_id() -> str:
        import uuid  # here, not at the top: every module imported before the first paint delays it

        return uuid.uuid4().hex

    def queue(self, name: str, /, **args: Any) -> int:
        """Queue an intent; returns its mutation id. Bad input raises DomainError at once (offline too);
        so does a response after the regulation's deadline when the meeting is in the store."""
        store = self._need_store()
        clean = outbox.validated(name, args)
        if name in RESPONSE_MUTATIONS:
            inv = store.row("invitations", clean["invitation_id"])
            m = store.row("meetings", inv["meeting_id"]) if inv else None
            if m is not None:
                self.rules.check_response(m.get("kind") or "regular", parse_time(m["starts_at"]), utcnow())
        if name == "respond_invitation" and clean["response"] == "declined" and not (clean.get("reason") or "").strip():
            raise DomainError("reason_required", status=422)
        user = self.user
        mutation_id = store.write(lambda tx: outbox.queue_in_tx(tx, user, name, clean))
        crash_point("client_after_local_write")
        self.sync_now()
        return mutation_id

    # --- documents -------------------------------------------------------------------------------------------
    def document_path(self, document_id: str) -> Path | None:
        """The verified local file of a document, or None while it is not downloaded."""
        doc = self.row("documents", document_id)
        if not doc or not doc.get("sha256"):
            return None
        path = self._need_store().blob_dir / doc["sha256"]
        return path if path.exists() else None

    def download(self, document_id: str) -> Future:
        """Fetch a document's file now (ahead of the automatic queue); a Future of its path."""
        doc = self.row("documents", document_id)
        if not doc:
            raise DomainError("not_found", status=404, what="document")
        return self._need_engine().download(doc["sha256"], doc.get("size"))

    def attach_document(self, meeting_id: str, path: Path | str, *, name: str | None = None,
                        agenda_item_id: str | None = None, classification: str = "unclassified",
                        mime: str = "application/pdf", progress: Callable[[str, int, int], None] | None = None) -> int:
        """Upload a file (resumable; skipped when the service already has it) and queue ``attach_document``.
        Needs the service (OfflineError otherwise); the attachment itself is an ordinary queued intent."""
        from ecabinet_client.domain.rules import check_classification

        check_classification(classification)  # MẬT and above are refused before a byte is sent
        path = Path(path)
        api = self.api
        if api is None:
            raise AuthError("not_authenticated", "", {})
        from .blobs import upload_file

        sha, size = upload_file(api, path, progress=progress)
        target = self._need_store().blob_dir / sha
        if not target.exists():  # our own upload: keep a verified copy, no need to download it again
            tmp = target.with_suffix(".copy")
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)
        return self.queue("attach_document", document_id=self.new_id(), meeting_id=meeting_id,
                          agenda_item_id=agenda_item_id, name=text.nfc(name or path.name), sha256=sha, size=size,
                          mime=mime, classification=classification)


__all__ = ["Client", "Accounts", "AuthError", "OfflineError", "SyncError", "DomainError"]
