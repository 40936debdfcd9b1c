"""The secretary's transcript panel with pytest-qt: live capture (a paced file in place of the
microphone), attribution, edit, merge/split, opinions, export, import with progress and cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ecabinet_client.asr.audio import FileSource
from ecabinet_client.asr.engine import Final, Partial
from ecabinet_client.asr.panel import BLACK, GREY, COL_SPEAKER, COL_TEXT, OpinionDialog, TranscriptPanel
from ecabinet_client.asr.sink import MemorySink
from ecabinet_client.ui.settings import Settings

from .conftest import AUDIO

ROOT = Path(__file__).resolve().parents[2]
ATTENDEES = [
    {"id": "u-chair", "full_name": "Nguyễn Văn An", "title": "Chủ tịch UBND"},
    {"id": "u-del", "full_name": "Trần Thị Bình", "title": "Giám đốc Sở TT&TT"},
    {"id": "u-sec", "full_name": "Lê Minh Châu", "title": "Thư ký"},
]
AGENDA = [
    {"id": "a1", "title": "Quy chế phòng họp không giấy", "position": 1},
    {"id": "a2", "title": "Kế hoạch chuyển đổi số 2025", "position": 2},
]


@pytest.fixture
def sink():
    return MemorySink(attendees=ATTENDEES, agenda_items=AGENDA)


@pytest.fixture
def make_panel(qtbot, sink, tmp_path, request):
    panels = []

    def make(loader=None, **kw):
        def no_model():
            raise AssertionError("this test does not load the model")

        panel = TranscriptPanel(
            sink=sink,
            meeting_id="m1",
            model_loader=loader or no_model,
            recording_path=tmp_path / "recordings" / "m1.flac",
            recorded_by="u-sec",
            settings=kw.pop("settings", None) or Settings(),
            settings_path=tmp_path / "settings.json",
            **kw,
        )
        qtbot.addWidget(panel)
        panel.resize(1000, 560)
        panels.append(panel)
        return panel

    yield make
    for p in panels:
        p.shutdown()


def _finals(panel, items):
    panel.add_finals(
        [Final(f"id{i}", text, start, end, speaker, "vi") for i, (text, start, end, speaker) in enumerate(items)]
    )


SAMPLE = [
    ("Xin chào các đại biểu, cuộc họp bắt đầu.", 1_000, 4_000, "u-chair"),
    ("Đề nghị các đại biểu cho ý kiến về quy chế.", 5_000, 9_000, "u-chair"),
    ("Tôi đồng ý với dự thảo quy chế.", 12_000, 15_000, "u-del"),
    ("Cần bổ sung điều khoản về tài liệu mật.", 15_500, 19_000, None),
]


@pytest.mark.slow
def test_live_capture_shows_partials_grey_then_finals_black(make_panel, asr_model, sink, qtbot):
    panel = make_panel(loader=lambda: asr_model, language="en")
    colours = []
    original = panel.on_engine_event

    def spy(ev):
        original(ev)
        if isinstance(ev, (Partial, Final)) and ev.text:
            i = panel._row_index(ev.utterance_id)
            colours.append((type(ev).__name__, panel.table.item(i, COL_TEXT).foreground().color()))

    panel.on_engine_event = spy
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_2)  # Trần Thị Bình holds the floor
    assert panel.current_speaker == "u-del" and panel.speaker_buttons[1].isChecked()
    panel.agenda_box.setCurrentIndex(1)
    with qtbot.waitSignal(panel.capture_changed, check_params_cb=lambda s: s == "capturing", timeout=20_000):
        assert panel.start_capture(FileSource(AUDIO / "en06.flac", paced=True, speed=2.0))
    with qtbot.waitSignal(panel.capture_changed, check_params_cb=lambda s: s == "idle", timeout=60_000):
        pass
    assert ("Partial", GREY) in colours and colours[-1] == ("Final", BLACK)
    assert len(panel.rows) == 1
    (row,) = sink.segments.values()
    assert row["speaker_id"] == "u-del" and row["agenda_item_id"] == "a1" and row["meeting_id"] == "m1"
    assert "laptop" in row["text"].lower() and len(row["id"]) == 32
    assert panel.table.item(0, COL_SPEAKER).text() == "Trần Thị Bình"
    # the utterance can be played back from the session recording
    audio = panel.segment_audio(0)
    assert abs(audio.size - (row["end_ms"] - row["start_ms"]) * 16) < 400
    # capture again later: the session recording and its timeline continue
    first_end = row["end_ms"]
    with qtbot.waitSignal(panel.capture_changed, check_params_cb=lambda s: s == "idle", timeout=60_000):
        panel.start_capture(FileSource(AUDIO / "en04.flac", paced=True, speed=2.0))
    assert len(panel.rows) == 2
    second = panel.rows[1]
    assert second["start_ms"] > first_end and "conclusion" in second["text"].lower()
    assert panel.recorder.duration_s * 1000 >= second["end_ms"]
    assert abs(panel.segment_audio(1).size - (second["end_ms"] - second["start_ms"]) * 16) < 400


def test_edit_attribution_merge_split(make_panel, sink, qtbot):
    panel = make_panel()
    _finals(panel, SAMPLE)
    assert [r["_final"] for r in panel.rows] == [True] * 4
    # edit the text in the list
    panel.table.item(2, COL_TEXT).setText("Tôi đồng ý với dự thảo quy chế này.")
    assert sink.segments["id2"]["text"] == "Tôi đồng ý với dự thảo quy chế này."
    assert sink.versions["id2"] == 2  # a correction of the same row
    # reassign the last utterance with Alt+3, then with the delegate's combo box value
    panel.select_rows([3])
    qtbot.keyClick(panel.table, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert sink.segments["id3"]["speaker_id"] == "u-sec"
    panel.assign_speaker([3], "u-del")
    assert sink.segments["id3"]["speaker_id"] == "u-del"
    assert panel.table.item(3, COL_SPEAKER).text() == "Trần Thị Bình"
    # merge utterances 2 and 3 (same speaker)
    panel.select_rows([2, 3])
    assert panel.merge_button.isEnabled()
    panel.merge_button.click()
    assert len(panel.rows) == 3 and "id3" in sink.deleted and "id3" not in sink.segments
    merged = sink.segments["id2"]
    assert merged["text"] == "Tôi đồng ý với dự thảo quy chế này. Cần bổ sung điều khoản về tài liệu mật."
    assert (merged["start_ms"], merged["end_ms"]) == (12_000, 19_000)
    # split it again at the sentence boundary
    pos = merged["text"].index("Cần")
    first, second = panel.split(2, pos)
    a, b = panel.rows[first], panel.rows[second]
    assert a["text"] == "Tôi đồng ý với dự thảo quy chế này." and b["text"] == "Cần bổ sung điều khoản về tài liệu mật."
    assert a["id"] == "id2" and b["id"] not in ("id2", "id3") and len(b["id"]) == 32
    assert 12_000 < a["end_ms"] == b["start_ms"] < 19_000 and b["end_ms"] == 19_000
    assert sink.segments[b["id"]]["speaker_id"] == "u-del"
    # the Split button splits at the word nearest the middle
    panel.select_rows([0])
    panel.split_button.click()
    assert len(panel.rows) == 5 and panel.rows[0]["text"] + " " + panel.rows[1]["text"] == SAMPLE[0][0]


def test_add_to_opinions(make_panel, sink, monkeypatch):
    panel = make_panel()
    _finals(panel, SAMPLE)
    spy = []
    panel.opinion_added.connect(spy.append)
    op = panel.add_opinion([0, 1], agenda_item_id="a1")
    assert op["speaker_id"] == "u-chair" and op["segment_ids"] == ["id0", "id1"]
    assert op["text"] == SAMPLE[0][0] + " " + SAMPLE[1][0]
    assert op["recorded_by"] == "u-sec" and op["meeting_id"] == "m1" and len(op["id"]) == 32
    assert sink.opinions == [op] and spy == [op]

    # through the dialog: mixed speakers -> no default; the secretary picks one and shortens the text
    def accept(dialog):
        assert dialog.speaker.currentData() is None
        dialog.speaker.setCurrentIndex(dialog.speaker.findData("u-del"))
        dialog.agenda.setCurrentIndex(dialog.agenda.findData("a2"))
        dialog.text.setPlainText("Đồng ý, đề nghị bổ sung điều khoản về tài liệu mật.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OpinionDialog, "exec", accept)
    panel.select_rows([2, 3])
    panel.opinion_button.click()
    last = sink.opinions[-1]
    assert last["speaker_id"] == "u-del" and last["agenda_item_id"] == "a2"
    assert last["segment_ids"] == ["id2", "id3"] and last["text"].startswith("Đồng ý")


def test_export_srt_vtt_text(make_panel, tmp_path):
    panel = make_panel()
    _finals(panel, SAMPLE[:3])
    srt = panel.export(tmp_path / "t.srt").read_text(encoding="utf-8")
    assert srt.splitlines()[:4] == ["1", "00:00:01,000 --> 00:00:04,000", "Nguyễn Văn An: " + SAMPLE[0][0], ""]
    assert "3\n00:00:12,000 --> 00:00:15,000\nTrần Thị Bình: Tôi đồng ý" in srt
    vtt = panel.export(tmp_path / "t.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Nguyễn Văn An>Xin chào")
    txt = panel.export(tmp_path / "t.txt").read_text(encoding="utf-8")
    assert txt.splitlines()[1] == "[00:00:05] Nguyễn Văn An: " + SAMPLE[1][0]


@pytest.mark.slow
def test_import_a_recording_with_progress_then_cancel(make_panel, asr_model, sink, qtbot):
    panel = make_panel(loader=lambda: asr_model, language="en")
    progress = []
    job = panel.import_file(AUDIO / "en02.flac")
    job.progressed.connect(lambda d, t, _: progress.append((d, t)))
    assert not panel.import_progress.isHidden() and not panel.cancel_import_button.isHidden()
    qtbot.waitUntil(lambda: panel.import_progress.isHidden(), timeout=60_000)
    assert progress and progress[-1][0] == progress[-1][1]
    assert len(panel.rows) == 1 and "secretary" in panel.rows[0]["text"].lower()
    assert panel.rows[0]["id"] in sink.segments
    audio = panel.segment_audio(0)  # from the imported file itself
    assert audio.size > 16000
    # cancel
    job = panel.import_file(AUDIO / "vi06.flac")
    with qtbot.waitSignal(job.failed, timeout=30_000):
        panel.cancel_import_button.click()
    assert len(panel.rows) == 1
    assert panel.status.text() in ("Import cancelled.", "Đã huỷ nhập bản ghi.")


def test_microphone_errors_are_messages(make_panel, monkeypatch, qtbot):
    import builtins
    import sys

    panel = make_panel()
    errors = []
    panel.error_reported.connect(lambda code, text: errors.append(code))
    # no such device: the remembered microphone is gone
    panel.device_box.addItem("Micrô đã rút", "Micrô đã rút")
    panel.device_box.setCurrentIndex(panel.device_box.count() - 1)
    assert panel.start_capture() is False
    assert errors[-1] == "no_device" and panel.state == "idle"
    # PortAudio missing
    real_import = builtins.__import__

    def fake_import(name, *a, **kw):
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return real_import(name, *a, **kw)

    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    panel.refresh_devices()
    assert errors[-1] == "portaudio_missing" and "PortAudio" in panel.status.text()
    assert panel.start_capture() is False
    # playback without sound output
    _finals(panel, SAMPLE[:1])
    assert panel.play(0) is False


def test_device_choice_is_remembered(make_panel, tmp_path):
    panel = make_panel()
    panel.device_box.addItem("USB Conference Mic", "USB Conference Mic")
    panel.device_box.setCurrentIndex(panel.device_box.count() - 1)
    assert panel.settings.asr_input_device == "USB Conference Mic"
    assert Settings.load(tmp_path / "settings.json").asr_input_device == "USB Conference Mic"


def test_vietnamese_translation_is_complete(make_panel, qapp):
    from ecabinet_client.ui import i18n

    panel = make_panel()
    i18n.install("vi")
    qapp.processEvents()  # LanguageChange is delivered by the event loop
    try:
        assert panel.start_button.text() == "Bắt đầu ghi lời"
        assert panel.opinion_button.text() == "Thêm vào ý kiến"
        assert panel.table.horizontalHeaderItem(1).text() == "Người phát biểu"
    finally:
        i18n.install("en")
        qapp.processEvents()
    assert panel.start_button.text() == "Start transcribing"


def test_screenshot(make_panel, qapp):
    from ecabinet_client.ui import i18n

    panel = make_panel()
    i18n.install("vi")
    qapp.processEvents()
    try:
        _finals(panel, SAMPLE)
        panel.set_current_speaker("u-del")
        panel.on_engine_event(Partial("live", "Về kế hoạch chuyển đổi số, tôi đề nghị", 21_000, "Về kế hoạch"))
        panel.agenda_box.setCurrentIndex(1)
        panel._set_state("capturing")  # staged: the picture shows the panel during a meeting
        panel.level.setValue(38)
        panel.select_rows([2])
        panel.show_message("Đang ghi lời…")
        qapp.processEvents()
        out = ROOT / "docs" / "screenshots" / "asr_panel.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        assert panel.grab().save(str(out))
    finally:
        i18n.install("en")
