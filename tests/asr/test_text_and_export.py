from __future__ import annotations

from ecabinet_client.asr.engine import collapse_repetitions, normalise, remove_phantoms, remove_prompt_leak
from ecabinet_client.asr.export import Cue, cues_from_rows, to_srt, to_text, to_vtt


def test_normalise_is_nfc_lowercase_without_punctuation():
    nfd = "Đại bie\u0302\u0309u, xác nhận!"
    assert normalise(nfd) == "đại biểu xác nhận"


def test_repetition_loops_are_collapsed():
    assert collapse_repetitions("tổng tổng tổng tổng tổng hợp") == "tổng hợp"
    assert collapse_repetitions("xin cảm ơn xin cảm ơn xin cảm ơn xin cảm ơn.") .startswith("xin cảm ơn")
    assert len(collapse_repetitions("a b a b a b a b").split()) == 2
    # two repetitions are language, not a loop
    assert collapse_repetitions("rất rất tốt") == "rất rất tốt"


def test_phantom_phrases_are_removed():
    assert remove_phantoms("Hãy subscribe cho kênh Ghiền Mì Gõ để không bỏ lỡ những video hấp dẫn") == ""
    assert remove_phantoms("Thanks for watching!") == ""
    assert remove_phantoms("Cuộc họp bắt đầu. Cảm ơn các bạn đã theo dõi.").startswith("Cuộc họp bắt đầu")


def test_prompt_leak_is_removed():
    vocab = ["đại biểu", "thư ký", "chủ trì", "cuộc họp", "tài liệu"]
    assert remove_prompt_leak("Đại biểu, thư ký, chủ trì, cuộc họp, tài liệu.", vocab) == ""
    kept = "Thư ký gửi tài liệu cho đại biểu"
    assert remove_prompt_leak(kept, vocab) == kept


CUES = [Cue(1500, 4200, "Xin chào các đại biểu.", "Nguyễn Văn An"), Cue(3_723_004, 3_725_000, "Hết giờ.")]


def test_srt():
    assert to_srt(CUES) == (
        "1\n00:00:01,500 --> 00:00:04,200\nNguyễn Văn An: Xin chào các đại biểu.\n\n"
        "2\n01:02:03,004 --> 01:02:05,000\nHết giờ.\n"
    )


def test_vtt():
    assert to_vtt(CUES) == (
        "WEBVTT\n\n00:00:01.500 --> 00:00:04.200\n<v Nguyễn Văn An>Xin chào các đại biểu.\n\n"
        "01:02:03.004 --> 01:02:05.000\nHết giờ.\n"
    )


def test_text_and_rows():
    assert to_text(CUES) == "Nguyễn Văn An: Xin chào các đại biểu.\nHết giờ.\n"
    assert to_text(CUES, timestamps=True).splitlines()[1] == "[01:02:03] Hết giờ."
    rows = [
        {"start_ms": 2000, "end_ms": 3000, "text": "b", "speaker_id": None},
        {"start_ms": 0, "end_ms": 1000, "text": "a", "speaker_id": "u1"},
        {"start_ms": 5, "end_ms": 6, "text": "  ", "speaker_id": None},
    ]
    assert cues_from_rows(rows, {"u1": "An"}) == [Cue(0, 1000, "a", "An"), Cue(2000, 3000, "b", "")]
