"""The secretary's transcript panel (bảng ghi lời phát biểu của thư ký).

A live list of utterances (time, speaker, text; partial text grey, final text black) that the
secretary edits, attributes to speakers, merges, splits and turns into opinions of the meeting. It
drives :class:`~ecabinet_client.asr.engine.LiveTranscriber` and writes through a
:class:`~ecabinet_client.asr.sink.TranscriptSink`; the engine's events are drained from its queue by a
timer on the UI thread. Model loading and file imports run as :class:`~ecabinet_client.ui.tasks.Job`.

Playback uses sounddevice: PySide6-Essentials has no QtMultimedia.
"""

from __future__ import annotations

import logging
import queue
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecabinet_client.asr import audio as audio_mod
from ecabinet_client.asr.engine import (
    AsrModel,
    Error,
    Final,
    Lag,
    LiveTranscriber,
    Partial,
    Stopped,
    StreamConfig,
    shared_model,
    transcribe_file,
)
from ecabinet_client.asr.errors import AsrError, ModelError
from ecabinet_client.asr.models import REQUIRED_FILES, validate_model_dir
from ecabinet_client.asr.export import cues_from_rows, to_srt, to_text, to_vtt
from ecabinet_client.asr.sink import SEGMENT_COLUMNS, TranscriptSink
from ecabinet_client.ui import i18n, tasks
from ecabinet_client.ui.settings import Settings

log = logging.getLogger(__name__)

COL_TIME, COL_SPEAKER, COL_TEXT = range(3)
GREY = QColor(128, 128, 128)
BLACK = QColor(0, 0, 0)


def format_ms(ms: int) -> str:
    s = max(0, int(ms)) // 1000
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class _SpeakerDelegate(QStyledItemDelegate):
    """Reassign a speaker in place: a combo box of the attendees."""

    def __init__(self, panel: "TranscriptPanel") -> None:
        super().__init__(panel)
        self._panel = panel

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        box = QComboBox(parent)
        box.addItem("—", None)
        for person in self._panel.attendees:
            box.addItem(self._panel.person_label(person), person["id"])
        return box

    def setEditorData(self, editor, index):  # noqa: N802
        sid = self._panel.rows[index.row()].get("speaker_id")
        i = editor.findData(sid)
        editor.setCurrentIndex(max(0, i))

    def setModelData(self, editor, model, index):  # noqa: N802
        self._panel.assign_speaker([index.row()], editor.currentData())


