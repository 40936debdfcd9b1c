"""Content-addressed blob storage: ``<data>/blobs/ab/cd/<sha256>``; uploads resume by offset."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ecabinet_client.domain.errors import DomainError

SHA_RE = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1024 * 1024


def check_sha(sha: str) -> str:
    if not SHA_RE.match(sha):
        raise DomainError("bad_request", status=400, detail="sha256 must be 64 lower-case hex digits")
    return sha


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "incoming").mkdir(parents=True, exist_ok=True)

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha[2:4] / sha

    def partial(self, sha: str) -> Path:
        return self.root / "incoming" / f"{sha}.part"

    def exists(self, sha: str) -> bool:
        return self.path(sha).exists()

    def offset(self, sha: str) -> int:
        part = self.partial(sha)
        return part.stat().st_size if part.exists() else 0

    def append(self, sha: str, offset: int, chunks, size: int, max_bytes: int) -> int:  # noqa: ANN001
        """Append the body at ``offset``; returns the new offset. Called from a worker thread."""
        if size > max_bytes:
            raise DomainError("too_large", status=413, limit=max_bytes)
        current = self.offset(sha)
        if offset != current:
            raise DomainError("bad_request", status=409, detail=f"upload offset is {current}", offset=current)
        part = self.partial(sha)
        written = current
        with open(part, "ab") as fh:
            for chunk in chunks:
                written += len(chunk)
                if written > size:
                    fh.close()
                    part.unlink(missing_ok=True)
                    raise DomainError("hash_mismatch", status=422)
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        return written

    def finalize(self, sha: str) -> None:
        """Check the hash of a complete upload and move it into place (atomic rename)."""
        part = self.partial(sha)
        digest = hashlib.sha256()
        with open(part, "rb") as fh:
            while block := fh.read(CHUNK):
                digest.update(block)
        if digest.hexdigest() != sha:
            part.unlink(missing_ok=True)
            raise DomainError("hash_mismatch", status=422)
        target = self.path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, target)

    def put_bytes(self, data: bytes) -> str:
        """Store bytes directly (demo data, tests); returns the hash."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        return sha
