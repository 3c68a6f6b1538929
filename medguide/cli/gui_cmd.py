"""``medguide gui`` (also ``medguide`` with no command): open the window.

``--smoke DRUG`` starts the real window, loads the built-in library, shows the drug, checks that
the window was drawn and exits (0 when all went well): what CI runs under Xvfb on the ``xcb``
platform, and what an installer can run to prove the app starts on the machine.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--settings`` for demos and tests, ``--smoke`` for installers and CI."""
    parser.add_argument(
        "--settings",
        metavar="INI",
        help="settings file to use instead of the user's (for demos and tests)",
    )
    parser.add_argument(
        "--smoke",
        metavar="DRUG",
        help="start, load the library, show DRUG, check the window was drawn, and exit",
    )


def run(args: argparse.Namespace) -> int:
    """Show the window, load the built-in library when needed, and run the event loop."""
    import tempfile
    from pathlib import Path

    from medguide.app import build_app, ensure_application
    from medguide.store.database import DatabaseError

    app = ensure_application()
    settings = getattr(args, "settings", None)
    smoke = getattr(args, "smoke", None)
    scratch = tempfile.TemporaryDirectory(prefix="medguide-smoke-") if smoke else None
    if scratch is not None and settings is None:
        settings = str(Path(scratch.name) / "settings.ini")
    try:
        context = build_app(
            args.db,
            Path(settings) if settings else None,
            create_folder=not args.db or bool(getattr(args, "create", False)),
        )
    except DatabaseError as exc:
        if smoke:
            print(f"medguide gui: {exc}", file=sys.stderr)
        else:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, "MedGuide cannot open its database", str(exc))
        return 2
    context.window.show()
    if smoke:
        return _smoke(context, smoke, scratch)
    context.window.start()
    code = app.exec()
    context.close()
    return int(code)


def _smoke(context: object, drug: str, scratch: object) -> int:
    """Run the start-up check and report it on stdout (or the reason on stderr)."""
    from medguide.app import AppContext
    from medguide.ui.snapshot import SnapshotError, smoke_test

    assert isinstance(context, AppContext)
    try:
        print(smoke_test(context.window, drug))
        return 0
    except SnapshotError as exc:
        print(f"medguide gui --smoke: {exc}", file=sys.stderr)
        return 1
    finally:
        context.close()
        if scratch is not None:
            scratch.cleanup()  # type: ignore[attr-defined]
