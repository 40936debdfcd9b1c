"""UI tests: the real service on loopback (the fixtures of tests/service), a real client store folder in
tmp_path, widgets offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecabinet_client.service.harness import free_port
from ecabinet_client.ui import i18n
from ecabinet_client.sync.client import Client
from ecabinet_client.ui.mainwindow import MainWindow
from ecabinet_client.ui.session import Session
from ecabinet_client.ui.settings import Settings
from tests.service.conftest import db, service, world  # noqa: F401 - fixtures
from tests.world import PASSWORD


SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch, qapp):
    monkeypatch.setenv("ECABINET_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ECABINET_DATA_DIR", str(tmp_path / "data"))
    before = i18n.current_language()
    i18n.install("vi")
    yield
    i18n.install(before)  # the tests of other packages expect the language they started with


@pytest.fixture
def settings(tmp_path, service) -> Settings:
    s = Settings(server=service.url, cache_dir=str(tmp_path / "data"))
    return s


@pytest.fixture
def unreachable() -> str:
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def signed_in(qtbot, tmp_path, service, world, settings):
    """``signed_in(who)`` → (session, main window) of a world user, synced once."""
    made = []

    def make(who: str, *, data_dir: Path | None = None, sync: bool = True):
        client = Client(service.url, base_dir=data_dir or tmp_path / "data" / who, config_dir=tmp_path / "config" / who,
                        live=False, auto_download=False, poll_seconds=3600)
        client.sign_in(world.login(who), PASSWORD)
        session = Session(client)
        if sync:
            client.sync()
        win = MainWindow(session=session, settings=settings)
        qtbot.addWidget(win)
        win.show()
        made.append((session, win))
        return session, win

    yield make
    import shiboken6

    for session, win in made:  # the window goes first: it reads the session until it is deleted
        if shiboken6.isValid(win):
            win.close()
            shiboken6.delete(win)
    for session, _win in made:
        session.close()


def wait_synced(qtbot, session: Session, timeout: int = 10_000) -> None:
    """Run a sync round now and wait until its status arrived."""
    before = session.last_sync
    session.sync_now()
    qtbot.waitUntil(lambda: session.last_sync is not None and session.last_sync != before, timeout=timeout)


def go_offline(session: Session, address: str) -> None:
    """The network goes away: the client's requests now reach a port nobody listens on."""
    session.client.api.http.base_url = address + "/api/v1"


def go_online(session: Session, address: str) -> None:
    session.client.api.http.base_url = address + "/api/v1"


def screenshot(widget, name: str) -> Path:
    from PySide6.QtWidgets import QApplication

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(3):
        QApplication.processEvents()
    path = SCREENSHOTS / f"ui_{name}.png"
    widget.grab().save(str(path))
    return path


def pytest_collection_modifyitems(items):
    # The offscreen platform plugin says so whenever a top-level window is shown; it is not a problem of ours.
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)",
                                                      r"This plugin does not support raise\(\)"))
