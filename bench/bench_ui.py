"""UI benchmarks (JSON lines as in DEVELOPERS.md).

client_start_ratio  process start → week calendar painted with the demo meetings ÷ process start → a bare
                    PySide6 window shown, measured in the same run (goal ≤ 2.0), for the everyday start: this
                    device was remembered at the last sign-in (refresh token in the keyring, here a bench-only
                    file backend: bench_keyring.py), so the client opens the user's store, paints, then syncs
client_first_start_ratio  the same for the very first start: password sign-in against the service (argon2
                    there), an empty store, the bootstrap sync, then the calendar painted
ui_max_stall_ms     longest UI-thread stall (QTimer heartbeat every 1 ms) while a 2,000-meeting bootstrap
                    sync runs behind the main window (goal ≤ 50 ms)

Usage: python bench/bench_ui.py [--meetings 2000] [--runs 3]
The service runs on loopback with a generated tenant (bench_sync.build); the client signs in for real.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_sync import CHAIR, READER, build  # noqa: E402
from common import ROOT, emit  # noqa: E402

from ecabinet_client.service.demo import DEMO_PASSWORD  # noqa: E402
from ecabinet_client.service.harness import ServiceProcess  # noqa: E402

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
class W(QWidget):
    def paintEvent(self, e):
        super().paintEvent(e)
        print("PAINTED", flush=True)
        QApplication.instance().exit(0)
app = QApplication(sys.argv)
w = W(); w.resize(1200, 780); w.show()
app.exec()
"""

CLIENT = """
import sys, os
from ecabinet_client.ui import calendar
original = calendar.WeekGrid.paintEvent
def paint(self, e):
    original(self, e)
    if self.rows:
        print("PAINTED", flush=True)
        from PySide6.QtWidgets import QApplication
        QApplication.instance().exit(0)
calendar.WeekGrid.paintEvent = paint
from ecabinet_client.ui.app import run
login = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else None  # None: resume the remembered session
sys.exit(run(server=sys.argv[1], language="vi", tablet=False, demo_login=login))
"""


def time_to_paint(code: str, *args: str, env: dict) -> float:
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env, cwd=ROOT)
    for line in p.stdout:
        if line.startswith(b"PAINTED"):
            dt = time.perf_counter() - t0
            break
    else:
        raise RuntimeError("the window was never painted")
    p.wait(30)
    return dt


def client_start_ratio(url: str, login: str, password: str, runs: int, tmp: Path) -> tuple[float, float, float]:
    """(bare, first start, everyday start) medians: each round starts a bare window, then the client on an
    empty device signing in with the password, then the client again (it resumes the remembered session)."""
    env = {**os.environ, "ECABINET_CONFIG_DIR": str(tmp / "config"), "ECABINET_DATA_DIR": str(tmp / "client"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
           "PYTHON_KEYRING_BACKEND": "bench_keyring.FileKeyring", "ECABINET_BENCH_KEYRING": str(tmp / "keyring.json")}
    # the client's own modules as bytecode, as an installed package or the PyInstaller build has them: with
    # PYTHONDONTWRITEBYTECODE set (as on this machine), every start compiled 27 modules from source (~50 ms)
    compileall.compile_dir(ROOT / "ecabinet_client", quiet=1)
    compileall.compile_file(ROOT / "bench" / "bench_keyring.py", quiet=1)
    bare, first, everyday = [], [], []
    for i in range(runs):
        bare.append(time_to_paint(BARE, env=env))
        for path in (tmp / "client", tmp / "config", tmp / "keyring.json"):  # a new device: nothing kept
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        first.append(time_to_paint(CLIENT, url, login, password, env=env))
        everyday.append(time_to_paint(CLIENT, url, env=env))
    return statistics.median(bare), statistics.median(first), statistics.median(everyday)


def ui_max_stall_ms(url: str, login: str, password: str, tmp: Path) -> float:
    from PySide6.QtCore import QElapsedTimer, QTimer

    from ecabinet_client.sync.api import TokenVault
    from ecabinet_client.sync.client import Client
    from ecabinet_client.ui.app import make_application
    from ecabinet_client.ui.mainwindow import MainWindow
    from ecabinet_client.ui.session import Session
    from ecabinet_client.ui.settings import Settings

    app = make_application()  # as the client runs: e.g. Python's garbage collection on the UI thread only
    client = Client(url, base_dir=tmp / "client2", config_dir=tmp / "config2", vault=TokenVault(persist=False),
                    auto_download=False, autostart=False)
    client.sign_in(login, password)  # an empty store: the first sync is the 2,000-meeting bootstrap
    session = Session(client)
    win = MainWindow(session=session, settings=Settings(server=url, cache_dir=str(tmp / "client2")))
    win.show()
    app.processEvents()
    clock = QElapsedTimer()
    clock.start()
    state = {"last": clock.elapsed(), "max": 0}

    def beat() -> None:
        now = clock.elapsed()
        state["max"] = max(state["max"], now - state["last"])
        state["last"] = now

    heart = QTimer()
    heart.setInterval(1)
    heart.timeout.connect(beat)
    heart.start()
    client.engine.start()  # the engine's thread runs the bootstrap sync; the window keeps painting
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        app.processEvents()
        if session.last_sync is not None and client.status()["pending"] == 0:
            break
        time.sleep(0.0005)
    end = time.monotonic() + 0.5  # let the queued "changed" signals repaint the views
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.0005)
    heart.stop()
    rows = len(client.rows("meetings"))
    win.close()
    session.close()
    assert rows >= 1900, rows  # the chair of every added meeting (and of some of the demo's)
    return float(state["max"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--meetings", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=7)  # the VM varies tens of % run to run
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ecabinet-bench-ui-"))
    try:
        (tmp / "service").mkdir()
        # the demo province scaled to --meetings meetings, all chaired by CHAIR; READER sees the demo's own
        build(tmp / "service", args.meetings, rows=0)
        with ServiceProcess(tmp / "service") as svc:
            bare, first, everyday = client_start_ratio(svc.url, READER, DEMO_PASSWORD, args.runs, tmp)
            emit("client_start_ratio", everyday / bare, "ratio", 2.0, bare_s=round(bare, 3), client_s=round(everyday, 3))
            emit("client_first_start_ratio", first / bare, "ratio", 2.0, bare_s=round(bare, 3), client_s=round(first, 3))
            emit("ui_max_stall_ms", ui_max_stall_ms(svc.url, CHAIR, DEMO_PASSWORD, tmp), "ms", 50,
                 meetings=args.meetings)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