class OpinionDialog(QDialog):
    """Thêm vào ý kiến: who, which agenda item, the text (prefilled from the utterances)."""

    def __init__(self, *, panel: "TranscriptPanel", speaker_id: str | None, agenda_item_id: str | None, text: str) -> None:
        super().__init__(panel)
        self.setWindowTitle(self.tr("Add to opinions"))
        self.speaker = QComboBox()
        self.speaker.addItem("—", None)
        for person in panel.attendees:
            self.speaker.addItem(panel.person_label(person), person["id"])
        self.speaker.setCurrentIndex(max(0, self.speaker.findData(speaker_id)))
        self.agenda = QComboBox()
        self.agenda.addItem("—", None)
        for item in panel.agenda:
            self.agenda.addItem(item.get("title") or "", item["id"])
        self.agenda.setCurrentIndex(max(0, self.agenda.findData(agenda_item_id)))
        self.text = QPlainTextEdit(text)
        form = QFormLayout(self)
        form.addRow(self.tr("Speaker"), self.speaker)
        form.addRow(self.tr("Agenda item"), self.agenda)
        form.addRow(self.tr("Opinion"), self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class TranscriptPanel(QWidget):
    """Live transcript of the meeting for the secretary.

    Signals:
        segment_saved(dict): a transcript_segments row was put to the sink (new, edited, merged, split).
        segment_deleted(str): a segment id was tombstoned (merged into its neighbour).
        opinion_added(dict): an opinions row was added.
        error_reported(str, str): code and the translated message shown to the user.
        capture_changed(str): ``idle``, ``loading``, ``capturing``, ``paused``, ``device_lost``.
        model_changed(str): the chosen model folder (empty: the default model).

    ``settings`` (the application's :class:`~ecabinet_client.ui.settings.Settings`, saved to
    ``settings_path`` or the config folder) remembers the microphone (``asr_input_device``) and the
    model folder (``asr_model_dir``). Without ``model_loader`` the model of ``asr_model_dir`` is loaded
    (:func:`~ecabinet_client.asr.engine.shared_model`). With ``meeting_start`` the first utterance's
    time is counted from the meeting's start (``offset_ms`` is computed when the recording begins).
    """

    segment_saved = Signal(dict)
    segment_deleted = Signal(str)
    opinion_added = Signal(dict)
    error_reported = Signal(str, str)
    capture_changed = Signal(str)
    model_changed = Signal(str)

    def __init__(
        self,
        *,
        sink: TranscriptSink,
        meeting_id: str,
        recording_path: str | Path,
        model_loader: Callable[[], AsrModel] | None = None,
        language: str = "vi",
        recorded_by: str | None = None,
        offset_ms: int = 0,
        meeting_start: datetime | None = None,
        settings: Settings | None = None,
        settings_path: str | Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sink = sink
        self.meeting_id = meeting_id
        self.language = language
        self.recorded_by = recorded_by
        self.offset_ms = offset_ms
        self.recording_path = Path(recording_path)
        self.meeting_start = meeting_start
        self._settings_path = Path(settings_path) if settings_path else None
        self.settings = settings if settings is not None else Settings.load(self._settings_path)
        self._model_loader = model_loader or (lambda: shared_model(self.settings.asr_model_dir or None))
        self._model: AsrModel | None = None
        self.attendees: list[dict] = sink.attendees()
        self.agenda: list[dict] = sink.agenda_items()
        self.rows: list[dict] = []  # segment rows in table order, plus "_final" and "_audio"
        self.current_speaker: str | None = None
        self.transcriber: LiveTranscriber | None = None
        self.recorder: audio_mod.SessionRecorder | None = None
        self.state = "idle"
        self.lag_s = 0.0
        self._import_job: tasks.Job | None = None
        self._stopped_at: float | None = None
        self._shut_down = False
        self._updating = False
        self._build()
        self.retranslate_ui()
        self.refresh_devices()
        self.load_segments(self._saved_segments())
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.on_tick)
        self._timer.start()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # ------------------------------------------------------------------------------------ UI

    def _build(self) -> None:
        self.device_label = QLabel()
        self.device_box = QComboBox()
        self.device_box.setMinimumWidth(220)
        self.device_box.currentIndexChanged.connect(self.on_device_chosen)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh_devices)
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.on_start_clicked)
        self.pause_button = QPushButton()
        self.pause_button.setEnabled(False)
        self.pause_button.clicked.connect(self.on_pause_clicked)
        self.level = QProgressBar()
        self.level.setRange(0, 60)
        self.level.setTextVisible(False)
        self.level.setMaximumWidth(120)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.on_import_clicked)
        self.import_progress = QProgressBar()
        self.import_progress.setVisible(False)
        self.cancel_import_button = QPushButton()
        self.cancel_import_button.setVisible(False)
        self.cancel_import_button.clicked.connect(self.cancel_import)

        top = QHBoxLayout()
        for w in (self.device_label, self.device_box, self.refresh_button, self.start_button, self.pause_button, self.level):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.import_button, self.import_progress, self.cancel_import_button):
            top.addWidget(w)

        self.speaker_label = QLabel()
        self.speaker_group = QButtonGroup(self)
        self.speaker_group.setExclusive(True)
        speakers = QHBoxLayout()
        speakers.addWidget(self.speaker_label)
        self.speaker_buttons: list[QPushButton] = []
        for n, person in enumerate(self.attendees, 1):
            label = self.person_label(person).replace("&", "&&")  # "&" would be a mnemonic
            b = QPushButton(f"{n}  {label}" if n <= 9 else label)
            b.setCheckable(True)
            b.setProperty("person_id", person["id"])
            self.speaker_group.addButton(b)
            b.clicked.connect(lambda _=False, pid=person["id"]: self.set_current_speaker(pid))
            speakers.addWidget(b)
            self.speaker_buttons.append(b)
        speakers.addStretch(1)
        self.agenda_label = QLabel()
        self.agenda_box = QComboBox()
        self.agenda_box.addItem("—", None)
        for item in self.agenda:
            self.agenda_box.addItem(item.get("title") or "", item["id"])
        speakers.addWidget(self.agenda_label)
        speakers.addWidget(self.agenda_box)

        self.table = QTableWidget(0, 3)
        self.table.horizontalHeader().setSectionResizeMode(COL_TIME, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(COL_SPEAKER, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setItemDelegateForColumn(COL_SPEAKER, _SpeakerDelegate(self))
        self.table.itemChanged.connect(self.on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_actions)

        self.merge_button = QPushButton()
        self.merge_button.clicked.connect(self.on_merge_clicked)
        self.split_button = QPushButton()
        self.split_button.clicked.connect(self.on_split_clicked)
        self.opinion_button = QPushButton()
        self.opinion_button.clicked.connect(self.on_opinion_clicked)
        self.play_button = QPushButton()
        self.play_button.clicked.connect(self.on_play_clicked)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.on_export_clicked)
        self.model_label = QLabel()
        self.model_button = QPushButton()
        self.model_button.clicked.connect(self.on_model_clicked)
        self.default_model_button = QPushButton()
        self.default_model_button.clicked.connect(self.use_default_model)
        self.status = QLabel()
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        for w in (self.merge_button, self.split_button, self.opinion_button, self.play_button, self.export_button):
            bottom.addWidget(w)
        bottom.addStretch(1)
        for w in (self.model_label, self.model_button, self.default_model_button):
            bottom.addWidget(w)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(speakers)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.status)

        # On the list, 1–9 pick who holds the floor and Alt+1–9 reassign the selected utterances (an
        # event filter, so digits typed while editing a text are never taken); Ctrl+Shift+S splits an
        # utterance at the text cursor while it is being edited.
        self.table.installEventFilter(self)
        self._split_shortcut = QShortcut(QKeySequence("Ctrl+Shift+S"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._split_shortcut.activated.connect(self.on_split_at_cursor)
        self._update_actions()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
                n = key - Qt.Key.Key_1 + 1
                mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                if mods == Qt.KeyboardModifier.NoModifier:
                    self.pick_speaker_number(n)
                    return True
                if mods == Qt.KeyboardModifier.AltModifier:
                    self.assign_speaker_number(n)
                    return True
        return super().eventFilter(obj, event)

    def retranslate_ui(self) -> None:
        self.device_label.setText(self.tr("Microphone:"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("List the input devices again"))
        self._update_capture_buttons()
        self.import_button.setText(self.tr("Import recording…"))
        self.cancel_import_button.setText(self.tr("Cancel"))
        self.speaker_label.setText(self.tr("Speaker (1–9):"))
        self.agenda_label.setText(self.tr("Agenda item:"))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Speaker"), self.tr("Text")])
        self.merge_button.setText(self.tr("Merge"))
        self.merge_button.setToolTip(self.tr("Join the selected utterances into one"))
        self.split_button.setText(self.tr("Split"))
        self.split_button.setToolTip(self.tr("Split the utterance in two (Ctrl+Shift+S while editing: at the cursor)"))
        self.opinion_button.setText(self.tr("Add to opinions"))
        self.play_button.setText(self.tr("Play"))
        self.export_button.setText(self.tr("Export…"))
        self.level.setToolTip(self.tr("Input level"))
        self.model_button.setText(self.tr("Speech model…"))
        self.model_button.setToolTip(
            self.tr("Choose a CTranslate2 Whisper model folder (for example a PhoWhisper conversion for better Vietnamese)")
        )
        self.default_model_button.setText(self.tr("Default model"))
        self.default_model_button.setToolTip(self.tr("Use the Whisper base model installed with the application"))
        self._update_model_label()
        if self.device_box.count():
            self.device_box.setItemText(0, self.tr("System default"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_capture_buttons(self) -> None:
        if self.state == "device_lost":
            self.start_button.setText(self.tr("Resume on this device"))
        elif self.state in ("capturing", "paused"):
            self.start_button.setText(self.tr("Stop"))
        elif self.state == "loading":
            self.start_button.setText(self.tr("Loading the model…"))
        else:
            self.start_button.setText(self.tr("Start transcribing"))
        self.start_button.setEnabled(self.state != "loading")
        self.pause_button.setText(self.tr("Resume") if self.state == "paused" else self.tr("Pause"))
        self.pause_button.setEnabled(self.state in ("capturing", "paused"))

    def _set_state(self, state: str) -> None:
        self.state = state
        self._update_capture_buttons()
        self.capture_changed.emit(state)

    def _update_actions(self) -> None:
        sel = self.selected_rows()
        finals = [r for r in sel if self.rows[r].get("_final")]
        self.merge_button.setEnabled(len(finals) >= 2)
        self.split_button.setEnabled(len(finals) == 1)
        self.opinion_button.setEnabled(bool(finals))
        self.play_button.setEnabled(len(finals) == 1 and bool(self.rows[finals[0]].get("_audio")))

    def person_label(self, person: dict) -> str:
        title = person.get("title")
        return f"{person.get('full_name', '')} ({title})" if title else person.get("full_name", "")

    def _names(self) -> dict[str, str]:
        return {p["id"]: p.get("full_name", "") for p in self.attendees}

    def show_message(self, text: str, *, code: str = "") -> None:
        self.status.setText(text)
        if code:
            self.error_reported.emit(code, text)

    def error_text(self, code: str, fallback_vi: str = "", fallback_en: str = "") -> str:
        """The translated message of an engine/audio error code."""
        texts = {
            "portaudio_missing": self.tr(
                "Cannot capture audio: the PortAudio library is missing. Install libportaudio2 or reinstall the "
                "application. Recordings can still be imported."
            ),
            "no_device": self.tr("No microphone was found. Plug one in or pick another device, then try again."),
            "rate_refused": self.tr("This microphone refuses every supported sample rate. Pick another device."),
            "device_open_failed": self.tr("The microphone could not be opened. Pick another device."),
            "device_lost": self.tr(
                "The microphone stopped (unplugged?). The recording so far is kept: pick a device and press "
                "“Resume on this device”."
            ),
            "file_not_found": self.tr("The audio file was not found."),
            "not_audio": self.tr("This file is not a readable audio recording."),
            "model_not_found": self.tr("The speech model folder was not found. Choose it again in the settings."),
            "model_incomplete": self.tr(
                "The speech model folder is incomplete (model.bin, config.json and tokenizer.json are required)."
            ),
            "model_checksum": self.tr("The default speech model is damaged. Reinstall the application."),
            "model_package_missing": self.tr("The default speech model is missing. Reinstall the application."),
            "model_unreadable": self.tr("The speech model could not be loaded. Choose another model folder."),
            "no_output_device": self.tr("No speakers or headphones are available to play the audio."),
            "recording_unreadable": self.tr("The recording could not be read."),
            "pipeline_failed": self.tr("Transcription stopped after an internal error; the recording is kept."),
        }
        if code in texts:
            return texts[code]
        lang = i18n.current_language()
        return (fallback_vi if lang == "vi" else fallback_en) or fallback_en or fallback_vi or code

    def _report(self, exc: BaseException) -> None:
        if isinstance(exc, AsrError):
            self.show_message(self.error_text(exc.code, exc.vi, exc.en), code=exc.code)
        else:
            log.error("transcript panel task failed", exc_info=(type(exc), exc, exc.__traceback__))
            self.show_message(self.tr("Something went wrong: %1").replace("%1", str(exc)), code="internal")

    # ------------------------------------------------------------------------------------ devices

    @Slot()
    def refresh_devices(self) -> None:
        self.device_box.blockSignals(True)
        self.device_box.clear()
        try:
            devices = audio_mod.list_input_devices()
        except AsrError as exc:
            devices = []
            self._report(exc)
        remembered = self.settings.asr_input_device
        self.device_box.addItem(self.tr("System default"), None)
        for d in devices:
            self.device_box.addItem(f"{d.name} ({d.hostapi})" if d.hostapi else d.name, d.name)
        i = self.device_box.findData(remembered) if remembered else -1
        self.device_box.setCurrentIndex(i if i >= 0 else 0)
        self.device_box.blockSignals(False)

    @Slot(int)
    def on_device_chosen(self, index: int) -> None:
        self.settings.asr_input_device = self.device_box.itemData(index) or ""
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            self.settings.save(self._settings_path)
        except OSError as exc:
            log.warning("could not save the settings: %s", exc)
            self.show_message(self.tr("The settings could not be saved: %1").replace("%1", exc.strerror or str(exc)),
                              code="settings")

    # ------------------------------------------------------------------------------------ model

    def _update_model_label(self) -> None:
        folder = self.settings.asr_model_dir
        if folder:
            self.model_label.setText(self.tr("Model: %1").replace("%1", Path(folder).name))
            self.model_label.setToolTip(folder)
        else:
            self.model_label.setText(self.tr("Model: Whisper base (default)"))
            self.model_label.setToolTip("")
        self.default_model_button.setEnabled(bool(folder))

    @Slot()
    def on_model_clicked(self) -> None:
        start = self.settings.asr_model_dir or str(Path.home())
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the speech model folder"), start)
        if path:
            self.choose_model_dir(path)

    def model_dir_problem(self, path: str | Path) -> str | None:
        """Why ``path`` is not a usable model folder (translated), or None when it is one."""
        folder = Path(path)
        try:
            validate_model_dir(folder)
        except ModelError as exc:
            if exc.code == "model_not_found":
                return self.tr("The folder %1 does not exist. Choose the speech model folder again.").replace(
                    "%1", str(folder))
            missing = [n for n in REQUIRED_FILES if not (folder / n).is_file()]
            if missing:
                return (
                    self.tr(
                        "The folder %1 is not a usable speech model: %2 is missing. Choose a CTranslate2 Whisper "
                        "model folder with model.bin, config.json and tokenizer.json (without tokenizer.json the "
                        "model would need the Internet)."
                    )
                    .replace("%1", str(folder))
                    .replace("%2", ", ".join(missing))
                )
            return self.error_text(exc.code, exc.vi, exc.en)
        return None

    def choose_model_dir(self, path: str | Path) -> bool:
        """Use the model in ``path`` from the next start (validated, remembered); False when refused."""
        problem = self.model_dir_problem(path)
        if problem is not None:
            self.show_message(problem, code="model_refused")
            return False
        self._set_model_dir(str(Path(path).resolve()))
        self.show_message(self.tr("Speech model folder: %1. It is used from the next start.").replace("%1", str(path)))
        return True

    @Slot()
    def use_default_model(self) -> None:
        """Go back to the default model (Whisper base, installed with the application)."""
        self._set_model_dir("")
        self.show_message(self.tr("The default speech model is used from the next start."))

    def _set_model_dir(self, folder: str) -> None:
        if folder == self.settings.asr_model_dir:
            return
        self.settings.asr_model_dir = folder
        self._save_settings()
        self._model = None  # a capture running now keeps its model; the next start loads the new one
        self._update_model_label()
        self.model_changed.emit(folder)

    def _with_model(self, then: Callable[[AsrModel], None]) -> None:
        if self._model is not None:
            then(self._model)
            return
        self._set_state("loading")

        def done(model: AsrModel) -> None:
            self._model = model
            self._set_state("idle")
            then(model)

        def failed(exc: BaseException) -> None:
            self._set_state("idle")
            self._report(exc)

        tasks.run_in_background(self._model_loader, done, failed)

    def vocabulary(self) -> list[str]:
        """Attendee names and titles and agenda item titles, for the decoder's hotwords."""
        terms = []
        for p in self.attendees:
            terms += [p.get("full_name") or "", p.get("title") or ""]
        terms += [a.get("title") or "" for a in self.agenda]
        return [t for t in dict.fromkeys(terms) if t]

    # ------------------------------------------------------------------------------------ capture

    @Slot()
    def on_start_clicked(self) -> None:
        if self.state in ("capturing", "paused"):
            self.stop_capture()
        elif self.state == "device_lost":
            self.resume_on_device()
        else:
            self.start_capture()

    def _open_microphone(self) -> audio_mod.AudioSource | None:
        try:
            return audio_mod.MicrophoneSource(self.device_box.currentData())
        except AsrError as exc:
            self._report(exc)
            return None

    def start_capture(self, source: audio_mod.AudioSource | None = None) -> bool:
        """Start live transcription from the chosen microphone (or ``source``, e.g. a paced file)."""
        if self.transcriber is not None and self.transcriber.running:
            return False
        src = source or self._open_microphone()
        if src is None:
            return False

        def go(model: AsrModel) -> None:
            if self.recorder is None:
                self.offset_ms = self._recording_offset_ms()
                self.recorder = audio_mod.SessionRecorder(self.recording_path)
            elif self._stopped_at is not None:
                # capture restarted: the time in between stays on the timeline as silence
                self.recorder.write_silence(min(time.monotonic() - self._stopped_at, 12 * 3600))
            self.transcriber = LiveTranscriber(
                model,
                config=StreamConfig(language=self.language, vocabulary=tuple(self.vocabulary()), offset_ms=self.offset_ms),
                recorder=self.recorder,
            )
            self.transcriber.set_speaker(self.current_speaker)
            self.transcriber.start(src)
            self.show_message(self.tr("Transcribing…"))
            self._set_state("capturing")

        self._with_model(go)
        return True

    def _recording_offset_ms(self) -> int:
        """Where the recording starts on the meeting's timeline: the time since the meeting began (not
        before the end of what was transcribed earlier); ``offset_ms`` when the start is unknown."""
        if self.meeting_start is None:
            return self.offset_ms
        start = self.meeting_start if self.meeting_start.tzinfo else self.meeting_start.replace(tzinfo=timezone.utc)
        elapsed = int((datetime.now(timezone.utc) - start).total_seconds() * 1000)
        done = max((r["end_ms"] for r in self.rows if r.get("_final")), default=0)
        return max(0, elapsed, done)

    def stop_capture(self) -> None:
        if self.transcriber is not None:
            self.transcriber.stop()
        self.level.setValue(0)

    def resume_on_device(self, source: audio_mod.AudioSource | None = None) -> None:
        """After an unplug: continue on the device chosen now; the recording continues."""
        src = source or self._open_microphone()
        if src is None or self.transcriber is None:
            return
        self.transcriber.switch_source(src)
        self.show_message(self.tr("Transcribing…"))
        self._set_state("capturing")

    @Slot()
    def on_pause_clicked(self) -> None:
        if self.transcriber is None:
            return
        if self.state == "paused":
            self.transcriber.resume()
            self._set_state("capturing")
            self.show_message(self.tr("Transcribing…"))
        else:
            self.transcriber.pause()
            self._set_state("paused")
            self.show_message(self.tr("Paused: nothing is recorded until you resume."))

    @Slot()
    def on_tick(self) -> None:
        t = self.transcriber
        if t is None:
            return
        src = t.source
        if src is not None and self.state == "capturing":
            self.level.setValue(int(max(0.0, min(60.0, src.level_db + 60.0))))
        while True:
            try:
                ev = t.events.get_nowait()
            except queue.Empty:
                break
            self.on_engine_event(ev)

    def on_engine_event(self, ev: Any) -> None:
        if isinstance(ev, Partial):
            self._show_partial(ev)
        elif isinstance(ev, Final):
            self._apply_final(ev, audio=str(self.recorder.path) if self.recorder else None, audio_offset_ms=self.offset_ms)
        elif isinstance(ev, Lag):
            self.lag_s = ev.seconds
            if ev.seconds > 0:
                self.show_message(
                    self.tr("Transcription is %1 s behind the room; the audio is kept and the text will catch up.").replace(
                        "%1", f"{ev.seconds:.0f}"
                    )
                )
            else:
                self.show_message(self.tr("Transcription has caught up."))
        elif isinstance(ev, Error):
            self.show_message(self.error_text(ev.code, ev.vi, ev.en), code=ev.code)
            if ev.code == "device_lost":
                self._set_state("device_lost")
                self.refresh_devices()
        elif isinstance(ev, Stopped):
            self._stopped_at = time.monotonic()
            if self.recorder is not None:
                self.recorder.flush()
            if ev.reason != "error" and self.state != "device_lost":
                self.show_message(self.tr("Transcription stopped."))
            self._set_state("idle")
            self.level.setValue(0)

    # ------------------------------------------------------------------------------------ rows

    def _row_index(self, segment_id: str) -> int:
        for i, r in enumerate(self.rows):
            if r["id"] == segment_id:
                return i
        return -1

    def _new_row(self, *, id: str, start_ms: int, end_ms: int, text: str, speaker_id: str | None, final: bool, audio: str | None, audio_offset_ms: int = 0) -> dict:
        return {
            "id": id,
            "meeting_id": self.meeting_id,
            "agenda_item_id": self.agenda_box.currentData(),
            "speaker_id": speaker_id,
            "start_ms": int(start_ms),
            "end_ms": int(end_ms),
            "text": text,
            "language": self.language,
            "_final": final,
            "_audio": audio,
            "_audio_offset_ms": audio_offset_ms,
        }

    def _insert_row(self, row: dict) -> int:
        pos = len(self.rows)
        while pos > 0 and self.rows[pos - 1]["start_ms"] > row["start_ms"]:
            pos -= 1
        self.rows.insert(pos, row)
        self.table.insertRow(pos)
        self._render(pos)
        return pos

    def _render(self, i: int) -> None:
        row = self.rows[i]
        self._updating = True
        try:
            t = QTableWidgetItem(format_ms(row["start_ms"]))
            t.setFlags(t.flags() & ~Qt.ItemFlag.ItemIsEditable)
            sp = QTableWidgetItem(self._names().get(row["speaker_id"], "") if row["speaker_id"] else "")
            tx = QTableWidgetItem(row["text"])
            colour = BLACK if row["_final"] else GREY
            for item in (t, sp, tx):
                item.setForeground(QBrush(colour))
                if not row["_final"]:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if not row["_final"]:
                f = tx.font()
                f.setItalic(True)
                tx.setFont(f)
            self.table.setItem(i, COL_TIME, t)
            self.table.setItem(i, COL_SPEAKER, sp)
            self.table.setItem(i, COL_TEXT, tx)
        finally:
            self._updating = False
        self.table.resizeRowToContents(i)

    def _sink_call(self, fn: Callable[..., Any], *args: Any) -> bool:
        """Call the sink; a refusal (bad input, signed out…) is reported, never raised into Qt."""
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - DomainError, SyncError, OSError… all shown to the user
            log.warning("the transcript sink refused %s: %s", getattr(fn, "__name__", fn), exc)
            message = exc.message(i18n.current_language()) if callable(getattr(exc, "message", None)) else (
                getattr(exc, "message", "") or str(exc))
            self.show_message(self.tr("The transcript could not be saved: %1").replace("%1", message),
                              code="save_failed")
            return False
        return True

    def _save(self, i: int) -> None:
        row = {k: self.rows[i][k] for k in SEGMENT_COLUMNS}
        if self._sink_call(self.sink.put_segment, row):
            self.segment_saved.emit(row)

    @Slot(object)
    def on_sync_refused(self, failure: dict) -> None:
        """The service refused a transcript or opinion intent of this meeting (``Session.mutation_failed``)."""
        if failure.get("name") not in ("put_transcript_segment", "add_opinion"):
            return
        if (failure.get("args") or {}).get("meeting_id") != self.meeting_id:
            return
        reason = failure.get("message") or failure.get("code") or ""
        self.show_message(self.tr("The service refused a change of the transcript: %1").replace("%1", reason),
                          code="sync_refused")

    def _saved_segments(self) -> list[dict]:
        saved = getattr(self.sink, "saved_segments", None)
        if saved is None:
            return []
        try:
            return list(saved())
        except Exception as exc:  # noqa: BLE001 - a store that cannot be read must not stop the panel
            log.warning("could not read the saved transcript: %s", exc)
            return []

    def load_segments(self, rows: list[dict]) -> None:
        """Show segments written earlier (final, editable; no audio to play)."""
        for r in rows:
            if not r.get("text") or self._row_index(r["id"]) >= 0:
                continue
            row = self._new_row(id=r["id"], start_ms=r["start_ms"], end_ms=r["end_ms"], text=r["text"],
                                speaker_id=r.get("speaker_id"), final=True, audio=None)
            row.update(agenda_item_id=r.get("agenda_item_id"), language=r.get("language") or self.language)
            self._insert_row(row)
        self._update_actions()

    def _show_partial(self, ev: Partial) -> None:
        i = self._row_index(ev.utterance_id)
        if i < 0:
            self._insert_row(
                self._new_row(id=ev.utterance_id, start_ms=ev.start_ms, end_ms=ev.start_ms, text=ev.text,
                              speaker_id=self.current_speaker, final=False, audio=None)
            )
            self.table.scrollToBottom()
        else:
            self.rows[i]["text"] = ev.text
            self._render(i)

    def _apply_final(self, ev: Final, *, audio: str | None, audio_offset_ms: int = 0) -> None:
        i = self._row_index(ev.utterance_id)
        if not ev.text:
            if i >= 0:
                self.rows.pop(i)
                self.table.removeRow(i)
            return
        if i < 0:
            i = self._insert_row(
                self._new_row(id=ev.utterance_id, start_ms=ev.start_ms, end_ms=ev.end_ms, text=ev.text,
                              speaker_id=ev.speaker_id, final=True, audio=audio, audio_offset_ms=audio_offset_ms)
            )
            self.table.scrollToBottom()
        else:
            self.rows[i].update(text=ev.text, end_ms=ev.end_ms, speaker_id=ev.speaker_id, _final=True,
                                _audio=audio, _audio_offset_ms=audio_offset_ms)
            self._render(i)
        self._save(i)
        self._update_actions()

    def add_finals(self, finals: list[Final], *, audio: str | None = None) -> None:
        """Add final utterances (from an imported file: ``audio`` is that file)."""
        for f in finals:
            self._apply_final(f, audio=audio)

    @Slot(QTableWidgetItem)
    def on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._updating or item.column() != COL_TEXT:
            return
        i = item.row()
        text = item.text().strip()
        if text == self.rows[i]["text"]:
            return
        self.rows[i]["text"] = text
        self._save(i)

    def selected_rows(self) -> list[int]:
        return sorted({ix.row() for ix in self.table.selectionModel().selectedRows()})

    def select_rows(self, rows: list[int]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for r in rows:
            self.table.selectRow(r)
        self.table.setSelectionMode(mode)

    # ------------------------------------------------------------------------------------ speakers

    def set_current_speaker(self, person_id: str | None) -> None:
        """The person who holds the floor now; given to the utterances that end from now on."""
        self.current_speaker = person_id
        for b in self.speaker_buttons:
            b.setChecked(b.property("person_id") == person_id)
        if self.transcriber is not None:
            self.transcriber.set_speaker(person_id)

    def pick_speaker_number(self, n: int) -> None:
        if 1 <= n <= len(self.attendees):
            self.set_current_speaker(self.attendees[n - 1]["id"])

    def assign_speaker_number(self, n: int) -> None:
        if 1 <= n <= len(self.attendees):
            self.assign_speaker(self.selected_rows(), self.attendees[n - 1]["id"])

    def assign_speaker(self, rows: list[int], person_id: str | None) -> None:
        """Reassign utterances to another person (a correction of the segment rows)."""
        for i in rows:
            if self.rows[i].get("_final") and self.rows[i]["speaker_id"] != person_id:
                self.rows[i]["speaker_id"] = person_id
                self._render(i)
                self._save(i)

    # ------------------------------------------------------------------------------------ merge / split

    @Slot()
    def on_merge_clicked(self) -> None:
        self.merge(self.selected_rows())

    def merge(self, rows: list[int]) -> int | None:
        """Join the utterances into the first one; the others are deleted."""
        rows = sorted(r for r in rows if self.rows[r].get("_final"))
        if len(rows) < 2:
            return None
        first = self.rows[rows[0]]
        others = [self.rows[r] for r in rows[1:]]
        first["text"] = " ".join([first["text"], *(o["text"] for o in others)]).strip()
        first["end_ms"] = max(first["end_ms"], *(o["end_ms"] for o in others))
        for r in reversed(rows[1:]):
            gone = self.rows.pop(r)
            self.table.removeRow(r)
            if self._sink_call(self.sink.delete_segment, gone["id"]):
                self.segment_deleted.emit(gone["id"])
        self._render(rows[0])
        self._save(rows[0])
        self.select_rows([rows[0]])
        return rows[0]

    @Slot()
    def on_split_clicked(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.split(rows[0])

    @Slot()
    def on_split_at_cursor(self) -> None:
        editor = QApplication.focusWidget()
        rows = self.selected_rows()
        if isinstance(editor, QLineEdit) and len(rows) == 1:
            pos, text = editor.cursorPosition(), editor.text()
            self.table.setFocus()  # commits the editor
            self.rows[rows[0]]["text"] = text.strip()
            self.split(rows[0], pos)
        elif len(rows) == 1:
            self.split(rows[0])

    def split(self, row: int, char_pos: int | None = None) -> tuple[int, int] | None:
        """Split an utterance in two at ``char_pos`` (default: the word boundary nearest the middle).

        The time is divided in proportion to the text; the second part gets a new id.
        """
        r = self.rows[row]
        text = r["text"]
        if char_pos is None:
            spaces = [i for i, c in enumerate(text) if c == " "]
            if not spaces:
                return None
            char_pos = min(spaces, key=lambda i: abs(i - len(text) / 2))
        head, tail = text[:char_pos].strip(), text[char_pos:].strip()
        if not head or not tail:
            return None
        cut = r["start_ms"] + int((r["end_ms"] - r["start_ms"]) * len(head) / max(1, len(head) + len(tail)))
        second = dict(r, id=uuid.uuid4().hex, start_ms=cut, text=tail)
        r.update(text=head, end_ms=cut)
        self._render(row)
        self._save(row)
        self.rows.insert(row + 1, second)
        self.table.insertRow(row + 1)
        self._render(row + 1)
        self._save(row + 1)
        return row, row + 1

    # ------------------------------------------------------------------------------------ opinions

    @Slot()
    def on_opinion_clicked(self) -> None:
        rows = [r for r in self.selected_rows() if self.rows[r].get("_final")]
        if not rows:
            return
        speakers = {self.rows[r]["speaker_id"] for r in rows}
        dialog = OpinionDialog(
            panel=self,
            speaker_id=speakers.pop() if len(speakers) == 1 else None,
            agenda_item_id=self.rows[rows[0]]["agenda_item_id"] or self.agenda_box.currentData(),
            text=" ".join(self.rows[r]["text"] for r in rows),
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_opinion(
                rows,
                speaker_id=dialog.speaker.currentData(),
                agenda_item_id=dialog.agenda.currentData(),
                text=dialog.text.toPlainText(),
            )

    def add_opinion(
        self, rows: list[int], *, speaker_id: str | None = None, agenda_item_id: str | None = None, text: str | None = None
    ) -> dict | None:
        """Ý kiến from utterances: who (default: their common speaker), agenda item, text (default: joined).

        None when the sink refused it (the reason is shown)."""
        rows = sorted(rows)
        picked = [self.rows[r] for r in rows]
        if speaker_id is None:
            speakers = {p["speaker_id"] for p in picked}
            speaker_id = speakers.pop() if len(speakers) == 1 else None
        opinion = {
            "id": uuid.uuid4().hex,
            "meeting_id": self.meeting_id,
            "agenda_item_id": agenda_item_id if agenda_item_id is not None else picked[0]["agenda_item_id"],
            "speaker_id": speaker_id,
            "text": (text if text is not None else " ".join(p["text"] for p in picked)).strip(),
            "segment_ids": [p["id"] for p in picked],
            "recorded_by": self.recorded_by,
        }
        if not self._sink_call(self.sink.add_opinion, opinion):
            return None
        self.opinion_added.emit(opinion)
        self.show_message(self.tr("Added to the opinions of the meeting."))
        return opinion

    # ------------------------------------------------------------------------------------ playback

    @Slot()
    def on_play_clicked(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.play(rows[0])

    def segment_audio(self, row: int):
        r = self.rows[row]
        if not r.get("_audio"):
            raise AsrError("recording_unreadable", vi="Đoạn này không có bản ghi âm.", en="This utterance has no recording.")
        off = r.get("_audio_offset_ms", 0)
        if self.recorder is not None and r["_audio"] == str(self.recorder.path):
            return self.recorder.read(r["start_ms"] - off, r["end_ms"] - off)  # recent audio from memory
        return audio_mod.read_segment(r["_audio"], r["start_ms"] - off, r["end_ms"] - off)

    def play(self, row: int) -> bool:
        """Play an utterance's audio from the recording (sounddevice; QtMultimedia is not in Essentials)."""
        try:
            audio_mod.play(self.segment_audio(row))
        except AsrError as exc:
            self._report(exc)
            return False
        return True

    # ------------------------------------------------------------------------------------ export

    def export_text(self, kind: str) -> str:
        cues = cues_from_rows([r for r in self.rows if r.get("_final")], self._names())
        return {"srt": to_srt, "vtt": to_vtt}.get(kind, lambda c: to_text(c, timestamps=True))(cues)

    def export(self, path: str | Path) -> Path:
        """Write the transcript; the format follows the suffix (.srt, .vtt, anything else: text)."""
        path = Path(path)
        path.write_text(self.export_text(path.suffix.lower().lstrip(".")), encoding="utf-8")
        return path

    @Slot()
    def on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the transcript"), "", self.tr("Text (*.txt);;SubRip subtitles (*.srt);;WebVTT subtitles (*.vtt)")
        )
        if path:
            try:
                self.export(path)
            except OSError as exc:
                self.show_message(self.tr("Could not write %1: %2").replace("%1", path).replace("%2", exc.strerror or str(exc)), code="export")
            else:
                self.show_message(self.tr("Transcript exported to %1").replace("%1", path))

    # ------------------------------------------------------------------------------------ import

    @Slot()
    def on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a recording"), "", self.tr("Audio (*.wav *.flac *.mp3 *.m4a *.ogg *.opus *.webm);;All files (*)")
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path) -> tasks.Job:
        """Transcribe a recording in the background with a progress bar and Cancel."""
        path = str(path)
        language = self.language
        vocab = self.vocabulary()
        loader = self._model_loader
        current = self._model

        def work(job: tasks.Job):
            model = current or loader()
            finals = transcribe_file(
                model,
                path,
                language=language,
                vocabulary=vocab,
                progress=lambda done, total: job.progress(int(done * 1000), int(total * 1000), ""),
                cancelled=lambda: job.cancelled,
            )
            return model, finals

        job = tasks.Job(work)
        job.progressed.connect(self.on_import_progress)
        job.finished.connect(self.on_import_finished)
        job.failed.connect(self.on_import_failed)
        self._import_job = job
        self.import_progress.setRange(0, 0)
        self.import_progress.setVisible(True)
        self.cancel_import_button.setVisible(True)
        self.import_button.setEnabled(False)
        self.show_message(self.tr("Transcribing %1…").replace("%1", Path(path).name))
        self._import_path = path
        tasks.start(job)
        return job

    @Slot()
    def cancel_import(self) -> None:
        if self._import_job is not None:
            self._import_job.cancel()

    @Slot(int, int, str)
    def on_import_progress(self, done: int, total: int, _text: str) -> None:
        self.import_progress.setRange(0, max(1, total))
        self.import_progress.setValue(min(done, total))

    def _import_ended(self) -> None:
        self._import_job = None
        self.import_progress.setVisible(False)
        self.cancel_import_button.setVisible(False)
        self.import_button.setEnabled(True)

    @Slot(object)
    def on_import_finished(self, result) -> None:
        model, finals = result
        self._model = self._model or model
        self._import_ended()
        self.add_finals(finals, audio=self._import_path)
        self.show_message(self.tr("Imported %n utterance(s).", "", len(finals)))

    @Slot(object)
    def on_import_failed(self, exc: BaseException) -> None:
        self._import_ended()
        if isinstance(exc, InterruptedError):
            self.show_message(self.tr("Import cancelled."))
        else:
            self._report(exc)

    # ------------------------------------------------------------------------------------ shutdown

    @Slot()
    def shutdown(self) -> None:
        """Stop capture and imports and close the recording (call before the panel is destroyed; also
        called when the application quits). The utterance in progress is finalised and saved."""
        if self._shut_down:
            return
        self._shut_down = True
        self._timer.stop()
        if self._import_job is not None:
            self._import_job.cancel()
        if self.transcriber is not None:
            self.transcriber.stop()
            self.transcriber.join(30)
            while True:  # the last final (the utterance cut by the stop) is still in the queue
                try:
                    ev = self.transcriber.events.get_nowait()
                except queue.Empty:
                    break
                if isinstance(ev, Final):
                    self.on_engine_event(ev)
        if self.recorder is not None:
            self.recorder.close()
        audio_mod.stop_playback()


def open_transcript_panel(session, meeting_id: str, parent: QWidget | None = None, **kw: Any) -> TranscriptPanel:  # noqa: ANN001
    """See :func:`ecabinet_client.asr.secretary.open_transcript_panel` (re-exported here for the console)."""
    from ecabinet_client.asr.secretary import open_transcript_panel as open_panel

    return open_panel(session, meeting_id, parent, **kw)
