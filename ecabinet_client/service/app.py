"""The HTTP API of the sync service (FastAPI). See docs/protocol.md for the contract."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ecabinet_client import __version__
from ecabinet_client.domain import checkin as checkin_codes
from ecabinet_client.domain.errors import DomainError, pick_language, render
from ecabinet_client.domain.rules import iso, utcnow
from ecabinet_client.domain.schema import TABLES
from ecabinet_client.faults import crash_point

from . import handlers_live  # noqa: F401  (registers the live-meeting handlers)
from .access import cached_meeting_user_ids
from .auth import Auth
from .blobs import BlobStore, check_sha
from .config import ServiceConfig
from .db import Database, Savepoint, Tx, blobs, clients, documents_visible_sha, mutation_failures, synced, tenants
from .events import Hub, encode_event
from .handlers import Context, apply
from .pull import checksum, pull
from .writer import GroupWriter, Unit

log = logging.getLogger(__name__)

CLIENT_ID = r"^[0-9a-f]{32}$"
# the push statements, built once (building one costs ~0.1 ms; a 2,000-seat vote needs 200 pushes a second)
_CLIENT_ROW = sa.select(clients.c.user_id, clients.c.last_mutation_id).where(clients.c.client_id == sa.bindparam("client_id"))
_CLIENT_DONE = sa.update(clients).where(clients.c.client_id == sa.bindparam("b_client_id")).values(
    last_mutation_id=sa.bindparam("b_last_mutation_id"))
_TENANT_SEQ = sa.select(tenants.c.seq).where(tenants.c.id == sa.bindparam("tenant_id"))
_CLIENT_NEW = clients.insert()
_FAILURE = mutation_failures.insert()
# meeting events of which only the latest matters (a running count): coalesced per poll, see Hub.publish_latest
LATEST_ONLY = frozenset({"ballot_cast"})


# --- request and answer schemas (published in /openapi.json) ------------------------------------------------
class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginIn(Strict):
    login: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=1024)
    device_id: str | None = Field(default=None, pattern=CLIENT_ID)
    device_name: str = Field(default="", max_length=200)


class RefreshIn(Strict):
    device_id: str = Field(pattern=CLIENT_ID)
    refresh_token: str = Field(min_length=1, max_length=200)


class ChangePasswordIn(Strict):
    login: str = Field(min_length=1, max_length=320)
    old_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class TokensOut(BaseModel):
    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str
    device_id: str
    tenant_id: str
    user: dict[str, Any]


class MutationIn(Strict):
    mutation_id: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=100)
    args: dict[str, Any]


class PushIn(Strict):
    client_id: str = Field(pattern=CLIENT_ID)
    mutations: list[MutationIn] = Field(max_length=200)


class MutationResult(BaseModel):
    mutation_id: int
    status: str  # applied | unchanged | failed
    error: dict[str, Any] | None = None


class PushOut(BaseModel):
    results: list[MutationResult]
    last_mutation_id: int
    seq: int


class Change(BaseModel):
    table: str
    id: str
    seq: int
    row: dict[str, Any] | None


class PullOut(BaseModel):
    cursor: int
    more: bool
    must_refetch: bool
    changes: list[Change]
    revoked_meetings: list[str]
    last_mutation_id: int
    failures: list[dict[str, Any]]


class BlobCheckIn(Strict):
    hashes: list[str] = Field(max_length=10_000)


class BlobResponse(FileResponse):
    """A blob file (Range requests included, as FileResponse). Read in 1 MiB chunks instead of 64 KiB:
    every chunk is one trip to a worker thread, which limited a download to ~400 MB/s on loopback."""

    chunk_size = 1024 * 1024


class LimitsAndTiming:
    """Pure ASGI middleware (BaseHTTPMiddleware would copy every streamed chunk between tasks):
    refuses bodies over the limit with 413 before reading them, and adds a Server-Timing header."""

    def __init__(self, app, max_body_bytes: int) -> None:  # noqa: ANN001
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        if not scope["path"].startswith("/api/v1/blobs/"):
            for name, value in scope["headers"]:
                if name == b"content-length" and (not value.isdigit() or int(value) > self.max_body_bytes):
                    language = pick_language(dict(scope["headers"]).get(b"accept-language", b"").decode("latin-1"))
                    err = DomainError("too_large", status=413, limit=self.max_body_bytes)
                    await JSONResponse({"error": err.to_json(language)}, status_code=413)(scope, receive, send)
                    return

        async def send_timed(message) -> None:  # noqa: ANN001
            if message["type"] == "http.response.start":
                dur = f"app;dur={(time.perf_counter() - started) * 1000:.3f}".encode()
                message["headers"] = [*message.get("headers", []), (b"server-timing", dur)]
            await send(message)

        await self.app(scope, receive, send_timed)


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    """A request header (``name`` in lower case), straight from the ASGI scope."""
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


@dataclass
class Caller:
    user: dict[str, Any]
    device_id: str
    language: str

    @property
    def user_id(self) -> str:
        return self.user["id"]

    @property
    def tenant_id(self) -> str:
        return self.user["tenant_id"]


def create_app(config: ServiceConfig) -> FastAPI:
    config.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(config.db_url)
    auth = Auth(db, config)
    store = BlobStore(config.blob_dir)
    hub = Hub()
    writer = GroupWriter(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        hub.bind(asyncio.get_running_loop())
        pinger = asyncio.create_task(hub.ping_forever(config.sse_ping_seconds))
        # what the start made (FastAPI, SQLAlchemy, the routes: ~95,000 objects) lives as long as the
        # process: frozen out of the cyclic collector, a full collection walks only newer objects (65 ms
        # before, 0.1 ms after; such pauses were the tail of the ballots' latency in bench_vote)
        gc.collect()
        gc.freeze()
        yield
        pinger.cancel()
        writer.stop()
        db.dispose()

    app = FastAPI(
        title="eCabinet sync service",
        version=__version__,
        description="Phòng họp không giấy: the authoritative record and the sync protocol of docs/protocol.md.",
        lifespan=lifespan,
    )
    app.state.db = db
    app.state.writer = writer
    app.state.hub = hub
    app.state.blobs = store
    app.state.config = config

    def lang(request: Request) -> str:
        return pick_language(request.headers.get("accept-language"))

    # --- errors: always JSON, in the caller's language, never a traceback ---------------------------------
    @app.exception_handler(DomainError)
    async def on_domain_error(request: Request, exc: DomainError) -> JSONResponse:
        headers = {"Retry-After": str(exc.params["seconds"])} if exc.code == "too_many_attempts" else None
        return JSONResponse({"error": exc.to_json(lang(request))}, status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        err = DomainError("bad_request", status=422, detail=f"{where}: {first.get('msg', 'invalid')}")
        return JSONResponse({"error": err.to_json(lang(request))}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # the framework's own errors (an unreadable body, an unknown path, a wrong method) in the protocol's shape
        status = exc.status_code
        if status == 404:
            err = DomainError("not_found", status=404, what=request.url.path)
        else:
            err = DomainError("bad_request", status=status, detail=str(exc.detail))
        return JSONResponse({"error": err.to_json(lang(request))}, status_code=status, headers=exc.headers)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": DomainError("internal", status=500).to_json(lang(request))}, status_code=500)

    app.add_middleware(LimitsAndTiming, max_body_bytes=config.max_body_bytes)

    # --- authentication --------------------------------------------------------------------------------------
    def caller(request: Request, authorization: str | None = Header(default=None)) -> Caller:
        if not authorization or not authorization.lower().startswith("bearer "):
            raise DomainError("not_authenticated", status=401)
        with db.read() as conn:
            user, device_id = auth.authenticate(conn, authorization[7:].strip())
        return Caller(user=user, device_id=device_id, language=lang(request))

    @app.get("/api/v1/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__}

    @app.post("/api/v1/auth/login", response_model=TokensOut)
    def login(body: LoginIn) -> dict[str, Any]:
        return auth.login(body.login, body.password, body.device_id, body.device_name)

    @app.post("/api/v1/auth/refresh", response_model=TokensOut)
    def refresh(body: RefreshIn) -> dict[str, Any]:
        return auth.refresh(body.device_id, body.refresh_token)

    @app.post("/api/v1/auth/logout")
    def logout(who: Caller = Depends(caller)) -> dict[str, Any]:
        auth.logout(who.device_id)
        return {"ok": True}

    @app.post("/api/v1/auth/change-password")
    def change_password(body: ChangePasswordIn) -> dict[str, Any]:
        auth.change_password(body.login, body.old_password, body.new_password)
        return {"ok": True}

    @app.get("/api/v1/me")
    def me(who: Caller = Depends(caller)) -> dict[str, Any]:
        public = {k: v for k, v in who.user.items() if k in TABLES["users"].public_columns}
        return {"user": public, "tenant_id": who.tenant_id, "device_id": who.device_id}

    @app.get("/api/v1/devices")
    def list_devices(who: Caller = Depends(caller)) -> dict[str, Any]:
        return {"devices": auth.list_devices(who.user_id)}

    @app.delete("/api/v1/devices/{device_id}")
    def revoke_device(device_id: str, who: Caller = Depends(caller)) -> dict[str, Any]:
        auth.revoke_device(who.user, device_id)
        return {"ok": True}

    # --- sync --------------------------------------------------------------------------------------------------
    @app.get("/api/v1/sync/pull", response_model=PullOut)
    def sync_pull(
        who: Caller = Depends(caller),
        cursor: int = Query(0, ge=0),
        limit: int = Query(500, ge=1, le=5000),
        client_id: str | None = Query(None, pattern=CLIENT_ID),
    ) -> dict[str, Any]:
        with db.read() as conn:
            answer = pull(
                conn,
                tenant_id=who.tenant_id,
                user_id=who.user_id,
                client_id=client_id,
                cursor=cursor,
                limit=limit,
                is_sqlite=db.is_sqlite,
            )
        for failure in answer["failures"]:
            failure["message"] = render(failure["code"], failure["params"], who.language)
        return answer

    @app.get("/api/v1/sync/checksum")
    def sync_checksum(who: Caller = Depends(caller)) -> dict[str, Any]:
        with db.read() as conn:
            return checksum(conn, tenant_id=who.tenant_id, user_id=who.user_id, is_sqlite=db.is_sqlite)

    async def bearer_claims(request: Request) -> dict[str, Any]:
        """The verified claims of the bearer token, on the event loop (a remembered token costs a dict lookup);
        the device and the user are checked by the push itself, in its write transaction. (The header is read
        from the scope: a ``Header()`` parameter cost ~0.2 ms of FastAPI's parameter machinery per request.)"""
        authorization = _header(request.scope, b"authorization")
        if not authorization or not authorization.lower().startswith("bearer "):
            raise DomainError("not_authenticated", status=401)
        return auth.claims(authorization[7:].strip())

    @app.post("/api/v1/sync/push", response_model=PushOut)
    async def sync_push(request: Request, body: PushIn, claims: dict[str, Any] = Depends(bearer_claims)) -> Response:
        # applied by the group writer (service/writer.py): pushes that queue up meanwhile share a transaction
        language = pick_language(_header(request.scope, b"accept-language"))
        answer = await asyncio.wrap_future(writer.submit(lambda unit: _push(unit, claims, body, language)))
        return JSONResponse(answer)

    def _push(unit: Unit, claims: dict[str, Any], body: PushIn, language: str) -> dict[str, Any]:
        """One push, inside its unit's savepoint of a group transaction. DomainError (not signed in, forbidden,
        too large) drops the whole push; a failing mutation only itself (its own savepoint)."""
        conn = unit.conn
        user, device_id = auth.check(conn, claims)
        who = Caller(user=user, device_id=device_id, language=language)
        if len(body.mutations) > config.max_push_mutations:
            raise DomainError("too_large", status=413, limit=config.max_push_mutations)
        # the client's counter is read once: within this transaction only this push moves it
        last = _register_client(conn, who, body.client_id)
        results = []
        published = []
        for i, mutation in enumerate(sorted(body.mutations, key=lambda mu: mu.mutation_id)):
            result, last, publish = _apply_one(unit, who, user if i == 0 else None, body.client_id, mutation, last)
            results.append(result)
            if publish is not None:
                published.append(publish)
        # the tenant's seq now: the one this push took last, if it took one (seqs only grow within a transaction)
        seq = published[-1][1] if published else conn.execute(_TENANT_SEQ, {"tenant_id": who.tenant_id}).scalar_one()

        def then() -> None:
            crash_point("push_after_commit")
            for publish in published:
                _publish(*publish)

        unit.then = then
        return {"results": results, "last_mutation_id": last, "seq": seq}

    def _register_client(conn: sa.Connection, who: Caller, client_id: str) -> int:
        """Bind a new client id to the caller (403 if it is another user's); its last mutation id."""
        row = conn.execute(_CLIENT_ROW, {"client_id": client_id}).first()
        if row is None:
            conn.execute(_CLIENT_NEW, {"client_id": client_id, "user_id": who.user_id, "last_mutation_id": 0})
            return 0
        if row.user_id != who.user_id:
            raise DomainError("forbidden", status=403)
        return row.last_mutation_id

    def _apply_one(unit: Unit, who: Caller, user: dict[str, Any] | None, client_id: str,
                   mutation: MutationIn, last: int) -> tuple[dict[str, Any], int, tuple | None]:
        """One mutation in its own savepoint and with its own seq, ``last`` being the client's last mutation id:
        (result, the client's last mutation id after it, what to publish)."""
        conn = unit.conn
        if mutation.mutation_id <= last:
            return {"mutation_id": mutation.mutation_id, "status": "unchanged", "error": None}, last, None
        tx = Tx(conn, who.tenant_id)
        # the acting user is read inside the transaction: roles may have changed since sign-in (or by the
        # push's previous mutation); the first mutation has the row the authentication just read
        if user is None:
            user = tx.get("users", who.user_id)
        ctx = Context(tx=tx, user=user, rules=config.rules)
        savepoint = Savepoint(conn)
        try:
            apply(ctx, mutation.name, mutation.args)
            savepoint.commit()
            result: dict[str, Any] = {"mutation_id": mutation.mutation_id, "status": "applied", "error": None}
        except DomainError as exc:
            savepoint.rollback()
            tx._seq = None
            tx.events.clear()
            tx.access_changed_users.clear()
            conn.execute(_FAILURE, {
                "client_id": client_id, "mutation_id": mutation.mutation_id, "name": mutation.name, "code": exc.code,
                "params": json.dumps(exc.params, ensure_ascii=False, default=str), "at": iso(utcnow())})
            result = {"mutation_id": mutation.mutation_id, "status": "failed", "error": exc.to_json(who.language)}
        conn.execute(_CLIENT_DONE, {"b_client_id": client_id, "b_last_mutation_id": mutation.mutation_id})
        unit.after_commit.extend(tx.after_commit)
        publish = (who.tenant_id, tx.seq, list(tx.events), set(tx.access_changed_users), mutation.name) if tx.wrote else None
        return result, mutation.mutation_id, publish

    def _publish(tenant_id: str, seq: int, events, access_users: set[str], name: str) -> None:  # noqa: ANN001
        sent_to: set[str] = set()
        for ev in events:
            if ev.user_ids is not None:
                targets = frozenset(ev.user_ids)
            elif ev.meeting_id is not None:
                targets = cached_meeting_user_ids(db, ev.meeting_id)
            else:
                targets = None
            meeting_id = ev.meeting_id if targets is not None else None
            if ev.kind in LATEST_ONLY and ev.user_ids is None and meeting_id is not None:
                key = (tenant_id, meeting_id, ev.kind, ev.payload.get("poll_id"))
                hub.publish_latest(key, tenant_id, seq, ev.kind, meeting_id, targets, ev.payload)
            else:
                hub.publish(tenant_id, seq, ev.kind, meeting_id, targets, ev.payload)
            if targets is not None:
                sent_to |= targets
        rest = access_users - sent_to
        if rest:
            hub.publish(tenant_id, seq, "access_changed", None, rest, {})

    # --- live events --------------------------------------------------------------------------------------------
    @app.get("/api/v1/events")
    async def events(
        request: Request,
        last_event_id_q: int | None = Query(None, alias="last_event_id", ge=0),
        last_event_id_h: str | None = Header(None, alias="Last-Event-ID"),
        authorization: str | None = Header(default=None),
    ) -> StreamingResponse:
        who = await run_in_threadpool(caller, request, authorization)
        last_id = last_event_id_q
        if last_id is None and last_event_id_h and last_event_id_h.isdigit():
            last_id = int(last_event_id_h)
        sub = hub.subscribe(who.tenant_id, who.user_id)

        async def stream():  # noqa: ANN202
            try:
                if last_id is not None:
                    current = await run_in_threadpool(_tenant_seq, who.tenant_id)
                    if current > last_id:
                        yield encode_event(current, "resume", None, {})
                else:
                    yield b": connected\r\n\r\n"
                while True:
                    seq, data = await sub.queue.get()
                    if sub.overflowed:
                        # the reader fell behind: drop the backlog and tell it to pull once
                        sub.overflowed = False
                        while not sub.queue.empty():
                            later, _ = sub.queue.get_nowait()
                            seq = later if later is not None else seq
                        if seq is not None:
                            data = encode_event(seq, "resume", None, {})
                    yield data
            finally:
                hub.unsubscribe(sub)

        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)

    def _tenant_seq(tenant_id: str) -> int:
        with db.read() as conn:
            return conn.execute(sa.select(tenants.c.seq).where(tenants.c.id == tenant_id)).scalar_one()

    # --- the rotating check-in code of a meeting (chair and secretary only; see domain/checkin.py) -----------
    @app.get("/api/v1/meetings/{meeting_id}/checkin-code")
    def checkin_code(meeting_id: str, who: Caller = Depends(caller)) -> dict[str, Any]:
        meetings = synced["meetings"]
        with db.read() as conn:
            row = conn.execute(
                sa.select(meetings.c.chair_id, meetings.c.secretary_id, meetings.c.checkin_secret).where(
                    meetings.c.id == meeting_id, meetings.c.tenant_id == who.tenant_id, meetings.c.deleted == sa.false()
                )
            ).first()
        if row is None or who.user_id not in (row.chair_id, row.secretary_id) or not row.checkin_secret:
            raise DomainError("not_found", status=404, what="meeting")
        window = checkin_codes.window_seconds()
        code, expires_in = checkin_codes.current_code(row.checkin_secret, meeting_id, window=window)
        return {"code": code, "expires_in": round(expires_in, 3), "window_seconds": window,
                "qr_payload": checkin_codes.qr_payload(meeting_id, code)}

    # --- blobs --------------------------------------------------------------------------------------------------
    @app.post("/api/v1/blobs/check")
    def blobs_check(body: BlobCheckIn, who: Caller = Depends(caller)) -> dict[str, Any]:
        hashes = [check_sha(h) for h in body.hashes]
        return {"missing": [h for h in hashes if not store.exists(h)]}

    @app.get("/api/v1/blobs/{sha}/upload")
    def blob_upload_offset(sha: str, who: Caller = Depends(caller)) -> dict[str, Any]:
        check_sha(sha)
        if store.exists(sha):
            return {"offset": None, "complete": True}
        return {"offset": store.offset(sha), "complete": False}

    @app.put("/api/v1/blobs/{sha}")
    async def blob_upload(
        sha: str,
        request: Request,
        size: int = Query(ge=0),
        offset: int = Query(0, ge=0),
        authorization: str | None = Header(default=None),
    ) -> dict[str, Any]:
        who = await run_in_threadpool(caller, request, authorization)
        check_sha(sha)
        if size > config.max_blob_bytes:
            raise DomainError("too_large", status=413, limit=config.max_blob_bytes)
        if store.exists(sha):
            await _register_blob(sha, size, who.user_id)
            return {"complete": True, "sha256": sha, "size": size}
        # receive in the event loop, write in a thread, 4 MiB at a time
        buffered = bytearray()
        new_offset = offset
        first = True
        async for chunk in request.stream():
            buffered += chunk
            if len(buffered) >= 4 * 1024 * 1024:
                data = bytes(buffered)
                buffered.clear()
                new_offset = await run_in_threadpool(store.append, sha, new_offset, [data], size, config.max_blob_bytes)
                first = False
        if buffered or first:
            new_offset = await run_in_threadpool(
                store.append, sha, new_offset, [bytes(buffered)], size, config.max_blob_bytes
            )
        if new_offset < size:
            return {"complete": False, "offset": new_offset}
        await run_in_threadpool(store.finalize, sha)
        await _register_blob(sha, size, who.user_id)
        return {"complete": True, "sha256": sha, "size": size}

    async def _register_blob(sha: str, size: int, user_id: str) -> None:
        def register() -> None:
            with db.write_conn() as conn:
                if conn.execute(sa.select(blobs.c.sha256).where(blobs.c.sha256 == sha)).first() is None:
                    conn.execute(blobs.insert().values(sha256=sha, size=size, uploaded_by=user_id, created_at=iso(utcnow())))

        await run_in_threadpool(register)

    @app.get("/api/v1/blobs/{sha}")
    def blob_download(sha: str, who: Caller = Depends(caller)) -> Response:
        check_sha(sha)
        with db.read() as conn:
            visible = documents_visible_sha(conn, who.tenant_id, who.user_id, sha)
        if not visible or not store.exists(sha):
            raise DomainError("not_found", status=404, what="file")
        return BlobResponse(
            store.path(sha),
            media_type="application/octet-stream",
            headers={"ETag": f'"{sha}"', "Cache-Control": "private, immutable"},
        )

    return app
