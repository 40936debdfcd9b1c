"""vote_open_to_all_p99_ms, ballot_cast_p99_ms and ballots_lost (issue 6).

Delegates are simulated by separate processes, 250 delegates each. Every delegate holds a real SSE
connection (``GET /api/v1/events``) from the start to the end of the run, through the opening of the votes
*and* the voting (in the room, every delegate's screen is live while everyone votes: the service fans the
running count out to all of them meanwhile).

- ``vote_open_to_all_p99_ms_<n>``: the chair opens a vote; latency = arrival of ``poll_opened`` at each
  delegate's client - start of the chair's push (one clock). Goal ≤ 1,000 ms at 2,000.
- ``ballot_cast_p99_ms_<n>`` / ``ballots_lost_<n>`` / ``ballots_counted_twice_<n>``: every delegate (checked
  in) casts a ballot at a random moment within 10 s, each ballot a real push (``POST /api/v1/sync/push`` on
  a new connection, with the delegate's bearer token); latency = from opening the connection to the whole
  answer read; then the service's own count is compared with the ballots sent. Goal p99 ≤ 500 ms, 0 lost,
  0 twice. Also printed: the CPU the service and the delegate processes spent per ballot (they share the
  machine's cores).

The delegates speak HTTP/1.1 over asyncio streams themselves (a request line, headers, a body; a chunked
SSE stream): httpx spent ~7 ms of CPU per push in the delegate processes, as much as the service, and the
simulator competed with the service it measures.
Usage: python bench/bench_vote.py [--clients 500 2000] [--votes 5]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import cpu_seconds, emit, meeting_room, mint_tokens, raise_fd_limit  # noqa: I001

PER_PROCESS = 250
OPTIONS = ["Đồng ý", "Không đồng ý", "Không biểu quyết"]



def _own_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# --- a delegate process: SSE streams + pushes, in plain HTTP/1.1 ------------------------------------------------
async def _read_head(reader) -> tuple[int, dict[bytes, bytes]]:  # noqa: ANN001
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
    return status, headers


def delegate(url: str, tokens: list[str], ready, commands, out) -> None:  # noqa: ANN001
    """Hold one SSE stream per token until told to stop. Commands (from ``commands``):
    ``("vote", poll_id, start_at, spread)``: each token casts one ballot at ``start_at`` + a random moment within
    ``spread`` s; out gets ``("cast", latencies_ms, failures, cpu_s, events_meanwhile)``.
    ``("stop",)``: out gets ``("arrivals", {poll number: [arrival times of poll_opened]})``."""
    raise_fd_limit()
    import asyncio
    import uuid

    host, port = url.removeprefix("http://").split(":")
    port = int(port)
    arrivals: dict[int, list[float]] = {}
    counter = {"events": 0}

    async def stream(token: str, connected: asyncio.Event, done: list) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write((f"GET /api/v1/events HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
                      "Accept: text/event-stream\r\n\r\n").encode())
        status, headers = await _read_head(reader)
        assert status == 200, status
        assert headers.get(b"transfer-encoding") == b"chunked", headers
        done.append(1)
        if len(done) == len(tokens):
            connected.set()
        buf = b""
        try:
            while True:
                size = int((await reader.readuntil(b"\r\n"))[:-2], 16)
                if size == 0:
                    return
                buf += (await reader.readexactly(size + 2))[:-2]
                while b"\r\n\r\n" in buf:
                    event, buf = buf.split(b"\r\n\r\n", 1)
                    for line in event.split(b"\r\n"):
                        if line.startswith(b"data:"):
                            now = time.time()
                            counter["events"] += 1
                            if b'"kind":"poll_opened"' in line:
                                data = json.loads(line[5:])
                                arrivals.setdefault(int(data["payload"]["poll"]["id"], 16), []).append(now)
        finally:
            writer.close()

    async def push(token: str, poll_id: str, lat: list, bad: list) -> None:
        body = json.dumps({"client_id": uuid.uuid4().hex, "mutations": [{"mutation_id": 1, "name": "cast_ballot", "args": {
            "poll_id": poll_id, "choice": random.choice(OPTIONS), "ballot_id": uuid.uuid4().hex}}]},
            ensure_ascii=False).encode()
        request = (f"POST /api/v1/sync/push HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
                   f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
                   ).encode() + body
        t0 = time.perf_counter()
        ok = False
        writer = None
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(request)
            status, headers = await _read_head(reader)
            answer = await reader.readexactly(int(headers[b"content-length"]))
            ok = status == 200 and json.loads(answer)["results"][0]["status"] == "applied"
        except (OSError, asyncio.IncompleteReadError, ValueError, KeyError):
            ok = False
        finally:
            lat.append((time.perf_counter() - t0) * 1000)
            if writer is not None:
                writer.close()
        if not ok:
            bad.append(1)

    async def vote(poll_id: str, start_at: float, spread: float) -> tuple:
        lat: list = []
        bad: list = []
        events0 = counter["events"]
        cpu0 = _own_cpu()

        async def one(token: str) -> None:
            await asyncio.sleep(max(0.0, start_at - time.time()) + random.uniform(0, spread))
            await push(token, poll_id, lat, bad)

        await asyncio.gather(*(one(t) for t in tokens))
        return "cast", lat, len(bad), _own_cpu() - cpu0, counter["events"] - events0

    async def main() -> None:
        loop = asyncio.get_running_loop()
        connected = asyncio.Event()
        done: list = []
        streams = [asyncio.create_task(stream(t, connected, done)) for t in tokens]
        await asyncio.wait_for(connected.wait(), 120)
        ready.set()
        inbox: asyncio.Queue = asyncio.Queue()

        def listen() -> None:
            while True:
                command = commands.get()
                loop.call_soon_threadsafe(inbox.put_nowait, command)
                if command is None:
                    return

        threading.Thread(target=listen, daemon=True).start()
        while (command := await inbox.get()) is not None:
            out.put(await vote(*command[1:]))
        for task in streams:
            task.cancel()
        await asyncio.gather(*streams, return_exceptions=True)
        out.put(("arrivals", arrivals))

    asyncio.run(main())


def run(n: int, n_votes: int) -> dict:
    import httpx
    import sqlalchemy as sa

    from ecabinet_client.domain import checkin
    from ecabinet_client.domain.rules import iso, utcnow
    from ecabinet_client.service.db import Database, synced
    from ecabinet_client.service.harness import ServiceProcess

    tmp = Path(tempfile.mkdtemp(prefix="ecabinet-bench-vote-"))
    db = Database(f"sqlite:///{tmp / 'ecabinet.sqlite3'}")
    tenant, users, meeting = meeting_room(db, n, prefix=f"vote{n}_")
    delegates = users[1:]
    with db.write(tenant) as tx:  # everyone is in the room
        for uid in delegates:
            tx.insert("checkins", {"id": checkin.checkin_id(meeting, uid), "meeting_id": meeting, "user_id": uid,
                                   "status": "present", "method": "secretary", "arrived_at": iso(utcnow())})
    tokens = mint_tokens(db, tmp, tenant, users)
    db.dispose()

    raise_fd_limit()
    ctx = mp.get_context("spawn")
    with ServiceProcess(tmp, env={"ECABINET_SSE_PING_SECONDS": "15", **_service_env()}) as svc, \
            httpx.Client(base_url=svc.url + "/api/v1", headers={"Authorization": "Bearer " + tokens[0]}, timeout=60) as http:
        seq = iter(range(1, 10**6))

        def push(name: str, **args) -> None:
            r = http.post("/sync/push", json={"client_id": "c" * 32, "mutations": [{"mutation_id": next(seq), "name": name, "args": args}]})
            assert r.json()["results"][0]["status"] == "applied", r.text

        out = ctx.Queue()
        procs, readies, inboxes = [], [], []
        for i in range(0, n, PER_PROCESS):
            ready, inbox = ctx.Event(), ctx.Queue()
            p = ctx.Process(target=delegate, args=(svc.url, tokens[1 + i:1 + i + PER_PROCESS], ready, inbox, out))
            p.start()
            procs.append(p)
            readies.append(ready)
            inboxes.append(inbox)
        for ready in readies:
            if not ready.wait(120):
                raise TimeoutError("subscribers did not connect")
        time.sleep(1.0)

        # --- votes opened, seen by every delegate
        sent: dict[int, float] = {}
        for k in range(n_votes):
            pid = f"{k + 1:032x}"
            push("create_poll", poll_id=pid, meeting_id=meeting, question=f"Biểu quyết số {k + 1}")
            sent[k + 1] = time.time()
            push("open_poll", poll_id=pid)
            time.sleep(1.0)

        # --- everyone votes within 10 s on the last vote, every stream still open
        target = f"{n_votes:032x}"
        cpu0 = cpu_seconds(svc.proc.pid)
        start_at = time.time() + 0.5
        for inbox in inboxes:
            inbox.put(("vote", target, start_at, 10.0))
        profiler = _profile(svc.proc.pid)
        cast = [out.get(timeout=180) for _ in procs]
        server_cpu = cpu_seconds(svc.proc.pid) - cpu0
        if profiler is not None:
            profiler.wait(60)
        push("close_poll", poll_id=target)
        for inbox in inboxes:
            inbox.put(None)
        results = [out.get(timeout=60)[1] for _ in procs]
        for p in procs:
            p.join(30)
    latencies, missing = [], 0
    for k, t0 in sent.items():
        got = [t for r in results for t in r.get(k, [])]
        missing += n - len(got)
        latencies += [(t - t0) * 1000 for t in got]
    latencies.sort()
    lat = sorted(x for c in cast for x in c[1])
    failed = sum(c[2] for c in cast)
    db = Database(f"sqlite:///{tmp / 'ecabinet.sqlite3'}")
    with db.read() as conn:
        t = synced["ballots"]
        rows = conn.execute(sa.select(t.c.voter_id).where(t.c.poll_id == target)).scalars().all()
        poll = conn.execute(sa.select(synced["polls"].c.votes_cast).where(synced["polls"].c.id == target)).scalar_one()
    db.dispose()
    accepted = n - failed
    return {
        "open_p99": latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan"),
        "open_median": statistics.median(latencies) if latencies else float("nan"), "open_missing": missing,
        "cast_p99": lat[int(len(lat) * 0.99) - 1] if lat else float("nan"),
        "cast_median": statistics.median(lat) if lat else float("nan"), "refused": failed,
        "server_cpu_ms": server_cpu * 1000 / n, "delegates_cpu_ms": sum(c[3] for c in cast) * 1000 / n,
        "events_during_vote": sum(c[4] for c in cast),
        "lost": accepted - len(set(rows)), "twice": len(rows) - len(set(rows)), "votes_cast": poll,
    }


def _profile(pid: int):  # noqa: ANN202
    """``BENCH_PYSPY=out.txt`` records the service with py-spy during the voting (raw collapsed stacks)."""
    path = os.environ.get("BENCH_PYSPY")
    if not path:
        return None
    import subprocess

    return subprocess.Popen(["py-spy", "record", "--pid", str(pid), "--duration", "11", "--rate", "250", "--gil", "--format", "raw",
                             "--output", path, "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _service_env() -> dict[str, str]:
    """``BENCH_SERVICE_ENV='NAME=value,…'`` passes settings to the service (to compare them)."""
    raw = os.environ.get("BENCH_SERVICE_ENV", "")
    return dict(item.split("=", 1) for item in raw.split(",") if item)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, nargs="*", default=[500, 2000])
    parser.add_argument("--votes", type=int, default=5)
    args = parser.parse_args()
    for n in args.clients:
        r = run(n, args.votes)
        emit(f"vote_open_to_all_p99_ms_{n}", r["open_p99"], "ms", 1000, clients=n, median_ms=round(r["open_median"], 1),
             events_missing=r["open_missing"])
        emit(f"ballot_cast_p99_ms_{n}", r["cast_p99"], "ms", 500, clients=n, median_ms=round(r["cast_median"], 1),
             refused=r["refused"], server_cpu_ms_per_ballot=round(r["server_cpu_ms"], 2),
             delegates_cpu_ms_per_ballot=round(r["delegates_cpu_ms"], 2), sse_events_during_vote=r["events_during_vote"])
        emit(f"ballots_lost_{n}", r["lost"], "ballots", 0, clients=n, counted_twice=r["twice"], votes_cast=r["votes_cast"])


if __name__ == "__main__":
    sys.exit(main())
