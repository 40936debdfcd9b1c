"""Audio in and out for the speech engine: microphone, audio files, the session recording, playback.

Every source delivers float32 mono chunks at 16 kHz through the same interface (:class:`AudioSource`),
so the live pipeline runs the same way on a microphone and on a file (tests and imports use
:class:`FileSource`, the meeting uses :class:`MicrophoneSource`).

The sounddevice callback only copies the block into a queue; downmixing, resampling and the level
meter run in the reader (the engine's thread). ``sounddevice`` is imported on first use, so a machine
without PortAudio can still transcribe files; its absence becomes an :class:`AudioError`.
"""

from __future__ import annotations

import abc
import logging
import math
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ecabinet_client.asr.errors import AudioError, DeviceLost

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
CANDIDATE_RATES = (16000, 48000, 44100, 32000, 22050, 8000)
# No block at all for this long while capturing means the device is gone (some host APIs stall
# instead of reporting the unplug).
STALL_SECONDS = 2.0


def _import_sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as exc:  # sounddevice raises OSError when libportaudio cannot be loaded
        raise AudioError(
            "portaudio_missing",
            vi=(
                "Không thu được âm thanh: máy thiếu thư viện PortAudio. Hãy cài gói libportaudio2 "
                "(hoặc cài lại ứng dụng). Vẫn có thể nhập tệp ghi âm để chuyển thành văn bản."
            ),
            en=(
                "Cannot capture audio: the PortAudio library is missing. Install libportaudio2 "
                "(or reinstall the application). Audio files can still be imported and transcribed."
            ),
        ) from exc
    except ImportError as exc:
        raise AudioError(
            "portaudio_missing",
            vi="Không thu được âm thanh: thiếu mô-đun sounddevice/PortAudio. Hãy cài lại ứng dụng.",
            en="Cannot capture audio: the sounddevice/PortAudio module is missing. Reinstall the application.",
        ) from exc
    return sounddevice


def _no_device(detail: str = "") -> AudioError:
    return AudioError(
        "no_device",
        vi=(
            "Không tìm thấy thiết bị thu âm (micrô). Hãy cắm micrô hoặc chọn thiết bị khác rồi thử lại."
            + (f" ({detail})" if detail else "")
        ),
        en=(
            "No audio input device (microphone) was found. Plug in a microphone or pick another device "
            "and try again." + (f" ({detail})" if detail else "")
        ),
    )


def level_dbfs(chunk: np.ndarray) -> float:
    """RMS level in dB full scale, -90 for silence."""
    if chunk.size == 0:
        return -90.0
    rms = float(np.sqrt(np.mean(np.square(chunk, dtype=np.float64))))
    return max(-90.0, 20.0 * math.log10(rms + 1e-12))


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    hostapi: str
    channels: int
    default_rate: float


def list_input_devices() -> list[InputDevice]:
    """The input devices PortAudio knows (raises :class:`AudioError` when PortAudio is missing)."""
    sd = _import_sounddevice()
    try:
        devices = sd.query_devices()
        apis = sd.query_hostapis()
    except Exception as exc:  # noqa: BLE001 - PortAudio errors have no common base
        raise _no_device(str(exc)) from exc
    out = []
    for i, d in enumerate(devices):
        if d.get("max_input_channels", 0) > 0:
            api = apis[d["hostapi"]]["name"] if d.get("hostapi") is not None else ""
            out.append(InputDevice(i, d["name"], api, int(d["max_input_channels"]), float(d["default_samplerate"])))
    return out


class Resampler:
    """Streaming resampler to 16 kHz mono float32 (FFmpeg's swresample through PyAV)."""

    def __init__(self, rate: int) -> None:
        import av

        self.rate = int(rate)
        self._av = av
        self._r = None if self.rate == SAMPLE_RATE else av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)

    def __call__(self, mono: np.ndarray) -> np.ndarray:
        if self._r is None:
            return mono.astype(np.float32, copy=False)
        frame = self._av.AudioFrame.from_ndarray(
            np.ascontiguousarray(mono, dtype=np.float32).reshape(1, -1), format="flt", layout="mono"
        )
        frame.sample_rate = self.rate
        outs = [f.to_ndarray().reshape(-1) for f in self._r.resample(frame)]
        return np.concatenate(outs) if outs else np.zeros(0, np.float32)


