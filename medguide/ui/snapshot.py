"""Rendering the window in a given state to an image, without a display (``medguide snapshot``).

The command line parses its options into a ``SnapshotRequest``; everything that touches Qt
(building the window, waiting for the built-in library, opening a drug and a tab, typing a
query, drawing a dialog over the window, a dark palette) lives here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from medguide.core.model import Audience
from medguide.ui.drug_view import tab_from_name
from medguide.ui.import_dialogs import ImportSummaryDialog
from medguide.ui.main_window import MainWindow

LIBRARY_TIMEOUT_S = 600


@dataclass(frozen=True)
class SnapshotRequest:
    """The state to draw: window size and zoom, drug and tab, query, and an optional dialog."""

    width: int = 1100
    height: int = 720
    audience: Audience = Audience.PATIENT
    drug: str | None = None
    tab: str | None = None
    query: str | None = None
    zoom: int = 0
    first_run: bool = False
    import_paths: tuple[Path, ...] = ()


class SnapshotError(Exception):
    """The requested state cannot be shown (e.g. no such drug); a one-line reason."""


def use_dark_palette(app: QApplication) -> None:
    """A dark Fusion palette, as on a system in dark mode."""
    app.setStyle("Fusion")
    palette = QPalette()
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#2f2f2f"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#353535"),
        (role.ButtonText, "#e6e6e6"),
        (role.Highlight, "#2f65ca"),
        (role.HighlightedText, "#ffffff"),
        (role.PlaceholderText, "#9a9a9a"),
        (role.Mid, "#5a5a5a"),
        (role.Link, "#6ea8fe"),
    ):
        palette.setColor(which, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, which, QColor("#7a7a7a"))
    app.setPalette(palette)


def wait_until(done: Callable[[], bool], timeout_s: float) -> None:
    """Process events until ``done()`` or the timeout."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        if app is not None:
            app.processEvents()
        time.sleep(0.01)
    if app is not None:
        app.processEvents()


def settle() -> None:
    """Let layouts and deferred scrolls finish (a third of a second of events)."""
    wait_until(lambda: False, 0.3)


def load_library_now(window: MainWindow) -> None:
    """Load the built-in library if the database has not got it, and wait for it."""
    if window.store.library_needs_loading():
        window.import_library()
        wait_until(lambda: window.wait_for_import(0) and not window.importing(), LIBRARY_TIMEOUT_S)
        close_summaries(window)


def put_in_state(window: MainWindow, request: SnapshotRequest) -> QWidget | None:
    """Size, library, audience, drug, tab and query as requested; returns the dialog to draw
    over the window, if any. Raises ``SnapshotError`` when the drug is unknown."""
    window.zoom(request.zoom)
    window.resize(request.width, request.height)
    window.show()
    load_library_now(window)
    window.set_audience(request.audience)
    if request.drug:
        slug = window.store.repository.resolve(request.drug)
        if slug is None or not window.open_drug(slug, record=False):
            raise SnapshotError(f"no drug called {request.drug!r}")
        if request.tab and not window.drug_view.select_tab(tab_from_name(request.tab)):
            print(f"snapshot: the {request.tab} tab has no text for this drug (left disabled)")
    if request.query:
        window.search_panel.set_query(request.query)
        window.search_controller.run_now()
        wait_until(lambda: not window.search_controller.pending(), 10)
    if request.import_paths:
        task = window.import_files(list(request.import_paths))
        wait_until(lambda: task is None or task.is_done(), LIBRARY_TIMEOUT_S)
        wait_until(lambda: not window.importing(), 10)
        dialogs = window.findChildren(ImportSummaryDialog)
        return dialogs[-1] if dialogs else None
    if request.first_run:
        from medguide.ui.first_run_dialog import FirstRunDialog

        dialog = FirstRunDialog(window)
        dialog.show()
        return dialog
    return None


def snapshot(window: MainWindow, request: SnapshotRequest) -> QImage:
    """The window's picture in the requested state (a dialog centred over a dimmed window)."""
    overlay = put_in_state(window, request)
    settle()
    image = compose(window, overlay)
    close_summaries(window)
    return image


def close_summaries(window: QWidget) -> None:
    """Close the import summary dialogs over ``window``."""
    for dialog in window.findChildren(ImportSummaryDialog):
        dialog.close()
        dialog.deleteLater()


def compose(window: QWidget, overlay: QWidget | None) -> QImage:
    """The window's picture, with ``overlay`` (a dialog) centred over a dimmed window."""
    image = window.grab().toImage()
    if overlay is not None:
        dialog = overlay.grab().toImage()
        painter = QPainter(image)
        painter.fillRect(image.rect(), QColor(0, 0, 0, 90))
        top_left = QPoint(
            max(0, (image.width() - dialog.width()) // 2),
            max(0, (image.height() - dialog.height()) // 2),
        )
        painter.fillRect(dialog.rect().translated(top_left).adjusted(-1, -1, 1, 1), QColor("gray"))
        painter.drawImage(top_left, dialog)
        painter.end()
    return image


def smoke_test(window: MainWindow, drug: str) -> str:
    """Start-up check on the real display: load the library, show ``drug``, and make sure the
    window was drawn (not one flat colour). Returns a one-line report; raises
    ``SnapshotError`` with the reason when something is wrong."""
    load_library_now(window)
    count = len(window.store.repository.list_drugs())
    if count == 0:
        raise SnapshotError("the built-in library did not load (no drugs)")
    slug = window.store.repository.resolve(drug)
    if slug is None or not window.open_drug(slug, record=False):
        raise SnapshotError(f"no drug called {drug!r}")
    settle()
    image = window.grab().toImage()
    if image.isNull() or image.width() < 100 or image.height() < 100:
        raise SnapshotError("the window was not drawn")
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 40))
        for y in range(0, image.height(), max(1, image.height() // 40))
    }
    if len(colours) < 3:
        raise SnapshotError("the window is drawn in one flat colour")
    page = window.drug_view.page
    name = page.name if page is not None else slug
    platform = QApplication.platformName()
    return (
        f"smoke test passed on the {platform!r} platform: {count} drugs, "
        f"showed {name} ({image.width()}x{image.height()})"
    )
