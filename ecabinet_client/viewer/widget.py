"""The document viewer widget: reading, searching, annotating, commenting, printing and exporting.

Standalone: ``ViewerWidget(store=SqliteAnnotationStore(), reader=Reader("u1", "Nguyễn Văn A"))`` then
``open(path)``. The lead's client gives it the adapter of the synced store instead.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Protocol

from PySide6.QtCore import QEvent, QLocale, QPointF, QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QBrush, QColor, QIcon, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecabinet_client.domain.errors import DomainError
from ecabinet_client.ui import tasks
from ecabinet_client.viewer import export as export_mod
from ecabinet_client.viewer.annotations import (
    TEXT_KINDS,
    AddAnnotation,
    Annotation,
    AnnotationStore,
    ChangeAnnotation,
    CommandStack,
    DeleteAnnotation,
    MoveAnnotation,
    ResolveComment,
    hits,
    translated,
)
from ecabinet_client.viewer.document import PdfDocument, SearchHit, ViewerError
from ecabinet_client.viewer.render import PageRenderer, render_image
from ecabinet_client.viewer.view import MAX_ZOOM, MIN_ZOOM, PageView

log = logging.getLogger(__name__)

TOUCH_TARGET = 40  # px, the smallest size of anything a finger must hit
COLORS = ("#ffd400", "#d32f2f", "#1565c0", "#2e7d32", "#000000")
MAX_COMMENT_CHARS = 20_000  # a comment's or reply's text, after trimming (domain/mutations.py: AddComment.body)
PENDING_ROLE = Qt.ItemDataRole.UserRole + 1  # True on a panel item whose change waits to sync


@dataclass(frozen=True)
class Reader:
    """Người đọc: who is reading (for annotations' author and the watermark)."""

    id: str
    name: str
    unit: str = ""


@dataclass(frozen=True)
class ViewerPolicy:
    """What the organisation allows for this document."""

    allow_copy: bool = True
    allow_print: bool = True
    allow_export: bool = True
    watermark: bool = True


class DocumentState(Protocol):
    """Remembers per-document view state (last page, zoom)."""

    def load(self, document_sha256: str) -> dict: ...

    def save(self, document_sha256: str, state: dict) -> None: ...


class QSettingsState:
    """:class:`DocumentState` in QSettings (the platform's config folder)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings("eCabinet", "viewer")

    def load(self, document_sha256: str) -> dict:
        value = self._settings.value(f"documents/{document_sha256}")
        return dict(value) if isinstance(value, dict) else {}

    def save(self, document_sha256: str, state: dict) -> None:
        self._settings.setValue(f"documents/{document_sha256}", state)


class MemoryState:
    """:class:`DocumentState` in a dict (tests, kiosks)."""

    def __init__(self) -> None:
        self.states: dict[str, dict] = {}

    def load(self, document_sha256: str) -> dict:
        return dict(self.states.get(document_sha256, {}))

    def save(self, document_sha256: str, state: dict) -> None:
        self.states[document_sha256] = dict(state)


def _swatch(color: str) -> QIcon:
    pm = QPixmap(24, 24)
    pm.fill(QColor(color))
    return QIcon(pm)


class ViewerWidget(QWidget):
    """Trình xem tài liệu họp: the meeting-document viewer.

    Signals:
        document_opened(str): SHA-256 of the document just opened.
        open_failed(object): the :class:`ViewerError` of a file that could not be opened.
        page_changed(int): current page (0-based).
        zoom_changed(float): 1.0 = 100 %.
        annotations_changed(): the list of annotations shown changed.
        search_finished(int): number of hits.
        exported(str): path of a finished export.
        export_failed(str): message of a failed export.
    """

    document_opened = Signal(str)
    open_failed = Signal(object)
    page_changed = Signal(int)
    zoom_changed = Signal(float)
    annotations_changed = Signal()
    search_finished = Signal(int)
    exported = Signal(str)
    export_failed = Signal(str)
    _store_changed = Signal(str)  # from any thread; queued to the UI thread

    def __init__(
        self,
        *,
        store: AnnotationStore,
        reader: Reader,
        policy: ViewerPolicy = ViewerPolicy(),
        state: DocumentState | None = None,
        names: Callable[[str], str] | None = None,
        ask_password: Callable[[str, bool], str | None] | None = None,
        ask_text: Callable[[str, str], str | None] | None = None,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.reader = reader
        self.policy = policy
        self.state = state if state is not None else QSettingsState()
        self._names = names
        self._ask_password = ask_password or self._dialog_password
        self._ask_text = ask_text or self._dialog_text
        self.language = language
        self.document: PdfDocument | None = None
        self.renderer: PageRenderer | None = None
        self.meeting_id: str | None = None
        self.document_id: str | None = None
        self.agenda_item_id: str | None = None
        self.annotations: list[Annotation] = []
        self.hits: list[SearchHit] = []
        self.undo_stack = CommandStack(store, on_change=self._update_undo_actions)
        self._stop_observing = store.observe(self._on_store_changed)
        self._search_job: tasks.Job | None = None
        self._thumb_renderer: PageRenderer | None = None
        self._store_dirty = False
        self._panels_pending = False  # thumbnails and outline wait until the first pages are on screen

        self.view = PageView(self)
        self.view.page_changed.connect(self._on_page_changed)
        self.view.zoom_changed.connect(self._on_zoom_changed)
        self.view.annotation_drawn.connect(self._on_annotation_drawn)
        self.view.erase_requested.connect(self._on_erase)
        self.view.note_requested.connect(self._on_note_requested)
        self.view.annotation_clicked.connect(self._on_annotation_clicked)
        self.view.annotation_moved.connect(self._on_annotation_moved)
        self.view.move_policy = self.move_refusal
        self.view.painted.connect(self._on_view_painted)

        self._build_actions()
        self._build_ui()
        self.retranslate()
        self._update_enabled()
        self._save_timer = QTimer(self, singleShot=True, interval=500)
        self._save_timer.timeout.connect(self._save_state)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.reload_annotations)
        self._store_changed.connect(lambda _sha: self._refresh_timer.start())

    # -- names -----------------------------------------------------------------------------------
    def name_of(self, user_id: str) -> str:
        if user_id == self.reader.id:
            return self.reader.name
        return self._names(user_id) if self._names else user_id

    # -- building --------------------------------------------------------------------------------
    def _action(self, slot, *, checkable: bool = False, shortcut=None) -> QAction:
        a = QAction(self)
        a.setCheckable(checkable)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        v = self.view
        self.act_prev = self._action(lambda: v.previous_page())
        self.act_next = self._action(lambda: v.next_page())
        self.act_zoom_in = self._action(lambda: v.set_zoom(v.zoom * 1.25), shortcut=QKeySequence.StandardKey.ZoomIn)
        self.act_zoom_out = self._action(lambda: v.set_zoom(v.zoom / 1.25), shortcut=QKeySequence.StandardKey.ZoomOut)
        self.act_fit_width = self._action(lambda: v.set_zoom(0, fit="width"))
        self.act_fit_page = self._action(lambda: v.set_zoom(0, fit="page"))
        self.act_rotate = self._action(lambda: v.set_rotation(v.rotation + 90), shortcut=QKeySequence("Ctrl+R"))
        self.act_single = self._action(lambda on: v.set_continuous(not on), checkable=True)
        self.act_night = self._action(self.set_night_mode, checkable=True)
        self.act_search = self._action(self.focus_search, shortcut=QKeySequence.StandardKey.Find)
        self.act_find_next = self._action(self.next_hit, shortcut=QKeySequence(Qt.Key.Key_F3))
        self.act_find_prev = self._action(self.previous_hit, shortcut=QKeySequence("Shift+F3"))
        self.act_copy = self._action(self.copy_selection, shortcut=QKeySequence.StandardKey.Copy)
        self.act_undo = self._action(self.undo, shortcut=QKeySequence.StandardKey.Undo)
        self.act_redo = self._action(self.redo, shortcut=QKeySequence.StandardKey.Redo)
        self.act_print = self._action(self.print_dialog, shortcut=QKeySequence.StandardKey.Print)
        self.act_export = self._action(self.export_dialog)
        self.act_summary = self._action(self.summary_dialog)
        self.act_pen_mode = self._action(lambda on: setattr(v, "pen_mode", on), checkable=True)
        self.act_share = self._action(lambda _on: None, checkable=True)
        self.tool_group = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
        for tool in ("browse", "highlight", "underline", "strike", "ink", "rect", "arrow", "note", "eraser"):
            a = self._action(lambda _on=False, t=tool: self.set_tool(t), checkable=True)
            self.tool_group.addAction(a)
            self.tool_actions[tool] = a
        self.tool_actions["browse"].setChecked(True)

    def _build_ui(self) -> None:
        bar = QToolBar(self)
        bar.setIconSize(QSize(24, 24))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar = bar
        for a in (self.act_prev, self.act_next):
            bar.addAction(a)
        self.page_box = QSpinBox(self)
        self.page_box.setMinimum(1)
        self.page_box.setMinimumHeight(TOUCH_TARGET)
        self.page_box.editingFinished.connect(lambda: self.go_to_page(self.page_box.value() - 1))
        bar.addWidget(self.page_box)
        self.page_count_label = QLabel(self)
        bar.addWidget(self.page_count_label)
        bar.addSeparator()
        for a in (self.act_zoom_out, self.act_zoom_in):
            bar.addAction(a)
        self.zoom_box = QComboBox(self)
        self.zoom_box.setEditable(True)
        self.zoom_box.setMinimumHeight(TOUCH_TARGET)
        for z in (50, 75, 100, 125, 150, 200, 300, 400):
            self.zoom_box.addItem(f"{z} %", z / 100)
        self.zoom_box.activated.connect(lambda i: self.view.set_zoom(self.zoom_box.itemData(i)))
        self.zoom_box.lineEdit().editingFinished.connect(self._on_zoom_typed)
        bar.addWidget(self.zoom_box)
        for a in (self.act_fit_width, self.act_fit_page, self.act_rotate, self.act_single, self.act_night):
            bar.addAction(a)
        bar.addSeparator()
        for a in (self.act_print, self.act_export, self.act_summary):
            bar.addAction(a)

        tools = QToolBar(self)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tools_bar = tools
        for a in self.tool_actions.values():
            tools.addAction(a)
        tools.addSeparator()
        self.color_box = QComboBox(self)
        self.color_box.setMinimumHeight(TOUCH_TARGET)
        self.color_box.addItem("", None)
        for c in COLORS:
            self.color_box.addItem(_swatch(c), "", c)
        self.color_box.currentIndexChanged.connect(lambda _i: setattr(self.view, "color", self.color_box.currentData()))
        tools.addWidget(self.color_box)
        self.width_box = QSpinBox(self)
        self.width_box.setRange(1, 12)
        self.width_box.setValue(2)
        self.width_box.setMinimumHeight(TOUCH_TARGET)
        self.width_box.valueChanged.connect(lambda w: setattr(self.view, "pen_width", float(w)))
        tools.addWidget(self.width_box)
        for a in (self.act_pen_mode, self.act_share, self.act_undo, self.act_redo):
            tools.addAction(a)
        for b in (bar, tools):
            for child in b.findChildren(QWidget):
                child.setMinimumHeight(max(child.minimumHeight(), TOUCH_TARGET))
                child.setMinimumWidth(max(child.minimumWidth(), TOUCH_TARGET))

        # left: thumbnails and outline
        self.left_tabs = QTabWidget(self)
        self.thumbs = QListWidget(self)
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setFlow(QListWidget.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(QSize(96, 128))
        self.thumbs.setUniformItemSizes(True)
        self.thumbs.setMovement(QListWidget.Movement.Static)
        self.thumbs.currentRowChanged.connect(lambda r: r >= 0 and r != self.view.current_page and self.go_to_page(r))
        self.thumbs.verticalScrollBar().valueChanged.connect(lambda _v: self._request_thumbs())
        self.outline = QTreeWidget(self)
        self.outline.setHeaderHidden(True)
        self.outline.itemActivated.connect(self._on_outline_item)
        self.outline.itemClicked.connect(self._on_outline_item)
        self.left_tabs.addTab(self.thumbs, "")
        self.left_tabs.addTab(self.outline, "")

        # right: search and comments
        self.right_tabs = QTabWidget(self)
        search = QWidget(self)
        sl = QVBoxLayout(search)
        self.search_edit = QLineEdit(self)
        self.search_edit.setMinimumHeight(TOUCH_TARGET)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(lambda: self.search(self.search_edit.text()))
        self.search_status = QLabel(self)
        self.search_results = QListWidget(self)
        self.search_results.setWordWrap(True)
        self.search_results.currentRowChanged.connect(self._on_hit_row)
        sl.addWidget(self.search_edit)
        sl.addWidget(self.search_status)
        sl.addWidget(self.search_results)
        comments = QWidget(self)
        cl = QVBoxLayout(comments)
        self.comment_filter = QComboBox(self)
        self.comment_filter.setMinimumHeight(TOUCH_TARGET)
        for key in ("all", "mine", "others", "unresolved"):
            self.comment_filter.addItem("", key)
        self.comment_filter.currentIndexChanged.connect(lambda _i: self._fill_comments())
        self.comment_tree = QTreeWidget(self)
        self.comment_tree.setHeaderHidden(True)
        self.comment_tree.setWordWrap(True)
        self.comment_tree.itemClicked.connect(self._on_comment_item)
        self.comment_tree.itemActivated.connect(self._on_comment_item)
        self.comment_tree.currentItemChanged.connect(lambda *_: self._update_comment_buttons())
        self.reply_edit = QLineEdit(self)
        self.reply_edit.setMinimumHeight(TOUCH_TARGET)
        self.reply_edit.returnPressed.connect(self.reply_to_selected)
        row = QHBoxLayout()
        self.btn_reply = QPushButton(self)
        self.btn_resolve = QPushButton(self)
        self.btn_share = QPushButton(self)
        self.btn_delete = QPushButton(self)
        for b, slot in (
            (self.btn_reply, self.reply_to_selected),
            (self.btn_resolve, self.resolve_selected),
            (self.btn_share, self.share_selected),
            (self.btn_delete, self.delete_selected),
        ):
            b.setMinimumHeight(TOUCH_TARGET)
            b.clicked.connect(slot)
            row.addWidget(b)
        cl.addWidget(self.comment_filter)
        cl.addWidget(self.comment_tree)
        cl.addWidget(self.reply_edit)
        cl.addLayout(row)
        self.right_tabs.addTab(search, "")
        self.right_tabs.addTab(comments, "")

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { background: #fff3e0; color: #5d4037; padding: 8px; }")
        self.message.hide()

        split = QSplitter(self)
        split.addWidget(self.left_tabs)
        split.addWidget(self.view)
        split.addWidget(self.right_tabs)
        split.setStretchFactor(1, 1)
        split.setSizes([150, 700, 260])
        self.splitter = split
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(bar)
        lay.addWidget(tools)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)

    def retranslate(self) -> None:
        """Set every visible text again (at start and on LanguageChange)."""
        texts = {
            self.act_prev: self.tr("Previous page"),
            self.act_next: self.tr("Next page"),
            self.act_zoom_in: self.tr("Zoom in"),
            self.act_zoom_out: self.tr("Zoom out"),
            self.act_fit_width: self.tr("Fit width"),
            self.act_fit_page: self.tr("Fit page"),
            self.act_rotate: self.tr("Rotate"),
            self.act_single: self.tr("Single page"),
            self.act_night: self.tr("Night mode"),
            self.act_search: self.tr("Find"),
            self.act_find_next: self.tr("Find next"),
            self.act_find_prev: self.tr("Find previous"),
            self.act_copy: self.tr("Copy"),
            self.act_undo: self.tr("Undo"),
            self.act_redo: self.tr("Redo"),
            self.act_print: self.tr("Print"),
            self.act_export: self.tr("Export annotated copy"),
            self.act_summary: self.tr("Export summary"),
            self.act_pen_mode: self.tr("Draw with finger"),
            self.act_share: self.tr("Share as comment"),
        }
        tool_texts = {
            "browse": self.tr("Select text"),
            "highlight": self.tr("Highlight"),
            "underline": self.tr("Underline"),
            "strike": self.tr("Strike through"),
            "ink": self.tr("Pen"),
            "rect": self.tr("Rectangle"),
            "arrow": self.tr("Arrow"),
            "note": self.tr("Note"),
            "eraser": self.tr("Eraser"),
        }
        for a, t in texts.items():
            a.setText(t)
            a.setToolTip(t)
        for tool, a in self.tool_actions.items():
            a.setText(tool_texts[tool])
            a.setToolTip(tool_texts[tool])
        self.left_tabs.setTabText(0, self.tr("Pages"))
        self.left_tabs.setTabText(1, self.tr("Outline"))
        self.right_tabs.setTabText(0, self.tr("Search"))
        self.right_tabs.setTabText(1, self.tr("Comments"))
        self.search_edit.setPlaceholderText(self.tr("Find in document (accents optional)"))
        self.reply_edit.setPlaceholderText(self.tr("Write a reply…"))
        self.btn_reply.setText(self.tr("Reply"))
        self.btn_share.setText(self.tr("Share"))
        self.btn_delete.setText(self.tr("Delete"))
        self.color_box.setItemText(0, self.tr("Colour"))
        self.width_box.setToolTip(self.tr("Line width"))
        self.width_box.setSuffix(self.tr(" pt"))
        for i, label in enumerate((self.tr("All"), self.tr("Mine"), self.tr("Others'"), self.tr("Unresolved"))):
            self.comment_filter.setItemText(i, label)
        self.view.placeholder_text = self.tr("Rendering…")
        self.view.move_hint = self.tr("Drag to move it. When it is selected, the arrow keys move it by 1 pt, with Shift by 10 pt.")
        if self.document is not None:
            self.page_count_label.setText(self.tr("of %n page(s)", "", self.document.page_count))
        self._update_search_status()
        self._fill_comments()  # also the Resolve / Reopen button

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- opening ---------------------------------------------------------------------------------
    def open(
        self,
        path: str | Path,
        password: str | None = None,
        *,
        meeting_id: str | None = None,
        document_id: str | None = None,
        agenda_item_id: str | None = None,
    ) -> bool:
        """Open ``path``; ask for a password when needed. False (and ``open_failed``) on failure."""
        retry = False
        while True:
            try:
                doc = PdfDocument.open(path, password)
                break
            except ViewerError as exc:
                if exc.code in ("password_required", "wrong_password"):
                    password = self._ask_password(Path(path).name, exc.code == "wrong_password" or retry)
                    retry = True
                    if password:
                        continue
                self._show_error(exc)
                self.open_failed.emit(exc)
                return False
        self.meeting_id, self.document_id, self.agenda_item_id = meeting_id, document_id, agenda_item_id
        self._set_document(doc)
        return True

    def _set_document(self, doc: PdfDocument) -> None:
        self.close_document()
        self.document = doc
        self.renderer = PageRenderer(doc, language=self.language, parent=self)
        self._thumb_renderer = PageRenderer(doc, cache_bytes=12 * 1024 * 1024, max_in_flight=1, language=self.language, parent=self)
        self._thumb_renderer.rendered.connect(self._on_thumb_rendered)
        self.renderer.rendered.connect(self._on_page_rendered)
        self.renderer.failed.connect(self._on_page_rendered)
        self.view.can_select_text = self.copy_allowed
        self.view.watermark_text = self.watermark().text() if self.policy.watermark else None
        state = self.state.load(doc.sha256)
        self.view.rotation = int(state.get("rotation", 0))
        fit = state.get("fit", "width")
        self.view.fit_mode = fit or None
        if not fit:
            self.view.zoom = float(state.get("zoom", 1.0))
        self.view.set_document(doc, self.renderer)
        self.page_box.setMaximum(doc.page_count)
        self.page_count_label.setText(self.tr("of %n page(s)", "", doc.page_count))
        self._panels_pending = True
        self.undo_stack.clear()
        self.reload_annotations()
        if doc.repaired:
            self._show_message(
                self.tr("This file was damaged and has been repaired; some pages may be missing or incomplete.")
            )
        else:
            self.message.hide()
        self.go_to_page(int(state.get("page", 0)))
        # ask for the pages in view now, before the thumbnails (which wait until the renderer is idle)
        self.view._request_visible()  # noqa: SLF001 - same package
        self._update_enabled()
        self.document_opened.emit(doc.sha256)

    def close_document(self) -> None:
        if self.document is None:
            return
        self._save_state()
        if self._search_job is not None:
            self._search_job.cancel()
        for r in (self.renderer, self._thumb_renderer):
            if r is not None:
                r.close()
                r.deleteLater()
        self.view.set_document(None, None)
        self._panels_pending = False
        self.thumbs.clear()
        self.outline.clear()
        self.document = None
        self.renderer = self._thumb_renderer = None
        self.annotations = []
        self.hits = []

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.close_document()
        self._stop_observing()
        super().closeEvent(event)

    def _show_error(self, exc: ViewerError) -> None:
        self._show_message(exc.message(self.language))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _dialog_password(self, name: str, retry: bool) -> str | None:
        label = self.tr("Wrong password. Enter the password of “%1”:") if retry else self.tr("Enter the password of “%1”:")
        text, ok = QInputDialog.getText(self, self.tr("Password"), label.replace("%1", name), QLineEdit.EchoMode.Password)
        return text if ok else None

    def _dialog_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self, title, label)
        return text if ok else None

    # -- state -----------------------------------------------------------------------------------
    def _save_state(self) -> None:
        if self.document is None:
            return
        v = self.view
        self.state.save(
            self.document.sha256,
            {"page": v.current_page, "zoom": round(v.zoom, 3), "fit": v.fit_mode or "", "rotation": v.rotation},
        )

    @Slot(int)
    def _on_page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.thumbs.blockSignals(True)
        self.thumbs.setCurrentRow(page)
        self.thumbs.blockSignals(False)
        self._save_timer.start()
        self._update_enabled()
        self.page_changed.emit(page)

    @Slot(float)
    def _on_zoom_changed(self, zoom: float) -> None:
        self.zoom_box.setEditText(f"{round(zoom * 100)} %")
        self.act_zoom_in.setEnabled(zoom < MAX_ZOOM - 1e-6)
        self.act_zoom_out.setEnabled(zoom > MIN_ZOOM + 1e-6)
        self._save_timer.start()
        self.zoom_changed.emit(zoom)

    def _on_zoom_typed(self) -> None:
        text = self.zoom_box.currentText().replace("%", "").strip()
        try:
            self.view.set_zoom(float(text) / 100)
        except ValueError:
            self._on_zoom_changed(self.view.zoom)

    # -- navigation API --------------------------------------------------------------------------
    @property
    def current_page(self) -> int:
        return self.view.current_page

    def go_to_page(self, page: int, y: float = 0.0) -> None:
        self.view.go_to_page(page, y)

    def set_zoom(self, zoom: float) -> None:
        self.view.set_zoom(zoom)

    def set_night_mode(self, on: bool) -> None:
        self.view.night = bool(on)
        self.act_night.setChecked(bool(on))
        self.view.relayout()

    def set_tool(self, tool: str) -> None:
        self.view.tool = tool
        self.tool_actions[tool].setChecked(True)
        if tool != "browse":
            self.view.selection = None
        self.view.viewport().setCursor(Qt.CursorShape.ArrowCursor if tool == "browse" else Qt.CursorShape.CrossCursor)

    def _update_enabled(self) -> None:
        has = self.document is not None
        for a in (self.act_prev, self.act_next, self.act_zoom_in, self.act_zoom_out, self.act_rotate):
            a.setEnabled(has)
        if has:
            self.act_prev.setEnabled(self.view.current_page > 0)
            self.act_next.setEnabled(self.view.current_page < self.document.page_count - 1)
        self.act_print.setEnabled(has and self.print_allowed)
        self.act_export.setEnabled(has and self.policy.allow_export)
        self.act_summary.setEnabled(has and self.policy.allow_export)
        self.act_copy.setEnabled(has and self.copy_allowed)
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        self.act_undo.setEnabled(self.undo_stack.can_undo())
        self.act_redo.setEnabled(self.undo_stack.can_redo())

    # -- thumbnails and outline ------------------------------------------------------------------
    THUMB_SCALE = 0.16

    def _on_view_painted(self) -> None:
        if self._panels_pending and self.view.complete:
            QTimer.singleShot(0, self._fill_panels)  # once this paint is on screen

    def _on_page_rendered(self, *_args: object) -> None:
        if self.renderer is None or self.renderer.busy:
            return  # the pages in view come first
        self._fill_panels()  # if nothing was painted (a hidden viewer)
        self._request_thumbs()

    def _fill_panels(self) -> None:
        """The thumbnail list and the outline: after the first pages are painted, not before (300
        thumbnail items and a long outline would delay the first page)."""
        if not self._panels_pending or self.document is None:
            return
        self._panels_pending = False
        self._fill_thumbs()
        self._fill_outline()

    def _fill_thumbs(self) -> None:
        self.thumbs.clear()
        assert self.document is not None
        blank = QPixmap(self.thumbs.iconSize())
        blank.fill(QColor("#eeeeee"))
        icon = QIcon(blank)
        for i in range(self.document.page_count):
            item = QListWidgetItem(icon, str(i + 1))
            item.setSizeHint(QSize(120, 150))
            self.thumbs.addItem(item)
        self.thumbs.blockSignals(True)
        self.thumbs.setCurrentRow(self.view.current_page)
        self.thumbs.blockSignals(False)
        QTimer.singleShot(0, self._request_thumbs)

    def _request_thumbs(self) -> None:
        if self._thumb_renderer is None or self.document is None or not self.thumbs.isVisible():
            return
        if self.renderer is not None and self.renderer.busy:
            return  # the pages in view come first; asked again when the renderer is idle
        first = self.thumbs.indexAt(self.thumbs.viewport().rect().topLeft() + QPointF(5, 5).toPoint()).row()
        first = max(0, first)
        keys = [self._thumb_renderer.key(i, self.THUMB_SCALE) for i in range(first, min(first + 8, self.document.page_count))]
        self._thumb_renderer.want(keys)

    @Slot(int)
    def _on_thumb_rendered(self, page: int) -> None:
        if self._thumb_renderer is None:
            return
        img = self._thumb_renderer.image(self._thumb_renderer.key(page, self.THUMB_SCALE))
        item = self.thumbs.item(page)
        if img is not None and item is not None:
            item.setIcon(QIcon(QPixmap.fromImage(img)))

    def _fill_outline(self) -> None:
        self.outline.clear()
        assert self.document is not None
        stack: list[QTreeWidgetItem] = []
        for entry in self.document.outline():
            item = QTreeWidgetItem([entry.title])
            item.setData(0, Qt.ItemDataRole.UserRole, (entry.page, entry.y))
            while len(stack) >= entry.level:
                stack.pop()
            (stack[-1].addChild(item) if stack else self.outline.addTopLevelItem(item))
            stack.append(item)
        self.outline.expandToDepth(0)
        self.left_tabs.setTabEnabled(1, self.outline.topLevelItemCount() > 0)

    def _on_outline_item(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        page, y = item.data(0, Qt.ItemDataRole.UserRole)
        if page >= 0:
            self.go_to_page(page, y)

    # -- search ----------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.right_tabs.setCurrentIndex(0)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def search(self, query: str) -> None:
        """Find ``query`` in the background; ``search_finished`` tells the number of hits."""
        if self._search_job is not None:
            self._search_job.cancel()
        self.hits = []
        self.view.hits, self.view.current_hit = [], -1
        self.search_results.clear()
        if self.document is None or not query.strip():
            self._update_search_status()
            self.view.viewport().update()
            return
        doc = self.document.clone()

        def work(job: tasks.Job) -> list[SearchHit]:
            try:
                return list(doc.search(query, cancelled=lambda: job.cancelled, progress=lambda d, t: job.progress(d, t)))
            finally:
                doc.close()

        job = tasks.Job(work)
        job.finished.connect(lambda hits, job=job: self._on_search_done(job, hits))
        job.failed.connect(lambda exc: log.warning("search failed: %s", exc))
        self._search_job = job
        self.search_status.setText(self.tr("Searching…"))
        tasks.start(job, "general")

    def _on_search_done(self, job: tasks.Job, hits: list[SearchHit]) -> None:
        if job is not self._search_job or job.cancelled:
            return
        self.hits = hits
        self.view.hits = hits
        self.search_results.blockSignals(True)
        for h in hits:
            item = QListWidgetItem(self.tr("p. %1: %2").replace("%1", str(h.page + 1)).replace("%2", h.context))
            item.setSizeHint(QSize(200, TOUCH_TARGET + 8))
            self.search_results.addItem(item)
        self.search_results.blockSignals(False)
        self._update_search_status()
        if hits:
            self.show_hit(0)
        self.view.viewport().update()
        self.search_finished.emit(len(hits))

    def _update_search_status(self) -> None:
        if not self.search_edit.text().strip():
            self.search_status.setText("")
        else:
            self.search_status.setText(self.tr("%n result(s)", "", len(self.hits)))

    def show_hit(self, n: int) -> None:
        if not self.hits:
            return
        n %= len(self.hits)
        self.view.current_hit = n
        hit = self.hits[n]
        self.go_to_page(hit.page, max(0.0, hit.rects[0][1] - 60))
        self.search_results.blockSignals(True)
        self.search_results.setCurrentRow(n)
        self.search_results.blockSignals(False)
        self.view.viewport().update()

    def _on_hit_row(self, row: int) -> None:
        if row >= 0:
            self.show_hit(row)

    def next_hit(self) -> None:
        if not self.hits and self.search_edit.text().strip():
            self.search(self.search_edit.text())
            return
        self.show_hit(self.view.current_hit + 1)

    def previous_hit(self) -> None:
        self.show_hit(self.view.current_hit - 1)

    # -- selection and copy ----------------------------------------------------------------------
    @property
    def copy_allowed(self) -> bool:
        return bool(self.document and self.document.can_copy and self.policy.allow_copy)

    @property
    def print_allowed(self) -> bool:
        return bool(self.document and self.document.can_print and self.policy.allow_print)

    def selected_text(self) -> str:
        sel = self.view.selection
        if sel is None or self.document is None:
            return ""
        return self.document.selection_text(*sel)

    def copy_selection(self) -> bool:
        if not self.copy_allowed:
            self._show_message(self.tr("Copying text from this document is not allowed."))
            return False
        text = self.selected_text()
        if text:
            QApplication.clipboard().setText(text)
        return bool(text)

    # -- annotations -----------------------------------------------------------------------------
    def _on_store_changed(self, sha: str) -> None:
        # may come from another thread (sync): reload on the UI thread
        if self.document is not None and sha == self.document.sha256:
            self._store_changed.emit(sha)

    def reload_annotations(self) -> None:
        if self.document is None:
            self.annotations = []
        else:
            self.annotations = self.store.list_for_document(self.document.sha256, self.reader.id)
        self.view.annotations = self.annotations
        self.view.viewport().update()
        self._fill_comments()
        self.annotations_changed.emit()

    def _new(self, kind: str, page: int, data: dict, body: str = "") -> Annotation:
        assert self.document is not None
        return Annotation.create(
            document_sha256=self.document.sha256,
            page=page,
            kind=kind,
            data=data,
            author_id=self.reader.id,
            shared=self.act_share.isChecked(),
            body=body,
            meeting_id=self.meeting_id,
            document_id=self.document_id,
            agenda_item_id=self.agenda_item_id,
        )

    def _store_call(self, fn: Callable[..., object], *args: object) -> bool:
        """Run a change of the store. A refusal (bad input, or a change the synced store cannot express)
        is shown in the message bar, never raised into Qt."""
        try:
            fn(*args)
            return True
        except DomainError as exc:
            log.info("annotation change refused: %s %s", exc.code, exc.params)
            self._show_message(exc.message(self.language))
            return False

    def undo(self) -> None:
        self._store_call(self.undo_stack.undo)
        self.reload_annotations()

    def redo(self) -> None:
        self._store_call(self.undo_stack.redo)
        self.reload_annotations()

    def add_annotation(self, annotation: Annotation) -> None:
        self._store_call(self.undo_stack.push, AddAnnotation(annotation))
        self.reload_annotations()

    def _comment_text(self, default: str = "") -> str:
        """The text of a comment about to be shared (a comment needs words); ``default`` if none is given."""
        text = self._ask_text(self.tr("Comment"), self.tr("Text of the comment:"))
        return (text or "").strip() or default.strip()

    def _text_refusal(self, text: str, *, reply: bool = False) -> str | None:
        """Why ``text`` cannot be a comment's (or a reply's) text, or None: the service takes 1 to
        20 000 characters after trimming, and refusing here says so in words, offline too."""
        n = len(text.strip())
        if n == 0:
            if reply:
                return self.tr("A reply needs text: write 1 to 20,000 characters.")
            return self.tr("A comment needs text: write 1 to 20,000 characters.")
        if n > MAX_COMMENT_CHARS:
            return self.tr("The text is too long: at most 20,000 characters, this one has %1.").replace(
                "%1", QLocale().toString(n)
            )
        return None

    @Slot(str, int, object)
    def _on_annotation_drawn(self, kind: str, page: int, data: dict) -> None:
        a = self._new(kind, page, data)
        if a.shared:
            body = self._comment_text(str(data.get("note") or data.get("text") or ""))
            refusal = self._text_refusal(body)
            if refusal is None:
                a = replace(a, body=body)
            else:
                a = replace(a, shared=False)
                if body:
                    kept = self.tr("The mark was kept as a private note.")
                    self._show_message(f"{refusal} {kept}")
                else:
                    self._show_message(self.tr("A comment needs text, so the mark was kept as a private note."))
        self.add_annotation(a)

    @Slot(int, object)
    def _on_note_requested(self, page: int, point: tuple[float, float]) -> None:
        text = self._ask_text(self.tr("Note"), self.tr("Text of the note:"))
        if text is None:
            return  # cancelled
        shared = self.act_share.isChecked()
        refusal = self._text_refusal(text) if shared else None
        if refusal is None and not text.strip():
            refusal = self.tr("A note needs text, so nothing was added.")
        if refusal is not None:
            self._show_message(refusal)
            return
        data = {"point": [point[0], point[1]]}
        if not shared:
            data["text"] = text.strip()
        self.add_annotation(self._new("note", page, data, body=text.strip() if shared else ""))

    @Slot(int, object)
    def _on_erase(self, page: int, point: tuple[float, float]) -> None:
        x, y = point
        for a in reversed(self.annotations):
            if a.page != page or a.author_id != self.reader.id:
                continue
            if hits(a, x, y, 4.0):  # the same test as taking a mark to move it
                if a.shared and a.replies:
                    continue  # others have answered: withdraw it from the panel instead
                self._store_call(self.undo_stack.push, DeleteAnnotation(a))
                self.reload_annotations()
                return

    def move_refusal(self, a: Annotation) -> str | None:
        """None if the reader may move ``a`` on the page (their private note, or their own open comment; not a
        highlight, underline or strike-through: those mark their text), else why not, in words."""
        if a.kind in TEXT_KINDS:  # and a finger on one scrolls, a press on one selects its text, as before
            return self.tr("A highlight stays on its text: delete it and mark the new text.")
        if a.author_id != self.reader.id:
            return self.tr("Only its author can move this comment.")
        if a.shared and a.state != "open":
            return self.tr("A resolved comment cannot be moved. Reopen it first.")
        if a.shared and not getattr(self.store, "can_move_comments", True):
            return self.tr("Comments cannot be moved here.")
        return None

    @Slot(object)
    def _on_annotation_clicked(self, annotation_id: str | None) -> None:
        """A mark clicked on the page is the one the comments panel acts on (no jump: it is in view)."""
        item = self._find_item(annotation_id) if annotation_id else None
        if item is not None:
            self.comment_tree.setCurrentItem(item)
        elif self.comment_tree.currentItem() is not None:
            self.comment_tree.setCurrentItem(None)

    @Slot(str, float, float, bool)
    def _on_annotation_moved(self, annotation_id: str, dx: float, dy: float, nudge: bool) -> None:
        """Store a mark dragged (or nudged) on its page, undoably; a series of nudges is one undo step."""
        a = self._annotation(annotation_id)
        if a is None or self.move_refusal(a) is not None:
            return
        self._store_call(self.undo_stack.push, MoveAnnotation(a, translated(a, dx, dy), nudge=nudge))
        self.reload_annotations()

    # -- comments panel --------------------------------------------------------------------------
    def _visible_in_panel(self, a: Annotation) -> bool:
        f = self.comment_filter.currentData()
        if f == "mine":
            return a.author_id == self.reader.id
        if f == "others":
            return a.author_id != self.reader.id
        if f == "unresolved":
            return a.shared and not a.resolved
        return True

    def _pending_ids(self) -> set[str]:
        """Ids of annotations, comments and replies whose change waits to sync (stores that sync say so)."""
        pending = getattr(self.store, "pending_ids", None)
        return set(pending()) if pending is not None else set()

    def _mark_pending(self, item: QTreeWidgetItem) -> None:
        item.setData(0, PENDING_ROLE, True)
        item.setForeground(0, QBrush(QColor("#6d4c41")))
        font = item.font(0)
        font.setItalic(True)
        item.setFont(0, font)
        item.setToolTip(0, self.tr("Saved on this device; sent to the server as soon as it can be."))

    def _fill_comments(self) -> None:
        if not hasattr(self, "comment_tree"):
            return
        selected = self.selected_annotation_id()
        self.comment_tree.clear()
        pages: dict[int, QTreeWidgetItem] = {}
        labels = export_mod.KIND_LABELS.get(self.language, export_mod.KIND_LABELS["en"])
        pending = self._pending_ids() if self.annotations else set()
        waiting = self.tr("Waiting to sync")
        for a in sorted(self.annotations, key=lambda a: (a.page, a.bounds()[1])):
            if not self._visible_in_panel(a):
                continue
            if a.page not in pages:
                top = QTreeWidgetItem([self.tr("Page %1").replace("%1", str(a.page + 1))])
                top.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.comment_tree.addTopLevelItem(top)
                pages[a.page] = top
            kind = self.tr("Comment") if a.shared else self.tr("Private note")
            state = self.tr(" (resolved)") if a.resolved else ""
            mark = f" · {waiting}" if a.id in pending else ""
            text = a.text or a.data.get("text", "")
            item = QTreeWidgetItem(
                [f"{kind} · {labels[a.kind]} · {self.name_of(a.author_id)}{state}{mark}\n{text}".rstrip()]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, a.id)
            item.setSizeHint(0, QSize(200, TOUCH_TARGET + 4))
            if mark:
                self._mark_pending(item)
            pages[a.page].addChild(item)
            for r in a.replies:
                reply_mark = f" · {waiting}" if r.id in pending else ""
                child = QTreeWidgetItem([f"↳ {self.name_of(r.author_id)}{reply_mark}: {r.body}"])
                child.setData(0, Qt.ItemDataRole.UserRole, a.id)
                if reply_mark:
                    self._mark_pending(child)
                item.addChild(child)
            if a.id == selected:
                self.comment_tree.setCurrentItem(item)
        self.comment_tree.expandAll()
        self._update_comment_buttons()

    def _annotation(self, annotation_id: str | None) -> Annotation | None:
        """The shown annotation of that id, if any."""
        return next((x for x in self.annotations if x.id == annotation_id), None) if annotation_id else None

    def _selected_annotation(self) -> Annotation | None:
        return self._annotation(self.selected_annotation_id())

    def _update_comment_buttons(self) -> None:
        a = self._selected_annotation()
        self.btn_resolve.setText(self.tr("Reopen") if a is not None and a.resolved else self.tr("Resolve"))

    def selected_annotation_id(self) -> str | None:
        item = self.comment_tree.currentItem() if hasattr(self, "comment_tree") else None
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def select_annotation(self, annotation_id: str) -> None:
        """Select it in the panel, and jump to it."""
        for a in self.annotations:
            if a.id == annotation_id:
                self.view.selected_annotation = a.id
                self.go_to_page(a.page, max(0.0, a.bounds()[1] - 40))
                break
        it = self._find_item(annotation_id)
        if it is not None:
            self.comment_tree.setCurrentItem(it)
        self.view.viewport().update()

    def _find_item(self, annotation_id: str) -> QTreeWidgetItem | None:
        for i in range(self.comment_tree.topLevelItemCount()):
            top = self.comment_tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, Qt.ItemDataRole.UserRole) == annotation_id:
                    return top.child(j)
        return None

    def _on_comment_item(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        aid = item.data(0, Qt.ItemDataRole.UserRole)
        if aid:
            self.select_annotation(aid)

    def reply_to_selected(self) -> None:
        body = self.reply_edit.text().strip()
        a = self._selected_annotation()
        if a is None:
            if body:
                self._show_message(self.tr("Select the comment to reply to."))
            return
        refusal = self._text_refusal(body, reply=True)
        if refusal is not None:
            self._show_message(refusal)
            return
        if not a.shared:
            self._show_message(self.tr("Share the note as a comment before replying to it."))
            return
        if self._store_call(lambda: self.store.reply(a.id, author_id=self.reader.id, body=body)):
            self.reply_edit.clear()
        self.reload_annotations()

    def resolve_selected(self) -> None:
        """Resolve the selected comment, or reopen it when it is resolved (undo does the opposite)."""
        a = self._selected_annotation()
        if a is not None and a.shared:
            if a.resolved and not getattr(self.store, "can_reopen", True):
                self._show_message(self.tr("A resolved comment cannot be reopened. Reply to it instead."))
                return
            self._store_call(self.undo_stack.push, ResolveComment(a.id, not a.resolved))
            self.reload_annotations()

    def share_selected(self) -> None:
        a = self._selected_annotation()
        if a is None or a.shared or a.author_id != self.reader.id:
            return
        body = a.data.get("text", "") if a.kind == "note" else a.data.get("note", "")
        body = body or a.data.get("text", "") or self._comment_text()
        if not body.strip():
            self._show_message(self.tr("A comment needs text: write what you want to say about this mark."))
            return
        refusal = self._text_refusal(body)
        if refusal is not None:
            self._show_message(refusal)
            return
        self._store_call(self.undo_stack.push, ChangeAnnotation(a, replace(a, shared=True, body=body)))
        self.reload_annotations()

    def delete_selected(self) -> None:
        a = self._selected_annotation()
        if a is not None and a.author_id == self.reader.id:
            self._store_call(self.undo_stack.push, DeleteAnnotation(a))
            self.reload_annotations()

    # -- watermark, export, print ----------------------------------------------------------------
    def watermark(self) -> export_mod.Watermark:
        return export_mod.Watermark(name=self.reader.name, unit=self.reader.unit)

    def export_annotated_copy(self, path: str | Path) -> tasks.Job | None:
        """Write an annotated copy in the background; ``exported(path)`` when done."""
        if self.document is None:
            return None
        if not self.policy.allow_export:
            self.export_failed.emit(self.tr("Exporting this document is not allowed."))
            return None
        data, anns = self.document.data, list(self.annotations)
        wm = self.watermark() if self.policy.watermark else None
        names = {a.author_id: self.name_of(a.author_id) for a in anns}
        names.update({r.author_id: self.name_of(r.author_id) for a in anns for r in a.replies})
        pw = self.document._password  # noqa: SLF001 - same module family
        return tasks.run_in_background(
            lambda: str(export_mod.export_annotated(data, anns, path, names=lambda u: names.get(u, u), watermark=wm, password=pw)),
            self.exported.emit,
            lambda exc: self.export_failed.emit(str(exc)),
        )

    def export_summary(self, path: str | Path) -> tasks.Job | None:
        if self.document is None:
            return None
        if not self.policy.allow_export:
            self.export_failed.emit(self.tr("Exporting this document is not allowed."))
            return None
        anns, name = list(self.annotations), self.document.name
        names = {a.author_id: self.name_of(a.author_id) for a in anns}
        names.update({r.author_id: self.name_of(r.author_id) for a in anns for r in a.replies})
        wm = self.watermark() if self.policy.watermark else None
        lang = self.language
        return tasks.run_in_background(
            lambda: str(export_mod.export_summary(name, anns, path, names=lambda u: names.get(u, u), language=lang, watermark=wm)),
            self.exported.emit,
            lambda exc: self.export_failed.emit(str(exc)),
        )

    def _save_path(self, suffix: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        assert self.document is not None
        base = Path(self.document.name).stem + suffix
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), base, self.tr("PDF documents (*.pdf)"))
        return path or None

    def export_dialog(self) -> None:
        if self.document is not None and (path := self._save_path(self.tr("-annotated") + ".pdf")):
            self.export_annotated_copy(path)

    def summary_dialog(self) -> None:
        if self.document is not None and (path := self._save_path(self.tr("-notes") + ".pdf")):
            self.export_summary(path)

    def print_dialog(self) -> None:
        if not self.print_allowed:
            QMessageBox.information(self, self.tr("Print"), self.tr("Printing this document is not allowed."))
            return
        try:
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        except ImportError:  # pragma: no cover - PySide6-Essentials ships QtPrintSupport
            QMessageBox.information(
                self, self.tr("Print"), self.tr("Printing is not available here; export an annotated copy instead.")
            )
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self)
        if dlg.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer, *, dpi: int = 200) -> int:
        """Print every page (annotations and watermark included) on ``printer``; the number printed."""
        if self.document is None or not self.print_allowed:
            return 0
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "print.pdf"
            wm = self.watermark() if self.policy.watermark else None
            export_mod.export_annotated(
                self.document.data, self.annotations, out, names=self.name_of, watermark=wm, password=self.document._password  # noqa: SLF001
            )
            copy = PdfDocument.open(out)
            painter = QPainter()
            if not painter.begin(printer):
                return 0
            try:
                for i in range(copy.page_count):
                    if i:
                        printer.newPage()
                    img = render_image(copy, i, dpi / 72)
                    target = painter.viewport()
                    size = img.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                    painter.setViewport(target.x(), target.y(), size.width(), size.height())
                    painter.setWindow(img.rect())
                    painter.drawImage(0, 0, img)
                    painter.setViewport(target)
                    painter.setWindow(target)
            finally:
                painter.end()
                count = copy.page_count
                copy.close()
        return count

    def grab_page_image(self, page: int) -> QImage | None:
        """The cached image of ``page`` at the current scale (tests, previews)."""
        if self.renderer is None or self.document is None:
            return None
        s = self.document.fit_scale(page, self.view.device_scale())
        img = self.renderer.image(self.renderer.key(page, s, self.view.rotation, self.view.night))
        return None if img is None else QImage(img)  # a copy of the handle: the cache may reuse its own

