"""Opening the SQLite database: file location, connection PRAGMAs, backup and migrations.

``open_database`` is the only way the app gets a database. It creates the parent folders,
refuses a file written by a newer MedGuide, copies an older file aside before migrating it, and
runs the Alembic scripts in ``db/`` up to head.
"""

from __future__ import annotations

import os
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
from filelock import FileLock, Timeout
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

    def __init__(self, path: Path, engine: Engine, read_only: bool = False) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        """True when the file or its folder may not be written: reads work, writes refuse."""
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


def _set_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA query_only=ON")
    finally:
        cursor.close()


def is_writable(path: Path) -> bool:
    """Whether MedGuide may change the database: the file (when it exists) and its folder
    (SQLite writes its journal and WAL files there) are writable."""
    folder_ok = os.access(path.parent, os.W_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def create_read_only_engine(path: Path) -> Engine:
    """An engine that opens the file read-only (``mode=ro``); when its folder is read-only too
    and a WAL file's shared-memory index cannot be made, as ``immutable`` (nothing else may
    write it then, which a read-only folder makes true)."""
    uri = f"file:{path}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as probe:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        uri = f"file:{path}?immutable=1"
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    )
    event.listen(engine, "connect", _set_read_only_pragmas)
    return engine


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


MIGRATION_WAIT_S = 120.0
"""How long opening waits for another MedGuide that is creating or upgrading the same file."""


def import_lock_path(path: Path) -> Path:
    """The lock file beside a database that one writer at a time holds: an import, or the
    creation or upgrade of the file (``medguide.store.locks`` keeps the import side)."""
    return path.with_name(path.name + ".import-lock")


def _migrate(engine: Engine, path: Path) -> None:
    """Bring the file to the newest schema. Two MedGuides started at once on a new file
    (two windows, two scripts) must not both create it: the check and the upgrade are made
    holding the lock file, and the revision is read again once it is held."""
    head = head_revision()
    if _revision_and_tables(engine)[0] == head:
        return
    lock = FileLock(str(import_lock_path(path)))
    try:
        lock.acquire(timeout=MIGRATION_WAIT_S)
    except Timeout:
        raise DatabaseError(
            f"{path} is being created or upgraded by another MedGuide that has not finished "
            f"in {MIGRATION_WAIT_S:.0f} s; try again when it has"
        ) from None
    try:
        _migrate_locked(engine, path, head)
    finally:
        lock.release()


def _revision_and_tables(engine: Engine) -> tuple[str | None, bool]:
    with engine.connect() as connection:
        return current_revision(connection), bool(inspect(connection).get_table_names())


def _migrate_locked(engine: Engine, path: Path, head: str) -> None:
    revision, has_tables = _revision_and_tables(engine)
    if revision == head:
        return  # another MedGuide made or upgraded it while this one waited
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


class DatabaseFull(DatabaseError):
    """The disk (or the database's size limit) is full; the transaction was rolled back."""


class DatabaseReadOnly(DatabaseError):
    """The database file or its folder may not be written; reading still works."""


def explain(exc: BaseException, path: Path) -> DatabaseError:
    """A database error from SQLite as one line a person can act on (``DatabaseFull``,
    ``DatabaseReadOnly``, or a ``DatabaseError`` naming SQLite's own reason)."""
    reason = reason_of(exc)
    lowered = reason.lower()
    if "full" in lowered:
        return DatabaseFull(
            f"the disk holding {path} is full: nothing was written and the database is as it "
            "was; free some space and try again"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseReadOnly(
            f"{path} (or its folder) is read-only: MedGuide can show it but not change it; "
            "ask for write access or copy it to a folder you may write to"
        )
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(
            f"{path} is busy: another program is writing to it; nothing was changed — try "
            "again when it has finished"
        )
    return DatabaseError(f"database error in {path}: {reason}")


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
    if resolved.exists() and not is_writable(resolved):
        return _open_read_only(resolved)
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


def _open_read_only(path: Path) -> Database:
    """A database MedGuide may read but not change: no migration, no pragma that writes."""
    engine = create_read_only_engine(path)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open the database {path}: {reason_of(exc)}") from exc
    if revision != head_revision():
        engine.dispose()
        if revision is not None and not _is_known(revision):
            raise DatabaseTooNew(revision, path)
        raise DatabaseReadOnly(
            f"{path} is read-only and was written by an older MedGuide: it must be upgraded "
            "before it can be shown; ask for write access to it"
        )
    return Database(path, engine, read_only=True)
