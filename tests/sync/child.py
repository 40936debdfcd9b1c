"""A client in its own process, for kill tests: ``python -m tests.sync.child '<json>'``.

The JSON names the server, the folders, the login and a list of actions (``["queue", name, args]``,
``["sync"]``, ``["push"]``, ``["pull"]``, ``["download", document_id]``, ``["upload", meeting_id, path]``).
``ECABINET_CHILD_CRASH_AT`` names crash points (``ecabinet_client.faults``) that the action ``["arm"]``
arms, so that a point such as ``client_store_before_commit`` hits the action under test and not the sign-in. Each
finished action prints one JSON line; a crash point ends the process with status 86, as a kill would.
"""

from __future__ import annotations

import json
import os
import sys

import keyring

from ecabinet_client import faults
from ecabinet_client.sync.client import Client
from tests.conftest import MemoryKeyring


def main() -> int:
    spec = json.loads(sys.argv[1])
    keyring.set_keyring(MemoryKeyring())
    client = Client(spec["server"], base_dir=spec["base"], config_dir=spec["config"], live=False, autostart=False,
                    auto_download=False)
    client.sign_in(spec["login"], spec["password"])
    for action in spec["actions"]:
        kind = action[0]
        if kind == "arm":
            faults._POINTS = frozenset(p for p in os.environ.get("ECABINET_CHILD_CRASH_AT", "").split(",") if p)
            out = sorted(faults._POINTS)
        elif kind == "queue":
            out = client.queue(action[1], **action[2])
        elif kind == "sync":
            r = client.sync()
            out = {"pushed": r["pushed"], "confirmed": r["confirmed"]}
        elif kind == "push":
            out = client.engine.push()
        elif kind == "pull":
            out = client.engine.pull()["changes"]
        elif kind == "download":
            doc = client.row("documents", action[1])
            from ecabinet_client.sync.blobs import download_blob

            out = str(download_blob(client.api, client.store, doc["sha256"], doc["size"]))
        elif kind == "upload":
            out = client.attach_document(action[1], action[2])
        else:
            raise SystemExit(f"unknown action {kind}")
        print(json.dumps({"action": kind, "result": out}, default=str), flush=True)
    client.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
