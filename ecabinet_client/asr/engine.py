"""The speech-to-text engine: one model thread, a streaming VAD pipeline, plain events out.

Qt stays out: the transcript panel (``asr/panel.py``) polls :attr:`LiveTranscriber.events` on the UI
thread, the command line collects :class:`Final` events, tests read them directly.

* :class:`AsrModel` owns the ``WhisperModel`` and the only thread that calls ``transcribe`` on it
  (CTranslate2 models must not be used by concurrent ``transcribe`` calls); everything else submits
  decode jobs and waits for the result.
* :class:`LiveTranscriber` reads an :class:`~ecabinet_client.asr.audio.AudioSource` (microphone or
  file), writes every sample to the session recording, cuts utterances with Silero VAD (shipped inside
  faster-whisper), re-decodes the growing utterance every ``partial_interval_s`` for a
  :class:`Partial` (LocalAgreement-2: the prefix two successive hypotheses agree on is ``stable``) and
  decodes the whole utterance once more with a wider beam for the :class:`Final` when it ends.
* Whisper's known failures are guarded: VAD gating (no decode without speech), segments dropped by
  ``no_speech_prob`` / ``avg_logprob`` / ``compression_ratio``, phantom phrases ("Hãy subscribe cho
  kênh…", "Thanks for watching"), repetition loops collapsed, prompt (vocabulary) leakage removed.

Timestamps are milliseconds on the meeting timeline: ``offset_ms`` (where capture started relative to
the meeting start) plus the position in the session recording. Pauses and device changes are written
to the recording as silence, so the recording and the timeline stay the same.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import threading
import time
import unicodedata
import uuid
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Union

import numpy as np

from ecabinet_client.asr.audio import SAMPLE_RATE, AudioSource, FileSource, SessionRecorder
from ecabinet_client.asr.errors import AsrError, DeviceLost, ModelError
from ecabinet_client.asr.models import validate_model_dir

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Partial:
    """The text of an utterance still being spoken; replaced by later partials and by its final."""

    utterance_id: str
    text: str
    start_ms: int
    stable: str = ""  # the prefix the last two hypotheses agree on (LocalAgreement-2)


@dataclass(frozen=True)
class Final:
    """The final text of an utterance. An empty ``text`` withdraws an utterance that had partials."""

    utterance_id: str
    text: str
    start_ms: int
    end_ms: int
    speaker_id: str | None = None
    language: str = "vi"


@dataclass(frozen=True)
class Lag:
    """Processing is ``seconds`` behind real time (0.0 once caught up). The audio is kept."""

    seconds: float


@dataclass(frozen=True)
class Error:
    """A failure: ``code`` is stable, ``message`` is ``"<Vietnamese> / <English>"``."""

    code: str
    message: str
    vi: str = ""
    en: str = ""
    fatal: bool = False

    @classmethod
    def of(cls, exc: AsrError, *, fatal: bool = False) -> "Error":
        return cls(exc.code, str(exc), exc.vi, exc.en, fatal)


@dataclass(frozen=True)
class Progress:
    """File transcription progress, in seconds of audio."""

    done_s: float
    total_s: float


@dataclass(frozen=True)
class Stopped:
    """The pipeline ended: ``reason`` is ``end`` (the file is done), ``stopped``, ``cancelled`` or ``error``."""

    reason: str


Event = Union[Partial, Final, Lag, Error, Progress, Stopped]


# --------------------------------------------------------------------------------------------- text guards

# Phrases Whisper invents on silence, music or noise (subtitle credits of its training data).
PHANTOM_PHRASES = (
    "hãy subscribe cho kênh ghiền mì gõ để không bỏ lỡ những video hấp dẫn",
    "hãy subscribe cho kênh",
    "hãy đăng ký kênh",
    "đăng ký kênh",
    "cảm ơn các bạn đã theo dõi",
    "cảm ơn các bạn đã xem",
    "hẹn gặp lại các bạn trong những video tiếp theo",
    "like share và subscribe",
    "thanks for watching",
    "thank you for watching",
    "please subscribe",
    "subtitles by the amara org community",
    "amara org",
    "ghiền mì gõ",
)

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def normalise(text: str) -> str:
    """NFC, lower case, punctuation removed, single spaces (used for WER and for the guards)."""
    text = unicodedata.normalize("NFC", text).lower()
    return " ".join(_PUNCT.sub(" ", text).split())


def collapse_repetitions(text: str, *, max_repeats: int = 2) -> str:
    """Cut repetition loops: an n-gram (n ≤ 4) repeated more than ``max_repeats`` times in a row is kept once."""
    words = text.split()
    for n in range(1, 5):
        out: list[str] = []
        i = 0
        while i < len(words):
            gram = words[i : i + n]
            key = [normalise(w) for w in gram]
            reps = 1
            while (
                len(gram) == n
                and [normalise(w) for w in words[i + reps * n : i + (reps + 1) * n]] == key
            ):
                reps += 1
            if reps > max_repeats:
                out.extend(gram)
                i += reps * n
            else:
                out.append(words[i])
                i += 1
        words = out
    return " ".join(words)


def remove_phantoms(text: str) -> str:
    """Remove known phantom phrases; returns "" when nothing else is left."""
    norm = normalise(text)
    for phrase in PHANTOM_PHRASES:
        if phrase in norm:
            norm = norm.replace(phrase, " ")
            if not norm.strip():
                return ""
            # Keep the original casing/punctuation of the rest when only part of it was phantom.
            pattern = r"[\s\W]*".join(re.escape(w) for w in phrase.split())
            text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def remove_prompt_leak(text: str, vocabulary: Iterable[str]) -> str:
    """Remove runs of three or more vocabulary terms copied in the order of the prompt (prompt leakage)."""
    terms = [normalise(t) for t in vocabulary if normalise(t)]
    if len(terms) < 3:
        return text
    parts = [p.strip() for p in re.split(r"[,.;]", text)]
    norm_parts = [normalise(p) for p in parts]
    keep = [True] * len(parts)
    i = 0
    while i < len(parts):
        if norm_parts[i] in terms:
            j = i
            pos = terms.index(norm_parts[i])
            while j + 1 < len(parts) and norm_parts[j + 1] in terms and terms.index(norm_parts[j + 1]) > pos:
                pos = terms.index(norm_parts[j + 1])
                j += 1
            if j - i + 1 >= 3:
                for k in range(i, j + 1):
                    keep[k] = False
            i = j + 1
        else:
            i += 1
    if all(keep):
        return text
    return ", ".join(p for p, k in zip(parts, keep) if k and p).strip()


# --------------------------------------------------------------------------------------------- model


def default_cpu_threads() -> int:
    """Threads for CTranslate2: every core on a 2-core laptop (decodes are short bursts), else cores − 1 (≤ 4)."""
    cores = os.cpu_count() or 1
    return cores if cores <= 2 else min(4, cores - 1)


@dataclass(frozen=True)
class DecodeOptions:
    language: str = "vi"
    beam_size: int = 5
    hotwords: str | None = None
    initial_prompt: str | None = None
    temperature: tuple[float, ...] = (0.0, 0.2, 0.4)
    no_speech_threshold: float = 0.6
    log_prob_threshold: float = -1.0
    compression_ratio_threshold: float = 2.4
    # A segment is dropped when Whisper itself is nearly sure there is no speech …
    drop_no_speech_prob: float = 0.8
    # … or when it is very unsure of every token.
    drop_avg_logprob: float = -1.5
    # Cap on generated tokens per second of audio (+ 16): a repetition loop cannot run for 448 tokens.
    max_tokens_per_s: float = 10.0


@dataclass(frozen=True)
class Decoded:
    text: str
    dropped: tuple[str, ...] = ()  # why segments were dropped, for logs and tests
    seconds: float = 0.0


class AsrModel:
    """A faster-whisper model owned by one worker thread; every decode goes through :meth:`submit`."""

    def __init__(
        self,
        model_dir: str | os.PathLike,
        *,
        cpu_threads: int | None = None,
        compute_type: str = "int8",
    ) -> None:
        self.model_dir = validate_model_dir(model_dir)
        self.cpu_threads = cpu_threads or default_cpu_threads()
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], Future] | None] = queue.Queue()
        ready: Future = Future()
        self._thread = threading.Thread(target=self._run, args=(compute_type, ready), name="asr-model", daemon=True)
        self._thread.start()
        ready.result()  # raises the load error here

    def _run(self, compute_type: str, ready: Future) -> None:
        try:
            from faster_whisper import WhisperModel

            model = WhisperModel(
                str(self.model_dir),
                device="cpu",
                compute_type=compute_type,
                cpu_threads=self.cpu_threads,
                num_workers=1,
                local_files_only=True,
            )
        except Exception as exc:  # noqa: BLE001 - CTranslate2 raises RuntimeError/ValueError
            ready.set_exception(
                ModelError(
                    "model_unreadable",
                    vi=f"Không nạp được mô hình nhận dạng giọng nói từ {self.model_dir}: {exc}. Hãy chọn thư mục mô hình khác.",
                    en=f"Could not load the speech model from {self.model_dir}: {exc}. Choose another model folder.",
                )
            )
            return
        ready.set_result(None)
        while True:
            job = self._jobs.get()
            if job is None:
                break
            fn, fut = job
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn(model))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller
                fut.set_exception(exc)
        del model

    def submit(self, fn: Callable[[Any], Any]) -> Future:
        """Run ``fn(whisper_model)`` on the model thread."""
        fut: Future = Future()
        self._jobs.put((fn, fut))
        return fut

    def decode(self, audio: np.ndarray, options: DecodeOptions, vocabulary: Iterable[str] = ()) -> Decoded:
        """Decode one utterance (≤ 30 s) with the hallucination guards."""
        vocab = tuple(vocabulary)
        return self.submit(lambda m: _decode(m, audio, options, vocab)).result()

    def decode_packed(
        self, parts: list[np.ndarray], options: DecodeOptions, vocabulary: Iterable[str] = (), gap_s: float = 0.4
    ) -> list[str]:
        """Decode several utterances (≤ 28 s together) in one pass; one text per utterance."""
        vocab = tuple(vocabulary)
        return self.submit(lambda m: _decode_packed(m, parts, options, vocab, gap_s)).result()

    def transcribe_offline(self, audio: np.ndarray | str, language: str = "vi", beam_size: int = 5) -> str:
        """A plain faster-whisper ``transcribe`` of a whole file (the reference the live pipeline is compared to)."""

        def run(m):
            segments, _ = m.transcribe(
                audio, language=language, beam_size=beam_size, condition_on_previous_text=False, vad_filter=True
            )
            return " ".join(s.text.strip() for s in segments).strip()

        return self.submit(run).result()

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=10)


_shared: dict[Path, AsrModel] = {}
_shared_lock = threading.Lock()


def shared_model(model_dir: str | os.PathLike | None = None) -> AsrModel:
    """The process's one :class:`AsrModel` for ``model_dir`` (empty: the default model, installed once).

    Loading is slow: call it off the UI thread (the panel does, in ``ui.tasks.run_in_background``).
    A model stays loaded for the life of the process, so reopening the panel does not load it again.
    """
    from ecabinet_client.asr.models import resolve_model_dir

    with _shared_lock:
        folder = Path(resolve_model_dir(model_dir or None)).resolve()
        model = _shared.get(folder)
        if model is None:
            model = _shared[folder] = AsrModel(folder)
        return model


def _clean(text: str, vocabulary: tuple[str, ...]) -> str:
    text = collapse_repetitions(text)
    text = remove_phantoms(text)
    if vocabulary:
        text = remove_prompt_leak(text, vocabulary)
    return text if normalise(text) else ""


def _segments(model: Any, audio: np.ndarray, o: DecodeOptions, *, timestamps: bool) -> tuple[list[tuple[float, float, str]], list[str]]:
    """Run Whisper and apply the per-segment guards; returns kept (start, end, text) and the drop reasons."""
    segments, _ = model.transcribe(
        audio,
        language=o.language,
        task="transcribe",
        beam_size=o.beam_size,
        best_of=o.beam_size,
        temperature=list(o.temperature),
        compression_ratio_threshold=o.compression_ratio_threshold,
        log_prob_threshold=o.log_prob_threshold,
        no_speech_threshold=o.no_speech_threshold,
        condition_on_previous_text=False,
        initial_prompt=o.initial_prompt,
        hotwords=o.hotwords,
        without_timestamps=not timestamps,
        vad_filter=False,
        max_new_tokens=min(440, int(16 + o.max_tokens_per_s * (1.5 if timestamps else 1.0) * audio.size / SAMPLE_RATE)),
    )
    kept: list[tuple[float, float, str]] = []
    dropped: list[str] = []
    for s in segments:
        text = s.text.strip()
        if not text:
            continue
        if s.no_speech_prob > o.drop_no_speech_prob:
            dropped.append(f"no_speech_prob={s.no_speech_prob:.2f}")
            continue
        if s.avg_logprob < o.drop_avg_logprob:
            dropped.append(f"avg_logprob={s.avg_logprob:.2f}")
            continue
        if s.compression_ratio > o.compression_ratio_threshold:
            dropped.append(f"compression_ratio={s.compression_ratio:.2f}")
            text = collapse_repetitions(text)
        kept.append((float(s.start), float(s.end), text))
    return kept, dropped


def _decode(model: Any, audio: np.ndarray, o: DecodeOptions, vocabulary: tuple[str, ...]) -> Decoded:
    t0 = time.monotonic()
    kept, dropped = _segments(model, audio, o, timestamps=False)
    text = _clean(" ".join(k[2] for k in kept), vocabulary)
    return Decoded(text=text, dropped=tuple(dropped), seconds=time.monotonic() - t0)


def _decode_packed(
    model: Any, parts: list[np.ndarray], o: DecodeOptions, vocabulary: tuple[str, ...], gap_s: float
) -> list[str]:
    """Decode several short utterances in one 30 s window (one encoder pass) and give each its text.

    Whisper pays a full 30 s encoder pass per call, so packing the utterances of a file saves most of
    the work. Segments are given to the utterance holding their midpoint.
    """
    gap = np.zeros(int(gap_s * SAMPLE_RATE), np.float32)
    bounds, pieces, pos = [], [], 0.0
    for part in parts:
        pieces += [part, gap]
        bounds.append((pos, pos + part.size / SAMPLE_RATE))
        pos += (part.size + gap.size) / SAMPLE_RATE
    kept, _ = _segments(model, np.concatenate(pieces), o, timestamps=True)
    texts: list[list[str]] = [[] for _ in parts]
    for start, end, text in kept:
        mid = (start + end) / 2
        i = min(range(len(bounds)), key=lambda k: 0 if bounds[k][0] <= mid <= bounds[k][1] + gap_s else
                min(abs(mid - bounds[k][0]), abs(mid - bounds[k][1])))
        texts[i].append(text)
    return [_clean(" ".join(t), vocabulary) for t in texts]


# --------------------------------------------------------------------------------------------- VAD


class StreamingVad:
    """Silero VAD (faster-whisper's ONNX model) over a stream: speech probability per 512-sample window."""

    WINDOW = 512
    CONTEXT = 64

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._model = get_vad_model()
        self._pending = np.zeros(0, np.float32)
        self._last = np.zeros(self.WINDOW, np.float32)

    def __call__(self, chunk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return (windows, probabilities) for the complete windows now available."""
        data = np.concatenate([self._pending, chunk]) if self._pending.size else chunk
        n = data.size // self.WINDOW
        self._pending = data[n * self.WINDOW :].copy()
        if n == 0:
            return np.zeros((0, self.WINDOW), np.float32), np.zeros(0, np.float32)
        windows = data[: n * self.WINDOW].reshape(n, self.WINDOW).astype(np.float32, copy=False)
        # The previous window goes first so that the first new window gets its real context.
        probs = self._model(np.concatenate([self._last, windows.reshape(-1)]))
        probs = np.asarray(probs).reshape(-1)[1:]
        self._last = windows[-1].copy()
        return windows, probs


# --------------------------------------------------------------------------------------------- pipeline


@dataclass
class StreamConfig:
    language: str = "vi"
    partials: bool = True
    partial_interval_s: float = 2.0
    min_partial_s: float = 1.0
    vad_threshold: float = 0.5
    vad_neg_threshold: float = 0.35
    min_silence_ms: int = 600
    min_speech_ms: int = 250
    pad_ms: int = 200
    max_utterance_s: float = 20.0
    partial_beam: int = 1
    final_beam: int = 5
    # Live finals decode once at temperature 0: the fallback temperatures double the time of a decode
    # on unclear speech for little gain, and the guards below catch loops. Files use the fallback.
    final_temperature: tuple[float, ...] = (0.0,)
    lag_report_s: float = 3.0  # emit Lag when this far behind
    lag_skip_partials_s: float = 1.0  # skip partial decodes when this far behind (catch up)
    offset_ms: int = 0
    vocabulary: tuple[str, ...] = ()
    # Files only (no partials): decode the utterances in groups of up to this many seconds, one
    # encoder pass per group instead of one per utterance. 0 decodes every utterance alone.
    pack_s: float = 0.0


@dataclass
class _Utterance:
    id: str
    start: int  # sample on the session timeline
    audio: list[np.ndarray] = field(default_factory=list)
    samples: int = 0
    voiced: int = 0
    silence_run: int = 0
    probs: list[float] = field(default_factory=list)
    decoded_at: int = 0  # samples at the last partial decode
    last_text: str = ""
    prev_hypothesis: list[str] = field(default_factory=list)

    def add(self, window: np.ndarray, prob: float, speech: bool) -> None:
        self.audio.append(window)
        self.samples += window.size
        self.probs.append(float(prob))
        if speech:
            self.voiced += window.size

    def array(self) -> np.ndarray:
        return np.concatenate(self.audio) if self.audio else np.zeros(0, np.float32)


def _common_prefix(a: list[str], b: list[str]) -> list[str]:
    out = []
    for x, y in zip(a, b):
        if normalise(x) != normalise(y):
            break
        out.append(x)
    return out


class LiveTranscriber:
    """The streaming pipeline. ``start(source)`` runs it on its own thread; ``run(source)`` in the caller's.

    Events go to ``on_event`` (called on the pipeline thread) and, when no callback is given, to the
    :attr:`events` queue. Control methods are thread-safe.
    """

    def __init__(
        self,
        model: AsrModel,
        *,
        config: StreamConfig | None = None,
        recorder: SessionRecorder | None = None,
        on_event: Callable[[Event], None] | None = None,
    ) -> None:
        self.model = model
        self.config = config or StreamConfig()
        self.recorder = recorder
        self.events: queue.Queue[Event] = queue.Queue()
        self._on_event = on_event
        self._speaker: str | None = None
        self._vocabulary: tuple[str, ...] = tuple(self.config.vocabulary)
        self._lock = threading.Lock()
        self._source: AudioSource | None = None
        self._next_source: AudioSource | None = None
        self._stop = threading.Event()
        self._cancel = threading.Event()
        self._paused = threading.Event()
        self._pause_started: float | None = None
        self._lost_at: float | None = None
        self._thread: threading.Thread | None = None
        # samples on the session timeline: a recorder that already holds audio (capture restarted) continues
        self.clock = recorder.samples if recorder is not None else 0
        self.max_lag_s = 0.0
        self._lag_reported = False
        self._last_lag_event = 0.0
        self._pack: list[tuple[_Utterance, str | None]] = []
        self._partial_cost = 0.0  # wall seconds of the last partial decode

    # -- control (any thread) ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def source(self) -> AudioSource | None:
        return self._source

    def set_speaker(self, speaker_id: str | None) -> None:
        """The person who holds the floor; given to the utterances that end from now on."""
        with self._lock:
            self._speaker = speaker_id

    def set_vocabulary(self, terms: Iterable[str]) -> None:
        """Attendee names and titles, agenda terms: used as ``hotwords`` for the final decodes."""
        with self._lock:
            self._vocabulary = tuple(dict.fromkeys(t.strip() for t in terms if t and t.strip()))

    def start(self, source: AudioSource) -> None:
        if self.running:
            raise RuntimeError("the transcriber is already running")
        self._thread = threading.Thread(target=self.run, args=(source,), name="asr-pipeline", daemon=True)
        self._thread.start()

    def switch_source(self, source: AudioSource) -> None:
        """Continue on another source (another microphone after an unplug); the timeline continues."""
        with self._lock:
            self._next_source = source

    def pause(self) -> None:
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    def stop(self) -> None:
        """Finish the current utterance and end."""
        self._stop.set()

    def cancel(self) -> None:
        """End now, dropping the utterance in progress."""
        self._cancel.set()
        self._stop.set()

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    # -- the pipeline thread ----------------------------------------------------------------------

    def _emit(self, event: Event) -> None:
        if self._on_event is not None:
            try:
                self._on_event(event)
            except Exception:  # noqa: BLE001 - a broken consumer must not stop the transcription
                log.exception("event consumer failed")
        else:
            self.events.put(event)

    def _ms(self, sample: int) -> int:
        return self.config.offset_ms + int(round(sample * 1000 / SAMPLE_RATE))

    def run(self, source: AudioSource) -> str:
        """Run until the source is exhausted, :meth:`stop` or :meth:`cancel`; returns the reason."""
        cfg = self.config
        vad = StreamingVad()
        window = StreamingVad.WINDOW
        pad = int(cfg.pad_ms * SAMPLE_RATE / 1000)
        min_silence = int(cfg.min_silence_ms * SAMPLE_RATE / 1000)
        preroll: list[np.ndarray] = []
        utt: _Utterance | None = None
        reason = "stopped"
        self._source = source
        was_paused = False
        try:
            source.start()
        except AsrError as exc:
            self._emit(Error.of(exc, fatal=True))
            self._emit(Stopped("error"))
            return "error"
        total = getattr(source, "duration_s", 0.0)
        last_progress = 0.0
        try:
            while True:
                if self._cancel.is_set():
                    reason = "cancelled"
                    utt = None
                    break
                if self._stop.is_set():
                    break
                with self._lock:
                    nxt, self._next_source = self._next_source, None
                if nxt is not None:
                    self._replace_source(nxt)
                    source = self._source
                if self._lost_at is not None or source is None:
                    time.sleep(0.05)
                    continue
                # pause / resume
                if self._paused.is_set() and not was_paused:
                    source.pause()
                    was_paused = True
                    self._pause_started = time.monotonic()
                    if utt is not None:
                        self._finish(utt, None)
                        utt = None
                elif not self._paused.is_set() and was_paused:
                    was_paused = False
                    self._fill_gap(self._pause_started if source.live else None)
                    self._pause_started = None
                    source.resume()
                if was_paused:
                    time.sleep(0.05)
                    continue
                backlog = source.backlog_s
                try:
                    chunk = source.read(0.1)
                except DeviceLost as exc:
                    if utt is not None:
                        self._finish(utt, None)
                        utt = None
                    self._lost_at = time.monotonic()
                    source.stop()
                    self._emit(Error.of(exc))
                    continue
                except AsrError as exc:
                    self._emit(Error.of(exc, fatal=True))
                    reason = "error"
                    break
                if chunk.size == 0:
                    if source.exhausted:
                        reason = "end"
                        break
                    continue
                if source.live:
                    self._track_lag(backlog + chunk.size / SAMPLE_RATE)
                if self.recorder is not None:
                    self.recorder.write(chunk)
                windows, probs = vad(chunk)
                for w, p in zip(windows, probs):
                    start_sample = self.clock
                    self.clock += window
                    speech = p >= cfg.vad_threshold
                    if utt is None:
                        if speech:
                            utt = _Utterance(id=uuid.uuid4().hex, start=max(0, start_sample - sum(x.size for x in preroll)))
                            for x in preroll:
                                utt.add(x, 0.0, False)
                            preroll = []
                            utt.add(w, p, True)
                        else:
                            preroll.append(w)
                            while sum(x.size for x in preroll) > pad:
                                preroll.pop(0)
                        continue
                    utt.add(w, p, speech)
                    if p < cfg.vad_neg_threshold:
                        utt.silence_run += window
                    elif speech:
                        utt.silence_run = 0
                    if utt.silence_run >= min_silence:
                        keep = utt.samples - utt.silence_run + pad
                        tail = self._trim(utt, keep)
                        self._finish(utt, None)
                        utt = None
                        preroll = tail[-1:] if tail else []
                    elif utt.samples >= cfg.max_utterance_s * SAMPLE_RATE:
                        utt = self._cut_long(utt)
                if (
                    utt is not None
                    and cfg.partials
                    and utt.samples >= cfg.min_partial_s * SAMPLE_RATE
                    and utt.samples - utt.decoded_at >= max(cfg.partial_interval_s, 2 * self._partial_cost) * SAMPLE_RATE
                    and utt.silence_run < min_silence // 2
                    and source.backlog_s < cfg.lag_skip_partials_s
                ):
                    self._partial(utt)
                if not source.live and total and time.monotonic() - last_progress > 0.2:
                    last_progress = time.monotonic()
                    self._emit(Progress(getattr(source, "position_s", 0.0), total))
            if utt is not None and not self._cancel.is_set():
                self._finish(utt, None)
            if not self._cancel.is_set():
                self._flush_pack()
        except Exception as exc:  # noqa: BLE001 - reported as an event, never a crash
            log.exception("transcription pipeline failed")
            self._emit(
                Error(
                    "pipeline_failed",
                    f"Lỗi chuyển giọng nói thành văn bản: {exc} / Transcription failed: {exc}",
                    f"Lỗi chuyển giọng nói thành văn bản: {exc}",
                    f"Transcription failed: {exc}",
                    True,
                )
            )
            reason = "error"
        finally:
            if self._source is not None:
                self._source.stop()
            if self.recorder is not None:
                self.recorder.flush()
        if not source.live and total and reason == "end":
            self._emit(Progress(total, total))
        if self._lag_reported:
            self._emit(Lag(0.0))
        self._emit(Stopped(reason))
        return reason

    def _replace_source(self, new: AudioSource) -> None:
        old = self._source
        if old is not None:
            old.stop()
        gap_from = self._lost_at if self._lost_at is not None else None
        try:
            new.start()
        except AsrError as exc:
            self._emit(Error.of(exc))
            self._source = None
            if self._lost_at is None:
                self._lost_at = time.monotonic()
            return
        self._fill_gap(gap_from)
        self._lost_at = None
        self._source = new

    def _fill_gap(self, since: float | None) -> None:
        """Keep the recording on the wall clock: a pause or a device change becomes silence."""
        if since is None:
            return
        gap = max(0.0, time.monotonic() - since)
        n = int(gap * SAMPLE_RATE) // StreamingVad.WINDOW * StreamingVad.WINDOW
        if self.recorder is not None:
            self.recorder.write_silence(n / SAMPLE_RATE)
        self.clock += n

    def _track_lag(self, lag: float) -> None:
        self.max_lag_s = max(self.max_lag_s, lag)
        now = time.monotonic()
        if lag >= self.config.lag_report_s and now - self._last_lag_event > 1.0:
            self._last_lag_event = now
            self._lag_reported = True
            self._emit(Lag(round(lag, 1)))
        elif self._lag_reported and lag < 0.5:
            self._lag_reported = False
            self._emit(Lag(0.0))

    @staticmethod
    def _trim(utt: _Utterance, keep: int) -> list[np.ndarray]:
        """Keep the first ``keep`` samples of the utterance; return the windows cut off."""
        kept, size, tail = [], 0, []
        for w in utt.audio:
            if size + w.size <= keep:
                kept.append(w)
                size += w.size
            else:
                tail.append(w)
        utt.audio, utt.samples = kept, size
        return tail

    def _cut_long(self, utt: _Utterance) -> _Utterance:
        """An utterance reached ``max_utterance_s``: end it at its quietest window of the last 40 %."""
        n = len(utt.probs)
        lo = int(n * 0.6)
        cut = lo + int(np.argmin(utt.probs[lo:])) + 1
        head_audio, tail_audio = utt.audio[:cut], utt.audio[cut:]
        tail_probs = utt.probs[cut:]
        head_samples = sum(w.size for w in head_audio)
        utt.audio, utt.samples = head_audio, head_samples
        self._finish(utt, None)
        rest = _Utterance(id=uuid.uuid4().hex, start=utt.start + head_samples)
        for w, p in zip(tail_audio, tail_probs):
            rest.add(w, p, p >= self.config.vad_threshold)
        return rest

    def _options(self, beam: int) -> tuple[DecodeOptions, tuple[str, ...]]:
        with self._lock:
            vocab = self._vocabulary
        hot = ", ".join(vocab) if vocab else None
        opts = DecodeOptions(
            language=self.config.language, beam_size=beam, hotwords=hot, temperature=self.config.final_temperature
        )
        return opts, vocab

    def _partial(self, utt: _Utterance) -> None:
        utt.decoded_at = utt.samples
        opts, vocab = self._options(self.config.partial_beam)
        t0 = time.monotonic()
        result = self.model.decode(utt.array(), replace(opts, temperature=(0.0,)), vocab)
        self._partial_cost = time.monotonic() - t0
        words = result.text.split()
        stable = _common_prefix(utt.prev_hypothesis, words)
        utt.prev_hypothesis = words
        if result.text and result.text != utt.last_text:
            utt.last_text = result.text
            self._emit(Partial(utt.id, result.text, self._ms(utt.start), " ".join(stable)))

    def _finish(self, utt: _Utterance, _unused: Any) -> None:
        with self._lock:
            speaker = self._speaker
        cfg = self.config
        voiced = utt.voiced >= cfg.min_speech_ms * SAMPLE_RATE / 1000
        if cfg.pack_s > 0 and not cfg.partials and voiced:
            packed = sum(u.samples for u, _ in self._pack) + utt.samples
            if self._pack and packed > cfg.pack_s * SAMPLE_RATE:
                self._flush_pack()
            self._pack.append((utt, speaker))
            return
        text = ""
        if voiced:
            opts, vocab = self._options(cfg.final_beam)
            text = self.model.decode(utt.array(), opts, vocab).text
        if text or utt.last_text:
            self._emit(
                Final(utt.id, text, self._ms(utt.start), self._ms(utt.start + utt.samples), speaker, cfg.language)
            )

    def _flush_pack(self) -> None:
        pack, self._pack = self._pack, []
        if not pack:
            return
        opts, vocab = self._options(self.config.final_beam)
        if len(pack) == 1:
            texts = [self.model.decode(pack[0][0].array(), opts, vocab).text]
        else:
            texts = self.model.decode_packed([u.array() for u, _ in pack], opts, vocab)
        for (utt, speaker), text in zip(pack, texts):
            if text:
                self._emit(
                    Final(utt.id, text, self._ms(utt.start), self._ms(utt.start + utt.samples), speaker, self.config.language)
                )


# --------------------------------------------------------------------------------------------- files


def transcribe_file(
    model: AsrModel,
    path: str | Path,
    *,
    language: str = "vi",
    vocabulary: Iterable[str] = (),
    progress: Callable[[float, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    recorder: SessionRecorder | None = None,
    pack_s: float = 24.0,
) -> list[Final]:
    """Transcribe an audio file with the live pipeline (no partials) in the calling thread.

    Utterances are decoded in groups of up to ``pack_s`` seconds (one Whisper pass per group).

    Raises :class:`~ecabinet_client.asr.errors.AsrError` for a missing or unreadable file and
    ``InterruptedError`` when ``cancelled()`` became true.
    """
    source = FileSource(path)
    finals: list[Final] = []
    errors: list[Error] = []
    transcriber: LiveTranscriber

    def on_event(ev: Event) -> None:
        if isinstance(ev, Final) and ev.text:
            finals.append(ev)
        elif isinstance(ev, Error):
            errors.append(ev)
        elif isinstance(ev, Progress) and progress is not None:
            progress(ev.done_s, ev.total_s)
        if cancelled is not None and cancelled():
            transcriber.cancel()

    transcriber = LiveTranscriber(
        model,
        config=StreamConfig(
            language=language,
            partials=False,
            vocabulary=tuple(vocabulary),
            pack_s=pack_s,
            final_temperature=(0.0, 0.2, 0.4),
        ),
        recorder=recorder,
        on_event=on_event,
    )
    if cancelled is not None:
        # Progress events come every 0.2 s; also check between them.
        stop_watch = threading.Event()

        def watch() -> None:
            while not stop_watch.wait(0.1):
                if cancelled():
                    transcriber.cancel()
                    return

        threading.Thread(target=watch, name="asr-cancel-watch", daemon=True).start()
    try:
        reason = transcriber.run(source)
    finally:
        if cancelled is not None:
            stop_watch.set()
    if reason == "cancelled":
        raise InterruptedError("transcription cancelled")
    fatal = [e for e in errors if e.fatal]
    if fatal:
        e = fatal[0]
        raise AsrError(e.code, vi=e.vi or e.message, en=e.en or e.message)
    return finals
