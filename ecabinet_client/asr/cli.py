"""``ecabinet-transcribe AUDIO [--language vi|en] [--model DIR] [--srt OUT] [--vtt OUT]``

Prints the final transcript to standard output, one utterance per line. Exits with 2 and a clear
message (Vietnamese, then English) on standard error for bad input: a missing file, a file that is not
audio, a bad model folder. Uses the same pipeline as the secretary's panel (VAD-cut utterances,
hallucination guards) and never touches the network.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ecabinet_client.asr.errors import AsrError

EXIT_BAD_INPUT = 2
EXIT_CANCELLED = 130


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ecabinet-transcribe",
        description="Chuyển tệp ghi âm thành văn bản (cục bộ, không cần mạng) / Transcribe an audio file locally.",
    )
    p.add_argument("audio", metavar="AUDIO", help="tệp âm thanh / audio file (WAV, FLAC, MP3, M4A, OGG…)")
    p.add_argument("--language", choices=["vi", "en"], default="vi", help="ngôn ngữ / language (mặc định vi)")
    p.add_argument("--model", metavar="DIR", help="thư mục mô hình CTranslate2 Whisper / model folder")
    p.add_argument("--srt", metavar="OUT", help="ghi thêm phụ đề SRT / also write SRT subtitles")
    p.add_argument("--vtt", metavar="OUT", help="ghi thêm phụ đề WebVTT / also write WebVTT subtitles")
    p.add_argument("--hotwords", metavar="TERMS", help="từ cần ưu tiên, cách nhau bằng dấu phẩy / comma-separated terms")
    p.add_argument("--threads", type=int, help="số luồng CPU / CPU threads")
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from ecabinet_client.asr.audio import FileSource
    from ecabinet_client.asr.engine import AsrModel, transcribe_file
    from ecabinet_client.asr.export import Cue, to_srt, to_vtt
    from ecabinet_client.asr.models import resolve_model_dir

    try:
        FileSource(args.audio)  # check the input before loading the model
        model_dir = resolve_model_dir(args.model)
        model = AsrModel(model_dir, cpu_threads=args.threads)
    except AsrError as exc:
        print(f"ecabinet-transcribe: {exc.vi}\necabinet-transcribe: {exc.en}", file=sys.stderr)
        return EXIT_BAD_INPUT
    vocabulary = [t for t in (args.hotwords or "").split(",") if t.strip()]
    try:
        finals = transcribe_file(model, args.audio, language=args.language, vocabulary=vocabulary)
    except AsrError as exc:
        print(f"ecabinet-transcribe: {exc.vi}\necabinet-transcribe: {exc.en}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_CANCELLED
    finally:
        model.close()
    out = sys.stdout
    for f in finals:
        out.write(f.text + "\n")
    out.flush()
    cues = [Cue(f.start_ms, f.end_ms, f.text) for f in finals]
    for target, render in ((args.srt, to_srt), (args.vtt, to_vtt)):
        if target:
            try:
                Path(target).write_text(render(cues), encoding="utf-8")
            except OSError as exc:
                print(f"ecabinet-transcribe: không ghi được {target}: {exc} / cannot write {target}: {exc}", file=sys.stderr)
                return EXIT_BAD_INPUT
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
