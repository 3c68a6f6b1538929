"""The ``--db`` option, opened the same way by every command that reads the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medguide.store.database import Database

DATABASE_ERROR_EXIT = 2


def open_database_for(args: argparse.Namespace, command: str) -> Database | None:
    """Open ``--db`` (or the default database); on failure print why and return None.

    The caller returns ``DATABASE_ERROR_EXIT``. A database written by a newer MedGuide, a file
    that is not a database, or a folder that cannot be written all end here, never as a
    traceback.
    """
    from medguide.store.database import DatabaseError, open_database

    try:
        return open_database(Path(args.db) if args.db else None)
    except DatabaseError as exc:
        print(f"medguide {command}: {exc}", file=sys.stderr)
        return None
