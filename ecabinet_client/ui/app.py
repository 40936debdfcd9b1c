"""The client application: one controller that shows the sign-in screen, then the main window, and
applies the language, the tablet mode and the palette."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

import shiboken6

from ecabinet_client.sync.api import SyncError, TokenVault
from ecabinet_client.sync.client import Client

from . import crash, i18n, tasks
from .mainwindow import MainWindow, app_icon
from .session import Session
from .settings import Settings

if TYPE_CHECKING:
    from .signin import SignInPage

log = logging.getLogger(__name__)

TABLET_STYLE = """
QPushButton, QToolButton, QComboBox, QLineEdit, QDateEdit, QSpinBox { min-height: 40px; }
QListWidget::item { min-height: 44px; }
QTreeWidget::item { min-height: 40px; }
QCheckBox::indicator { width: 28px; height: 28px; }
"""


def use_time_zone(name: str) -> None:
    """Show times in ``name`` (an IANA zone): the process's local time becomes that zone. POSIX only; Windows
    tablets of the government are set to Vietnam's time already."""
    import time

    if name and hasattr(time, "tzset") and Path("/usr/share/zoneinfo", name).exists():
        os.environ["TZ"] = name
        time.tzset()


def make_application(argv: list[str] | None = None) -> QApplication:
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(argv or ["ecabinet"])
    app.setApplicationName("eCabinet")
    app.setOrganizationName("eCabinet")
    app.setWindowIcon(app_icon())
    tasks.collect_garbage_on_ui_thread(app)
    if "Fusion" in os.environ.get("ECABINET_STYLE", ""):
        app.setStyle("Fusion")
    return app


