from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from ecabinet_client.service.db import Database
from ecabinet_client.service.harness import ServiceProcess
from tests.world import PASSWORD, World, make_world


@pytest.fixture(scope="session")
def service(tmp_path_factory) -> ServiceProcess:
    data = tmp_path_factory.mktemp("service")
    with ServiceProcess(data) as svc:
        yield svc


@pytest.fixture(scope="session")
def db(service: ServiceProcess) -> Database:
    database = Database(f"sqlite:///{Path(service.data_dir) / 'ecabinet.sqlite3'}")
    yield database
    database.dispose()


@pytest.fixture
def world(db: Database) -> World:
    return make_world(db)


class Api:
    """A signed-in user talking to the real service over HTTP."""

    def __init__(self, base: str, login: str, password: str = PASSWORD, language: str = "vi") -> None:
        self.http = httpx.Client(base_url=base + "/api/v1", timeout=30, headers={"Accept-Language": language})
        r = self.http.post("/auth/login", json={"login": login, "password": password, "device_name": "pytest"})
        assert r.status_code == 200, r.text
        self.tokens = r.json()
        self.user = self.tokens["user"]
        self.http.headers["Authorization"] = "Bearer " + self.tokens["access_token"]
        self.client_id = uuid.uuid4().hex
        self.next_mutation = 1

    def push(self, name: str, **args: Any) -> dict[str, Any]:
        """Push one mutation; returns its result."""
        body = {"client_id": self.client_id, "mutations": [{"mutation_id": self.next_mutation, "name": name, "args": args}]}
        self.next_mutation += 1
        r = self.http.post("/sync/push", json=body)
        assert r.status_code == 200, r.text
        return r.json()["results"][0]

    def pull_all(self, cursor: int = 0) -> dict[str, dict[str, dict]]:
        """Every visible row, by table and id, following pages."""
        tables: dict[str, dict[str, dict]] = {}
        while True:
            r = self.http.get("/sync/pull", params={"cursor": cursor, "client_id": self.client_id})
            assert r.status_code == 200, r.text
            page = r.json()
            for ch in page["changes"]:
                if ch["row"] is None:
                    tables.setdefault(ch["table"], {}).pop(ch["id"], None)
                else:
                    tables.setdefault(ch["table"], {})[ch["id"]] = ch["row"]
            cursor = page["cursor"]
            if not page["more"]:
                self.cursor = cursor
                return tables

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def api(service: ServiceProcess, world: World):
    opened: list[Api] = []

    def sign_in(who: str, language: str = "vi") -> Api:
        a = Api(service.url, world.login(who), language=language)
        opened.append(a)
        return a

    yield sign_in
    for a in opened:
        a.close()
