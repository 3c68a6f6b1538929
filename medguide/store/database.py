"""Opening the SQLite database: file location, connection PRAGMAs, backup and migrations.

``open_database`` is the only way the app gets a database. It creates the parent folders,
refuses a file written by a newer MedGuide, copies an older file aside before migrating it, and
runs the Alembic scripts in ``db/`` up to head.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from medguide.core.paths import database_path, migrations_dir

BUSY_TIMEOUT_S = 30.0
"""How long a connection waits for another one's write lock."""


class DatabaseError(RuntimeError):
    """The database cannot be opened (a message a person can act on)."""


class DatabaseTooNew(DatabaseError):
    """The file was written by a newer MedGuide whose schema this app does not know."""

    def __init__(self, revision: str, path: Path) -> None:
        self.revision = revision
        self.path = path
        super().__init__(
            f"This database was written by a newer MedGuide (schema {revision}). "
            f"Install the newer version or open another database with --db. ({path})"
        )


class Database:
    """An open MedGuide database: the engine plus short-lived sessions."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on an exception."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        """Release every connection (the file stays as it is)."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on the SQLite file with WAL, foreign keys and ``synchronous=NORMAL``."""
    # A big import holds the write lock for a few seconds; other writers wait instead of failing.
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration built in code (no alembic.ini): scripts in ``db/``."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.set_main_option("sqlalchemy.url", str(connection.engine.url))
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise DatabaseError(f"no migration scripts found in {migrations_dir()}")
    return head


def current_revision(connection: Connection) -> str | None:
    """The schema revision stored in the file (None for a new or pre-Alembic file)."""
    return MigrationContext.configure(connection).get_current_revision()


def _is_known(revision: str) -> bool:
    scripts = ScriptDirectory.from_config(alembic_config())
    try:
        return scripts.get_revision(revision) is not None
    except CommandError:
        return False


def backup_copy(path: Path, revision: str | None) -> Path:
    """Copy the database aside with the sqlite3 backup API (WAL content included).

    The copy is ``<name>.bak-<revision>-<timestamp>`` next to the file.
    """
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.name}.bak-{revision or 'none'}-{stamp}")
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def _migrate(engine: Engine, path: Path) -> None:
    head = head_revision()
    with engine.connect() as connection:
        revision = current_revision(connection)
        has_tables = bool(inspect(connection).get_table_names())
    if revision == head:
        return
    if revision is not None and not _is_known(revision):
        raise DatabaseTooNew(revision, path)
    if revision is None and has_tables:
        # Every MedGuide database records its schema version; tables without one are some
        # other program's file (or a damaged one): never touch it, never copy it.
        raise DatabaseError(
            f"{path} holds tables but no MedGuide schema version: it was not written by "
            "MedGuide or is damaged. It was left as it is; open another file with --db."
        )
    if has_tables:
        backup_copy(path, revision)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def reason_of(exc: BaseException) -> str:
    """One line saying why a database call failed: the SQLite message itself, without the
    SQL, its parameters or SQLAlchemy's "Background on this error" link."""
    original = getattr(exc, "orig", None)
    text = str(original) if original is not None else str(exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def open_database(path: Path | None = None, *, create_folder: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database at ``path``.

    ``path`` defaults to ``medguide.core.paths.database_path()`` (``MEDGUIDE_DB`` or the user
    data dir). With ``create_folder=False`` a missing parent folder is an error instead of being
    made (a mistyped ``--db`` must not silently start an empty database). Raises
    ``DatabaseTooNew`` for a file written by a newer MedGuide and ``DatabaseError`` (one line)
    when the file cannot be used.
    """
    resolved = database_path(path)
    if not resolved.parent.is_dir():
        if not create_folder:
            raise DatabaseError(
                f"the folder {resolved.parent} does not exist: check the database path "
                "(add --create to make the folder and a new database there)"
            )
        try:
            resolved.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create the folder for {resolved}: {exc}") from exc
    if resolved.is_dir():
        raise DatabaseError(f"{resolved} is a folder, not a database file")
    engine = create_sqlite_engine(resolved)
    try:
        _migrate(engine, resolved)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open the database {resolved}: {reason_of(exc)}") from exc
    return Database(resolved, engine)
