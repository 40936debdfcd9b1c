"""Test setup shared by every area: Qt offscreen, no network beyond loopback, tokens in an in-memory keyring
(keyring's own ``KeyringBackend`` interface), never in the developer's keyring."""

from __future__ import annotations

import os

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ECABINET_LANGUAGE", "vi")


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps secrets in a dict (tests only)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_ui_thread(request):
    """Qt tests run as the client does (``ui.tasks.GarbageCollector``): no cyclic collection on sync or pool
    threads, where freeing a Qt object deadlocks. Other tests keep Python's automatic collection."""
    if not {"qapp", "qtbot"} & set(request.fixturenames):
        yield
        return
    from ecabinet_client.ui import tasks

    collector = tasks.collect_garbage_on_ui_thread(request.getfixturevalue("qapp"))
    yield
    collector.stop()
