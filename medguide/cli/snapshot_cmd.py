"""``medguide snapshot``: render the window in a given state to a PNG, without a display.

Uses a throw-away settings file, so the user's own settings are never read or written. With
``--first-run`` or ``--import`` the dialog is drawn over the window, as a person would see it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
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
    from medguide.core.model import Audience, Persona
    from medguide.store.database import DatabaseError
    from medguide.ui.snapshot import SnapshotError, SnapshotRequest, snapshot, use_dark_palette

    width, height = _size(args.size)
    request = SnapshotRequest(
        width=width,
        height=height,
        audience=Audience(args.audience),
        drug=args.drug,
        tab=args.tab,
        query=args.query,
        zoom=args.zoom,
        first_run=args.first_run,
        import_paths=tuple(Path(p) for p in args.import_paths or ()),
    )
    app = ensure_application()
    if args.dark:
        use_dark_palette(app)
    with tempfile.TemporaryDirectory(prefix="medguide-snapshot-") as tmp:
        try:
            context = build_app(
                args.db,
                Path(tmp) / "settings.ini",
                create_folder=not args.db or bool(getattr(args, "create", False)),
            )
        except DatabaseError as exc:
            print(f"medguide snapshot: {exc}", file=sys.stderr)
            return DATABASE_ERROR_EXIT
        try:
            if not args.first_run:
                context.settings.persona = Persona(args.audience)
            context.settings.zoom = args.zoom
            image = snapshot(context.window, request)
        except SnapshotError as exc:
            print(f"snapshot: {exc}")
            return 1
        finally:
            context.close()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() != ".png":
        out = out.with_name(out.name + ".png")
    if not image.save(str(out)):  # the format follows the .png suffix
        print(f"snapshot: could not write {out}")
        return 1
    print(f"wrote {out} ({image.width()}x{image.height()})")
    return 0


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError as exc:
        raise SystemExit(f"snapshot: --size must look like 1100x720, not {text!r}") from exc
    return max(320, width), max(240, height)
