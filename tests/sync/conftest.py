"""Sync tests: the real service on loopback (the fixtures of tests/service), real client stores in tmp_path.

``make_client(who)`` signs a :class:`Client` in with its engine threads off (tests drive ``sync()``
by hand, deterministically) unless asked otherwise. Tokens go to the in-memory keyring of tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecabinet_client.service.db import Database
from ecabinet_client.service.harness import ServiceProcess
from ecabinet_client.sync.client import Client
from tests.service.conftest import db, service, world  # noqa: F401 - fixtures
from tests.world import PASSWORD, make_world


@pytest.fixture
def make_client(service, world, tmp_path):  # noqa: F811
    opened: list[Client] = []

    def make(who: str, *, server: str | None = None, w=None, sign_in: bool = True, **kw) -> Client:  # noqa: ANN001
        w = w or world
        kw.setdefault("live", False)
        kw.setdefault("autostart", False)
        kw.setdefault("auto_download", False)
        kw.setdefault("poll_seconds", 3600)
        c = Client(server or service.url, base_dir=tmp_path / "data" / who, config_dir=tmp_path / "config" / who, **kw)
        opened.append(c)
        if sign_in:
            c.sign_in(w.login(who), PASSWORD)
        return c

    yield make
    for c in opened:
        c.close()


class OwnService:
    """A service of the test's own (to kill and restart on the same port and data folder)."""

    def __init__(self, data: Path, env: dict[str, str] | None = None) -> None:
        self.data = data
        self.proc = ServiceProcess(data, env=env).start()
        self.port = self.proc.port
        self.url = self.proc.url
        self.db = Database(f"sqlite:///{data / 'ecabinet.sqlite3'}")
        self.world = make_world(self.db)

    def kill(self) -> None:
        self.proc.kill()

    def restart(self, env: dict[str, str] | None = None) -> None:
        self.proc.stop()
        self.proc = ServiceProcess(self.data, port=self.port, env=env or {}).start()

    def close(self) -> None:
        self.proc.stop()
        self.db.dispose()


@pytest.fixture
def own_service(tmp_path):
    svc = OwnService(tmp_path / "service")
    yield svc
    svc.close()
