"""Property: random interleavings of offline edits by two devices, pushes, pulls and restarts converge,
and every mutation is applied exactly once (hypothesis; small and deadline-free so that it runs in < 60 s)."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecabinet_client.sync.client import Client
from tests.world import PASSWORD

SHA = "12" * 32
KEYS = 3

op = st.one_of(
    st.tuples(st.just("note"), st.integers(0, 1), st.integers(0, KEYS - 1), st.text("aăâđeêoôơuư ", max_size=8)),
    st.tuples(st.just("comment"), st.integers(0, 1), st.integers(0, KEYS - 1)),
    st.tuples(st.just("edit"), st.integers(0, 1), st.integers(0, KEYS - 1)),
    st.tuples(st.just("push"), st.integers(0, 1)),
    st.tuples(st.just("pull"), st.integers(0, 1)),
    st.tuples(st.just("sync"), st.integers(0, 1)),
    st.tuples(st.just("restart"), st.integers(0, 1)),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=4, max_size=18))
def test_random_interleavings_converge_exactly_once(service, world, ops):
    meeting = world.meeting(invitees=("delegate",))
    root = Path(tempfile.mkdtemp(prefix="ecab-prop-"))
    notes = [uuid.uuid4().hex for _ in range(KEYS)]
    comments = [uuid.uuid4().hex for _ in range(KEYS)]
    added: dict[int, int] = {}  # comment key -> device that added it
    puts = {k: 0 for k in range(KEYS)}
    edits: dict[int, list[tuple[int, int]]] = {k: [] for k in range(KEYS)}  # (device, mutation id)

    def open_device(i: int) -> Client:
        c = Client(service.url, base_dir=root / f"d{i}", config_dir=root / f"c{i}", live=False, autostart=False,
                   auto_download=False)
        c.sign_in(world.login("delegate"), PASSWORD)
        return c

    devices = [open_device(0), open_device(1)]
    try:
        for step in ops:
            kind, i = step[0], step[1]
            c = devices[i]
            if kind == "note":
                c.queue("put_annotation", annotation_id=notes[step[2]], meeting_id=meeting["id"], document_sha256=SHA,
                        kind="note", page=0, data={"text": step[3]})
                puts[step[2]] += 1
            elif kind == "comment" and step[2] not in added:
                c.queue("add_comment", comment_id=comments[step[2]], meeting_id=meeting["id"], body=f"góp ý {step[2]}")
                added[step[2]] = i
            elif kind == "edit" and step[2] in added:
                mid = c.queue("edit_comment", comment_id=comments[step[2]], body=f"sửa bởi máy {i}")
                edits[step[2]].append((i, mid))
            elif kind == "push":
                c.engine.push()
            elif kind == "pull":
                c.engine.pull()
            elif kind == "sync":
                c.sync()
            elif kind == "restart":
                c.close()
                devices[i] = open_device(i)
        for c in (devices[0], devices[1], devices[0]):
            c.sync()
        a, b = devices
        assert a.store.outbox() == [] and b.store.outbox() == []
        assert a.store.checksum() == b.store.checksum()
        assert a.engine.reconcile()["ok"] is True and b.engine.reconcile()["ok"] is True
        assert a.store.integrity_check() == "ok" and b.store.integrity_check() == "ok"
        # exactly once: versions count the applied writes
        for k in range(KEYS):
            row = a.row("annotations", notes[k])
            assert (row["version"] if row else 0) == puts[k]
        failed = {(i, f["mutation_id"]) for i, c in enumerate(devices) for f in c.failed_mutations()}
        for k, who in added.items():
            row = a.row("comments", comments[k])
            applied_edits = [e for e in edits[k] if e not in failed]
            assert row is not None and row["version"] == 1 + len(applied_edits)
    finally:
        for c in devices:
            c.close()
        shutil.rmtree(root, ignore_errors=True)
