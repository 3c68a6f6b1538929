"""``medguide gui`` (also ``medguide`` with no command): open the window."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options of its own: ``--db`` is a global option."""
    parser.add_argument(
        "--settings",
        metavar="INI",
        help="settings file to use instead of the user's (for demos and tests)",
    )


def run(args: argparse.Namespace) -> int:
    """Show the window, load the built-in library on first start, and run the event loop."""
    from pathlib import Path

    from medguide.app import build_app, ensure_application
    from medguide.store.database import DatabaseError

    app = ensure_application()
    settings = getattr(args, "settings", None)
    try:
        context = build_app(args.db, Path(settings) if settings else None)
    except DatabaseError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "MedGuide cannot open its database", str(exc))
        return 2
    context.window.show()
    context.window.start()
    code = app.exec()
    context.close()
    return int(code)
