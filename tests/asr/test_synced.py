"""The transcript panel wired to the sync client: the real service on loopback, real client stores, the
real speech model on the real audio of tests/data/audio.

The secretary's session transcribes (live from a paced file, and an imported recording) into
:class:`SyncedSink`; only finals and edits are queued; segments and an opinion reach the service and
the chair's client; offline, everything waits in the outbox and is applied exactly once.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from ecabinet_client.asr.audio import FileSource
from ecabinet_client.asr.engine import Final, Partial, transcribe_file
from ecabinet_client.asr.panel import COL_TEXT
from ecabinet_client.asr.secretary import can_transcribe, open_transcript_panel, recordings_dir
from ecabinet_client.asr.synced import SyncedSink, meeting_opinions, meeting_transcript
from ecabinet_client.domain.errors import DomainError
from ecabinet_client.sync.api import OfflineError
from ecabinet_client.ui.session import Session
from ecabinet_client.ui.settings import Settings
from tests.sync.conftest import db, make_client, own_service, service, world  # noqa: F401 - fixtures

from .conftest import AUDIO

AGENDA_TITLE = "Báo cáo tình hình kinh tế - xã hội"


@pytest.fixture
def open_panel(qtbot, tmp_path):
    panels = []

    def open_(session, meeting_id, **kw):
        kw.setdefault("settings", Settings())
        kw.setdefault("settings_path", tmp_path / "config" / "settings.json")
        panel = open_transcript_panel(session, meeting_id, **kw)
        qtbot.addWidget(panel)
        panels.append(panel)
        return panel

    yield open_
    for p in panels:
        p.shutdown()


def _queued(client, name=None):
    return [m for m in client.store.outbox() if name is None or m["name"] == name]


def _ongoing(w, **kw):
    return w.meeting(state="ongoing", invitees=("delegate", "colleague"), starts_in=timedelta(minutes=-10), **kw)


def test_speakers_vocabulary_language_and_recording_come_from_the_meeting(make_client, world, open_panel, qtbot):
    m = _ongoing(world)
    sec = make_client("secretary")
    sec.sync()
    session = Session(sec)
    panel = open_panel(session, m["id"], model_loader=lambda: pytest.fail("no model needed"))
    names = [p["full_name"] for p in panel.attendees]
    # the chair, the invited people (by name), the secretary: the buttons 1–9
    assert names == ["Chair", "Nguyễn Văn An", "Trần Thị Bình", "Secretary"]
    assert [p["id"] for p in panel.attendees][0] == world.users["chair"]
    assert [a["title"] for a in panel.agenda] == [AGENDA_TITLE]
    vocab = panel.vocabulary()
    assert {"Nguyễn Văn An", "Giám đốc Sở Tài chính", "Phó Giám đốc Sở Tài chính", AGENDA_TITLE} <= set(vocab)
    assert panel.language == "vi"  # the meeting has no language of its own: Vietnamese
    assert panel.recording_path == sec.store.path.parent / "recordings" / f"{m['id']}.flac"
    assert recordings_dir(session) == panel.recording_path.parent
    assert panel.recorded_by == world.users["secretary"]
    # a recording started now is placed ten minutes into the meeting
    assert 590_000 <= panel._recording_offset_ms() <= 700_000
    # only the meeting's secretary writes its transcript
    chair = make_client("chair")
    chair.sync()
    assert not can_transcribe(Session(chair), m["id"]) and can_transcribe(session, m["id"])
    from ecabinet_client.asr.panel import open_transcript_panel as from_panel  # where the console imports it

    with pytest.raises(DomainError) as e:
        from_panel(Session(chair), m["id"])
    assert e.value.code == "forbidden"


@pytest.mark.slow
def test_secretary_transcribes_and_the_chair_sees_segments_and_opinion(make_client, world, open_panel, asr_model, qtbot):
    m = _ongoing(world)
    sec = make_client("secretary")
    sec.sync()
    chair = make_client("chair")
    session = Session(sec)
    panel = open_panel(session, m["id"], model_loader=lambda: asr_model, language="en")
    events = []
    original = panel.on_engine_event

    def spy(ev):
        if isinstance(ev, (Partial, Final)):
            # partial text is never queued: at each event the outbox holds only the finals so far
            events.append((type(ev).__name__, len(_queued(sec))))
        original(ev)

    panel.on_engine_event = spy
    panel.pick_speaker_number(2)  # Nguyễn Văn An holds the floor
    panel.agenda_box.setCurrentIndex(1)
    with qtbot.waitSignal(panel.capture_changed, check_params_cb=lambda s: s == "capturing", timeout=30_000):
        assert panel.start_capture(FileSource(AUDIO / "en06.flac", paced=True, speed=2.0))
    with qtbot.waitSignal(panel.capture_changed, check_params_cb=lambda s: s == "idle", timeout=90_000):
        pass
    finals = [e for e in events if e[0] == "Final"]
    assert len(finals) == 1 and all(n == 0 for kind, n in events if kind == "Partial")
    panel.on_engine_event(Partial("still-speaking", "and the", panel.rows[-1]["end_ms"] + 500, "and"))
    (live,) = _queued(sec)
    assert live["name"] == "put_transcript_segment" and "laptop" in live["args"]["text"].lower()
    assert live["args"]["speaker_id"] == world.users["delegate"] and live["args"]["agenda_item_id"] == m["agenda_item_id"]
    assert live["args"]["start_ms"] >= 590_000  # on the meeting's timeline
    assert panel.recording_path.exists()

    # an imported recording (the same pipeline, in the background with progress)
    with qtbot.waitSignal(panel.segment_saved, timeout=60_000):
        panel.import_file(AUDIO / "en04.flac")
    qtbot.waitUntil(lambda: panel._import_job is None, timeout=10_000)
    rows = [r for r in panel.rows if r["id"] != "still-speaking"]
    imported = next(r for r in rows if "conclusion" in r["text"].lower())
    spoken = next(r for r in rows if "laptop" in r["text"].lower())
    # the secretary corrects a text and gives the imported utterance to the chair (Alt+1)
    i = panel._row_index(spoken["id"])
    panel.table.item(i, COL_TEXT).setText("Delegates read and annotate documents offline on their laptops.")
    panel.select_rows([panel._row_index(imported["id"])])
    panel.assign_speaker_number(1)
    assert [q["name"] for q in _queued(sec)] == ["put_transcript_segment"] * 4
    # "Add to opinions" from the two utterances
    opinion = panel.add_opinion(
        sorted([panel._row_index(spoken["id"]), panel._row_index(imported["id"])]),
        speaker_id=world.users["delegate"], agenda_item_id=m["agenda_item_id"],
    )
    assert opinion is not None and sec.is_pending("opinions", opinion["id"])

    sec.sync()
    chair.sync()
    seen = {r["id"]: r for r in meeting_transcript(chair, m["id"])}
    assert set(seen) == {spoken["id"], imported["id"]}
    assert seen[spoken["id"]]["text"] == "Delegates read and annotate documents offline on their laptops."
    assert seen[spoken["id"]]["version"] == 2 and seen[imported["id"]]["version"] == 2
    assert seen[imported["id"]]["speaker_id"] == world.users["chair"]
    (op,) = meeting_opinions(chair, m["id"])
    assert op["id"] == opinion["id"] and op["speaker_id"] == world.users["delegate"]
    assert op["agenda_item_id"] == m["agenda_item_id"] and op["recorded_by"] == world.users["secretary"]
    assert set(op["segment_ids"]) == {spoken["id"], imported["id"]} and "laptop" in op["text"].lower()
    assert not sec.failed_mutations() and sec.store.pending_count() == 0

    # merge: the survivor holds both texts, the other segment is withdrawn (empty text) for everyone
    first, second = sorted([panel._row_index(spoken["id"]), panel._row_index(imported["id"])])
    kept, gone = panel.rows[first]["id"], panel.rows[second]["id"]
    panel.merge([first, second])
    sec.sync()
    chair.sync()
    (merged,) = meeting_transcript(chair, m["id"])
    assert merged["id"] == kept and "laptop" in merged["text"].lower() and "conclusion" in merged["text"].lower()
    assert chair.row("transcript_segments", gone)["text"] == ""
    assert len(world.rows("transcript_segments", meeting_id=m["id"])) == 2
    assert len(world.rows("opinions", meeting_id=m["id"])) == 1


@pytest.fixture(scope="module")
def english_finals(asr_model):
    """Two utterances of the eval set transcribed by the real model (once for the module)."""
    out = []
    for name in ("en01.flac", "en05.flac"):
        finals = transcribe_file(asr_model, AUDIO / name, language="en")
        assert finals
        shift = len(out) * 10_000  # the second one said ten seconds later
        out.append(Final(finals[0].utterance_id, " ".join(f.text for f in finals), finals[0].start_ms + shift,
                         finals[-1].end_ms + shift, None, "en"))
    return out


@pytest.mark.slow
def test_offline_transcript_is_queued_and_applied_exactly_once(own_service, make_client, open_panel, english_finals, qtbot):
    w = own_service.world
    m = _ongoing(w)
    sec = make_client("secretary", server=own_service.url, w=w)
    sec.sync()
    chair = make_client("chair", server=own_service.url, w=w)
    chair.sync()
    session = Session(sec)
    own_service.kill()

    panel = open_panel(session, m["id"], model_loader=lambda: pytest.fail("no model needed"), language="en")
    panel.add_finals(english_finals)
    a, b = (r["id"] for r in panel.rows)
    panel.assign_speaker([1], w.users["colleague"])
    panel.table.item(0, COL_TEXT).setText("Delegates confirm their attendance one day before the meeting.")
    opinion = panel.add_opinion([0, 1], text="Xác nhận tham dự trước một ngày; phê duyệt trước ba ngày.")
    with pytest.raises(OfflineError):
        sec.sync()
    # shown at once, marked as waiting
    assert sec.is_pending("transcript_segments", a) and sec.is_pending("opinions", opinion["id"])
    assert [q["name"] for q in _queued(sec)] == ["put_transcript_segment"] * 4 + ["add_opinion"]
    # the panel reopened offline shows what was written
    panel.shutdown()
    again = open_panel(session, m["id"], model_loader=lambda: pytest.fail("no model needed"), language="en")
    assert [(r["id"], r["text"], r["speaker_id"]) for r in again.rows] == [
        (a, "Delegates confirm their attendance one day before the meeting.", None),
        (b, english_finals[1].text, w.users["colleague"]),
    ]

    own_service.restart()
    # the answer to a push can be lost (crash, network): the same mutations are pushed again
    assert sec.engine.push() == 5
    assert sec.engine.push() == 5
    sec.sync()
    sec.sync()
    chair.sync()
    assert sec.store.pending_count() == 0 and not sec.failed_mutations()
    served = {r["id"]: r for r in w.rows("transcript_segments", meeting_id=m["id"])}
    assert served[a]["version"] == 2 and served[b]["version"] == 2  # a final and one correction each
    assert served[a]["text"] == "Delegates confirm their attendance one day before the meeting."
    assert served[b]["speaker_id"] == w.users["colleague"]
    assert [o["id"] for o in w.rows("opinions", meeting_id=m["id"])] == [opinion["id"]]
    (op,) = meeting_opinions(chair, m["id"])
    assert op["text"] == "Xác nhận tham dự trước một ngày; phê duyệt trước ba ngày." and op["segment_ids"] == [a, b]
    assert [r["id"] for r in meeting_transcript(chair, m["id"])] == [a, b]


def test_sink_writes_only_changes_and_reports_refusals(make_client, world, open_panel, qtbot):
    m = world.meeting(state="approved", invitees=("delegate",))  # not started: the service refuses a transcript
    sec = make_client("secretary")
    sec.sync()
    sink = SyncedSink(sec, m["id"])
    row = {"id": "a" * 32, "meeting_id": m["id"], "agenda_item_id": None, "speaker_id": None, "start_ms": 0,
           "end_ms": 1500, "text": "Xin chào", "language": "vi"}
    sink.put_segment(row)
    sink.put_segment(dict(row))  # unchanged: not queued again
    sink.put_segment({**row, "id": "b" * 32, "text": "  "})  # an empty utterance never written: nothing
    sink.delete_segment("c" * 32)  # never written: nothing
    assert len(_queued(sec)) == 1
    session = Session(sec)
    panel = open_panel(session, m["id"], model_loader=lambda: pytest.fail("no model needed"))
    assert [r["text"] for r in panel.rows] == ["Xin chào"]  # the optimistic row
    with qtbot.waitSignal(panel.error_reported, check_params_cb=lambda code, _t: code == "sync_refused", timeout=5000):
        sec.sync()
    assert "trạng thái" in panel.status.text() or "meeting is" in panel.status.text()
    # a refusal on the spot (bad input) is shown, not raised into Qt
    assert panel.add_opinion([0], text="   ") is None
    assert panel.status.text() and not _queued(sec, "add_opinion")


def test_model_folder_is_validated_and_remembered(qapp, qtbot, tmp_path, model_dir, monkeypatch):
    from ecabinet_client.asr import panel as panel_mod
    from ecabinet_client.asr.sink import MemorySink
    from ecabinet_client.ui import i18n

    path = tmp_path / "settings.json"
    settings = Settings()

    def make():
        p = panel_mod.TranscriptPanel(sink=MemorySink(), meeting_id="m1", recording_path=tmp_path / "r.flac",
                                      settings=settings, settings_path=path)
        qtbot.addWidget(p)
        return p

    panel = make()
    bad = tmp_path / "half-model"
    bad.mkdir()
    for name in ("model.bin", "config.json", "vocabulary.json"):
        (bad / name).write_text("{}")
    errors = []
    panel.error_reported.connect(lambda code, text: errors.append((code, text)))
    i18n.install("vi")
    qapp.processEvents()
    try:
        assert panel.choose_model_dir(bad) is False
        assert errors[-1][0] == "model_refused" and "tokenizer.json" in errors[-1][1] and "thiếu" in errors[-1][1]
        assert panel.choose_model_dir(tmp_path / "nowhere") is False and "không tồn tại" in errors[-1][1]
    finally:
        i18n.install("en")
    assert settings.asr_model_dir == "" and not path.exists()
    assert panel.choose_model_dir(model_dir) is True
    assert Settings.load(path).asr_model_dir == str(model_dir.resolve())
    assert panel.model_label.text() == f"Model: {model_dir.name}" and panel.default_model_button.isEnabled()
    # the panel's own loader loads the chosen folder (once per process: shared_model)
    loaded = []
    monkeypatch.setattr(panel_mod, "shared_model", lambda folder=None: loaded.append(folder) or "model")
    assert make()._model_loader() == "model" and loaded == [str(model_dir.resolve())]
    panel.use_default_model()
    assert Settings.load(path).asr_model_dir == "" and panel.model_label.text() == "Model: Whisper base (default)"
