"""The service's HTTP API as the client uses it (docs/protocol.md), over one ``httpx.Client``.

Errors are typed: :class:`OfflineError` (connection failures and timeouts: retry later),
:class:`AuthError` (the session is over: sign in again), :class:`ServiceError` (the service said no,
with its ``{code, message, params}``). A 401 ``not_authenticated`` is answered once by refreshing the
access token with the refresh token (rotated; the new one is handed to ``on_tokens`` to be kept).

Tokens: :class:`TokenVault` keeps the refresh token and device id with ``keyring`` (service "eCabinet",
username ``"<server>|<login>"``), never in a plain file. Without a usable keyring backend (headless
Linux) it keeps them in memory only and says so (``remember_device`` is False).
"""

from __future__ import annotations

import json
import logging
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ecabinet_client.domain.errors import render

if TYPE_CHECKING:
    import httpx  # imported by the first request (on a sync thread), not when the client starts

log = logging.getLogger(__name__)

KEYRING_SERVICE = "eCabinet"


class SyncError(Exception):
    """Base of the client's sync errors: ``code``, ``message`` (user's language), ``params``."""

    def __init__(self, code: str, message: str = "", params: dict | None = None, status: int | None = None) -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message or render(code, params)
        self.params = params or {}
        self.status = status


class OfflineError(SyncError):
    """The service could not be reached (connection refused, reset, timeout)."""


class AuthError(SyncError):
    """Not signed in any more: bad credentials, expired session, revoked device, disabled account."""


class ServiceError(SyncError):
    """Any other answer that is not 2xx."""


AUTH_CODES = {"bad_credentials", "not_authenticated", "device_revoked", "account_disabled", "password_expired"}


def error_from(response: httpx.Response) -> SyncError:
    try:
        err = response.json().get("error") or {}
    except (ValueError, AttributeError):
        err = {}
    code = err.get("code") or ("internal" if response.status_code >= 500 else "bad_request")
    message = err.get("message") or ""
    params = err.get("params") or {}
    if response.status_code == 401 or code in AUTH_CODES:
        return AuthError(code, message, params, response.status_code)
    if response.status_code in (502, 503, 504):
        return OfflineError(code, message, params, response.status_code)
    return ServiceError(code, message, params, response.status_code)


# --- tokens -------------------------------------------------------------------------------------------------
class TokenVault:
    """Refresh token and device id per server and login, in the OS keyring when there is one."""

    def __init__(self, *, persist: bool = True) -> None:
        """``persist=False``: the user chose not to remember this device; keep tokens in memory only."""
        self._memory: dict[str, dict[str, str]] = {}
        self._persist = persist
        self._usable: bool | None = None

    @property
    def remember_device(self) -> bool:
        """Whether tokens survive a restart. Probing the keyring (importing it, finding its backend, maybe a
        D-Bus round trip) is left to the first save or load, which the client does on a sync thread."""
        if self._usable is None:
            self._usable = self._persist and self._keyring_usable()
            if self._persist and not self._usable:
                log.warning("no usable keyring backend: the sign-in is kept in memory only (sign in again after a restart)")
        return self._usable

    @staticmethod
    def _keyring_usable() -> bool:
        try:
            import keyring
            from keyring.backends import fail

            backend = keyring.get_keyring()
            if isinstance(backend, fail.Keyring):
                return False
            try:
                from keyring.backends import chainer

                if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
                    return False
            except ImportError:  # pragma: no cover
                pass
            return True
        except Exception:  # noqa: BLE001 - any keyring trouble means "do not remember"
            return False

    @staticmethod
    def _user(server: str, login: str) -> str:
        return f"{server}|{login}"

    def save(self, server: str, login: str, *, refresh_token: str, device_id: str) -> None:
        secret = {"refresh_token": refresh_token, "device_id": device_id}
        self._memory[self._user(server, login)] = secret
        if self.remember_device:
            import keyring

            try:
                keyring.set_password(KEYRING_SERVICE, self._user(server, login), json.dumps(secret))
            except Exception as exc:  # noqa: BLE001
                log.warning("keyring refused the token (%s): kept in memory only", exc)

    def load(self, server: str, login: str) -> dict[str, str] | None:
        found = self._memory.get(self._user(server, login))
        if found is None and self.remember_device:
            import keyring

            try:
                raw = keyring.get_password(KEYRING_SERVICE, self._user(server, login))
            except Exception:  # noqa: BLE001
                raw = None
            if raw:
                found = json.loads(raw)
                self._memory[self._user(server, login)] = found
        return found

    def device_id(self, server: str, login: str) -> str | None:
        found = self.load(server, login)
        return found.get("device_id") if found else None

    def forget(self, server: str, login: str, *, keep_device: bool = True) -> None:
        """Drop the refresh token (sign-out); keep the device id so the next sign-in reuses the device."""
        found = self.load(server, login)
        self._memory.pop(self._user(server, login), None)
        if self.remember_device:
            import keyring

            try:
                if keep_device and found and found.get("device_id"):
                    keyring.set_password(KEYRING_SERVICE, self._user(server, login),
                                         json.dumps({"device_id": found["device_id"], "refresh_token": ""}))
                else:
                    keyring.delete_password(KEYRING_SERVICE, self._user(server, login))
            except Exception:  # noqa: BLE001 - nothing stored
                pass


