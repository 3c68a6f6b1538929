"""Importing files and folders into the database: one transaction per batch.

``Importer.import_paths`` expands folders, hashes and parses every file first (files whose path
and hash match a stored source are not even parsed), then writes the whole batch in one
transaction with ``BatchWriter``. Rejected files are reported and the rest lands; a cancel,
checked between files and before the commit, leaves the database exactly as it was.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Generator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from functools import partial
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from sqlalchemy import select

from medguide.core.model import Alias, ImportReport
from medguide.store.database import Database
from medguide.store.gc_pause import cyclic_gc_paused
from medguide.store.importing.files import find_files, size_problem
from medguide.store.importing.names import AliasTables
from medguide.store.importing.prepare import (
    ParseFn,
    PreparedFile,
    file_hash,
    prepare_file,
)
from medguide.store.importing.write import SOURCES, AliasesFn, BatchWriter

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
    import that writes something).
    """

    def __init__(
        self,
        db: Database,
        parse: ParseFn | None = None,
        aliases: AliasesFn | None = None,
        workers: int | None = None,
        tables: AliasTables | None = None,
    ) -> None:
        self._db = db
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
        found = find_files(list(paths))
        files = found.files
        report = ImportReport(rejected=list(found.problems), skipped=list(found.skipped))
        self.seconds = {}
        known = self._stored_hashes()
        to_parse: list[tuple[Path, str | None]] = []
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
            # hundreds of thousands of small row objects and no garbage cycles
            with cyclic_gc_paused(), self._db.engine.begin() as conn:
                writer = BatchWriter(conn, self._aliases, tables=self._alias_tables(prepared))
                outcome = writer.write(prepared)
                if cancel is not None and cancel():
                    raise ImportCancelled
        except ImportCancelled:
            return self._cancelled(report)
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

    def _alias_tables(self, prepared: Sequence[PreparedFile]) -> AliasTables:
        """The brand and variant tables; the shipped files are read only when needed."""
        if self._tables is None:
            if not prepared:
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
        pool = ProcessPoolExecutor(workers, mp_context=context)
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


def _prepare_one(parse: ParseFn, path: Path, digest: str | None) -> PreparedFile:
    return prepare_file(path, parse, digest)


def _try_hash(path: Path) -> str | None:
    try:
        return file_hash(path)
    except OSError:
        return None
