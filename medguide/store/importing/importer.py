"""Importing files and folders into the database: one transaction per batch.

``Importer.import_paths`` expands folders, hashes and parses every file first (files whose path
and hash match a stored source are not even parsed), then writes the whole batch in one
transaction with ``BatchWriter``. Rejected files are reported and the rest lands; a cancel,
checked between files and before the commit, leaves the database exactly as it was.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Generator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from functools import partial
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from medguide.content.format_record import SNIFF_BYTES, InputFormat
from medguide.content.formats import stream_formats
from medguide.core.files import read_regular
from medguide.core.model import Alias, ImportReport
from medguide.store.database import Database, explain
from medguide.store.gc_pause import cyclic_gc_paused
from medguide.store.importing.files import find_files, size_problem
from medguide.store.importing.merge import merge_same_substance
from medguide.store.importing.names import AliasTables
from medguide.store.importing.prepare import (
    ParseFn,
    PreparedFile,
    file_hash,
    prepare_file,
)
from medguide.store.importing.streams import StreamCancelled, import_stream
from medguide.store.importing.write import (
    SOURCES,
    AliasesFn,
    BatchWriter,
    WriteCancelled,
    WriteOutcome,
)
from medguide.store.locks import DEFAULT_WAIT_S, ImportLock, WaitCancelled, wait_for_write_lock

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

PARALLEL_MIN_FILES = 400
"""Below this many files to parse, worker processes cost more than they save."""


class ImportCancelled(Exception):
    """Raised inside the batch transaction to roll it back."""


def dictionary_aliases(names: Sequence[str]) -> Mapping[str, Sequence[Alias]]:
    """Brand names and synonyms of each name from the offline drug-name dictionary."""
    from medguide.content.drug_names import dictionary_aliases_many

    return dictionary_aliases_many(names)


def _start_warming() -> None:
    """Load the drug-name dictionary (about a second) in a thread while files are parsed."""
    threading.Thread(
        target=dictionary_aliases, args=(["aspirin"],), name="warm-dictionary", daemon=True
    ).start()


def _can_fork() -> bool:
    """Worker processes are forked only where fork exists and no Qt is loaded (forking a
    process with Qt's threads is unsafe); ``spawn`` would re-run ``__main__`` instead."""
    return "fork" in get_all_start_methods() and not any(
        name == "PySide6" or name.startswith("PySide6.") for name in sys.modules
    )


def _resolve_parse(parse: ParseFn | None) -> ParseFn:
    if parse is not None:
        return parse
    from medguide.content.load import parse_file

    return parse_file


class Importer:
    """Imports documents into one database.

    ``parse`` reads one file (default: the built-in readers); ``aliases`` looks names up in the
    drug-name dictionary; ``workers`` is the number of processes that parse and grade (None:
    one per CPU when the batch is large enough); ``tables`` are the brand and name-variant
    tables whose names are stored as aliases (default: the shipped files, read at the first
    import that writes something); ``lock_wait`` is how many seconds an import waits for
    another import, or another program writing to the database, before it gives up.
    """

    def __init__(
        self,
        db: Database,
        parse: ParseFn | None = None,
        aliases: AliasesFn | None = None,
        workers: int | None = None,
        tables: AliasTables | None = None,
        lock_wait: float = DEFAULT_WAIT_S,
    ) -> None:
        self._db = db
        self._lock_wait = lock_wait
        self._tables = tables
        self._parse = _resolve_parse(parse)
        self._aliases = aliases or dictionary_aliases
        self._workers = workers
        self.seconds: dict[str, float] = {}
        """Seconds per phase of the last import (read, parse, grade, aliases, write, index)."""

    def import_paths(
        self,
        paths: Sequence[Path],
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
    ) -> ImportReport:
        """Import files and folders as one batch; see the module docstring."""
        started = time.perf_counter()
        report_wait = _wait_reporter(progress)
        lock = ImportLock(self._db.path)
        try:
            lock.acquire(self._lock_wait, report_wait, cancel)
        except WaitCancelled:
            return ImportReport(cancelled=True)
        try:
            return self._import_locked(paths, progress, cancel, started)
        finally:
            lock.release()

    def _import_locked(
        self,
        paths: Sequence[Path],
        progress: ProgressFn | None,
        cancel: CancelFn | None,
        started: float,
    ) -> ImportReport:
        """``import_paths`` once the import lock is held."""
        found = find_files(list(paths))
        files = found.files
        report = ImportReport(rejected=list(found.problems), skipped=list(found.skipped))
        self.seconds = {}
        known = self._stored_hashes()
        to_parse: list[tuple[Path, str | None]] = []
        streams: list[tuple[Path, InputFormat]] = []
        total = len(files)
        done = 0
        for path in files:
            if cancel is not None and cancel():
                return self._cancelled(report)
            oversized = size_problem(path)
            if oversized is not None:  # refused before it is hashed or read
                report.rejected.append(oversized)
                done += 1
                continue
            stream_format = stream_format_of(path)
            if stream_format is not None:  # read record by record, inside the write below
                streams.append((path, stream_format))
                continue
            # Into an empty database nothing can be unchanged: the workers hash instead.
            digest = _try_hash(path) if known else None
            if digest is not None and known.get(str(path)) == digest:
                report.unchanged.append(str(path))
                done += 1
                if progress is not None:
                    progress(done, total, str(path))
            else:
                to_parse.append((path, digest))
        prepared: list[PreparedFile] = []
        with closing(self._prepare_all(to_parse)) as results:
            for item in results:
                prepared.append(item)
                for phase, seconds in item.seconds.items():
                    self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds
                done += 1
                if progress is not None:
                    progress(done, total, item.origin)
                if cancel is not None and cancel():
                    return self._cancelled(report)
        self.seconds["prepare (wall)"] = time.perf_counter() - started
        try:
            wait_for_write_lock(self._db.path, self._lock_wait, _wait_reporter(progress), cancel)
        except WaitCancelled:
            return self._cancelled(report)
        try:
            # hundreds of thousands of small row objects and no garbage cycles
            with cyclic_gc_paused(), self._db.engine.begin() as conn:
                tables = self._alias_tables(bool(prepared or streams))
                writer = BatchWriter(conn, self._aliases, tables=tables, cancel=cancel)
                outcome = writer.write(prepared)
                finished = total - len(streams)
                for path, stream_format in streams:
                    label_progress = _label_progress(progress, finished, total)
                    self._write_stream(
                        conn, writer, path, stream_format, outcome, report, label_progress, cancel
                    )
                    finished += 1
                    if progress is not None:
                        progress(finished, total, str(path))
                if outcome.imported or outcome.updated:
                    merged = merge_same_substance(conn, tables.variants.us_name)
                    self.seconds["merged drugs"] = float(len(merged))
                if cancel is not None and cancel():
                    raise ImportCancelled
        except (ImportCancelled, StreamCancelled, WriteCancelled):
            return self._cancelled(report)
        except (SQLAlchemyError, sqlite3.Error) as exc:  # disk full, read-only, locked …
            raise explain(exc, self._db.path) from exc
        self.seconds.update(outcome.seconds)
        report.imported.extend(outcome.imported)
        report.updated.extend(outcome.updated)
        report.unchanged.extend(outcome.unchanged)
        for rejected in outcome.rejected:
            # a README, LICENSE or note found beside the pages is left out, not a failure
            walked = rejected.origin in found.walked
            (report.skipped if walked and rejected.not_a_page else report.rejected).append(rejected)
        self.seconds["total"] = time.perf_counter() - started
        return report

    def _write_stream(
        self,
        conn: Connection,
        writer: BatchWriter,
        path: Path,
        stream_format: InputFormat,
        outcome: WriteOutcome,
        report: ImportReport,
        progress: Callable[[str], None] | None,
        cancel: CancelFn | None,
    ) -> int:
        """Write one stream file's documents into the batch; returns how many it held."""
        started = time.perf_counter()
        result = import_stream(conn, writer, path, stream_format, progress, cancel)
        if result.unchanged_file:
            report.unchanged.append(str(path))
        outcome.absorb(result.outcome)
        key = "labels (stream read + write)"
        self.seconds[key] = self.seconds.get(key, 0.0) + time.perf_counter() - started
        self.seconds["labels"] = self.seconds.get("labels", 0.0) + result.documents
        return result.documents

    def _alias_tables(self, needed: bool) -> AliasTables:
        """The brand and variant tables; the shipped files are read only when needed."""
        if self._tables is None:
            if not needed:
                return AliasTables.empty()
            started = time.perf_counter()
            self._tables = AliasTables.shipped()
            self.seconds["tables"] = time.perf_counter() - started
        return self._tables

    def _stored_hashes(self) -> dict[str, str]:
        with self._db.engine.connect() as conn:
            return {
                origin: digest
                for origin, digest in conn.execute(select(SOURCES.c.origin, SOURCES.c.content_hash))
            }

    def _worker_count(self, files: int) -> int:
        if self._workers is not None:
            return max(1, self._workers)
        if files < PARALLEL_MIN_FILES or not _can_fork():
            return 1
        return max(1, min(os.cpu_count() or 1, 8))

    def _prepare_all(
        self, items: Sequence[tuple[Path, str | None]]
    ) -> Generator[PreparedFile, None, None]:
        """Prepared files in input order, from worker processes when that pays off."""
        workers = self._worker_count(len(items))
        self.seconds["workers"] = float(workers)
        warm = self._aliases is dictionary_aliases and len(items) >= PARALLEL_MIN_FILES
        if workers == 1:
            if warm:
                _start_warming()
            for path, digest in items:
                yield prepare_file(path, self._parse, digest)
            return
        context = get_context("fork" if _can_fork() else "spawn")
        pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
        )
        try:
            paths = [path for path, _ in items]
            digests = [digest for _, digest in items]
            chunk = max(1, min(64, len(items) // (workers * 8) or 1))
            results = pool.map(partial(_prepare_one, self._parse), paths, digests, chunksize=chunk)
            if warm:  # only now: the workers are forked before any extra thread exists
                _start_warming()
            yield from results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _cancelled(report: ImportReport) -> ImportReport:
        return ImportReport(rejected=report.rejected, skipped=report.skipped, cancelled=True)


def _wait_reporter(progress: ProgressFn | None) -> Callable[[str], None] | None:
    """Progress of a wait for another writer: no count, only what is awaited."""
    if progress is None:
        return None
    return lambda label: progress(0, 0, label)


def _label_progress(
    progress: ProgressFn | None, done: int, total: int
) -> Callable[[str], None] | None:
    """Progress of a stream file as the batch's progress: the file count stays, the label
    says how far into the file the reading is."""
    if progress is None:
        return None
    return lambda label: progress(done, total, label)


def stream_format_of(path: Path) -> InputFormat | None:
    """The stream format of a file, judged from its first bytes; only files whose name a
    stream format takes are opened for this (text pages are never sniffed)."""
    suffix = path.suffix.lower()
    candidates = [f for f in stream_formats() if suffix in f.suffixes]
    if not candidates:
        return None
    try:
        head = read_regular(path, SNIFF_BYTES)
    except OSError:
        return None
    return next((f for f in candidates if f.sniff is not None and f.sniff(head)), None)


def die_with_parent(parent: int) -> None:
    """In a worker process: end when the importing process ends, however it ends (``kill
    -9`` included), instead of parsing on for nobody. On Linux the kernel sends SIGTERM when
    the parent dies (``PR_SET_PDEATHSIG``); elsewhere a small thread watches the parent.
    Ctrl+C is left to the parent, which cancels the import and ends the workers (a worker
    would otherwise print its own traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


_PR_SET_PDEATHSIG = 1


def _prepare_one(parse: ParseFn, path: Path, digest: str | None) -> PreparedFile:
    return prepare_file(path, parse, digest)


def _try_hash(path: Path) -> str | None:
    try:
        return file_hash(path)
    except OSError:
        return None
