"""Typed client settings with their defaults in one place, stored as JSON in the platform's config folder."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ecabinet_client.sync.client import config_folder
from ecabinet_client.sync.store import data_dir as store_data_dir

log = logging.getLogger(__name__)


def config_dir() -> Path:
    """``$ECABINET_CONFIG_DIR`` or the platform's config folder (shared with the sync layer's accounts.json)."""
    return config_folder()


def data_dir() -> Path:
    """``$ECABINET_DATA_DIR`` or the platform's data folder (where the stores and documents live)."""
    return store_data_dir()


@dataclass
class Settings:
    server: str = "http://127.0.0.1:8765"
    last_login: str = ""
    remember_device: bool = True
    language: str = "vi"
    reading_font_pt: int = 11
    cache_dir: str = ""  # empty: the platform's data folder
    tablet: bool = False
    # meetings happen in Vietnam: times are shown in its zone whatever the machine's clock says ("" = the machine's)
    time_zone: str = "Asia/Ho_Chi_Minh"
    asr_model_dir: str = ""  # speech model folder (CTranslate2 Whisper); empty: the default model
    asr_input_device: str = ""  # the transcript panel's microphone, by name; empty: the system default

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        path = path or config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text())
        except (OSError, ValueError):
            return cls()
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / "settings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1))

    def cache_path(self) -> Path:
        return Path(self.cache_dir) if self.cache_dir else data_dir()
