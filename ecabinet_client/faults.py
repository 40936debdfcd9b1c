"""Crash points for the fault tests: ``ECABINET_CRASH_AT=push_after_commit`` (a comma-separated list)
makes the process exit abruptly, as a kill would, when it reaches that point. Costs one dict lookup
when unset; never set in production."""

from __future__ import annotations

import os

_POINTS = frozenset(p for p in os.environ.get("ECABINET_CRASH_AT", "").split(",") if p)


def crash_point(name: str) -> None:
    if name in _POINTS:
        os._exit(86)
