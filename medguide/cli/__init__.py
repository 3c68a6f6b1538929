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

from medguide import __version__
from medguide.cli.database_arg import add_database_options

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
    """Entry point of the ``medguide`` script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_list)
    args = parser.parse_args(args_list)
    if args.self_test:
        from medguide import self_test

        return self_test.run()
    if args.command is None:
        args_list = [*args_list, "gui"]
        args = build_parser(args_list).parse_args(args_list)
    return int(_command_module(args.command).run(args))


def gui_main() -> int:
    """Entry point of the ``medguide-gui`` script (no console window on Windows)."""
    return main(["gui", *sys.argv[1:]])
