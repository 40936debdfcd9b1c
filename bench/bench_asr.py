"""Benchmarks of the speech engine (not tests): one JSON object per line on standard output.

    .venv/bin/python bench/bench_asr.py [--minutes 10] [--rss-minutes 30] [--skip ...]

Metrics (whisper *base*, int8, the default model installed from the two PyPI packages):

``asr_live_cpu_share``     CPU time of the process during a paced live session ÷ (audio duration × cores)
``asr_live_max_lag_s``     the largest backlog behind real time during that session
``asr_commit_latency_s``   median time from the end of an utterance (the speech, not the pad) to its final text
``asr_file_rtf``           wall time ÷ audio duration of ``transcribe_file`` (an imported recording)
``asr_wer_vi|en``          WER of the live pipeline on the eval set; ``asr_wer_offline_vi|en`` the plain
                           faster-whisper ``transcribe`` of the same files in the same run; ``asr_wer_ratio_vi|en``
                           live ÷ offline (goal ≤ 1.1)
``asr_rss_mb``             RSS after ``--rss-minutes`` of audio through the pipeline; ``asr_rss_growth_mb`` the
                           growth after the first 5 minutes (goal: none, we allow 10 MB of noise)

The long audio is the eval clips concatenated with 1–3 s silences, written block by block to a temporary
FLAC (the audio itself is never held in memory).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from ecabinet_client.asr.audio import FileSource, decode_file  # noqa: E402
from ecabinet_client.asr.engine import AsrModel, Final, LiveTranscriber, StreamConfig, normalise, transcribe_file  # noqa: E402
from ecabinet_client.asr.models import install_default_model  # noqa: E402

AUDIO = ROOT / "tests" / "data" / "audio"


def emit(metric: str, value: float, unit: str, goal, lower_is_better: bool = True, **extra) -> None:
    print(json.dumps({"metric": metric, "value": round(float(value), 3), "unit": unit, "goal": goal,
                      "lower_is_better": lower_is_better, **extra}, ensure_ascii=False), flush=True)


def references() -> list[dict]:
    with open(AUDIO / "references.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_long_audio(path: Path, minutes: float, language: str | None = None, seed: int = 5) -> list[float]:
    """Eval clips with 1–3 s silences up to ``minutes``; returns the end of each clip's speech (seconds)."""
    import soundfile

    rng = np.random.default_rng(seed)
    clips = [decode_file(AUDIO / r["file"]) for r in references() if language in (None, r["language"])]
    ends, pos, total = [], 0, int(minutes * 60 * 16000)
    with soundfile.SoundFile(str(path), "w", 16000, 1, "PCM_16", format="FLAC") as out:
        i = 0
        while pos < total:
            clip = clips[i % len(clips)]
            out.write(clip)
            pos += clip.size
            ends.append((pos - int(0.3 * 16000)) / 16000)  # the clips end with 0.3 s of silence
            gap = np.zeros(int(rng.uniform(1.0, 3.0) * 16000), np.float32)
            out.write(gap)
            pos += gap.size
            i += 1
    return ends


def bench_live(model: AsrModel, minutes: float, tmp: Path) -> None:
    path = tmp / "live.flac"
    ends = build_long_audio(path, minutes, "vi")
    finals: list[tuple[float, Final]] = []
    t = LiveTranscriber(model, config=StreamConfig(language="vi"),
                        on_event=lambda e: finals.append((time.monotonic(), e)) if isinstance(e, Final) else None)
    src = FileSource(path, paced=True)
    cpu0, t0 = time.process_time(), time.monotonic()
    t.run(src)
    cpu = time.process_time() - cpu0
    duration = src.duration_s
    cores = os.cpu_count() or 1
    emit("asr_live_cpu_share", cpu / (duration * cores), "ratio", 0.6, minutes=round(duration / 60, 1), cores=cores,
         cpu_threads=model.cpu_threads)
    emit("asr_live_max_lag_s", t.max_lag_s, "s", 5.0, minutes=round(duration / 60, 1))
    latencies = []
    for wall, f in finals:
        if not f.text:
            continue
        end_s = f.end_ms / 1000
        # the end of the clip's speech nearest to the utterance's end (the VAD end is ±0.5 s from it)
        speech_end = min(ends, key=lambda e: abs(end_s - e))
        if abs(speech_end - end_s) <= 1.0:
            latencies.append(wall - (t0 + speech_end))
    if latencies:
        emit("asr_commit_latency_s", statistics.median(latencies), "s", 3.0,
             p90=round(float(np.percentile(latencies, 90)), 2), utterances=len(latencies))


def bench_file(model: AsrModel, tmp: Path) -> None:
    path = tmp / "file.flac"
    build_long_audio(path, 2.0)
    duration = FileSource(path).duration_s
    t0 = time.monotonic()
    transcribe_file(model, path, language="vi")
    emit("asr_file_rtf", (time.monotonic() - t0) / duration, "ratio", 0.2, minutes=round(duration / 60, 1))


def bench_wer(model: AsrModel) -> None:
    import jiwer

    for lang in ("vi", "en"):
        refs, live, offline = [], [], []
        for r in references():
            if r["language"] != lang:
                continue
            refs.append(normalise(r["text"]))
            t = LiveTranscriber(model, config=StreamConfig(language=lang))
            t.run(FileSource(AUDIO / r["file"]))
            live.append(normalise(" ".join(e.text for e in list(t.events.queue) if isinstance(e, Final))))
            offline.append(normalise(model.transcribe_offline(str(AUDIO / r["file"]), lang)))
        w_live, w_off = jiwer.wer(refs, live), jiwer.wer(refs, offline)
        emit(f"asr_wer_{lang}", w_live, "WER", round(1.1 * w_off, 3), files=len(refs), cer=round(jiwer.cer(refs, live), 3))
        emit(f"asr_wer_offline_{lang}", w_off, "WER", None, cer=round(jiwer.cer(refs, offline), 3))
        emit(f"asr_wer_ratio_{lang}", w_live / max(w_off, 1e-9), "ratio", 1.1)


def bench_rss(model: AsrModel, minutes: float, tmp: Path) -> None:
    path = tmp / "rss.flac"
    build_long_audio(path, minutes)
    marks: dict[str, float] = {}
    lock = threading.Lock()

    def on_event(e) -> None:
        if not isinstance(e, Final):
            return
        with lock:
            if e.end_ms >= 5 * 60_000 and "5min" not in marks:
                marks["5min"] = rss_mb()

    t = LiveTranscriber(model, config=StreamConfig(language="vi", partials=False), on_event=on_event)
    t.run(FileSource(path))
    end = rss_mb()
    emit("asr_rss_mb", end, "MB", None, minutes=minutes)
    if "5min" in marks:
        emit("asr_rss_growth_mb", end - marks["5min"], "MB", 10.0, minutes=minutes)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=10.0, help="length of the paced live session (default 10)")
    p.add_argument("--rss-minutes", type=float, default=30.0, help="audio for the memory measurement (default 30)")
    p.add_argument("--skip", nargs="*", default=[], choices=["live", "file", "wer", "rss"])
    args = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-asr-"))
    model = AsrModel(install_default_model(tmp / "data"))
    try:
        if "wer" not in args.skip:
            bench_wer(model)
        if "file" not in args.skip:
            bench_file(model, tmp)
        if "live" not in args.skip:
            bench_live(model, args.minutes, tmp)
        if "rss" not in args.skip:
            bench_rss(model, args.rss_minutes, tmp)
    finally:
        model.close()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
