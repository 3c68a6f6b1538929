"""Composition root: paths → settings → database → services → ``MainWindow``.

This is the only module that constructs ``Database``, ``Repository``, ``SearchEngine`` and
``Importer``; the window receives them as ``medguide.ui.ports.Services``. Heavy modules are
imported inside the functions so that ``medguide --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QApplication

from medguide.core.model import Audience, ImportReport
from medguide.core.paths import library_dir
from medguide.core.views import SearchResponse
from medguide.ui.clinic_actions import ClinicActions
from medguide.ui.help_menu import add_help_menu
from medguide.ui.main_window import MainWindow
from medguide.ui.ports import CancelCallback, ProgressCallback, Services
from medguide.ui.section_html import TabHtmlBuilder
from medguide.ui.settings import Settings

if TYPE_CHECKING:
    from medguide.reading.glossary import Glossary


def ensure_application(argv: Sequence[str] | None = None) -> QApplication:
    """The running ``QApplication``, created (with the app's names) when there is none."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName("MedGuide")
    app.setOrganizationName("MedGuide")
    app.setApplicationDisplayName("MedGuide")
    return app


@dataclass
class AppContext:
    """The window and what it was built from; ``close()`` releases the database."""

    window: MainWindow
    services: Services
    settings: Settings
    close: Callable[[], None]
    clinic: ClinicActions


class _LazySearch:
    """Builds the search engine on first use (on the search thread, off the start-up path)."""

    def __init__(self, factory: Callable[[], SearchEngineLike]) -> None:
        self._factory = factory
        self._engine: SearchEngineLike | None = None
        self._lock = threading.Lock()

    def _get(self) -> SearchEngineLike:
        with self._lock:
            if self._engine is None:
                self._engine = self._factory()
            return self._engine

    def search(self, query: str, limit: int = 50) -> SearchResponse:
        """Search (building the engine first if needed)."""
        return self._get().search(query, limit)

    def reload(self) -> None:
        """Reload names after an import (a new engine reads them anyway)."""
        with self._lock:
            engine = self._engine
        if engine is None:
            self._get()
        else:
            engine.reload()

    def close(self) -> None:
        """Close the engine if it was built."""
        with self._lock:
            if self._engine is not None:
                self._engine.close()


class SearchEngineLike(Protocol):
    """What ``_LazySearch`` needs from ``medguide.store.search.SearchEngine``."""

    def search(self, query: str, limit: int = 50) -> SearchResponse: ...

    def reload(self) -> None: ...

    def close(self) -> None: ...


class _GlossaryAnnotator:
    """Marks glossary terms in patient HTML; the glossary file is read on first use."""

    def __init__(self) -> None:
        self._glossary: Glossary | None = None
        self._failed = False
        self._lock = threading.Lock()

    def glossary(self) -> Glossary | None:
        """The glossary (loaded once, on any thread); None when its file cannot be read."""
        from medguide.reading.glossary import Glossary

        with self._lock:
            if self._glossary is None and not self._failed:
                try:
                    self._glossary = Glossary.load()
                except (OSError, ValueError):
                    self._failed = True
            return self._glossary

    def __call__(self, html: str, audience: Audience) -> str:
        if audience is not Audience.PATIENT:
            return html
        glossary = self.glossary()
        if glossary is None:
            return html
        from medguide.reading.annotate import annotate_html

        return annotate_html(html, glossary, audience)


def build_app(
    db_path: str | os.PathLike[str] | None = None,
    settings_path: Path | None = None,
    library: Path | None = None,
) -> AppContext:
    """Open the database and build the window (not shown, nothing imported yet)."""
    from medguide.core.paths import database_path
    from medguide.store.database import open_database
    from medguide.store.repository import Repository

    ensure_application()
    db = open_database(database_path(db_path))
    repository = Repository(db)

    def make_search_engine() -> SearchEngineLike:
        from medguide.store.search import SearchEngine  # on the search thread, not at start-up

        return SearchEngine(db)

    search = _LazySearch(make_search_engine)

    def import_paths(
        paths: Sequence[Path],
        progress: ProgressCallback | None,
        cancel: CancelCallback | None,
    ) -> ImportReport:
        from medguide.store.importer import Importer  # only when something is imported

        return Importer(db).import_paths(paths, progress=progress, cancel=cancel)

    services = Services(
        repository=repository,
        search=search,
        import_paths=import_paths,
        library_dir=library if library is not None else library_dir(),
    )
    settings = Settings(settings_path)
    annotator = _GlossaryAnnotator()
    window = MainWindow(services, settings, TabHtmlBuilder(annotate=annotator))
    clinic = ClinicActions(window, repository, annotator.glossary)
    add_help_menu(window, str(db.path))

    def close() -> None:
        window.close()
        search.close()
        db.close()

    return AppContext(window, services, settings, close, clinic)


def build_main_window(db_path: str | os.PathLike[str] | None = None) -> MainWindow:
    """The contract's entry point: the window over ``db_path``; closes the database on quit."""
    context = build_app(db_path)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(context.close)
    return context.window
