"""Command-line front: ``medguide COMMAND … [--db PATH]``; no command but ``gui`` opens the window.

Each command lives in its own module of this package with two functions,
``add_arguments(parser)`` and ``run(args) -> int`` (the exit code). Modules are imported only
when their command runs, so ``medguide search`` never loads Qt and the window never loads the
benchmarks.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO, cast

from medguide import __version__
from medguide.cli.database_arg import DATABASE_ERROR_EXIT, add_database_options

BUSY_EXIT = 3
"""Exit code when another import or program kept the database busy for too long."""

# command name → (module in this package, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "gui": ("gui_cmd", "open the window (the default)"),
    "import": ("import_cmd", "import files or folders into the database"),
    "list": ("list_cmd", "list the drugs in the database"),
    "show": ("show_cmd", "print one drug's text"),
    "search": ("search_cmd", "search drugs by name, brand, misspelling or words"),
    "handout": ("handout_cmd", "write a patient handout PDF"),
    "snapshot": ("snapshot_cmd", "render the window to a PNG without a display"),
    "bench": ("bench_cmd", "print benchmark figures (import, search, ui, handout, glossary)"),
}


def _command_module(name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"medguide.cli.{COMMANDS[name][0]}")


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The argument parser; only the command named in ``argv`` gets its options loaded."""
    parser = argparse.ArgumentParser(
        prog="medguide",
        description="MedGuide: offline patient education about medicines.",
    )
    parser.add_argument("--version", action="version", version=f"MedGuide {__version__}")
    add_database_options(parser, top_level=True)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check import, search, audience switch and handout export headless "
        "(exit code = failed steps)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = next((a for a in argv if a in COMMANDS), None)
    for name, (_module, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text)
        add_database_options(command_parser, top_level=False)
        if name == wanted:
            _command_module(name).add_arguments(command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``medguide`` script; returns the exit code.

    Output is cleaned of control and bidi characters; a closed pipe and Ctrl+C end the command
    with an exit code, never a traceback (``medguide.cli.terminal``).
    """
    from medguide.cli.terminal import CleanOutput, ended_quietly

    streams = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, CleanOutput):
        sys.stdout = cast(TextIO, CleanOutput(sys.stdout))
        sys.stderr = cast(TextIO, CleanOutput(sys.stderr))
    try:
        return ended_quietly(lambda: _main(argv))
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_list)
    args = parser.parse_args(args_list)
    if args.self_test:
        from medguide import self_test

        return self_test.run()
    if args.command is None:
        args_list = [*args_list, "gui"]
        args = build_parser(args_list).parse_args(args_list)
    return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    """Run the chosen command; a database problem it meets ends in one line and exit code 2
    (3 when the database stayed busy), never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from medguide.store.database import DatabaseError, explain
    from medguide.store.locks import DatabaseBusy

    try:
        return int(_command_module(args.command).run(args))
    except DatabaseBusy as exc:
        print(f"medguide {args.command}: {exc}", file=sys.stderr)
        return BUSY_EXIT
    except DatabaseError as exc:
        print(f"medguide {args.command}: {exc}", file=sys.stderr)
        return DATABASE_ERROR_EXIT
    except SQLAlchemyError as exc:
        from medguide.core.paths import database_path

        where = database_path(getattr(args, "db", None))
        print(f"medguide {args.command}: {explain(exc, where)}", file=sys.stderr)
        return DATABASE_ERROR_EXIT


def gui_main() -> int:
    """Entry point of the ``medguide-gui`` script (no console window on Windows)."""
    return main(["gui", *sys.argv[1:]])
