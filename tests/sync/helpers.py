"""Helpers of the sync tests: a child client process, store checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.world import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def run_child(*, server: str, base: Path, config: Path, login: str, actions: list, crash_at: str = "",
              timeout: float = 120) -> subprocess.CompletedProcess:
    spec = {"server": server, "base": str(base), "config": str(config), "login": login, "password": PASSWORD,
            "actions": actions}
    env = {**os.environ, "ECABINET_CHILD_CRASH_AT": crash_at}
    env.pop("ECABINET_CRASH_AT", None)
    return subprocess.run([sys.executable, "-m", "tests.sync.child", json.dumps(spec)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def results(proc: subprocess.CompletedProcess) -> list:
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
