"""A keyring kept in one JSON file, for ``bench_ui.py`` only: the client processes it starts one after the
other find the refresh token the previous one saved, as they would in the OS keyring. The product never
keeps tokens in plain files; this backend is chosen only through ``PYTHON_KEYRING_BACKEND`` by the bench."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ["ECABINET_BENCH_KEYRING"])

    def _load(self) -> dict:
        try:
            return json.loads(self.path.read_text())
        except OSError:
            return {}

    def _save(self, data: dict) -> None:
        self.path.write_text(json.dumps(data))

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\0{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\0{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)
