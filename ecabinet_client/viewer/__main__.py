"""``python -m ecabinet_client.viewer FILE.pdf [--user ID] [--name NAME] [--unit UNIT] [--lang vi|en]``:
the viewer on its own, with annotations in a local SQLite file next to the user's config."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ecabinet_client.viewer")
    parser.add_argument("file", type=Path)
    parser.add_argument("--user", default="local")
    parser.add_argument("--name", default="")
    parser.add_argument("--unit", default="")
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    parser.add_argument("--store", type=Path, default=None, help="SQLite file for annotations")
    parser.add_argument("--no-watermark", action="store_true")
    args = parser.parse_args(argv)

    from platformdirs import user_data_dir
    from PySide6.QtWidgets import QApplication

    from ecabinet_client.ui import i18n
    from ecabinet_client.viewer.annotations import SqliteAnnotationStore
    from ecabinet_client.viewer.widget import Reader, ViewerPolicy, ViewerWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install(args.lang)
    store_path = args.store or Path(user_data_dir("eCabinet", appauthor=False)) / "viewer-annotations.sqlite"
    store_path.parent.mkdir(parents=True, exist_ok=True)
    store = SqliteAnnotationStore(str(store_path))
    viewer = ViewerWidget(
        store=store,
        reader=Reader(args.user, args.name or args.user, args.unit),
        policy=ViewerPolicy(watermark=not args.no_watermark),
        language=args.lang,
    )
    viewer.resize(1280, 860)
    viewer.setWindowTitle(args.file.name)
    viewer.show()
    viewer.open(args.file)
    code = app.exec()
    viewer.close_document()
    store.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
