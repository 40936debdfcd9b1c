"""Errors of the speech-to-text engine, with a message in Vietnamese and in English.

The engine has no Qt: its errors carry both texts and a stable ``code``. The command line prints
both; the transcript panel shows its own translated text for the code (``self.tr``) and falls back to
the message of the current language.
"""

from __future__ import annotations


class AsrError(Exception):
    """A failure the user can act on: ``code`` is stable, ``vi`` / ``en`` say what happened and what to do."""

    def __init__(self, code: str, *, vi: str, en: str) -> None:
        super().__init__(f"{vi} / {en}")
        self.code = code
        self.vi = vi
        self.en = en

    def message(self, language: str = "vi") -> str:
        return self.vi if language == "vi" else self.en


class ModelError(AsrError):
    """The speech model is missing, incomplete or corrupt."""


class AudioError(AsrError):
    """Audio capture or decoding failed (PortAudio missing, no device, unsupported rate, not audio…)."""


class DeviceLost(AudioError):
    """The input device stopped delivering audio (unplugged); the recording so far is kept."""
