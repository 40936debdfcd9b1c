"""Transcript export: plain text, SubRip (SRT) and WebVTT. Plain Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str
    speaker: str = ""  # display name, empty when unknown


def _clock(ms: int, sep: str) -> str:
    ms = max(0, int(ms))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _line(cue: Cue) -> str:
    return f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text


def to_text(cues: Iterable[Cue], *, timestamps: bool = False) -> str:
    """One utterance per line (``[hh:mm:ss] speaker: text`` with ``timestamps``)."""
    lines = []
    for cue in cues:
        prefix = f"[{_clock(cue.start_ms, ',')[:8]}] " if timestamps else ""
        lines.append(prefix + _line(cue))
    return "\n".join(lines) + ("\n" if lines else "")


def to_srt(cues: Iterable[Cue]) -> str:
    blocks = []
    for i, cue in enumerate(cues, 1):
        end = max(cue.end_ms, cue.start_ms + 1)
        blocks.append(f"{i}\n{_clock(cue.start_ms, ',')} --> {_clock(end, ',')}\n{_line(cue)}\n")
    return "\n".join(blocks)


def to_vtt(cues: Iterable[Cue]) -> str:
    blocks = ["WEBVTT\n"]
    for cue in cues:
        end = max(cue.end_ms, cue.start_ms + 1)
        text = f"<v {cue.speaker}>{cue.text}" if cue.speaker else cue.text
        blocks.append(f"{_clock(cue.start_ms, '.')} --> {_clock(end, '.')}\n{text}\n")
    return "\n".join(blocks)


def cues_from_rows(rows: Iterable[Mapping], names: Mapping[str, str] | None = None) -> list[Cue]:
    """Cues from ``transcript_segments`` rows (``names`` maps speaker ids to display names)."""
    names = names or {}
    out = []
    for r in sorted(rows, key=lambda r: (r.get("start_ms") or 0)):
        if r.get("deleted") or not (r.get("text") or "").strip():
            continue
        sid = r.get("speaker_id")
        out.append(Cue(int(r.get("start_ms") or 0), int(r.get("end_ms") or 0), r["text"].strip(), names.get(sid, "") if sid else ""))
    return out
