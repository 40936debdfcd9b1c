"""``ecabinet-transcribe`` as a subprocess: success and each bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .conftest import AUDIO

pytestmark = pytest.mark.slow


def run_cli(*args, data_dir):
    env = dict(os.environ, ECABINET_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "ecabinet_client.asr.cli", *map(str, args)],
        capture_output=True, text=True, env=env, timeout=120,
    )


def test_transcribes_to_stdout_and_subtitles(model_dir, data_dir, tmp_path):
    srt, vtt = tmp_path / "out.srt", tmp_path / "out.vtt"
    r = run_cli(AUDIO / "en04.flac", "--language", "en", "--srt", srt, "--vtt", vtt, data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and "chair runs the meeting" in lines[0].lower()
    assert srt.read_text(encoding="utf-8").startswith("1\n00:00:00,")
    assert vtt.read_text(encoding="utf-8").startswith("WEBVTT\n\n00:00:00.")
    assert lines[0] in srt.read_text(encoding="utf-8")


def test_missing_file(data_dir, tmp_path):
    r = run_cli(tmp_path / "none.flac", data_dir=data_dir)
    assert r.returncode == 2
    assert "Không tìm thấy tệp âm thanh" in r.stderr and "Audio file not found" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_not_audio(data_dir, tmp_path):
    bad = tmp_path / "agenda.mp3"
    bad.write_text("Chương trình họp")
    r = run_cli(bad, data_dir=data_dir)
    assert r.returncode == 2
    assert "not a readable audio file" in r.stderr and "Traceback" not in r.stderr


def test_bad_model_folder(model_dir, data_dir, tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    shutil.copy(model_dir / "config.json", folder)
    r = run_cli(AUDIO / "en04.flac", "--model", folder, data_dir=data_dir)
    assert r.returncode == 2
    assert "model.bin" in r.stderr and "refused" in r.stderr and "Traceback" not in r.stderr
    (folder / "model.bin").write_bytes(b"x")
    r = run_cli(AUDIO / "en04.flac", "--model", folder, data_dir=data_dir)
    assert r.returncode == 2 and "tokenizer.json" in r.stderr and "bị từ chối" in r.stderr


def test_bad_language_is_a_usage_error(data_dir):
    r = run_cli(AUDIO / "en04.flac", "--language", "fr", data_dir=data_dir)
    assert r.returncode == 2 and "invalid choice" in r.stderr
