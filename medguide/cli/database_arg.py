"""The ``--db`` and ``--create`` options, and the one way every command opens its collection.

``--db PATH`` (or ``MEDGUIDE_DB``) may stand before or after the command name. A path into a
folder that does not exist is refused unless ``--create`` is given, so a typo never starts an
empty database. Commands that read content get the built-in library loaded first when the file
has not got it yet (a fresh database), exactly as the window does.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from medguide.core.paths import DB_ENV

if TYPE_CHECKING:
    from medguide.store.collection import Collection

DATABASE_ERROR_EXIT = 2


def add_database_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    """``--db`` and ``--create`` on the main parser and again on every command's parser.

    On a command's parser they default to ``SUPPRESS``, so a value given before the command
    name is not overwritten by the command's own (absent) option.
    """
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help=f"database file (default: ${DB_ENV} or the user data folder)",
    )
    parser.add_argument(
        "--create",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="make the database's folder when it does not exist yet",
    )


def _explicit_path(args: argparse.Namespace) -> Path | None:
    if getattr(args, "db", None):
        return Path(args.db)
    from_env = os.environ.get(DB_ENV)
    return Path(from_env) if from_env else None


def open_collection_for(
    args: argparse.Namespace, command: str, *, load_library: bool = True
) -> Collection | None:
    """Open the database of ``args`` (loading the built-in library when it has not got it);
    on failure print one line saying why and return None (the caller exits with
    ``DATABASE_ERROR_EXIT``). Never a traceback: a newer MedGuide's file, a file that is not a
    database, a folder that does not exist or cannot be written all end here."""
    from medguide.store.collection import open_collection
    from medguide.store.database import DatabaseError, reason_of

    explicit = _explicit_path(args)
    create = bool(getattr(args, "create", False)) or explicit is None
    try:
        collection = open_collection(explicit, create_folder=create)
    except DatabaseError as exc:
        print(f"medguide {command}: {exc}", file=sys.stderr)
        return None
    if load_library:
        try:
            _load_library(collection)
        except Exception as exc:  # a read-only file or a full disk: still show what is there
            print(
                f"medguide {command}: the built-in library could not be loaded "
                f"({reason_of(exc)}); continuing with what the database holds",
                file=sys.stderr,
            )
    return collection


def _load_library(collection: Collection) -> None:
    """Load the built-in library if needed, saying so on stderr (it takes a few seconds)."""
    if not collection.library_needs_loading():
        return
    print("Loading the built-in library into the database (first use)…", file=sys.stderr)
    report = collection.load_library()
    for rejected in report.rejected:
        print(f"  library page not loaded: {rejected}", file=sys.stderr)
