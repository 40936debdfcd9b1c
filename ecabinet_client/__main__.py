"""``ecabinet`` / ``python -m ecabinet_client``: the desktop client."""

from __future__ import annotations

import argparse
import logging
import sys


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="ecabinet", description="eCabinet: paperless meeting room client")
    p.add_argument("--server", help="sync service address, e.g. http://127.0.0.1:8765 (remembered)")
    p.add_argument("--demo", action="store_true", help="sign in as the demo delegate without asking")
    p.add_argument("--language", choices=("vi", "en"), help="interface language (default: Vietnamese)")
    p.add_argument("--tablet", action="store_true", help="touch-friendly layout (hit targets of at least 40 px)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from ecabinet_client.demo import demo_accounts
    from ecabinet_client.ui.app import run

    accounts = demo_accounts()
    login = None
    if args.demo:
        login = next(((a[1], a[2]) for a in accounts if a[0] == "delegate"), None)
    return run(server=args.server, language=args.language, tablet=args.tablet, demo_login=login,
               demo_accounts=accounts if args.demo or args.server is None or "127.0.0.1" in (args.server or "") else [])


if __name__ == "__main__":
    sys.exit(main())
