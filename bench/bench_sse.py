"""sse_fanout_p99_ms: time from a write to its live event reaching each connected SSE client.

The service runs as its own process; the SSE clients are real HTTP connections opened by separate
processes (asyncio + httpx), 250 per process; a driver pushes comments in the meeting every 0.5 s and
records when each push started. Latency = arrival at a client - start of the push, on one clock.
Usage: python bench/bench_sse.py [--clients 500 2000] [--events 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import cpu_seconds, emit, meeting_room, mint_tokens, raise_fd_limit  # noqa: I001

PER_PROCESS = 250


def comment_number(data: dict) -> int | None:
    """The number of a ``comment_added`` event (the driver makes comment ids from their number)."""
    return int(data["payload"]["comment_id"], 16) if data.get("kind") == "comment_added" else None


def subscriber(url: str, tokens: list[str], ready, out, stop_after: float, key=comment_number) -> None:  # noqa: ANN001
    """Hold one SSE stream per token; ``out`` receives ``{key(event): [arrival times]}`` for events whose
    ``key`` is not None (``key`` must be a module-level function: it crosses a process boundary)."""
    raise_fd_limit()
    import httpx

    arrivals: dict[int, list[float]] = {}
    connected = 0

    async def one(client: httpx.AsyncClient, token: str) -> None:
        nonlocal connected
        headers = {"Authorization": "Bearer " + token, "Accept": "text/event-stream"}
        async with client.stream("GET", url + "/api/v1/events", headers=headers) as r:
            connected += 1
            if connected == len(tokens):
                ready.set()
            async for line in r.aiter_lines():
                if line.startswith("data:"):
                    now = time.time()
                    k = key(json.loads(line[5:].strip()))
                    if k is not None:
                        arrivals.setdefault(k, []).append(now)

    async def main() -> None:
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
        async with httpx.AsyncClient(timeout=httpx.Timeout(None, connect=60), limits=limits) as client:
            tasks = [asyncio.create_task(one(client, t)) for t in tokens]
            await asyncio.sleep(stop_after)
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    try:
        asyncio.run(main())
    finally:
        out.put(arrivals)


def run(n_clients: int, n_events: int) -> dict:
    from ecabinet_client.service.db import Database
    from ecabinet_client.service.harness import ServiceProcess
    import httpx

    tmp = Path(tempfile.mkdtemp(prefix="ecabinet-bench-sse-"))
    db = Database(f"sqlite:///{tmp / 'ecabinet.sqlite3'}")
    tenant, users, meeting = meeting_room(db, n_clients, prefix=f"sse{n_clients}_")
    delegates = users[1:]
    tokens = mint_tokens(db, tmp, tenant, users)
    db.dispose()

    raise_fd_limit()
    with ServiceProcess(tmp, env={"ECABINET_SSE_PING_SECONDS": "15"}) as svc:
        ctx = mp.get_context("spawn")
        out = ctx.Queue()
        procs, readies = [], []
        duration = 30 + n_clients / 100 + n_events * 0.5
        for i in range(0, len(delegates), PER_PROCESS):
            ready = ctx.Event()
            p = ctx.Process(target=subscriber, args=(svc.url, tokens[1 + i:1 + i + PER_PROCESS], ready, out, duration))
            p.start()
            procs.append(p)
            readies.append(ready)
        for ready in readies:
            if not ready.wait(120):
                raise TimeoutError("subscribers did not connect")
        time.sleep(1.0)
        cpu0 = cpu_seconds(svc.proc.pid)
        sent: dict[int, float] = {}
        with httpx.Client(base_url=svc.url + "/api/v1", headers={"Authorization": "Bearer " + tokens[0]}, timeout=30) as http:
            for n in range(n_events):
                body = {"client_id": "b" * 32, "mutations": [{"mutation_id": n + 1, "name": "add_comment", "args": {
                    "comment_id": f"{n:032x}", "meeting_id": meeting, "body": f"Ý kiến số {n}"}}]}
                sent[n] = time.time()
                r = http.post("/sync/push", json=body)
                assert r.json()["results"][0]["status"] == "applied", r.text
                time.sleep(0.5)
        server_cpu_ms = (cpu_seconds(svc.proc.pid) - cpu0) * 1000 / n_events
        results = [out.get(timeout=duration + 60) for _ in procs]
        for p in procs:
            p.join(30)
    # the service names the comment's number only in the body; match arrivals by order of sending
    latencies, missing = [], 0
    for n, t0 in sent.items():
        got = [t for r in results for t in r.get(n, [])]
        missing += len(delegates) - len(got)
        latencies += [(t - t0) * 1000 for t in got]
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    return {"p99": p99, "median": statistics.median(latencies) if latencies else float("nan"), "missing": missing,
            "server_cpu_ms_per_event": server_cpu_ms}



def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, nargs="*", default=[500, 2000])
    parser.add_argument("--events", type=int, default=20)
    args = parser.parse_args()
    for n in args.clients:
        r = run(n, args.events)
        emit(f"sse_fanout_p99_ms_{n}", r["p99"], "ms", 1000, clients=n, median_ms=round(r["median"], 1), events_missing=r["missing"],
             server_cpu_ms_per_event=round(r["server_cpu_ms_per_event"], 1))


if __name__ == "__main__":
    sys.exit(main())