class AudioSource(abc.ABC):
    """Interface of every audio source: 16 kHz mono float32 chunks.

    ``read(timeout)`` returns the next chunk (an empty array when nothing arrived within ``timeout``);
    ``exhausted`` becomes true when no more audio will come; ``live`` sources follow the wall clock.
    """

    live = False
    sample_rate = SAMPLE_RATE

    def __init__(self) -> None:
        self.level_db = -90.0
        self._paused = threading.Event()

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def pause(self) -> None:
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    @property
    def exhausted(self) -> bool:
        return False

    @property
    def backlog_s(self) -> float:
        """Audio captured but not read yet, in seconds."""
        return 0.0

    @abc.abstractmethod
    def read(self, timeout: float = 0.1) -> np.ndarray:
        """The next chunk, or an empty array when nothing arrived within ``timeout``."""

    def _measure(self, chunk: np.ndarray) -> np.ndarray:
        if chunk.size:
            self.level_db = level_dbfs(chunk)
        return chunk


class MicrophoneSource(AudioSource):
    """A sounddevice input stream: opened at a rate the device supports, resampled to 16 kHz mono.

    ``device`` is a PortAudio index, a device name (as remembered in the settings) or ``None`` for the
    system default. Opening raises :class:`AudioError` (``portaudio_missing``, ``no_device``,
    ``rate_refused``); reading raises :class:`DeviceLost` when the device disappears.
    """

    live = True

    def __init__(self, device: int | str | None = None, *, block_ms: int = 50) -> None:
        super().__init__()
        self._sd = _import_sounddevice()
        self.device_index, self.device_name, self.channels = self._resolve(device)
        self.rate = self._pick_rate()
        self.block_ms = block_ms
        self._q: queue.Queue[np.ndarray] = queue.Queue()
        self._queued_frames = 0
        self._lock = threading.Lock()
        self._stream = None
        self._ended = threading.Event()
        self._stopping = False
        self._resample = Resampler(self.rate)
        self._last_data = time.monotonic()
        self.overflows = 0

    def _resolve(self, device: int | str | None) -> tuple[int, str, int]:
        sd = self._sd
        try:
            if device is None:
                info = sd.query_devices(kind="input")
            elif isinstance(device, str):
                matches = [i for i, d in enumerate(sd.query_devices()) if d["name"] == device and d["max_input_channels"] > 0]
                if not matches:
                    raise _no_device(device)
                info = sd.query_devices(matches[0])
            else:
                info = sd.query_devices(device)
        except AudioError:
            raise
        except Exception as exc:  # noqa: BLE001 - PortAudioError / ValueError for a bad index
            raise _no_device(str(device) if device is not None else "") from exc
        if not info or info.get("max_input_channels", 0) < 1:
            raise _no_device(str(device) if device is not None else "")
        index = info.get("index", device if isinstance(device, int) else None)
        return index, info["name"], min(2, int(info["max_input_channels"]))

    def _pick_rate(self) -> int:
        info = self._sd.query_devices(self.device_index)
        rates = [SAMPLE_RATE, int(info["default_samplerate"]), *CANDIDATE_RATES]
        for rate in dict.fromkeys(rates):
            try:
                self._sd.check_input_settings(
                    device=self.device_index, channels=self.channels, samplerate=rate, dtype="float32"
                )
                return rate
            except Exception:  # noqa: BLE001 - the device refuses this rate; try the next
                continue
        raise AudioError(
            "rate_refused",
            vi=f"Thiết bị thu âm “{self.device_name}” không chấp nhận tần số lấy mẫu nào được hỗ trợ. Hãy chọn thiết bị khác.",
            en=f"The input device “{self.device_name}” refuses every supported sample rate. Pick another device.",
        )

    # The PortAudio thread: copy and queue, nothing else.
    def _callback(self, indata, frames, time_info, status) -> None:  # noqa: ARG002
        self._q.put(indata.copy())

    def _on_finished(self) -> None:
        self._ended.set()

    def start(self) -> None:
        if self._stream is not None:
            return
        try:
            self._stream = self._sd.InputStream(
                device=self.device_index,
                channels=self.channels,
                samplerate=self.rate,
                dtype="float32",
                blocksize=max(1, int(self.rate * self.block_ms / 1000)),
                callback=self._callback,
                finished_callback=self._on_finished,
            )
            self._stream.start()
        except Exception as exc:  # noqa: BLE001
            self._stream = None
            raise AudioError(
                "device_open_failed",
                vi=f"Không mở được thiết bị thu âm “{self.device_name}”: {exc}. Hãy chọn thiết bị khác.",
                en=f"Could not open the input device “{self.device_name}”: {exc}. Pick another device.",
            ) from exc
        self._last_data = time.monotonic()

    def stop(self) -> None:
        self._stopping = True
        if self._stream is not None:
            try:
                self._stream.abort()
                self._stream.close()
            except Exception:  # noqa: BLE001 - the device may already be gone
                log.debug("closing the input stream failed", exc_info=True)
            self._stream = None

    def pause(self) -> None:
        super().pause()
        if self._stream is not None:
            try:
                self._stream.stop()
            except Exception:  # noqa: BLE001
                log.debug("pausing the input stream failed", exc_info=True)

    def resume(self) -> None:
        super().resume()
        if self._stream is not None:
            self._ended.clear()
            self._stream.start()
        self._last_data = time.monotonic()

    @property
    def backlog_s(self) -> float:
        return self._q.qsize() * self.block_ms / 1000

    def read(self, timeout: float = 0.1) -> np.ndarray:
        blocks = []
        try:
            blocks.append(self._q.get(timeout=timeout))
            while True:
                blocks.append(self._q.get_nowait())
        except queue.Empty:
            pass
        now = time.monotonic()
        if blocks:
            self._last_data = now
        elif not self.paused and not self._stopping and (
            self._ended.is_set() or now - self._last_data > STALL_SECONDS
        ):
            raise DeviceLost(
                "device_lost",
                vi=(
                    f"Mất kết nối thiết bị thu âm “{self.device_name}” (đã rút ra?). Bản ghi đến lúc này được giữ "
                    "nguyên; hãy chọn thiết bị khác và bấm Tiếp tục để thu tiếp."
                ),
                en=(
                    f"The input device “{self.device_name}” stopped (unplugged?). The recording so far is kept; "
                    "pick another device and press Resume to continue."
                ),
            )
        if not blocks:
            return np.zeros(0, np.float32)
        data = np.concatenate(blocks)
        mono = data.mean(axis=1) if data.ndim == 2 else data
        return self._measure(self._resample(mono))


