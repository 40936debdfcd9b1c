"""Sign-in: server, username or official e-mail, password, "remember this device", demo accounts,
clear messages for each failure, the change-password dialog for an expired password, offline start."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from ecabinet_client.domain.errors import render

from . import i18n, tasks
from ecabinet_client.sync.api import OfflineError, SyncError

log = logging.getLogger(__name__)


class ChangePasswordDialog(QDialog):
    """The regulation asks for a monthly password change (004 Art.6.1)."""

    def __init__(self, *, client: Any, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.setWindowTitle(self.tr("Change password"))
        lay = QVBoxLayout(self)
        self.intro = QLabel(self.tr("Your password has expired: the regulation asks for a change every month. "
                                    "Choose a new password of at least 8 characters."))
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        form = QFormLayout()
        self.login = QLineEdit(login)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for w in (self.old, self.new, self.again):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Username"), self.login)
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.again)
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight);")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.new_password = ""

    @Slot()
    def on_accept(self) -> None:
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("The two new passwords differ. Type the same password twice."))
            return
        try:
            self.client.change_password(self.login.text().strip(), self.old.text(), self.new.text())
        except SyncError as exc:
            self.error.setText(exc.message or render(exc.code, exc.params, i18n.current_language()))
            return
        self.new_password = self.new.text()
        self.accept()


class SignInPage(QWidget):
    """The sign-in screen.

    Signals:
        signed_in(object): the sync ``Client``, signed in (online) or opened from the cache (offline).
    """

    signed_in = Signal(object)

    def __init__(self, *, settings, make_client, demo_accounts: list[tuple[str, str, str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.make_client = make_client  # (server, remember_device) -> sync Client
        self.demo_accounts = demo_accounts or []
        self.client = None
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setFixedWidth(460)
        lay = QVBoxLayout(box)
        self.heading = QLabel()
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.8)
        f.setBold(True)
        self.heading.setFont(f)
        lay.addWidget(self.heading)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        lay.addWidget(self.subtitle)
        form = QFormLayout()
        self.server = QLineEdit(settings.server)
        self.login = QLineEdit(settings.last_login)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox()
        self.remember.setChecked(settings.remember_device)
        self.server_label, self.login_label, self.password_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.server_label, self.server)
        form.addRow(self.login_label, self.login)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.remember)
        lay.addLayout(form)
        self.demo = QComboBox()
        self.demo_label = QLabel()
        if self.demo_accounts:
            row = QHBoxLayout()
            row.addWidget(self.demo_label)
            row.addWidget(self.demo, 1)
            lay.addLayout(row)
            self.demo.activated.connect(self.on_demo_chosen)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("signInError")
        self.error.setStyleSheet("#signInError { color: #c62828; font-weight: 600; }")
        lay.addWidget(self.error)
        self.offline_button = QPushButton()
        self.offline_button.setVisible(False)
        self.offline_button.clicked.connect(self.on_open_offline)
        lay.addWidget(self.offline_button)
        self.button = QPushButton()
        self.button.setDefault(True)
        self.button.clicked.connect(self.on_sign_in)
        self.password.returnPressed.connect(self.on_sign_in)
        self.login.returnPressed.connect(self.password.setFocus)
        lay.addWidget(self.button)
        h = QHBoxLayout()
        h.addStretch(1)
        h.addWidget(box)
        h.addStretch(1)
        outer.addLayout(h)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("eCabinet"))
        self.subtitle.setText(self.tr("Paperless meeting room. Sign in with your account or official e-mail."))
        self.server_label.setText(self.tr("Server"))
        self.login_label.setText(self.tr("Username or e-mail"))
        self.password_label.setText(self.tr("Password"))
        self.remember.setText(self.tr("Remember this device"))
        self.button.setText(self.tr("Sign in"))
        self.offline_button.setText(self.tr("Open my saved data offline"))
        self.demo_label.setText(self.tr("Try a demo account:"))
        self.demo.clear()
        self.demo.addItem(self.tr("Choose a role…"), None)
        for role, login, password in self.demo_accounts:
            self.demo.addItem(f"{QApplicationTr.role(role)} — {login}", (login, password))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot(int)
    def on_demo_chosen(self, index: int) -> None:
        data = self.demo.itemData(index)
        if data:
            self.login.setText(data[0])
            self.password.setText(data[1])
            self.on_sign_in()

    @Slot()
    def on_sign_in(self) -> None:
        server, login, password = self.server.text().strip(), self.login.text().strip(), self.password.text()
        if not login or not password:
            self.error.setText(self.tr("Type your username (or e-mail) and your password."))
            return
        self.error.setText(self.tr("Signing in…"))
        self.button.setEnabled(False)
        self.offline_button.setVisible(False)
        if self.client is not None:
            self.client.close()
        remember = self.remember.isChecked()
        self.client = client = self.make_client(server, remember)
        tasks.run_in_background(lambda: client.sign_in(login, password),
                                lambda _user: self._on_done(client, server, login, remember),
                                self._on_error)

    def _on_done(self, client, server: str, login: str, remember: bool) -> None:
        self.button.setEnabled(True)
        self.error.setText("")
        self.settings.server, self.settings.last_login, self.settings.remember_device = server, login, remember
        self.settings.save()
        self.password.clear()
        self.client = None
        self.signed_in.emit(client)

    def _on_error(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        if not isinstance(exc, SyncError):
            log.error("sign-in failed", exc_info=(type(exc), exc, exc.__traceback__))
            self.error.setText(self.tr("Sign-in failed unexpectedly. Try again; if it keeps failing, contact your administrator."))
            return
        self.error.setText(self.message_for(exc))
        if isinstance(exc, OfflineError) and self.client is not None and self.client.has_offline_data():
            self.offline_button.setVisible(True)
        if exc.code == "password_expired":
            dlg = ChangePasswordDialog(client=self.client, login=self.login.text().strip(), parent=self)
            self.password_dialog = dlg
            dlg.accepted.connect(lambda: (self.password.setText(dlg.new_password), self.on_sign_in()))
            dlg.open()

    def message_for(self, exc: SyncError) -> str:
        if isinstance(exc, OfflineError) or exc.code == "unreachable":
            return self.tr("Cannot reach the server. Check the address and your network connection, then try again.")
        if exc.code == "bad_credentials":
            return self.tr("Wrong username or password. Check them and try again.")
        if exc.code == "not_authenticated":
            return self.tr("Your session has ended. Sign in again.")
        if exc.code == "device_revoked":
            return self.tr("This device's access has been revoked. Contact your administrator.")
        if exc.code == "password_expired":
            return self.tr("Your password has expired. Choose a new one to continue.")
        return exc.message or render(exc.code, exc.params, i18n.current_language())

    def show_error(self, code: str) -> None:
        self.error.setText(self.message_for(SyncError(code)))

    @Slot()
    def on_open_offline(self) -> None:
        client = self.client
        try:
            client.open_offline()
        except SyncError as exc:
            self.error.setText(self.message_for(exc))
            return
        self.client = None
        self.signed_in.emit(client)


class QApplicationTr:
    """Role names, translated in one context so every screen says the same."""

    @staticmethod
    def role(role: str) -> str:
        from PySide6.QtCore import QCoreApplication

        names = {
            "delegate": QCoreApplication.translate("Roles", "Delegate"),
            "secretary": QCoreApplication.translate("Roles", "Secretary"),
            "chair": QCoreApplication.translate("Roles", "Chair"),
            "approver": QCoreApplication.translate("Roles", "Approver"),
            "registrar": QCoreApplication.translate("Roles", "Registrar"),
            "unit_representative": QCoreApplication.translate("Roles", "Unit representative"),
            "assistant": QCoreApplication.translate("Roles", "Assistant"),
            "admin": QCoreApplication.translate("Roles", "Administrator"),
        }
        return names.get(role, role)
