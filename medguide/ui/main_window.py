"""The main window: search pane on the left, drug view on the right, toolbar and menus.

It only wires the parts together; each part lives in its own module. It is given its store (an
open ``Collection``, as the ``Store`` protocol) by ``medguide.app`` and never builds one. Its
actions and menus come from the one table in ``medguide.ui.actions``; what it shows is refreshed
from the store's change notices (``ChangeBus``), never by hand after an operation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolBar,
    QWidget,
)

from medguide.content.formats import file_dialog_filter
from medguide.core.changes import Changes
from medguide.core.model import Audience, ImportReport
from medguide.core.views import DrugPage
from medguide.ui.actions import ActionId, build_menus, create_actions
from medguide.ui.audience_switch import AudienceSwitch
from medguide.ui.change_bus import ChangeBus
from medguide.ui.drug_view import DrugView
from medguide.ui.first_run_dialog import FirstRunDialog
from medguide.ui.history import History
from medguide.ui.import_dialogs import ImportProgressDialog, ImportSummaryDialog
from medguide.ui.import_runner import ImportRunner
from medguide.ui.ports import CancelCallback, ProgressCallback, Store
from medguide.ui.search_controller import SearchController, StoreSearcher
from medguide.ui.search_panel import SearchPanel
from medguide.ui.section_html import TabHtmlBuilder, TabKey
from medguide.ui.settings import Settings
from medguide.ui.tasks import BackgroundTask, failure_message


class MainWindow(QMainWindow):
    """The MedGuide window. ``print_requested(page, audience)`` is for the handout dialog."""

    print_requested = Signal(object, object)  # DrugPage, Audience
    drug_opened = Signal(str)
    import_finished = Signal(object)  # ImportReport

    def __init__(
        self,
        store: Store,
        settings: Settings,
        builder: TabHtmlBuilder | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.history = History()
        self.imports = ImportRunner(self)
        self.changes = ChangeBus(store, self)
        self._warm_task: BackgroundTask | None = None
        self.progress_dialog: ImportProgressDialog | None = None
        self._deferred_writes: list[Callable[[], object]] = []
        self._base_point_size = QApplication.font().pointSizeF()
        self.setWindowTitle("MedGuide")
        self.setAccessibleName("MedGuide")
        self.setMinimumSize(760, 480)  # below this the drug header and tab row crowd

        self.search_controller = SearchController(StoreSearcher(store), parent=self)
        self.search_panel = SearchPanel(store.repository, self.search_controller, self)
        self._builder = builder or TabHtmlBuilder()
        self.drug_view = DrugView(self._builder, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.search_panel)
        self.splitter.addWidget(self.drug_view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.audience_switch = AudienceSwitch(settings.audience, self)
        self.app_actions = create_actions(self)
        self._connect_actions()
        self._build_toolbar()
        build_menus(self, self.app_actions)
        self._build_status_bar()
        self._enable_imports()

        self.search_panel.open_requested.connect(self.open_drug)
        self.audience_switch.audience_changed.connect(self.set_audience)
        self.drug_view.header.favourite_toggled.connect(self._toggle_favourite)
        self.drug_view.header.print_requested.connect(self._request_print)
        self.drug_view.link_ignored.connect(self._link_ignored)
        self.drug_view.search_requested.connect(self.search_panel.set_query)
        self.search_controller.answered.connect(self._show_search_time)
        self.imports.finished.connect(self._import_done)
        self.imports.failed.connect(self._import_failed)
        self.imports.progress.connect(self._status_progress)
        self.changes.changed.connect(self._apply_changes)
        self.drug_view.set_audience(settings.audience)
        self._apply_zoom(settings.zoom)
        self._restore_geometry()
        self._update_nav()

    # ------------------------------------------------------------------ start-up

    def start(self, ask_persona: bool = True) -> None:
        """After ``show()``: load the built-in library into an empty database, ask who we
        are on the first start, and put the cursor in the search field."""
        if self.store.library_needs_loading():
            self.import_library()
        self.search_controller.warm_up()
        self._warm_renderer()
        if ask_persona and self.settings.persona is None:
            self.ask_persona()
        self.search_panel.focus_search()

    def _warm_renderer(self) -> None:
        builder = self._builder

        def work(_progress: ProgressCallback, _cancelled: CancelCallback) -> None:
            builder.warm_up()

        self._warm_task = BackgroundTask(work)
        self._warm_task.start()

    def ask_persona(self) -> None:
        """Show "Which best describes you?" and apply the answer."""
        dialog = FirstRunDialog(self)
        dialog.exec()
        persona = dialog.persona
        self.settings.persona = persona
        self.set_audience(persona.audience)

    def import_library(self) -> None:
        """Import the built-in library in the background, with progress in the status bar."""
        store = self.store

        def load(
            _paths: Sequence[Path],
            progress: ProgressCallback | None,
            cancel: CancelCallback | None,
        ) -> ImportReport:
            return store.load_library(progress, cancel)

        if self.imports.start(load, [], quiet=True) is None:
            return
        self._import_started()
        self._progress.setRange(0, 0)
        self._progress.show()
        self._progress_label.setText("Loading the built-in library…")
        self._progress_label.show()
        self.search_panel.set_loading(True)

    # ------------------------------------------------------------------ actions

    def open_drug(self, slug: str, record: bool = True, tab: TabKey | None = None) -> bool:
        """Show a drug; False (with a status message) when it is not in the database. When it
        cannot be read or shown, the pane says so: it never keeps showing the previous drug."""
        try:
            page = self.store.repository.get_drug(slug)
            favourite = page is not None and self.store.repository.is_favourite(slug)
        except Exception as exc:  # a database that went away, a damaged row
            self.drug_view.show_error(slug, failure_message(exc))
            return False
        if page is None:
            self.statusBar().showMessage(f"“{slug}” is not in the library", 5000)
            return False
        self.drug_view.show_page(page, self.drug_view.audience, favourite, tab)
        self.setWindowTitle(f"{page.name} — MedGuide")
        if record:
            self.history.visit(slug)
            self._write_user_data(lambda: self.store.record_view(slug))
            self.search_panel.note_opened(slug)
        self._update_nav()
        self.app_actions[ActionId.PRINT].setEnabled(self._print_available)
        self.drug_opened.emit(slug)
        return True

    def set_audience(self, audience: object) -> None:
        """Switch the reading level, keeping drug, tab and scroll position."""
        if not isinstance(audience, Audience):
            return
        self.audience_switch.set_audience(audience)
        self.settings.audience = audience
        self.drug_view.set_audience(audience)

    def go_back(self) -> None:
        """Alt+Left: the previous drug."""
        slug = self.history.back()
        if slug:
            self.open_drug(slug, record=False)

    def go_forward(self) -> None:
        """Alt+Right: the next drug."""
        slug = self.history.forward()
        if slug:
            self.open_drug(slug, record=False)

    def zoom(self, delta: int) -> None:
        """Make text bigger or smaller by ``delta`` points (0 resets)."""
        step = 0 if delta == 0 else self.settings.zoom + delta
        self.settings.zoom = step
        self._apply_zoom(self.settings.zoom)

    def enable_printing(self, available: bool = True) -> None:
        """Called when a handout dialog is connected to ``print_requested``."""
        self._print_available = available
        self.drug_view.header.set_print_available(available)
        self.app_actions[ActionId.PRINT].setEnabled(available and self.drug_view.page is not None)

    def import_files(self, paths: Sequence[Path]) -> BackgroundTask | None:
        """Import ``paths`` in the background with a progress dialog and a summary."""
        if not paths:
            return None
        task = self.imports.start(self.store.import_paths, paths)
        if task is None:
            return None
        self._import_started()
        dialog = ImportProgressDialog(self, len(paths))
        self.progress_dialog = dialog
        dialog.canceled.connect(task.cancel)
        task.progress.connect(dialog.report)
        task.finished.connect(dialog.close)
        task.finished.connect(dialog.deleteLater)
        return task

    # ------------------------------------------------------------------ building

    def _connect_actions(self) -> None:
        """Connect the window's own actions (the table in ``medguide.ui.actions``)."""
        slots: dict[ActionId, Callable[[], object]] = {
            ActionId.FIND: self.search_panel.focus_search,
            ActionId.BACK: self.go_back,
            ActionId.FORWARD: self.go_forward,
            ActionId.ZOOM_IN: lambda: self.zoom(1),
            ActionId.ZOOM_OUT: lambda: self.zoom(-1),
            ActionId.ZOOM_RESET: lambda: self.zoom(0),
            ActionId.PATIENT: lambda: self.set_audience(Audience.PATIENT),
            ActionId.PROFESSIONAL: lambda: self.set_audience(Audience.PROFESSIONAL),
            ActionId.IMPORT_FILES: self._choose_files,
            ActionId.IMPORT_FOLDER: self._choose_folder,
            ActionId.PRINT: self._request_print,
            ActionId.QUIT: self.close,
        }
        for action_id, slot in slots.items():
            self.app_actions[action_id].triggered.connect(slot)
        self._print_available = False
        self.app_actions[ActionId.PRINT].setEnabled(False)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self)
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setAccessibleName("Main toolbar")
        back, forward = self.app_actions[ActionId.BACK], self.app_actions[ActionId.FORWARD]
        bar.addAction(back)
        bar.addAction(forward)
        bar.addSeparator()
        bar.addWidget(self.audience_switch)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        for act in (back, forward):
            widget = bar.widgetForAction(act)
            if widget is not None:
                widget.setAccessibleName(act.text().replace("&", ""))

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self._progress_label = QLabel(self)
        self._progress = QProgressBar(self)
        self._progress.setAccessibleName("Import progress")
        self._progress.setMaximumWidth(220)
        status.addPermanentWidget(self._progress_label)
        status.addPermanentWidget(self._progress)
        self._progress_label.hide()
        self._progress.hide()
        if self.store.read_only:
            notice = QLabel(
                "Read-only database: reading and printing work, changes cannot be saved", self
            )
            notice.setToolTip(f"{self.store.path} (or its folder) may not be written")
            notice.setAccessibleName("Read-only database")
            status.addPermanentWidget(notice)

    # ------------------------------------------------------------------ import plumbing

    def _import_started(self) -> None:
        self.app_actions[ActionId.IMPORT_FILES].setEnabled(False)
        self.app_actions[ActionId.IMPORT_FOLDER].setEnabled(False)

    def _import_ended(self, quiet: bool) -> None:
        self._flush_deferred_writes()
        if quiet:
            self.search_panel.set_loading(False)
        self._progress.hide()
        self._progress_label.hide()
        self._enable_imports()

    def _enable_imports(self) -> None:
        """Imports are offered unless the database may not be written."""
        writable = not self.store.read_only
        self.app_actions[ActionId.IMPORT_FILES].setEnabled(writable)
        self.app_actions[ActionId.IMPORT_FOLDER].setEnabled(writable)

    def _import_done(self, report: object, quiet: bool) -> None:
        self._import_ended(quiet)
        if not isinstance(report, ImportReport):
            return
        count = len(report.imported) + len(report.updated)
        self.statusBar().showMessage(f"Imported {count} file(s)", 5000)
        self.import_finished.emit(report)
        if not quiet or report.rejected:
            ImportSummaryDialog(report, self).open()

    def _import_failed(self, message: str, quiet: bool) -> None:
        self._import_ended(quiet)
        QMessageBox.warning(self, "Import failed", f"The import stopped: {message}")

    def _status_progress(self, done: int, total: int, label: str) -> None:
        self._progress.setRange(0, max(total, 0))
        self._progress.setValue(done)
        self._progress_label.setText(f"Loading the built-in library: {done}/{total}")

    def wait_for_background(self, timeout_ms: int = 30000) -> bool:
        """Block until imports, warm-up and searches have ended (benchmarks and tests)."""
        warm = self._warm_task.wait(timeout_ms / 1000) if self._warm_task else True
        return self.imports.wait(timeout_ms) and self.search_controller.wait(timeout_ms) and warm

    def importing(self) -> bool:
        """True while an import runs (its summary is not shown yet)."""
        return self.imports.busy()

    def wait_for_import(self, timeout_s: float = 60.0) -> bool:
        """Block until a running import ends (for tests and ``medguide snapshot``)."""
        task = self.imports.task
        return task.wait(timeout_s) if task is not None else True

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Import files", "", file_dialog_filter())
        self.import_files([Path(n) for n in names])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import folder")
        if folder:
            self.import_files([Path(folder)])

    # ------------------------------------------------------------------ small slots

    def _write_user_data(self, write: Callable[[], object]) -> None:
        """Run a small user-data write now, or after the running import: an import holds the
        database's write lock, and the window must never wait for it."""
        if self.importing():
            self._deferred_writes.append(write)
            return
        try:
            write()
        except Exception as exc:  # a read-only database: say so, keep working
            self.statusBar().showMessage(failure_message(exc), 10_000)

    def _flush_deferred_writes(self) -> None:
        writes, self._deferred_writes = self._deferred_writes, []
        for write in writes:
            try:
                write()
            except Exception as exc:
                self.statusBar().showMessage(failure_message(exc), 10_000)

    def _toggle_favourite(self, on: bool) -> None:
        page = self.drug_view.page
        if page is not None:
            slug = page.slug
            self._write_user_data(lambda: self.store.set_favourite(slug, on))

    def _apply_changes(self, changes: object) -> None:
        """Refresh what the store's changes touch: the lists, and the drug shown."""
        if not isinstance(changes, Changes):
            return
        if changes.content or changes.names:
            self.search_panel.invalidate()
        elif changes.favourites or changes.history:
            self.search_panel.refresh_browse()
        page = self.drug_view.page
        if page is None:
            return
        if changes.content and not changes.drugs:
            self.drug_view.clear_cache()
        elif changes.touches(page.slug):
            self.drug_view.forget(page.slug)
        if changes.touches(page.slug):
            self._reopen(page.slug)

    def _reopen(self, slug: str) -> None:
        """Show the drug again after a change, on the same tab and scroll position."""
        fraction = self.drug_view.scroll_fraction()
        if self.open_drug(slug, record=False, tab=self.drug_view.current_tab()):
            self.drug_view.set_scroll_fraction(fraction)

    def _request_print(self) -> None:
        page: DrugPage | None = self.drug_view.page
        if page is not None and self._print_available:
            self.print_requested.emit(page, self.drug_view.audience)

    def _link_ignored(self, url: str) -> None:
        self.statusBar().showMessage(f"MedGuide works offline and opens no web pages: {url}", 8000)

    def _show_search_time(self, response: object) -> None:
        elapsed = getattr(response, "elapsed_ms", 0.0)
        self.statusBar().showMessage(f"Search took {elapsed:.0f} ms", 3000)

    def _update_nav(self) -> None:
        self.app_actions[ActionId.BACK].setEnabled(self.history.can_back())
        self.app_actions[ActionId.FORWARD].setEnabled(self.history.can_forward())

    def _apply_zoom(self, step: int) -> None:
        font = QFont(QApplication.font())
        base = self._base_point_size if self._base_point_size > 0 else 10.0
        font.setPointSizeF(max(6.0, base + step))
        self.splitter.setFont(font)

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1100, 720)
        splitter = self.settings.splitter
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember geometry and splitter; let background work finish."""
        self.settings.geometry = QByteArray(self.saveGeometry())
        self.settings.splitter = QByteArray(self.splitter.saveState())
        self.settings.sync()
        self.changes.detach()
        self.imports.cancel()
        self.imports.wait(30000)
        self._flush_deferred_writes()  # favourites and views held back during the import
        self.search_controller.wait(5000)
        if self._warm_task is not None:
            self._warm_task.wait(10)
        super().closeEvent(event)
