"""Vietnamese first: every string the user can see has a Vietnamese translation, and the .qm files the client
loads are exactly what their .ts files say (pyside6-lupdate and pyside6-lrelease, as a translator runs them)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
PACKAGE = ROOT / "ecabinet_client"
TOOLS = Path(sys.executable).parent

#: each .ts with the source files whose strings it holds
CATALOGUES = {
    "ui_vi.ts": ["ui/app.py", "ui/calendar.py", "ui/crash.py", "ui/labels.py", "ui/lists.py", "ui/mainwindow.py",
                 "ui/meeting.py", "ui/settings_dialog.py", "ui/signin.py"],
    "console_vi.ts": ["ui/banner.py", "ui/camera.py", "ui/checkin.py", "ui/console.py", "ui/live.py"],
    "viewer_vi.ts": ["viewer/widget.py", "viewer/window.py", "viewer/view.py"],
    "asr_vi.ts": ["asr/panel.py"],
}


def test_every_source_with_strings_belongs_to_a_catalogue():
    listed = {s for sources in CATALOGUES.values() for s in sources}
    with_strings = {
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
        if "self.tr(" in p.read_text(encoding="utf-8") or "QCoreApplication.translate(" in p.read_text(encoding="utf-8")
    }
    with_strings.discard("ui/i18n.py")  # its docstring names the functions
    assert with_strings <= listed, sorted(with_strings - listed)


@pytest.mark.parametrize("catalogue", sorted(CATALOGUES))
def test_every_string_is_translated_and_the_qm_is_built_from_the_ts(catalogue, tmp_path):
    ts = TRANSLATIONS / catalogue
    fresh = tmp_path / "fresh.ts"
    sources = [str(PACKAGE / s) for s in CATALOGUES[catalogue]]
    subprocess.run([str(TOOLS / "pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {m.findtext("source") for m in ET.parse(fresh).iter("message")}
    assert wanted, "lupdate found no strings"
    translated = {}
    for m in ET.parse(ts).iter("message"):
        tr = m.find("translation")
        assert tr.get("type") not in ("unfinished", "obsolete", "vanished"), m.findtext("source")
        translated[m.findtext("source")] = "".join(tr.itertext()).strip()
    missing = sorted(s for s in wanted if not translated.get(s))
    assert not missing, missing
    built = tmp_path / "built.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(built)], check=True)
    assert built.read_bytes() == ts.with_suffix(".qm").read_bytes(), f"rebuild {ts.with_suffix('.qm').name}"


def test_some_translations_read_as_meant():
    def catalogue(name: str) -> dict[str, str]:
        return {m.findtext("source"): "".join(m.find("translation").itertext()).strip()
                for m in ET.parse(TRANSLATIONS / name).iter("message")}

    viewer = catalogue("viewer_vi.ts")
    assert viewer["Waiting to sync"] == "Đang chờ đồng bộ"
    assert viewer["Reopen"] == "Mở lại"
    assert catalogue("ui_vi.ts")["Sign out"] == "Đăng xuất"
