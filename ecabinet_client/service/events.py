"""Live events: an in-process hub that fans committed changes out to Server-Sent Event streams.

Writers (request threads) call :meth:`Hub.publish` after commit; delivery happens on the event loop
thread. Each subscriber is one SSE connection of one user; an event reaches only the users who may see
it. With several service instances (PostgreSQL deployment) a hub that relays through LISTEN/NOTIFY takes
this one's place behind the same two methods.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

log = logging.getLogger(__name__)

QUEUE_LIMIT = 1000
# a coalesced event (``Hub.publish_latest``) goes out at most this often per key: with 2,000 delegates
# voting within 10 s, one "vote count changed" per ballot to 2,000 streams would be 400,000 writes a second
COALESCE_SECONDS = 0.2
# ... and, for a large audience, at most this many deliveries a second per key: every 0.2 s to 2,000 streams
# was 10,000 writes a second, ~40 % of a core for the service alone while everyone votes (and each of them
# makes a client pull); 2,000 streams now hear the running count once a second, 500 every 0.25 s
COALESCE_DELIVERIES_PER_SECOND = 2000


def coalesce_seconds(audience: int) -> float:
    """How long a coalesced event waits after the previous one of its key, for ``audience`` recipients."""
    return max(COALESCE_SECONDS, audience / COALESCE_DELIVERIES_PER_SECOND)


@dataclass(eq=False)
class Subscriber:
    tenant_id: str
    user_id: str
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_LIMIT))
    overflowed: bool = False


def encode_event(seq: int, kind: str, meeting_id: str | None, payload: dict[str, Any]) -> bytes:
    """One SSE ``change`` event, encoded once and shared by every connection that receives it."""
    data = json.dumps({"seq": seq, "kind": kind, "meeting_id": meeting_id, "payload": payload},
                      ensure_ascii=False, separators=(",", ":"))
    return f"id: {seq}\r\nevent: change\r\ndata: {data}\r\n\r\n".encode()


class Hub:
    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self._by_user: dict[tuple[str, str], set[Subscriber]] = {}
        self._by_tenant: dict[str, set[Subscriber]] = {}
        self._lock = threading.Lock()
        # key -> (tenant_id, seq, kind, meeting_id, targets, payload) waiting for its turn; key -> when the next
        # one may go (time.monotonic())
        self._pending: dict[Any, tuple] = {}
        self._next_at: dict[Any, float] = {}

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def subscribe(self, tenant_id: str, user_id: str) -> Subscriber:
        sub = Subscriber(tenant_id, user_id)
        self._by_user.setdefault((tenant_id, user_id), set()).add(sub)
        self._by_tenant.setdefault(tenant_id, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self._by_user.get((sub.tenant_id, sub.user_id), set()).discard(sub)
        self._by_tenant.get(sub.tenant_id, set()).discard(sub)

    @property
    def connections(self) -> int:
        return sum(len(s) for s in self._by_tenant.values())

    def publish(self, tenant_id: str, seq: int, kind: str, meeting_id: str | None,
                user_ids: Iterable[str] | None, payload: dict[str, Any]) -> None:
        """Thread-safe. ``user_ids`` None means every user of the tenant."""
        if self.loop is None or self.loop.is_closed():
            return
        if meeting_id is not None and self._pending:
            self._flush_meeting(tenant_id, meeting_id)  # what was held back for the meeting goes out first
        self._send(tenant_id, seq, kind, meeting_id, user_ids, payload)

    def _send(self, tenant_id: str, seq: int, kind: str, meeting_id: str | None,
              user_ids: Iterable[str] | None, payload: dict[str, Any]) -> None:
        data = encode_event(seq, kind, meeting_id, payload)
        targets = None if user_ids is None else frozenset(user_ids)
        try:
            self.loop.call_soon_threadsafe(self._deliver, tenant_id, seq, data, targets)
        except RuntimeError:  # loop closed during shutdown
            pass

    def publish_latest(self, key: Any, tenant_id: str, seq: int, kind: str, meeting_id: str | None,
                       user_ids: Iterable[str] | None, payload: dict[str, Any]) -> None:
        """Thread-safe. Like :meth:`publish`, for events where only the latest matters (a running count): per
        ``key``, the first goes out at once, later ones at most every COALESCE_SECONDS, and only the one with
        the highest seq of those that came meanwhile. A client pulls on any seq above its cursor, so the
        skipped seqs are not missed; any other event of the meeting sends the held-back one before itself.
        The interval grows with the audience (:func:`coalesce_seconds`)."""
        if self.loop is None or self.loop.is_closed():
            return
        targets = None if user_ids is None else frozenset(user_ids)
        now = time.monotonic()
        with self._lock:
            held = self._pending.get(key)
            if held is not None:
                if seq > held[1]:
                    self._pending[key] = (tenant_id, seq, kind, meeting_id, targets, payload)
                return
            wait = self._next_at.get(key, now) - now
            if wait > 0:
                self._pending[key] = (tenant_id, seq, kind, meeting_id, targets, payload)
            else:
                self._sent(key, tenant_id, targets, now)
        if wait > 0:
            try:
                self.loop.call_soon_threadsafe(self.loop.call_later, wait, self._flush_key, key)
            except RuntimeError:  # loop closed during shutdown
                pass
        else:
            self._send(tenant_id, seq, kind, meeting_id, targets, payload)

    def _sent(self, key: Any, tenant_id: str, targets: frozenset[str] | None, now: float) -> None:
        """Under the lock: an event of ``key`` goes out now; the next may go after its interval."""
        audience = len(targets) if targets is not None else len(self._by_tenant.get(tenant_id, ()))
        self._next_at[key] = now + coalesce_seconds(audience)
        if len(self._next_at) > 10_000:  # forget keys whose window is over
            self._next_at = {k: t for k, t in self._next_at.items() if t > now}

    def _flush_key(self, key: Any) -> None:
        with self._lock:
            held = self._pending.pop(key, None)
            if held is not None:
                self._sent(key, held[0], held[4], time.monotonic())
        if held is not None:
            self._send(*held)

    def _flush_meeting(self, tenant_id: str, meeting_id: str) -> None:
        with self._lock:
            keys = [k for k, v in self._pending.items() if v[0] == tenant_id and v[3] == meeting_id]
            held = [self._pending.pop(k) for k in keys]
            now = time.monotonic()
            for k, event in zip(keys, held):
                self._sent(k, tenant_id, event[4], now)
        for event in sorted(held, key=lambda e: e[1]):
            self._send(*event)

    async def ping_forever(self, every: float) -> None:
        """A keep-alive comment to every stream, so that proxies keep them open and dead peers are found."""
        ping = b": ping\r\n\r\n"
        while True:
            await asyncio.sleep(every)
            for subs in self._by_tenant.values():
                for sub in list(subs):
                    if sub.queue.empty():
                        sub.queue.put_nowait((None, ping))

    def _deliver(self, tenant_id: str, seq: int, data: bytes, targets: frozenset[str] | None) -> None:
        if targets is None:
            subs = self._by_tenant.get(tenant_id, ())
        else:
            subs = [s for uid in targets for s in self._by_user.get((tenant_id, uid), ())]
        for sub in subs:
            try:
                sub.queue.put_nowait((seq, data))
            except asyncio.QueueFull:
                # a stalled reader: it will get one resume event and pull; nothing is lost
                sub.overflowed = True
