"""Translations: Qt's own mechanism for every user-facing string.

Source strings are English, written with ``self.tr()`` / ``QCoreApplication.translate(context, text)``.
Vietnamese is the default language: ``resources/translations/<area>_vi.ts`` (one file per area:
``ui``, ``viewer``, ``asr``, …) compiled to ``.qm`` by ``pyside6-lrelease``
(``python -m ecabinet_client.ui.i18n --compile``). Switching language installs other translators and
sends ``LanguageChange`` to every widget, which re-translates itself in ``changeEvent`` (no restart).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ecabinet_client.resources import resource

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "vi"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
_installed: list[QTranslator] = []
_current = "en"


def translations_dir() -> Path:
    return resource("translations")


def current_language() -> str:
    return _current


def install(language: str = DEFAULT_LANGUAGE) -> None:
    """Install the translators of ``language`` (``vi`` or ``en``) into the running application."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install() needs a QCoreApplication")
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    _current = language
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English))
    if language == "en":
        return  # source strings are English
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_tr = QTranslator(app)
    if qt_tr.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_tr)
        _installed.append(qt_tr)
    for qm in sorted(translations_dir().glob(f"*_{language}.qm")):
        tr = QTranslator(app)
        if tr.load(str(qm)):
            app.installTranslator(tr)
            _installed.append(tr)
        else:
            log.warning("could not load translation %s", qm)


def compile_all() -> list[Path]:
    """Compile every ``.ts`` to ``.qm`` with pyside6-lrelease."""
    import subprocess

    out = []
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted(translations_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


if __name__ == "__main__":  # pragma: no cover
    if "--compile" in sys.argv:
        for path in compile_all():
            print(path)
