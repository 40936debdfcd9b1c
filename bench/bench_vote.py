"""vote_open_to_all_p99_ms, ballot_cast_p99_ms and ballots_lost (issue 6).

- ``vote_open_to_all_p99_ms_<n>``: n delegates hold real SSE connections (separate processes, the subscriber
  of ``bench_sse.py``); the chair opens a vote; latency = arrival of ``poll_opened`` at each delegate's
  client - start of the chair's push (one clock). Goal ≤ 1,000 ms at 2,000.
- ``ballot_cast_p99_ms_<n>`` / ``ballots_lost_<n>`` / ``ballots_counted_twice_<n>``: every delegate (checked
  in) casts a ballot within ~10 s from separate processes (each ballot a real push); latency per push; then
  the service's own count is compared with the ballots sent. Goal p99 ≤ 500 ms, 0 lost, 0 twice.
Usage: python bench/bench_vote.py [--clients 500 2000] [--votes 5]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_sse import PER_PROCESS, subscriber  # noqa: I001
from common import emit, meeting_room, mint_tokens, raise_fd_limit

OPTIONS = ["Đồng ý", "Không đồng ý", "Không biểu quyết"]


def poll_number(data: dict) -> int | None:
    """The number of a ``poll_opened`` event (poll ids are made from their number)."""
    return int(data["payload"]["poll"]["id"], 16) if data.get("kind") == "poll_opened" else None


def voter(url: str, tokens: list[str], poll_id: str, spread: float, out) -> None:  # noqa: ANN001
    """Each token casts one ballot at a random moment within ``spread`` seconds; out gets (latencies, failures)."""
    raise_fd_limit()
    import asyncio
    import uuid

    import httpx

    async def one(client: httpx.AsyncClient, token: str, lat: list, bad: list) -> None:
        await asyncio.sleep(random.uniform(0, spread))
        body = {"client_id": uuid.uuid4().hex, "mutations": [{"mutation_id": 1, "name": "cast_ballot", "args": {
            "poll_id": poll_id, "choice": random.choice(OPTIONS), "ballot_id": uuid.uuid4().hex}}]}
        t0 = time.perf_counter()
        try:
            r = await client.post(url + "/api/v1/sync/push", json=body, headers={"Authorization": "Bearer " + token})
            ok = r.status_code == 200 and r.json()["results"][0]["status"] == "applied"
        except httpx.HTTPError:
            ok = False
        lat.append((time.perf_counter() - t0) * 1000)
        if not ok:
            bad.append(1)

    async def main() -> tuple[list, int]:
        lat: list = []
        bad: list = []
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
        async with httpx.AsyncClient(timeout=httpx.Timeout(60), limits=limits) as client:
            await asyncio.gather(*(one(client, t, lat, bad) for t in tokens))
        return lat, len(bad)

    out.put(asyncio.run(main()))


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
    with ServiceProcess(tmp, env={"ECABINET_SSE_PING_SECONDS": "15"}) as svc, \
            httpx.Client(base_url=svc.url + "/api/v1", headers={"Authorization": "Bearer " + tokens[0]}, timeout=60) as http:
        seq = iter(range(1, 10**6))

        def push(name: str, **args) -> None:
            r = http.post("/sync/push", json={"client_id": "c" * 32, "mutations": [{"mutation_id": next(seq), "name": name, "args": args}]})
            assert r.json()["results"][0]["status"] == "applied", r.text

        # --- a vote opened, seen by every delegate
        out = ctx.Queue()
        duration = 30 + n / 100 + n_votes * 1.0
        procs, readies = [], []
        for i in range(0, n, PER_PROCESS):
            ready = ctx.Event()
            p = ctx.Process(target=subscriber, args=(svc.url, tokens[1 + i:1 + i + PER_PROCESS], ready, out, duration, poll_number))
            p.start()
            procs.append(p)
            readies.append(ready)
        for ready in readies:
            if not ready.wait(120):
                raise TimeoutError("subscribers did not connect")
        time.sleep(1.0)
        sent: dict[int, float] = {}
        for k in range(n_votes):
            pid = f"{k + 1:032x}"
            push("create_poll", poll_id=pid, meeting_id=meeting, question=f"Biểu quyết số {k + 1}")
            sent[k + 1] = time.time()
            push("open_poll", poll_id=pid)
            time.sleep(1.0)
        results = [out.get(timeout=duration + 60) for _ in procs]
        for p in procs:
            p.join(30)
        latencies, missing = [], 0
        for k, t0 in sent.items():
            got = [t for r in results for t in r.get(k, [])]
            missing += n - len(got)
            latencies += [(t - t0) * 1000 for t in got]
        latencies.sort()

        # --- everyone votes within 10 s on the last vote
        target = f"{n_votes:032x}"
        out2 = ctx.Queue()
        voters = []
        for i in range(0, n, PER_PROCESS):
            p = ctx.Process(target=voter, args=(svc.url, tokens[1 + i:1 + i + PER_PROCESS], target, 10.0, out2))
            p.start()
            voters.append(p)
        cast = [out2.get(timeout=180) for _ in voters]
        for p in voters:
            p.join(30)
        lat = sorted(x for latencies_, _bad in cast for x in latencies_)
        failed = sum(bad for _l, bad in cast)
        push("close_poll", poll_id=target)
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
        "lost": accepted - len(set(rows)), "twice": len(rows) - len(set(rows)), "votes_cast": poll,
    }


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
             refused=r["refused"])
        emit(f"ballots_lost_{n}", r["lost"], "ballots", 0, clients=n, counted_twice=r["twice"], votes_cast=r["votes_cast"])


if __name__ == "__main__":
    sys.exit(main())
