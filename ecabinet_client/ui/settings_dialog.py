"""The settings dialog: language, reading font size, offline data (location, size, "free space") and sign
out. Its own module, imported when the dialog is first opened: nothing of it is needed for the first paint."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from . import i18n, labels
from .session import Session


class SettingsDialog(QDialog):
    """Language, reading font size, cache location and size with "free space", sign out (optionally wiping).

    Signals:
        language_chosen(str), font_size_chosen(int), sign_out_requested(bool): wipe or not.
    """

    language_chosen = Signal(str)
    font_size_chosen = Signal(int)
    sign_out_requested = Signal(bool)

    def __init__(self, *, session: Session, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.language.activated.connect(lambda i: self.language_chosen.emit(self.language.itemData(i)))
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 28)
        self.font_size.setValue(settings.reading_font_pt)
        self.font_size.valueChanged.connect(self.font_size_chosen)
        self.cache = QLabel()
        self.cache.setWordWrap(True)
        self.cache.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.free_button = QPushButton()
        self.free_button.clicked.connect(self.on_free_space)
        self.move_button = QPushButton()
        self.move_button.clicked.connect(self.on_choose_cache)
        self.wipe = QCheckBox()
        self.sign_out_button = QPushButton()
        self.sign_out_button.clicked.connect(lambda: self.sign_out_requested.emit(self.wipe.isChecked()))
        self.language_label, self.font_label, self.cache_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.language_label, self.language)
        form.addRow(self.font_label, self.font_size)
        form.addRow(self.cache_label, self.cache)
        row = QHBoxLayout()
        row.addWidget(self.free_button)
        row.addWidget(self.move_button)
        row.addStretch(1)
        form.addRow("", row)
        lay.addLayout(form)
        lay.addSpacing(12)
        out = QHBoxLayout()
        out.addWidget(self.wipe)
        out.addStretch(1)
        out.addWidget(self.sign_out_button)
        lay.addLayout(out)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.retranslate()
        self.resize(560, 300)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("Language"))
        self.font_label.setText(self.tr("Reading font size"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.cache_label.setText(self.tr("Offline data"))
        self.free_button.setText(self.tr("Free space"))
        self.free_button.setToolTip(self.tr("Delete downloaded documents. Changes waiting to sync are never deleted."))
        self.move_button.setText(self.tr("Change location…"))
        self.wipe.setText(self.tr("Also delete this device's cached data"))
        self.sign_out_button.setText(self.tr("Sign out"))
        self.update_cache()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def update_cache(self) -> None:
        s = self.session
        self.cache.setText(self.tr("%1\nUsed: %2 · free on disk: %3").replace("%1", str(s.cache_dir())).replace(
            "%2", labels.size(s.cache_size())).replace("%3", labels.size(s.disk_free())))

    @Slot()
    def on_free_space(self) -> None:
        freed = self.session.free_space()
        self.update_cache()
        QMessageBox.information(self, self.tr("Free space"), self.tr("%1 freed. Changes waiting to sync were kept.").replace(
            "%1", labels.size(freed)))

    @Slot()
    def on_choose_cache(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Location of offline data"), str(self.session.cache_dir()))
        if folder:
            self.settings.cache_dir = folder
            self.settings.save()
            QMessageBox.information(self, self.tr("Offline data"),
                                    self.tr("The new location is used from the next sign-in."))