# --- the API ------------------------------------------------------------------------------------------------
class Api:
    """One signed-in session with the service. Thread-safe (httpx.Client is)."""

    def __init__(self, server: str, *, language: str = "vi", timeout: float = 15.0,
                 on_tokens: Callable[[dict[str, Any]], None] | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.server = server.rstrip("/")
        self.language = language
        self.on_tokens = on_tokens
        self._timeout = timeout
        self._transport = transport
        self._http: httpx.Client | None = None
        self._http_lock = threading.Lock()
        self.access_token: str | None = None
        self.refresh_token: str | None = None
        self.device_id: str | None = None
        self.user: dict[str, Any] | None = None
        self._refresh_lock = threading.Lock()
        self._kept: Callable[[], dict[str, str] | None] | None = None
        self._ended: AuthError | None = None  # why the service refused the refresh token, once it did

    def use_kept_tokens(self, load: Callable[[], dict[str, str] | None]) -> None:
        """Sign in with a kept refresh token, read by ``load`` (the keyring) when the first request needs it,
        on that request's thread rather than the caller's."""
        self._kept = load

    def _can_refresh(self) -> bool:
        return bool(self.refresh_token or self._kept)

    @property
    def http(self) -> httpx.Client:
        """The connection pool, made at the first request: importing httpx costs a tenth of a second, which
        the client's start does not wait for (the calendar is painted from the store first)."""
        with self._http_lock:
            if self._http is None:
                import httpx

                self._http = httpx.Client(
                    base_url=self.server + "/api/v1",
                    timeout=httpx.Timeout(self._timeout, connect=min(5.0, self._timeout)),
                    headers={"Accept-Language": self.language, "User-Agent": "eCabinet-client"},
                    transport=self._transport,
                )
            return self._http

    def set_language(self, language: str) -> None:
        self.language = language
        with self._http_lock:
            if self._http is not None:
                self._http.headers["Accept-Language"] = language

    # --- plumbing ---------------------------------------------------------------------------------------
    def _send(self, method: str, path: str, *, auth: bool = True, **kw: Any) -> httpx.Response:
        headers = dict(kw.pop("headers", None) or {})
        if auth and self.access_token:
            headers["Authorization"] = "Bearer " + self.access_token
        http = self.http
        import httpx

        try:
            return http.request(method, path, headers=headers, **kw)
        except (httpx.TransportError, OSError) as exc:
            raise OfflineError("offline", str(exc) or type(exc).__name__) from exc

    def request(self, method: str, path: str, *, auth: bool = True, **kw: Any) -> httpx.Response:
        r = self._send(method, path, auth=auth, **kw)
        if auth and r.status_code == 401 and self._can_refresh() and self._code(r) == "not_authenticated":
            self.refresh()
            r = self._send(method, path, auth=auth, **kw)
        if r.status_code >= 400:
            raise self._why_ended() if r.status_code == 401 and self._ended else error_from(r)
        return r

    def _why_ended(self) -> AuthError:
        """The refusal of the refresh token (a revoked device, a disabled account), for every later request of
        any thread: the thread that meets the 401 next says why, not just "not authenticated"."""
        e = self._ended
        return AuthError(e.code, e.message, e.params, e.status)

    @staticmethod
    def _code(r: httpx.Response) -> str | None:
        try:
            return (r.json().get("error") or {}).get("code")
        except (ValueError, AttributeError):
            return None

    def json(self, method: str, path: str, **kw: Any) -> Any:
        return self.request(method, path, **kw).json()

    # --- authentication ---------------------------------------------------------------------------------
    def _take(self, tokens: dict[str, Any]) -> dict[str, Any]:
        self.access_token = tokens["access_token"]
        self.refresh_token = tokens["refresh_token"]
        self.device_id = tokens["device_id"]
        self.user = tokens["user"]
        if self.on_tokens:
            self.on_tokens(tokens)
        return tokens

    def login(self, login: str, password: str, *, device_id: str | None = None, device_name: str = "eCabinet") -> dict[str, Any]:
        body: dict[str, Any] = {"login": login, "password": password, "device_name": device_name}
        if device_id:
            body["device_id"] = device_id
        return self._take(self.json("POST", "/auth/login", auth=False, json=body))

    def resume(self, *, device_id: str, refresh_token: str) -> dict[str, Any]:
        """Start from a kept refresh token (no password)."""
        self.device_id, self.refresh_token = device_id, refresh_token
        return self.refresh()

    def refresh(self) -> dict[str, Any]:
        with self._refresh_lock:
            if self._kept is not None:
                load, self._kept = self._kept, None
                kept = load()
                if kept and kept.get("refresh_token") and not self.refresh_token:
                    self.device_id, self.refresh_token = kept["device_id"], kept["refresh_token"]
            if not self.refresh_token or not self.device_id:
                raise self._why_ended() if self._ended else AuthError("not_authenticated", "", {}, 401)
            body = {"device_id": self.device_id, "refresh_token": self.refresh_token}
            r = self._send("POST", "/auth/refresh", auth=False, json=body)
            if r.status_code >= 400:
                err = error_from(r)
                if isinstance(err, AuthError):
                    self.access_token = None
                    self.refresh_token = None
                    self._ended = err
                raise err
            self._ended = None
            return self._take(r.json())

    def logout(self) -> None:
        try:
            if self.access_token:
                self.request("POST", "/auth/logout")
        finally:
            self.access_token = None
            self.refresh_token = None

    def change_password(self, login: str, old_password: str, new_password: str) -> None:
        self.json("POST", "/auth/change-password", auth=False,
                  json={"login": login, "old_password": old_password, "new_password": new_password})

    def me(self) -> dict[str, Any]:
        return self.json("GET", "/me")

    @property
    def signed_in(self) -> bool:
        return bool(self.access_token or self._can_refresh())

    # --- sync ---------------------------------------------------------------------------------------------
    def pull(self, cursor: int, client_id: str, limit: int = 500) -> dict[str, Any]:
        return self.json("GET", "/sync/pull", params={"cursor": cursor, "client_id": client_id, "limit": limit})

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        return self.json("POST", "/sync/push", json={"client_id": client_id, "mutations": mutations})

    def checksum(self) -> dict[str, Any]:
        return self.json("GET", "/sync/checksum")

    # --- blobs --------------------------------------------------------------------------------------------
    def blobs_missing(self, hashes: list[str]) -> list[str]:
        return self.json("POST", "/blobs/check", json={"hashes": hashes})["missing"]

    def upload_offset(self, sha: str) -> int | None:
        """Bytes of an interrupted upload already received; None when the blob is complete."""
        answer = self.json("GET", f"/blobs/{sha}/upload")
        return None if answer.get("complete") else int(answer.get("offset") or 0)

    def upload_part(self, sha: str, size: int, offset: int, data: bytes) -> dict[str, Any]:
        return self.json("PUT", f"/blobs/{sha}", params={"size": size, "offset": offset}, content=data,
                         headers={"Content-Type": "application/octet-stream"}, timeout=120)

    @contextmanager
    def stream_blob(self, sha: str, start: int = 0) -> Iterator[httpx.Response]:
        """GET the blob (``Range: bytes=start-`` when resuming); the caller checks status and headers."""
        import httpx

        headers = {"Range": f"bytes={start}-"} if start else {}
        for attempt in (1, 2):
            if self.access_token:
                headers["Authorization"] = "Bearer " + self.access_token
            try:
                with self.http.stream("GET", f"/blobs/{sha}", headers=headers,
                                      timeout=httpx.Timeout(60, connect=5)) as r:
                    if r.status_code == 401 and attempt == 1 and self._can_refresh():
                        r.read()
                        if self._code(r) == "not_authenticated":
                            self.refresh()
                            continue
                    if r.status_code >= 400 and r.status_code != 416:
                        r.read()
                        raise error_from(r)
                    yield r
                    return
            except httpx.TransportError as exc:
                raise OfflineError("offline", str(exc) or type(exc).__name__) from exc

    # --- live events --------------------------------------------------------------------------------------
    @contextmanager
    def stream_events(self, last_event_id: int | None, *, read_timeout: float = 45.0) -> Iterator[httpx.Response]:
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        import httpx

        for attempt in (1, 2):
            if self.access_token:
                headers["Authorization"] = "Bearer " + self.access_token
            try:
                with self.http.stream("GET", "/events", headers=headers,
                                      timeout=httpx.Timeout(10, read=read_timeout)) as r:
                    if r.status_code == 401 and attempt == 1 and self._can_refresh():
                        r.read()
                        if self._code(r) == "not_authenticated":
                            self.refresh()
                            continue
                    if r.status_code >= 400:
                        r.read()
                        raise error_from(r)
                    yield r
                    return
            except httpx.TransportError as exc:
                raise OfflineError("offline", str(exc) or type(exc).__name__) from exc

    def close(self) -> None:
        with self._http_lock:
            if self._http is not None:
                self._http.close()
