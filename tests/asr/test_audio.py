from __future__ import annotations

import builtins
import time

import numpy as np
import pytest
import soundfile

from ecabinet_client.asr import audio
from ecabinet_client.asr.errors import AudioError

from .conftest import AUDIO


def test_file_source_decodes_to_16k_mono(tmp_path):
    # a 44.1 kHz stereo WAV goes through the same interface as the FLAC eval files
    t = np.arange(44100 * 2) / 44100
    stereo = np.stack([np.sin(2 * np.pi * 440 * t), np.sin(2 * np.pi * 440 * t)], axis=1) * 0.5
    path = tmp_path / "tone.wav"
    soundfile.write(path, stereo.astype(np.float32), 44100)
    src = audio.FileSource(path)
    assert src.duration_s == pytest.approx(2.0, abs=0.01)
    chunks = []
    while not src.exhausted:
        chunks.append(src.read())
    data = np.concatenate(chunks)
    assert data.dtype == np.float32 and data.ndim == 1
    assert data.size == pytest.approx(32000, abs=200)
    assert -10 < src.level_db < -4  # a 0.5 sine in both channels, FFmpeg downmix


def test_paced_file_source_follows_the_clock():
    src = audio.FileSource(AUDIO / "en04.flac", paced=True, speed=4.0)
    t0 = time.monotonic()
    src.start()
    total = 0
    while not src.exhausted:
        total += src.read(0.2).size
    elapsed = time.monotonic() - t0
    assert total / 16000 == pytest.approx(src.duration_s, abs=0.05)
    assert src.duration_s / 4 * 0.8 < elapsed < src.duration_s / 4 + 1.0


def test_missing_and_non_audio_files(tmp_path):
    with pytest.raises(AudioError) as err:
        audio.FileSource(tmp_path / "none.flac")
    assert err.value.code == "file_not_found"
    bad = tmp_path / "notes.flac"
    bad.write_text("biên bản cuộc họp")
    with pytest.raises(AudioError) as err:
        audio.FileSource(bad)
    assert err.value.code == "not_audio"
    assert "không phải tệp âm thanh" in err.value.vi and "not a readable audio file" in err.value.en


def test_recorder_writes_flac_and_segments_can_be_read_while_recording(tmp_path):
    rec = audio.SessionRecorder(tmp_path / "meeting.flac")
    tone = (np.sin(np.arange(16000) / 5) * 0.3).astype(np.float32)
    rec.write(tone)
    rec.write_silence(0.5)
    rec.write(tone)
    rec.flush()
    seg = rec.read(1500, 2500)  # the second tone, read during the session
    assert seg.size == 16000 and audio.level_dbfs(seg) > -15
    assert audio.level_dbfs(rec.read(1050, 1450)) == -90.0
    early = audio.read_segment(rec.path, 0, 1000)  # from the file being written (flushed part)
    assert early.size > 8000 and audio.level_dbfs(early) > -15
    rec.close()
    assert audio.read_segment(rec.path, 1500, 2500) == pytest.approx(seg, abs=1e-4)
    info = soundfile.info(str(rec.path))
    assert info.format == "FLAC" and info.samplerate == 16000 and info.frames == 40000
    # a second session of the same meeting never overwrites the first recording
    again = audio.SessionRecorder(tmp_path / "meeting.flac")
    assert again.path.name == "meeting.1.flac"
    again.close()


def _without_portaudio(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "sounddevice", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_portaudio_missing_is_a_clear_error(monkeypatch):
    _without_portaudio(monkeypatch)
    with pytest.raises(AudioError) as err:
        audio.MicrophoneSource()
    assert err.value.code == "portaudio_missing"
    assert "PortAudio" in err.value.vi and "libportaudio2" in err.value.en
    with pytest.raises(AudioError):
        audio.list_input_devices()
    # files are still transcribable without PortAudio
    assert audio.decode_file(AUDIO / "en04.flac").size > 16000


def test_no_input_device_is_a_clear_error():
    with pytest.raises(AudioError) as err:
        audio.MicrophoneSource(4242)
    assert err.value.code == "no_device"
    assert "micrô" in err.value.vi and "microphone" in err.value.en
    with pytest.raises(AudioError) as err:
        audio.MicrophoneSource("Micrô phòng họp không tồn tại")
    assert err.value.code == "no_device"


def test_list_input_devices_does_not_crash():
    assert all(d.channels > 0 for d in audio.list_input_devices())


def test_recorder_memory_is_bounded(tmp_path):
    rec = audio.SessionRecorder(tmp_path / "m.flac", keep_recent_s=1.0)
    for i in range(5):
        rec.write(np.full(8000, 0.1 * (i + 1), np.float32))
    assert rec._ring.size == 16000
    assert rec.read(2000, 2500) == pytest.approx(np.full(8000, 0.5), abs=1e-3)  # last block, from memory
    rec.flush()
    assert rec.read(0, 500) == pytest.approx(np.full(8000, 0.1), abs=1e-3)  # older: from the file
    rec.close()
