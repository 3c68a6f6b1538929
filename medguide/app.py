"""Composition root: paths → settings → the open collection → ``MainWindow``.

``medguide.store.collection.open_collection`` is the one place that builds the database, its
repository, search engine and importer; this module opens it and hands it to the window (as
``medguide.ui.ports.Store``). Heavy modules are imported inside the functions so that
``medguide --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from medguide.core.model import Audience
from medguide.ui.clinic_actions import ClinicActions
from medguide.ui.help_menu import connect_help
from medguide.ui.main_window import MainWindow
from medguide.ui.section_html import TabHtmlBuilder
from medguide.ui.settings import Settings

if TYPE_CHECKING:
    from medguide.reading.glossary import Glossary
    from medguide.store.collection import Collection


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
    collection: Collection
    settings: Settings
    close: Callable[[], None]
    clinic: ClinicActions


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
    *,
    create_folder: bool = True,
) -> AppContext:
    """Open the collection and build the window (not shown, nothing imported yet).

    Raises ``medguide.store.database.DatabaseError`` when the database cannot be opened.
    """
    from medguide.store.collection import open_collection

    ensure_application()
    path = Path(db_path) if db_path is not None else None
    collection = open_collection(path, create_folder=create_folder, library=library)
    settings = Settings(settings_path)
    annotator = _GlossaryAnnotator()
    window = MainWindow(collection, settings, TabHtmlBuilder(annotate=annotator))
    clinic = ClinicActions(window, collection, annotator.glossary)
    connect_help(window, window.app_actions, str(collection.path))

    def close() -> None:
        window.close()
        collection.close()

    return AppContext(window, collection, settings, close, clinic)


def build_main_window(db_path: str | os.PathLike[str] | None = None) -> MainWindow:
    """The contract's entry point: the window over ``db_path``; closes the database on quit."""
    context = build_app(db_path)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(context.close)
    return context.window
