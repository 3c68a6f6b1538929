"""``medguide snapshot``: render the window in a given state to a PNG, without a display.

Uses a throw-away settings file, so the user's own settings are never read or written. With
``--first-run`` or ``--import`` the dialog is drawn over the window, as a person would see it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from medguide.cli.database_arg import DATABASE_ERROR_EXIT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options: the output file and the state to show."""
    parser.add_argument("--out", required=True, metavar="FILE.png", help="PNG file to write")
    parser.add_argument("--drug", metavar="NAME", help="open this drug (name, brand or slug)")
    parser.add_argument("--audience", choices=["patient", "professional"], default="patient")
    parser.add_argument(
        "--tab",
        metavar="TAB",
        help="usage, side-effects, how-it-works, dosage, precautions, faq, overview, "
        "related, sources",
    )
    parser.add_argument("--query", metavar="TEXT", help="type this into the search field")
    parser.add_argument("--size", default="1100x720", metavar="WxH", help="window size")
    parser.add_argument(
        "--zoom", type=int, default=0, metavar="STEPS", help="text zoom in points (e.g. 2)"
    )
    parser.add_argument(
        "--first-run", action="store_true", help="show the 'Which best describes you?' dialog"
    )
    parser.add_argument(
        "--dark", action="store_true", help="use a dark palette, as on a system in dark mode"
    )
    parser.add_argument(
        "--import",
        dest="import_paths",
        nargs="+",
        metavar="PATH",
        help="import these files or folders and show the summary dialog",
    )


def run(args: argparse.Namespace) -> int:
    """Build the window offscreen, put it in the requested state and save a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from medguide.app import build_app, ensure_application
    from medguide.core.model import Audience
    from medguide.store.database import DatabaseError

    width, height = _size(args.size)
    app = ensure_application()
    if args.dark:
        _use_dark_palette(app)
    with tempfile.TemporaryDirectory(prefix="medguide-snapshot-") as tmp:
        settings_path = Path(tmp) / "settings.ini"
        try:
            context = build_app(args.db, settings_path)
        except DatabaseError as exc:
            print(f"medguide snapshot: {exc}", file=sys.stderr)
            return DATABASE_ERROR_EXIT
        window = context.window
        try:
            if not args.first_run:
                from medguide.core.model import Persona

                context.settings.persona = Persona(args.audience)
            context.settings.zoom = args.zoom
            window.zoom(args.zoom)
            window.resize(width, height)
            window.show()
            if context.services.repository.is_empty():
                window.import_library()
                _wait(app, lambda: window.wait_for_import(0) and not window.importing(), 600)
                _close_summaries(window)
            window.set_audience(Audience(args.audience))
            if args.drug and not _open(window, context.services.repository.resolve, args):
                print(f"snapshot: no drug called {args.drug!r}")
                return 1
            if args.query:
                window.search_panel.set_query(args.query)
                window.search_controller.run_now()
                _wait(app, lambda: not window.search_controller.pending(), 10)
            overlay = None
            if args.import_paths:
                task = window.import_files([Path(p) for p in args.import_paths])
                _wait(app, lambda: task is None or task.is_done(), 600)
                _wait(app, lambda: not window.importing(), 10)
                overlay = _find_summary(window)
            elif args.first_run:
                from medguide.ui.first_run_dialog import FirstRunDialog

                overlay = FirstRunDialog(window)
                overlay.show()
            _settle(app)
            image = _compose(window, overlay)
            out = Path(args.out)
            out.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(out), "PNG"):
                print(f"snapshot: could not write {out}")
                return 1
            print(f"wrote {out} ({image.width()}x{image.height()})")
            return 0
        finally:
            _close_summaries(window)
            context.close()


def _open(window: object, resolve: Callable[[str], str | None], args: argparse.Namespace) -> bool:
    from medguide.ui.drug_view import tab_from_name
    from medguide.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    slug = resolve(args.drug)
    if slug is None or not window.open_drug(slug, record=False):
        return False
    if args.tab:
        key = tab_from_name(args.tab)
        if not window.drug_view.select_tab(key):
            print(f"snapshot: the {args.tab} tab has no text for this drug (left disabled)")
    return True


def _use_dark_palette(app: object) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
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


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError as exc:
        raise SystemExit(f"snapshot: --size must look like 1100x720, not {text!r}") from exc
    return max(320, width), max(240, height)


def _wait(app: object, done: Callable[[], bool], timeout_s: float) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def _settle(app: object) -> None:
    _wait(app, lambda: False, 0.3)


def _find_summary(window: object) -> object | None:
    from PySide6.QtWidgets import QWidget

    from medguide.ui.import_dialogs import ImportSummaryDialog

    assert isinstance(window, QWidget)
    dialogs = window.findChildren(ImportSummaryDialog)
    return dialogs[-1] if dialogs else None


def _close_summaries(window: object) -> None:
    from PySide6.QtWidgets import QWidget

    from medguide.ui.import_dialogs import ImportSummaryDialog

    assert isinstance(window, QWidget)
    for dialog in window.findChildren(ImportSummaryDialog):
        dialog.close()
        dialog.deleteLater()


def _compose(window: object, overlay: object | None) -> object:
    """The window's picture, with ``overlay`` (a dialog) centred over a dimmed window."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    image = window.grab().toImage()
    if isinstance(overlay, QWidget):
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
