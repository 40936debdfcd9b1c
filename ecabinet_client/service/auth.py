"""Sign-in, tokens and devices.

Passwords are hashed with argon2id (argon2-cffi). An access token is a short-lived JWT naming the user, the
tenant and the device; a refresh token is a random secret bound to one registered device, stored only as
its SHA-256 and rotated on every use. Revoking a device stops both at once: every request checks it.
Repeated failed sign-ins for one login are slowed down: after ``login_free_attempts`` failures the caller
must wait, doubling each time (429 with Retry-After).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import jwt
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.domain.rules import iso, parse_time, utcnow

from .config import ServiceConfig
from .db import Database, decode, devices, login_failures, new_id, synced
from ecabinet_client.domain.schema import TABLES

hasher = PasswordHasher()
_DUMMY_HASH = hasher.hash("not a real password")


def hash_password(password: str) -> str:
    return hasher.hash(password)


def load_secret(data_dir: Path) -> bytes:
    """The token-signing key: made once, kept in the data folder readable by the service only."""
    path = data_dir / "token-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(secrets.token_bytes(32))
        tmp.chmod(0o600)
        tmp.replace(path)
    return path.read_bytes()


# every request authenticates: its two statements are built once
_DEVICE_REVOKED_AT = sa.select(devices.c.revoked_at).where(devices.c.id == sa.bindparam("device_id"))
_USER_BY_ID = sa.select(synced["users"]).where(synced["users"].c.id == sa.bindparam("user_id"))


_VERIFIED_MAX = 50_000


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Auth:
    def __init__(self, db: Database, config: ServiceConfig) -> None:
        self.db = db
        self.config = config
        self.secret = load_secret(config.data_dir)
        self._verified: dict[str, dict[str, Any]] = {}  # token -> claims (see claims())

    # --- sign-in ---------------------------------------------------------------------------------------
    def _find_user(self, conn: sa.Connection, login: str) -> dict[str, Any] | None:
        users = synced["users"]
        login = login.strip()
        row = conn.execute(
            sa.select(users).where(
                sa.or_(users.c.username == login, sa.func.lower(users.c.email) == login.lower()),
                users.c.deleted == sa.false(),
            )
        ).first()
        return decode(TABLES["users"], row) if row else None

    def _check_throttle(self, conn: sa.Connection, key: str) -> None:
        row = conn.execute(sa.select(login_failures).where(login_failures.c.login == key)).first()
        if row is None or row.count < self.config.login_free_attempts:
            return
        delay = min(2 ** (row.count - self.config.login_free_attempts), self.config.login_max_delay_s)
        wait = row.last_at + delay - time.time()
        if wait > 0:
            raise DomainError("too_many_attempts", status=429, seconds=int(wait) + 1)

    def _record_failure(self, key: str) -> None:
        with self.db.write_conn() as conn:
            row = conn.execute(sa.select(login_failures).where(login_failures.c.login == key)).first()
            if row is None:
                conn.execute(login_failures.insert().values(login=key, count=1, last_at=time.time()))
            else:
                conn.execute(
                    sa.update(login_failures)
                    .where(login_failures.c.login == key)
                    .values(count=row.count + 1, last_at=time.time())
                )

    def verify_password(self, login: str, password: str) -> dict[str, Any]:
        key = login.strip().lower()
        with self.db.read() as conn:
            self._check_throttle(conn, key)
            user = self._find_user(conn, login)
        try:
            hasher.verify(user["password_hash"] if user else _DUMMY_HASH, password)
            ok = user is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            self._record_failure(key)
            raise DomainError("bad_credentials", status=401)
        with self.db.write_conn() as conn:
            conn.execute(sa.delete(login_failures).where(login_failures.c.login == key))
        if not user.get("active", True):
            raise DomainError("account_disabled", status=403)
        return user

    def login(self, login: str, password: str, device_id: str | None, device_name: str) -> dict[str, Any]:
        user = self.verify_password(login, password)
        changed = user.get("password_changed_at")
        if self.config.rules.password_expired(parse_time(changed) if changed else None, utcnow()):
            raise DomainError("password_expired", status=403, days=int(self.config.rules.password_max_age_days))
        refresh = secrets.token_urlsafe(32)
        now = iso(utcnow())
        with self.db.write_conn() as conn:
            existing = None
            if device_id:
                existing = conn.execute(sa.select(devices).where(devices.c.id == device_id)).first()
                if existing is not None and (existing.user_id != user["id"] or existing.revoked_at):
                    # a revoked device, or another person's: register a new one
                    existing = None
                    device_id = None
            if existing is None:
                device_id = new_id()
                conn.execute(
                    devices.insert().values(
                        id=device_id,
                        tenant_id=user["tenant_id"],
                        user_id=user["id"],
                        name=device_name[:200],
                        refresh_hash=_sha(refresh),
                        created_at=now,
                        last_seen_at=now,
                    )
                )
            else:
                conn.execute(
                    sa.update(devices).where(devices.c.id == device_id).values(refresh_hash=_sha(refresh), last_seen_at=now)
                )
        return self._tokens(user, device_id, refresh)

    def refresh(self, device_id: str, refresh_token: str) -> dict[str, Any]:
        with self.db.write_conn() as conn:
            row = conn.execute(sa.select(devices).where(devices.c.id == device_id)).first()
            if row is None or not secrets.compare_digest(row.refresh_hash or "", _sha(refresh_token)):
                raise DomainError("not_authenticated", status=401)
            if row.revoked_at:
                raise DomainError("device_revoked", status=401)
            users = synced["users"]
            user_row = conn.execute(sa.select(users).where(users.c.id == row.user_id)).first()
            user = decode(TABLES["users"], user_row)
            if not user.get("active", True) or user_row.deleted:
                raise DomainError("account_disabled", status=403)
            new_refresh = secrets.token_urlsafe(32)
            conn.execute(
                sa.update(devices)
                .where(devices.c.id == device_id)
                .values(refresh_hash=_sha(new_refresh), last_seen_at=iso(utcnow()))
            )
        return self._tokens(user, device_id, new_refresh)

    def _tokens(self, user: dict[str, Any], device_id: str, refresh: str) -> dict[str, Any]:
        expires = timedelta(minutes=self.config.access_token_minutes)
        token = jwt.encode(
            {"sub": user["id"], "tid": user["tenant_id"], "did": device_id, "exp": utcnow() + expires},
            self.secret,
            algorithm="HS256",
        )
        public = {k: v for k, v in user.items() if k in TABLES["users"].public_columns}
        return {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": int(expires.total_seconds()),
            "refresh_token": refresh,
            "device_id": device_id,
            "tenant_id": user["tenant_id"],
            "user": public,
        }

    def change_password(self, login: str, old_password: str, new_password: str) -> None:
        user = self.verify_password(login, old_password)
        rules = self.config.rules
        if len(new_password) < rules.password_min_length or new_password == old_password:
            raise DomainError("weak_password", status=422, min_length=rules.password_min_length)
        with self.db.write(user["tenant_id"]) as tx:
            tx.update("users", user["id"], {"password_hash": hash_password(new_password), "password_changed_at": iso(tx.now)})

    # --- requests ----------------------------------------------------------------------------------------
    def claims(self, token: str) -> dict[str, Any]:
        """The verified claims of an access token, or DomainError 401. Thread-safe.

        Checking a signature with PyJWT costs ~0.3 ms; a client sends the same token for up to
        ``access_token_minutes``, so verified tokens are remembered (by their exact text, until their ``exp``).
        The device and the user are still checked on every request (:meth:`check`)."""
        hit = self._verified.get(token)
        if hit is not None and hit["exp"] > time.time():
            return hit
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"])
        except jwt.PyJWTError as exc:
            raise DomainError("not_authenticated", status=401) from exc
        if not isinstance(claims.get("exp"), (int, float)) or not claims.get("did") or not claims.get("sub"):
            raise DomainError("not_authenticated", status=401)
        if len(self._verified) >= _VERIFIED_MAX:
            self._verified.clear()  # simpler than LRU, and rare: as many tokens as the limit within their lifetime
        self._verified[token] = claims
        return claims

    def authenticate(self, conn: sa.Connection, token: str) -> tuple[dict[str, Any], str]:
        """The user row and device id of a bearer token, or DomainError 401."""
        return self.check(conn, self.claims(token))

    def check(self, conn: sa.Connection, claims: dict[str, Any]) -> tuple[dict[str, Any], str]:
        """The user row and device id of verified ``claims`` (:meth:`claims`), if the device is not revoked and
        the user active (read in ``conn``'s transaction); otherwise DomainError 401/403."""
        device = conn.execute(_DEVICE_REVOKED_AT, {"device_id": claims["did"]}).first()
        if device is None:
            raise DomainError("not_authenticated", status=401)
        if device.revoked_at:
            raise DomainError("device_revoked", status=401)
        row = conn.execute(_USER_BY_ID, {"user_id": claims["sub"]}).first()
        if row is None or row.deleted or not row.active:
            raise DomainError("account_disabled", status=403)
        return decode(TABLES["users"], row), claims["did"]

    def logout(self, device_id: str) -> None:
        with self.db.write_conn() as conn:
            conn.execute(sa.update(devices).where(devices.c.id == device_id).values(refresh_hash=None))

    def list_devices(self, user_id: str) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            rows = conn.execute(sa.select(devices).where(devices.c.user_id == user_id).order_by(devices.c.created_at))
            return [
                {k: v for k, v in r._mapping.items() if k != "refresh_hash"} for r in rows
            ]

    def revoke_device(self, actor: dict[str, Any], device_id: str) -> None:
        with self.db.write_conn() as conn:
            row = conn.execute(sa.select(devices).where(devices.c.id == device_id)).first()
            is_admin = "admin" in (actor.get("roles") or [])
            if row is None or (row.user_id != actor["id"] and not (is_admin and row.tenant_id == actor["tenant_id"])):
                raise DomainError("not_found", status=404, what="device")
            # the refresh token's hash stays, so that the device that still holds it is told "device_revoked"
            # (a lost laptop found again says why it was signed out), not "not_authenticated"
            conn.execute(sa.update(devices).where(devices.c.id == device_id).values(revoked_at=iso(utcnow())))
