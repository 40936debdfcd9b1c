from __future__ import annotations

from pathlib import Path

import pytest

from ecabinet_client.viewer.annotations import SqliteAnnotationStore
from tests.viewer.corpus import make_corpus

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "pdfs"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    c = make_corpus(tmp_path_factory.mktemp("pdfs"))
    for p in sorted(SAMPLES.glob("*.pdf")):  # the few real-world files kept in the repository
        c[f"sample:{p.stem}"] = p
    return c


@pytest.fixture
def store(tmp_path):
    s = SqliteAnnotationStore(str(tmp_path / "annotations.sqlite"))
    yield s
    s.close()
