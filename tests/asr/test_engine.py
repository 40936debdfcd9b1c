"""The live pipeline with the real model on the real evaluation audio (FileSource in place of a microphone)."""

from __future__ import annotations

import threading
import time

import jiwer
import numpy as np
import pytest

from ecabinet_client.asr.audio import FileSource
from ecabinet_client.asr.engine import Error, Final, Lag, LiveTranscriber, Partial, Progress, Stopped, StreamConfig, normalise, transcribe_file
from ecabinet_client.asr.errors import AudioError, DeviceLost

from .conftest import AUDIO, references

pytestmark = pytest.mark.slow

# Measured with whisper-base int8 on these espeak-ng clips: vi WER ≈ 0.77, CER ≈ 0.47 (espeak's
# Vietnamese is hard to understand, even for people); en WER ≈ 0.15, CER ≈ 0.04. The bounds leave a
# margin yet fail a broken pipeline (no text, wrong language, cut utterances, hallucinated prompts: WER ≥ 1).
BOUNDS = {"vi": {"wer": 0.90, "cer": 0.60}, "en": {"wer": 0.30, "cer": 0.12}}


def _finals(result):
    return [e for e in result["events"] if isinstance(e, Final) and e.text]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_word_error_rate_of_the_live_pipeline(live_results, language):
    refs, hyps = [], []
    for name, result in live_results.items():
        if result["ref"]["language"] != language:
            continue
        refs.append(normalise(result["ref"]["text"]))
        hyps.append(normalise(" ".join(f.text for f in _finals(result))))
    assert len(refs) == 6
    wer, cer = jiwer.wer(refs, hyps), jiwer.cer(refs, hyps)
    print(f"{language}: WER {wer:.3f} CER {cer:.3f}")
    assert wer <= BOUNDS[language]["wer"]
    assert cer <= BOUNDS[language]["cer"]


def test_partials_come_before_the_final_of_the_same_utterance(live_results):
    with_partials = 0
    for name, result in live_results.items():
        events = [e for e in result["events"] if isinstance(e, (Partial, Final))]
        assert events, name
        finals = [e for e in events if isinstance(e, Final)]
        for final in finals:
            partials = [e for e in events if isinstance(e, Partial) and e.utterance_id == final.utterance_id]
            if partials:
                with_partials += 1
                # every partial of the utterance precedes its final, with the same start
                assert events.index(partials[-1]) < events.index(final)
                assert all(p.start_ms == final.start_ms for p in partials)
            assert not any(
                isinstance(e, Partial) and e.utterance_id == final.utterance_id for e in events[events.index(final) :]
            )
    assert with_partials >= 10  # the clips are 4–6 s: nearly all have a partial at 1.5 s and 3 s


def test_stable_prefix_is_a_prefix_of_the_hypothesis(live_results):
    for result in live_results.values():
        for p in (e for e in result["events"] if isinstance(e, Partial)):
            assert normalise(p.text).startswith(normalise(p.stable))


def test_timestamps_increase_and_stay_within_the_audio(live_results):
    for name, result in live_results.items():
        finals = _finals(result)
        duration_ms = result["duration_s"] * 1000
        last_end = 0
        for f in finals:
            assert 0 <= f.start_ms < f.end_ms <= duration_ms + 1, name
            assert f.start_ms >= last_end
            last_end = f.end_ms
        # the clips have 0.3 s of silence each side: speech starts near it
        assert 0 <= finals[0].start_ms <= 600, name
        assert finals[-1].end_ms >= duration_ms - 1200, name


@pytest.mark.parametrize("kind", ["silence", "noise"])
def test_silence_and_noise_produce_no_text(asr_model, quiet_files, kind):
    t = LiveTranscriber(asr_model, config=StreamConfig(language="vi"))
    assert t.run(FileSource(quiet_files[kind])) == "end"
    events = list(t.events.queue)
    assert not [e for e in events if isinstance(e, (Partial, Final))]
    assert isinstance(events[-1], Stopped)


def test_timestamps_are_on_the_meeting_timeline_and_speaker_is_attached(asr_model, tmp_path):
    from ecabinet_client.asr.audio import SessionRecorder

    rec = SessionRecorder(tmp_path / "m.flac")
    t = LiveTranscriber(asr_model, config=StreamConfig(language="en", partials=False, offset_ms=60_000), recorder=rec)
    t.set_speaker("u-chair")
    t.run(FileSource(AUDIO / "en04.flac"))
    rec.close()
    (final,) = [e for e in t.events.queue if isinstance(e, Final)]
    assert 60_000 <= final.start_ms < final.end_ms <= 60_000 + 5000
    assert final.speaker_id == "u-chair" and final.language == "en"
    assert rec.samples == pytest.approx(3.927 * 16000, abs=600)  # everything was recorded


class _UnpluggedMic(FileSource):
    """A paced file that stops like an unplugged microphone after ``after_s``."""

    def __init__(self, path, after_s):
        super().__init__(path, paced=True, speed=4.0)
        self.after_s = after_s

    def read(self, timeout=0.1):
        if self.position_s >= self.after_s:
            raise DeviceLost("device_lost", vi="Mất kết nối thiết bị thu âm", en="The input device stopped")
        return super().read(timeout)


