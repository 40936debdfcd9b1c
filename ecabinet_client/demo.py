"""``make run``: the service with demo data and the client signed in as the demo delegate.

The service runs as a child process (``ServiceProcess``) with its data in the platform's data folder
(``<user data dir>/demo-server``); it stops when the client window closes.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import platformdirs

ROLE_ORDER = ("delegate", "secretary", "chair", "approver", "registrar", "unit_representative", "assistant")
_accounts: list[tuple[str, str, str]] = []


def demo_accounts() -> list[tuple[str, str, str]]:
    """``(role, login, password)`` of the demo accounts, as the demo service printed them (or declares them)."""
    if _accounts:
        return list(_accounts)
    try:
        from ecabinet_client.service import demo as service_demo  # type: ignore[attr-defined]
    except ImportError:
        return []
    declared = getattr(service_demo, "DEMO_ACCOUNTS", None)
    if declared:
        return [_normalise(a) for a in declared]
    return []


def _normalise(a) -> tuple[str, str, str]:
    if isinstance(a, dict):
        return (a.get("role", ""), a.get("login") or a.get("username", ""), a.get("password", ""))
    login, password, role = a
    return (role, login, password)


def accounts_from_log(text: str) -> list[tuple[str, str, str]]:
    """Parse the lines the service prints under "Demo accounts": ``role login password``."""
    out = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Demo accounts"):
            out = []
            for row in lines[i + 1:]:
                m = re.match(r"^\s+(\S+)\s+(\S+)\s+(\S+)\s*$", row)
                if not m:
                    break
                out.append((m.group(1), m.group(2), m.group(3)))
    out.sort(key=lambda a: ROLE_ORDER.index(a[0]) if a[0] in ROLE_ORDER else len(ROLE_ORDER))
    return out


DEMO_PORT = 8765


def port_free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the service binds (TIME_WAIT is fine)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    from ecabinet_client.service.harness import ServiceProcess

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    import os

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        print("No display found: run `make run` from a desktop session, or under a virtual one "
              "(xvfb-run make run). / Không tìm thấy màn hình: hãy chạy trong phiên làm việc có giao diện.",
              file=sys.stderr)
        return 2
    data = Path(platformdirs.user_data_dir("eCabinet", "eCabinet")) / "demo-server"
    # the usual port when it is free, so that the client's cached data (kept per server address) is reused
    svc = ServiceProcess(data_dir=data, demo=True, port=DEMO_PORT if port_free(DEMO_PORT) else None)
    print("Starting the eCabinet service with demo data…", flush=True)
    svc.start(timeout=180)
    try:
        _accounts[:] = accounts_from_log(svc.log_path.read_text(errors="replace")) or demo_accounts()
        print(f"Service listening on {svc.url} (data: {data})")
        if _accounts:
            print("Demo accounts / tài khoản dùng thử:")
            for role, login, password in _accounts:
                print(f"  {role:<22} {login:<16} {password}")
        sys.stdout.flush()
        from ecabinet_client.ui.app import run

        delegate = next(((a[1], a[2]) for a in _accounts if a[0] == "delegate"), None)
        args = argv if argv is not None else sys.argv[1:]
        return run(server=svc.url, language="en" if "--language=en" in args else None,
                   tablet="--tablet" in args, demo_login=delegate, demo_accounts=_accounts)
    finally:
        svc.stop()


if __name__ == "__main__":
    sys.exit(main())
