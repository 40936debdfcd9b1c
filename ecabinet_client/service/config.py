"""Service settings: defaults here, overridden by ``ECABINET_*`` environment variables and then by the
command line (``ecabinet-server --help``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import platformdirs

from ecabinet_client.domain.rules import Rules


@dataclass(frozen=True)
class ServiceConfig:
    host: str = "127.0.0.1"
    port: int = 8765
    data_dir: Path = field(default_factory=lambda: Path(platformdirs.user_data_dir("eCabinet-server", "eCabinet")))
    database_url: str = ""  # default: sqlite:///<data_dir>/ecabinet.sqlite3
    access_token_minutes: float = 15.0
    tombstone_retention_days: float = 90.0
    max_body_bytes: int = 2 * 1024 * 1024
    max_blob_bytes: int = 2 * 1024 * 1024 * 1024
    max_push_mutations: int = 200
    login_free_attempts: int = 5
    login_max_delay_s: float = 900.0
    sse_ping_seconds: float = 15.0
    log_level: str = "INFO"
    rules: Rules = field(default_factory=Rules)

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'ecabinet.sqlite3'}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "ServiceConfig":
        env = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            if f.name == "rules":
                continue
            raw = env.get("ECABINET_" + f.name.upper())
            if raw is None:
                continue
            if f.name == "data_dir":
                values[f.name] = Path(raw)
            elif f.type in ("int",):
                values[f.name] = int(raw)
            elif f.type in ("float",):
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        values["rules"] = Rules.from_env(env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" in values:
            values["data_dir"] = Path(values["data_dir"])
        return replace(cls(), **values)
