"""Fixtures of the speech tests: the real default model (installed once per session) and the eval set."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
import soundfile

AUDIO = Path(__file__).resolve().parent.parent / "data" / "audio"


def references() -> list[dict]:
    with open(AUDIO / "references.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ecabinet-data")


@pytest.fixture(scope="session")
def model_dir(data_dir) -> Path:
    from ecabinet_client.asr.models import install_default_model

    return install_default_model(data_dir)


@pytest.fixture(scope="session")
def asr_model(model_dir):
    from ecabinet_client.asr.engine import AsrModel

    model = AsrModel(model_dir)
    yield model
    model.close()


@pytest.fixture(scope="session")
def quiet_files(tmp_path_factory) -> dict[str, Path]:
    """5 s of digital silence and 5 s of white noise (-26 dBFS), 16 kHz FLAC."""
    folder = tmp_path_factory.mktemp("quiet")
    rng = np.random.default_rng(7)
    out = {"silence": folder / "silence.flac", "noise": folder / "noise.flac"}
    soundfile.write(out["silence"], np.zeros(5 * 16000, np.float32), 16000)
    soundfile.write(out["noise"], (rng.standard_normal(5 * 16000) * 0.05).astype(np.float32), 16000)
    return out


@pytest.fixture(scope="session")
def live_results(asr_model):
    """Every eval file through the live pipeline (partials on), exactly as from a microphone."""
    from ecabinet_client.asr.audio import FileSource
    from ecabinet_client.asr.engine import LiveTranscriber, StreamConfig

    results = {}
    for ref in references():
        transcriber = LiveTranscriber(asr_model, config=StreamConfig(language=ref["language"], partial_interval_s=1.5))
        source = FileSource(AUDIO / ref["file"])
        transcriber.run(source)
        events = []
        while not transcriber.events.empty():
            events.append(transcriber.events.get())
        results[ref["file"]] = {"ref": ref, "events": events, "duration_s": source.duration_s}
    return results