class FileSource(AudioSource):
    """An audio file decoded by PyAV (any format FFmpeg reads), resampled to 16 kHz mono.

    ``paced=True`` delivers audio at the speed of the wall clock (``speed`` times faster), like a
    microphone; otherwise as fast as it is read.
    """

    def __init__(self, path: str | Path, *, paced: bool = False, speed: float = 1.0, chunk_ms: int = 100) -> None:
        super().__init__()
        import av

        self.path = Path(path)
        self.paced = paced
        self.live = paced
        self.speed = speed
        self.chunk = int(SAMPLE_RATE * chunk_ms / 1000)
        if not self.path.is_file():
            raise AudioError(
                "file_not_found",
                vi=f"Không tìm thấy tệp âm thanh: {self.path}",
                en=f"Audio file not found: {self.path}",
            )
        try:
            self._container = av.open(str(self.path))
            streams = self._container.streams.audio
            if not streams or not streams[0].codec_context.sample_rate or not streams[0].codec_context.channels:
                raise ValueError("no audio stream")
        except Exception as exc:  # noqa: BLE001 - av raises many error types for bad input
            raise AudioError(
                "not_audio",
                vi=f"Tệp {self.path.name} không phải tệp âm thanh đọc được. Hãy chọn tệp ghi âm (WAV, FLAC, MP3, M4A, OGG…).",
                en=f"The file {self.path.name} is not a readable audio file. Choose a recording (WAV, FLAC, MP3, M4A, OGG…).",
            ) from exc
        stream = self._container.streams.audio[0]
        if stream.duration is not None and stream.time_base is not None:
            self.duration_s = float(stream.duration * stream.time_base)
        elif self._container.duration:
            self.duration_s = self._container.duration / 1_000_000
        else:
            self.duration_s = 0.0
        self.position_s = 0.0
        self._gen = self._chunks()
        self._done = False
        self._q: queue.Queue[np.ndarray | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def _chunks(self):
        import av

        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        pending: list[np.ndarray] = []
        size = 0
        produced = False
        try:
            for frame in self._container.decode(audio=0):
                frame.pts = None
                for out in resampler.resample(frame):
                    arr = out.to_ndarray().reshape(-1)
                    pending.append(arr)
                    size += arr.size
                    while size >= self.chunk:
                        produced = True
                        data = np.concatenate(pending)
                        yield data[: self.chunk]
                        rest = data[self.chunk :]
                        pending, size = [rest], rest.size
            for out in resampler.resample(None):
                pending.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError as exc:
            raise AudioError(
                "not_audio",
                vi=f"Tệp {self.path.name} bị hỏng, không đọc tiếp được: {exc}",
                en=f"The file {self.path.name} is damaged and cannot be read further: {exc}",
            ) from exc
        finally:
            self._container.close()
        data = np.concatenate(pending) if pending else np.zeros(0, np.float32)
        if not produced and not data.size:
            raise AudioError(
                "not_audio",
                vi=f"Tệp {self.path.name} không chứa âm thanh nào.",
                en=f"The file {self.path.name} contains no audio.",
            )
        if data.size:
            yield data

    def _pace(self) -> None:
        t0 = time.monotonic()
        sent = 0.0
        paused_for = 0.0
        try:
            for chunk in self._gen:
                while self.paused and not self._stop.is_set():
                    p0 = time.monotonic()
                    time.sleep(0.02)
                    paused_for += time.monotonic() - p0
                if self._stop.is_set():
                    break
                sent += chunk.size / SAMPLE_RATE
                delay = t0 + paused_for + sent / self.speed - time.monotonic()
                if delay > 0:
                    self._stop.wait(delay)
                self._q.put(chunk)
        except Exception as exc:  # noqa: BLE001 - handed to the reader
            self._q.put(exc)  # type: ignore[arg-type]
        self._q.put(None)

    def start(self) -> None:
        if self.paced and self._thread is None:
            self._thread = threading.Thread(target=self._pace, name="asr-file-pacer", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    @property
    def exhausted(self) -> bool:
        return self._done

    @property
    def backlog_s(self) -> float:
        return self._q.qsize() * self.chunk / SAMPLE_RATE if self.paced else 0.0

    def read(self, timeout: float = 0.1) -> np.ndarray:
        if self._done:
            return np.zeros(0, np.float32)
        if not self.paced:
            if self.paused:
                time.sleep(min(timeout, 0.05))
                return np.zeros(0, np.float32)
            chunk = next(self._gen, None)
            if chunk is None:
                self._done = True
                return np.zeros(0, np.float32)
            self.position_s += chunk.size / SAMPLE_RATE
            return self._measure(chunk)
        blocks = []
        try:
            item = self._q.get(timeout=timeout)
            while True:
                if item is None:
                    self._done = True
                    break
                if isinstance(item, Exception):
                    self._done = True
                    raise item
                blocks.append(item)
                item = self._q.get_nowait()
        except queue.Empty:
            pass
        if not blocks:
            return np.zeros(0, np.float32)
        data = np.concatenate(blocks)
        self.position_s += data.size / SAMPLE_RATE
        return self._measure(data)


def decode_file(path: str | Path) -> np.ndarray:
    """The whole file as 16 kHz mono float32 (raises :class:`AudioError` on bad input)."""
    src = FileSource(path)
    chunks = []
    while not src.exhausted:
        chunks.append(src.read())
    return np.concatenate(chunks) if chunks else np.zeros(0, np.float32)


class SessionRecorder:
    """The whole session written to a 16 kHz mono FLAC file kept with the meeting.

    If ``path`` exists (capture restarted after the application was closed) a numbered sibling is used
    (``meeting.1.flac``); :attr:`path` tells which.
    """

    def __init__(self, path: str | Path, *, keep_recent_s: float = 600.0) -> None:
        import soundfile

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        n = 1
        candidate = path
        while candidate.exists():
            candidate = path.with_name(f"{path.stem}.{n}{path.suffix}")
            n += 1
        self.path = candidate
        self._lock = threading.Lock()
        self._file = soundfile.SoundFile(
            str(self.path), "w", samplerate=SAMPLE_RATE, channels=1, subtype="PCM_16", format="FLAC"
        )
        self.samples = 0
        # The last minutes in memory (int16): playback during the meeting, where the FLAC being written
        # cannot be seeked yet. Fixed size, so memory does not grow with the meeting.
        self._ring = np.zeros(int(keep_recent_s * SAMPLE_RATE), np.int16)

    @property
    def duration_s(self) -> float:
        return self.samples / SAMPLE_RATE

    def write(self, chunk: np.ndarray) -> None:
        with self._lock:
            if self._file.closed or chunk.size == 0:
                return
            clipped = np.clip(chunk, -1.0, 1.0)
            self._file.write(clipped)
            pcm = (clipped * 32767).astype(np.int16)
            n = self._ring.size
            if pcm.size >= n:
                pcm = pcm[-n:]
            start = (self.samples + chunk.size - pcm.size) % n
            first = min(pcm.size, n - start)
            self._ring[start : start + first] = pcm[:first]
            self._ring[: pcm.size - first] = pcm[first:]
            self.samples += chunk.size

    def write_silence(self, seconds: float) -> None:
        n = int(seconds * SAMPLE_RATE)
        block = np.zeros(SAMPLE_RATE, np.float32)
        while n > 0:
            self.write(block[: min(n, SAMPLE_RATE)])
            n -= SAMPLE_RATE

    def read(self, start_ms: int, end_ms: int) -> np.ndarray:
        """Audio of ``[start_ms, end_ms)`` of this recording, while it is being written."""
        start = max(0, int(start_ms * SAMPLE_RATE / 1000))
        end = min(self.samples, int(end_ms * SAMPLE_RATE / 1000))
        with self._lock:
            n = self._ring.size
            if end <= start:
                return np.zeros(0, np.float32)
            if start >= self.samples - n:
                idx = np.arange(start, end) % n
                return self._ring[idx].astype(np.float32) / 32767
            if not self._file.closed:
                self._file.flush()
        return read_segment(self.path, start_ms, end_ms)

    def flush(self) -> None:
        with self._lock:
            if not self._file.closed:
                self._file.flush()

    def close(self) -> None:
        with self._lock:
            if not self._file.closed:
                self._file.close()


def read_segment(path: str | Path, start_ms: int, end_ms: int) -> np.ndarray:
    """Audio of ``[start_ms, end_ms)`` from a recording, 16 kHz mono.

    A FLAC file still being written has no length yet and cannot be seeked by libsndfile; it is then
    decoded from the start with PyAV (only for audio older than the recorder's in-memory part).
    """
    import soundfile

    try:
        with soundfile.SoundFile(str(path)) as f:
            rate = f.samplerate
            f.seek(int(start_ms * rate / 1000))
            data = f.read(max(0, int((end_ms - start_ms) * rate / 1000)), dtype="float32", always_2d=True)
        mono = data.mean(axis=1)
        return Resampler(rate)(mono) if rate != SAMPLE_RATE else mono
    except Exception:  # noqa: BLE001 - fall back to a sequential decode
        log.debug("seek in %s failed, decoding sequentially", path, exc_info=True)
    start = int(start_ms * SAMPLE_RATE / 1000)
    end = int(end_ms * SAMPLE_RATE / 1000)
    out, pos = [], 0
    try:
        src = FileSource(path, chunk_ms=1000)
        while not src.exhausted and pos < end:
            chunk = src.read()
            lo, hi = max(start, pos), min(end, pos + chunk.size)
            if hi > lo:
                out.append(chunk[lo - pos : hi - pos])
            pos += chunk.size
    except AudioError as exc:
        raise AudioError(
            "recording_unreadable",
            vi=f"Không đọc được bản ghi âm {Path(path).name}: {exc.vi}",
            en=f"Cannot read the recording {Path(path).name}: {exc.en}",
        ) from exc
    return np.concatenate(out) if out else np.zeros(0, np.float32)


def play(audio: np.ndarray, *, device: int | str | None = None) -> None:
    """Play 16 kHz mono audio on the output device without blocking (sounddevice)."""
    sd = _import_sounddevice()
    try:
        sd.play(audio, SAMPLE_RATE, device=device)
    except Exception as exc:  # noqa: BLE001
        raise AudioError(
            "no_output_device",
            vi=f"Không phát được âm thanh: không có thiết bị phát (loa/tai nghe) dùng được ({exc}).",
            en=f"Cannot play the audio: no usable output device (speakers/headphones) ({exc}).",
        ) from exc


def stop_playback() -> None:
    try:
        _import_sounddevice().stop()
    except Exception:  # noqa: BLE001 - nothing to stop
        pass
