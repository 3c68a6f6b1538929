"""``medguide import PATH…``: import files and folders into the database.

A tqdm progress bar goes to stderr; the counts, every rejection reason and the skipped files go
to stdout. Exit code 0 when nothing was rejected (files skipped on purpose, such as a README
beside the pages, are no failure), 1 when something was (the rest still landed), 2 when the
database cannot be opened or written, 3 when another import or program kept it busy for longer
than ``--wait`` seconds (nothing was written), 130 after Ctrl+C (nothing was written).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from medguide.cli.database_arg import DATABASE_ERROR_EXIT, open_collection_for
from medguide.cli.terminal import one_line
from medguide.core.model import ImportReport
from medguide.store.locks import DEFAULT_WAIT_S


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the import command."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes that parse and grade (default: one per CPU for large batches)",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=None,
        metavar="SECONDS",
        help="how long to wait for another import or program writing to the database "
        f"(default: {DEFAULT_WAIT_S:.0f})",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--verbose", action="store_true", help="list every skipped file")


WAIT_REPORT_EVERY_S = 5.0
"""How often a wait for another writer is reported on stderr."""


class _ProgressBar:
    """Feeds ``Importer`` progress calls to a tqdm bar created on the first call; a wait for
    another writer (a call without a total) is a line on stderr, every few seconds."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._bar: Any = None
        self._last_wait: float | None = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if total == 0:
            self._report_wait(label)
            return
        if not self._enabled:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="file", file=sys.stderr, desc="Importing")
        self._bar.update(done - self._bar.n)

    def _report_wait(self, label: str) -> None:
        now = time.monotonic()
        if self._last_wait is None or now - self._last_wait >= WAIT_REPORT_EVERY_S:
            self._last_wait = now
            print(f"medguide import: {label}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


SKIPPED_LISTED = 10
"""Skipped files listed without ``--verbose``."""


def print_report(report: ImportReport, verbose: bool = False) -> None:
    """The counts, then one line per rejected file with its reason, then the skipped files
    (the first ten, or all with ``verbose``)."""
    print(f"imported:  {len(report.imported)}")
    print(f"updated:   {len(report.updated)}")
    print(f"unchanged: {len(report.unchanged)}")
    print(f"rejected:  {len(report.rejected)}")
    print(f"skipped:   {len(report.skipped)}")
    for rejected in report.rejected:
        print(f"  rejected {one_line(rejected.origin)}: {one_line(rejected.reason)}")
    shown = report.skipped if verbose else report.skipped[:SKIPPED_LISTED]
    for skipped in shown:
        print(f"  skipped {one_line(skipped.origin)}: {one_line(skipped.reason)}")
    if len(shown) < len(report.skipped):
        print(f"  … and {len(report.skipped) - len(shown)} more skipped (--verbose lists them)")
    if report.cancelled:
        print("cancelled: nothing was written")


def run(args: argparse.Namespace) -> int:
    """Import the paths and print the report."""
    collection = open_collection_for(args, "import", load_library=False)
    if collection is None:
        return DATABASE_ERROR_EXIT
    bar = _ProgressBar(enabled=not args.no_progress)
    try:
        report = collection.import_paths(
            args.paths, progress=bar, workers=args.workers, lock_wait=args.wait
        )
    finally:
        bar.close()
        collection.close()
    print_report(report, verbose=args.verbose)
    return 0 if report.ok else 1
