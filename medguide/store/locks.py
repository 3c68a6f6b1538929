"""Waiting for others who write to the same database, with progress, and giving up cleanly.

Two kinds of others:

- another MedGuide import (a second window, ``medguide import`` in a script): imports take the
  *import lock*, a lock file beside the database (``filelock``, so it works across processes and
  on every OS) with a small note of who holds it. A second import waits for the first, saying
  so, and gives up after a while with a message naming the holder;
- any other program holding SQLite's write lock (a ``sqlite3`` shell in a transaction, a
  backup tool): before its transaction an import asks SQLite for the write lock itself, again
  and again for a while, saying that it waits, instead of failing after SQLite's 30 seconds.

Both raise ``DatabaseBusy`` (one line a person can act on) when the wait is over; nothing has been
written then.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import closing, suppress
from datetime import datetime
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from medguide.store.database import DatabaseError, import_lock_path

DEFAULT_WAIT_S = 120.0
"""How long an import waits for another writer before it gives up."""
POLL_S = 0.5

Report = Callable[[str], None]
Cancelled = Callable[[], bool]


class DatabaseBusy(DatabaseError):
    """Another import or program kept the database busy for longer than the wait."""


class WaitCancelled(Exception):
    """The person cancelled while the import waited for another writer."""


def _lock_paths(database: Path) -> tuple[Path, Path]:
    lock = import_lock_path(database)
    return lock, lock.with_name(lock.name + ".json")


def holder_of(database: Path) -> str:
    """Who holds the import lock, in words ("process 1234 on clinic-pc, since 10:42: medguide
    import …"); "another MedGuide" when the note cannot be read."""
    _, note = _lock_paths(database)
    try:
        info = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "another MedGuide"
    since = str(info.get("started", ""))[11:16]
    what = info.get("command", "")
    return f"process {info.get('pid', '?')} on {info.get('host', '?')}, since {since}" + (
        f": {what}" if what else ""
    )


class ImportLock:
    """The import lock of one database: ``with ImportLock(path).waiting(...)``."""

    def __init__(self, database: Path) -> None:
        self._database = database
        lock_file, self._note = _lock_paths(database)
        self._lock = FileLock(str(lock_file))
        self._held = False

    def acquire(
        self,
        wait_s: float = DEFAULT_WAIT_S,
        report: Report | None = None,
        cancelled: Cancelled | None = None,
    ) -> None:
        """Take the lock, waiting up to ``wait_s`` for another import to end (reporting who
        it waits for); raise ``DatabaseBusy`` after that, ``WaitCancelled`` on a cancel."""
        started = time.monotonic()
        while True:
            try:
                self._lock.acquire(timeout=POLL_S)
            except Timeout:
                waited = time.monotonic() - started
                if cancelled is not None and cancelled():
                    raise WaitCancelled from None
                holder = holder_of(self._database)
                if waited >= wait_s:
                    raise DatabaseBusy(
                        f"another import into {self._database.name} is still running "
                        f"({holder}); nothing was imported — try again when it has finished"
                    ) from None
                if report is not None:
                    report(f"Waiting for another import to finish ({holder}), {waited:.0f} s")
                continue
            except OSError as exc:  # a read-only folder: no lock file can be made
                raise DatabaseError(
                    f"cannot write beside {self._database} ({exc.strerror or exc}): the "
                    "database can be read but not changed here"
                ) from exc
            break
        self._held = True
        self._write_note()

    def release(self) -> None:
        """Give the lock back (and remove the note)."""
        if not self._held:
            return
        self._held = False
        with suppress(OSError):
            self._note.unlink(missing_ok=True)
        self._lock.release()

    def _write_note(self) -> None:
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": datetime.now().isoformat(timespec="seconds"),
            "command": " ".join([os.path.basename(sys.argv[0]), *sys.argv[1:]])[:200],
        }
        with suppress(OSError):  # the note only helps a waiting import say who it waits for
            self._note.write_text(json.dumps(info), encoding="utf-8")

    def __enter__(self) -> ImportLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def wait_for_write_lock(
    database: Path,
    wait_s: float = DEFAULT_WAIT_S,
    report: Report | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Wait until SQLite's write lock on ``database`` is free (another program may hold it),
    reporting the wait; raise ``DatabaseBusy`` after ``wait_s``. The lock is not kept: the
    import's own transaction takes it right after."""
    started = time.monotonic()
    while True:
        try:
            with closing(sqlite3.connect(database, timeout=POLL_S)) as probe:
                probe.execute("BEGIN IMMEDIATE")
                probe.rollback()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                return  # not a lock problem: the transaction itself will say what is wrong
        waited = time.monotonic() - started
        if cancelled is not None and cancelled():
            raise WaitCancelled
        if waited >= wait_s:
            raise DatabaseBusy(
                f"{database.name} has been locked by another program for {waited:.0f} s "
                "(a database tool, a backup?); nothing was imported — close it and try again"
            )
        if report is not None:
            report(f"Waiting for another program that is writing to the database, {waited:.0f} s")
        time.sleep(POLL_S)