def test_unplugged_device_keeps_the_recording_and_resumes_on_another(asr_model, tmp_path):
    from ecabinet_client.asr.audio import SessionRecorder

    rec = SessionRecorder(tmp_path / "m.flac")
    t = LiveTranscriber(asr_model, config=StreamConfig(language="en", partials=False), recorder=rec)
    t.start(_UnpluggedMic(AUDIO / "en01.flac", after_s=4.5))  # 4.7 s clip: lost in its trailing silence
    deadline = time.monotonic() + 30
    while not any(isinstance(e, Error) for e in list(t.events.queue)) and time.monotonic() < deadline:
        time.sleep(0.05)
    lost = [e for e in list(t.events.queue) if isinstance(e, Error)]
    assert lost and lost[0].code == "device_lost" and not lost[0].fatal
    recorded = rec.samples
    assert recorded >= 4.4 * 16000
    time.sleep(0.5)  # the room goes on while the secretary plugs in another microphone
    t.switch_source(FileSource(AUDIO / "en04.flac", paced=True, speed=4.0))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len([e for e in list(t.events.queue) if isinstance(e, Final)]) < 2:
        time.sleep(0.05)
    t.stop()
    t.join(30)
    rec.close()
    finals = [e for e in t.events.queue if isinstance(e, Final)]
    assert [normalise(f.text).split()[-1] for f in finals] == ["meeting", "conclusion"]
    # the gap is kept as silence, so the second utterance starts after it on the same timeline
    assert finals[1].start_ms >= recorded / 16 + 400
    assert rec.samples > recorded + 3.9 * 16000


def test_lag_is_reported_and_the_audio_is_kept(asr_model, tmp_path):
    """A 'microphone' 6× faster than real time: the pipeline falls behind, says so, and catches up."""
    from ecabinet_client.asr.audio import SessionRecorder

    rec = SessionRecorder(tmp_path / "m.flac")
    t = LiveTranscriber(asr_model, config=StreamConfig(language="en", lag_report_s=1.0), recorder=rec)
    src = FileSource(AUDIO / "en01.flac", paced=True, speed=6.0)
    t.run(src)
    rec.close()
    events = list(t.events.queue)
    lags = [e for e in events if isinstance(e, Lag)]
    assert lags and lags[0].seconds >= 1.0
    assert lags[-1].seconds == 0.0  # caught up by the end
    assert rec.samples == pytest.approx(src.duration_s * 16000, abs=200)
    assert [e for e in events if isinstance(e, Final) and "meeting" in e.text.lower()]


def test_pause_writes_silence_and_produces_no_text(asr_model, tmp_path):
    from ecabinet_client.asr.audio import SessionRecorder

    rec = SessionRecorder(tmp_path / "m.flac")
    t = LiveTranscriber(asr_model, config=StreamConfig(language="en", partials=False), recorder=rec)
    src = FileSource(AUDIO / "en04.flac", paced=True, speed=2.0)
    t.pause()
    t.start(src)
    time.sleep(1.0)
    t.resume()
    t.join(30)
    rec.close()
    (final,) = [e for e in t.events.queue if isinstance(e, Final)]
    assert final.start_ms >= 800  # the paused second is on the timeline, as silence
    assert rec.samples >= src.duration_s * 16000 + 0.8 * 16000


def test_transcribe_file_progress_and_cancel(asr_model):
    seen = []
    finals = transcribe_file(asr_model, AUDIO / "en05.flac", language="en", progress=lambda d, t: seen.append((d, t)))
    assert "three days" in " ".join(f.text for f in finals).lower()
    assert seen[-1][0] == pytest.approx(seen[-1][1]) and all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    flag = threading.Event()
    flag.set()
    with pytest.raises(InterruptedError):
        transcribe_file(asr_model, AUDIO / "en05.flac", language="en", cancelled=flag.is_set)


def test_transcribe_file_bad_input(asr_model, tmp_path):
    bad = tmp_path / "x.wav"
    bad.write_bytes(b"RIFF....WAVEfmt garbage")
    with pytest.raises(AudioError) as err:
        transcribe_file(asr_model, bad)
    assert err.value.code == "not_audio"


def test_vocabulary_goes_in_as_hotwords_without_leaking(asr_model):
    vocab = ["Nguyễn Văn An", "Chủ tịch", "Trần Thị Bình", "Thư ký", "phòng họp không giấy", "biểu quyết"]
    finals = transcribe_file(asr_model, AUDIO / "en04.flac", language="en", vocabulary=vocab)
    text = " ".join(f.text for f in finals)
    assert "conclusion" in text.lower()
    assert "Nguyễn" not in text and "Thư ký" not in text


def test_file_utterances_are_decoded_packed_and_keep_their_own_text(asr_model, tmp_path):
    """Several utterances share one Whisper pass (files only) and each keeps its own text and times."""
    import soundfile

    from ecabinet_client.asr.audio import decode_file

    gap = np.zeros(int(1.5 * 16000), np.float32)
    parts, starts, pos = [], [], 0
    for name in ("en01.flac", "en04.flac", "en05.flac"):
        clip = decode_file(AUDIO / name)
        starts.append(pos / 16)
        parts += [clip, gap]
        pos += clip.size + gap.size
    path = tmp_path / "three.flac"
    soundfile.write(path, np.concatenate(parts), 16000)
    finals = transcribe_file(asr_model, path, language="en", pack_s=24.0)
    assert len(finals) == 3
    for final, start, word in zip(finals, starts, ("attendance", "conclusion", "three days")):
        assert word in final.text.lower()
        assert start <= final.start_ms <= start + 700
    assert all(a.end_ms <= b.start_ms for a, b in zip(finals, finals[1:]))
