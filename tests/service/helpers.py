"""Small helpers shared by the service tests."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from ecabinet_client.domain import checkin
from ecabinet_client.service.db import Database


def nid() -> str:
    return uuid.uuid4().hex


def ok(result: dict[str, Any]) -> dict[str, Any]:
    assert result["status"] == "applied", result
    return result


def failed(result: dict[str, Any], code: str) -> dict[str, Any]:
    assert result["status"] == "failed", result
    assert result["error"]["code"] == code, result
    return result["error"]


def checkin_secret(db: Database, meeting_id: str) -> str:
    from ecabinet_client.service.db import synced

    t = synced["meetings"]
    with db.read() as conn:
        return conn.execute(sa.select(t.c.checkin_secret).where(t.c.id == meeting_id)).scalar_one()


def code_at(db: Database, meeting_id: str, at: float) -> str:
    """The check-in code shown at Unix time ``at``."""
    return checkin.current_code(checkin_secret(db, meeting_id), meeting_id, at=at)[0]


def wait_for_stable_window(window: float | None = None, margin: float = 3.0) -> float:
    """Now, after waiting out the end of a check-in window if fewer than ``margin`` seconds remain in it
    (so that a code computed here is still in the same window when the service checks it)."""
    import time

    window = window or checkin.window_seconds()
    now = time.time()
    left = window - (now % window)
    if left < margin:
        time.sleep(left + 0.05)
        now = time.time()
    return now


class SseReader:
    """Reads a user's live event stream in a thread; ``wait(kind)`` returns the first event of that kind."""

    def __init__(self, base: str, token: str) -> None:
        import json
        import queue
        import threading

        import httpx

        self.events: "queue.Queue[dict]" = queue.Queue()
        self._stop = threading.Event()
        self._json = json
        self._client = httpx.Client(base_url=base + "/api/v1", timeout=httpx.Timeout(30, read=60))
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(token,), daemon=True)
        self._thread.start()
        assert self._ready.wait(10), "the event stream did not open"

    def _run(self, token: str) -> None:
        try:
            with self._client.stream("GET", "/events", headers={"Authorization": "Bearer " + token}) as r:
                self._ready.set()
                for line in r.iter_lines():
                    if self._stop.is_set():
                        return
                    if line.startswith("data: "):
                        self.events.put(self._json.loads(line[6:]))
        except Exception:  # noqa: BLE001 - closed by the test
            self._ready.set()

    def wait(self, kind: str, timeout: float = 10.0) -> dict:
        import queue
        import time

        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {kind} event within {timeout} s")
            try:
                ev = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if ev["kind"] == kind:
                return ev

    def close(self) -> None:
        self._stop.set()
        self._client.close()


def push(client, name: str, args: dict[str, Any]) -> dict[str, Any]:
    """Like ``Api.push`` but with the arguments as a dict (some mutations have an argument called ``name``)."""
    body = {"client_id": client.client_id, "mutations": [{"mutation_id": client.next_mutation, "name": name, "args": args}]}
    client.next_mutation += 1
    r = client.http.post("/sync/push", json=body)
    assert r.status_code == 200, r.text
    return r.json()["results"][0]