class ClientController(QObject):
    """Sign-in → main window → sign-out, in one top-level window.

    Signals:
        main_window_shown(object): the main window, once signed in.
        signed_out(): a sign-out finished (the service was told, the cache deleted if asked).
    """

    main_window_shown = Signal(object)
    signed_out = Signal()

    def __init__(self, *, settings: Settings, demo_accounts=None,
                 client_factory: Callable[[str, bool], Client] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.demo_accounts = demo_accounts or []
        self.client_factory = client_factory or self.make_client
        self.session: Session | None = None
        self.window: MainWindow | None = None
        self._signin_window: QMainWindow | None = None  # made when first needed: a resumed start never is
        self.apply_tablet(settings.tablet)

    @property
    def signin_window(self) -> QMainWindow:
        if self._signin_window is None:
            from .signin import SignInPage

            self._signin_window = QMainWindow()
            page = SignInPage(settings=self.settings, make_client=self.client_factory, demo_accounts=self.demo_accounts)
            page.signed_in.connect(self.on_signed_in)
            self._signin_window.setCentralWidget(page)
            self._signin_window.resize(760, 560)
            self._signin_window.setWindowTitle(self.tr("eCabinet — sign in"))
        return self._signin_window

    @property
    def signin(self) -> SignInPage:
        return self.signin_window.centralWidget()

    def make_client(self, server: str, remember_device: bool) -> Client:
        """The sync facade for ``server``: the store in the cache folder, tokens in the keyring when the user
        asked to remember this device."""
        return Client(server, base_dir=self.settings.cache_path(), language=i18n.current_language(),
                      vault=TokenVault(persist=remember_device), autostart=False)

    def resume(self) -> bool:
        """Open the last user's remembered session without a password (this device was remembered: the
        refresh token is in the OS keyring): the cached calendar at once, sync behind it. False when there is
        nothing to resume; a refresh the service refuses later ends the session with the reason."""
        settings = self.settings
        if not (settings.remember_device and settings.server and settings.last_login):
            return False
        client = self.client_factory(settings.server, True)
        try:
            client.resume(settings.last_login)
        except SyncError as exc:
            log.info("nothing to resume (%s): sign-in", exc.code)
            client.close()
            return False
        self.open_main_window(client, sync_after_paint=True)
        return True

    def apply_tablet(self, tablet: bool) -> None:
        app = QApplication.instance()
        app.setStyleSheet(TABLET_STYLE if tablet else "")

    def show(self) -> None:
        self.signin_window.show()

    @Slot(object)
    def on_signed_in(self, client: Client) -> None:
        self.open_main_window(client, sync_after_paint=False)

    def open_main_window(self, client: Client, *, sync_after_paint: bool) -> None:
        """The main window of ``client``'s user; sync starts at once (after a sign-in the store may be empty)
        or, when resuming, once the window has painted the cached calendar (a window started minimised is
        not painted: then after a second)."""
        self.session = Session(client)
        self.window = MainWindow(session=self.session, settings=self.settings)
        self.window.language_chosen.connect(self.set_language)
        self.window.sign_out_requested.connect(self.on_sign_out)
        self.session.signed_out.connect(self.on_session_ended)
        if sync_after_paint:
            self.window.first_painted.connect(self.session.start_sync)
            QTimer.singleShot(1000, self.window, self.session.start_sync)
        else:
            self.session.start_sync()
        if self._signin_window is not None:
            self._signin_window.hide()
        self.window.show()
        self.main_window_shown.emit(self.window)

    @Slot(str)
    def set_language(self, language: str) -> None:
        i18n.install(language)
        self.settings.language = language
        self.settings.save()
        if self.session is not None:
            self.session.client.set_language(language)

    @Slot(str)
    def on_session_ended(self, code: str) -> None:
        """The service ended the session (device revoked, session expired): back to sign-in, with why."""
        self.on_sign_out(False)
        self.signin.show_error(code)

    @Slot(bool)
    def on_sign_out(self, wipe: bool) -> None:
        """Back to sign-in at once; the session ends (revoking the device's token on the service, deleting
        the cache when asked) in the background once the window, which reads it, is gone."""
        window, session = self.window, self.session
        self.window = self.session = None
        self.signin_window.show()
        if session is None:
            return

        def finish() -> None:
            tasks.run_in_background(lambda: session.sign_out(wipe=wipe), self.on_signed_out,
                                    lambda exc: log.warning("sign-out failed: %s", exc))

        if window is not None:
            window.destroyed.connect(finish)
            window.close()
            window.deleteLater()
        else:
            finish()

    def on_signed_out(self, everything_deleted: bool) -> None:
        if not everything_deleted:
            self.signin.error.setText(self.tr(
                "Changes you made offline have not been sent yet, so they were kept on this device. "
                "Sign in again to send them."))
        self.signed_out.emit()

    def close(self) -> None:
        if self.window is not None and shiboken6.isValid(self.window):
            self.window.close()
            shiboken6.delete(self.window)  # now: it reads the session, which closes next
        self.window = None
        if self.session is not None:
            self.session.close()
            self.session = None
        if self._signin_window is not None:
            self._signin_window.close()


def run(*, server: str | None, language: str | None, tablet: bool, demo_login: tuple[str, str] | None = None,
        demo_accounts=None, argv: list[str] | None = None) -> int:
    """Start the client; ``demo_login`` signs in non-interactively."""
    from .settings import config_dir

    app = make_application(argv)
    crash.setup_logging(config_dir())
    crash.install_qt_message_handler()
    crash.install_excepthook()
    settings = Settings.load()
    if server:
        settings.server = server
    if language:
        settings.language = language
    settings.tablet = tablet or settings.tablet
    use_time_zone(settings.time_zone)
    i18n.install(settings.language)
    ctl = ClientController(settings=settings, demo_accounts=demo_accounts)
    if demo_login or not ctl.resume():
        ctl.show()
    if demo_login:
        ctl.signin.login.setText(demo_login[0])
        ctl.signin.password.setText(demo_login[1])
        ctl.signin.on_sign_in()
    # Ctrl+C in the terminal or a SIGTERM ends the event loop, so that everything closes in order (and the
    # demo stops its service); Qt does not return to Python for signals by itself, hence the idle timer
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    code = app.exec()
    ctl.close()
    return code
