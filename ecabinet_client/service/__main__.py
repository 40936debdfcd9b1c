"""``ecabinet-server``: run the sync service."""

from __future__ import annotations

import argparse
import logging
import sys

import uvicorn

from .config import ServiceConfig


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="ecabinet-server",
        description="eCabinet sync service. Every option can also be set as ECABINET_<NAME> (e.g. ECABINET_PORT).",
    )
    p.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8765)")
    p.add_argument("--data-dir", help="folder of the database and the blobs")
    p.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite in the data folder)")
    p.add_argument("--demo", action="store_true", help="seed demo data (a province, ~30 users, two weeks of meetings) if the database is empty")
    p.add_argument("--log-level", help="DEBUG, INFO, WARNING (default INFO)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    config = ServiceConfig.from_env(
        host=args.host, port=args.port, data_dir=args.data_dir, database_url=args.database_url, log_level=args.log_level
    )
    logging.basicConfig(
        level=config.log_level.upper(), stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    from .app import create_app

    app = create_app(config)
    if args.demo:
        from .demo import seed_demo

        accounts = seed_demo(app.state.db, app.state.blobs)
        if accounts:
            print("Demo accounts (tài khoản dùng thử):", file=sys.stderr)
            for login, password, role in accounts:
                print(f"  {role:<22} {login:<16} {password}", file=sys.stderr)
    print(f"eCabinet service listening on http://{config.host}:{config.port} (data: {config.data_dir})", file=sys.stderr, flush=True)
    uvicorn.run(app, host=config.host, port=config.port, log_level=config.log_level.lower(), access_log=False,
                timeout_graceful_shutdown=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
