"""``medguide bench import PATH… [--db FILE] [--workers N] [--reimport]``: import speed.

Imports the paths into a fresh temporary database (or ``--db``) and prints the number of files,
files per second, the wall time, the seconds of each phase (read + repair, detect + parse,
grade, aliases, write, index) and the peak memory. With worker processes the parsing phases are
summed over the workers, so they can add up to more than the wall time. ``--reimport`` imports
the same paths a second time and prints how long finding them all unchanged takes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

# (label, key in Importer.seconds)
_PHASES = (
    ("read + repair", "read"),
    ("detect + parse", "parse"),
    ("grade", "grade"),
    ("aliases", "aliases"),
    ("write", "write"),
    ("index", "index"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the import benchmark."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--db", default=None, help="database file (default: a fresh temp file)")
    parser.add_argument("--workers", type=int, default=None, help="parse processes (default: auto)")
    parser.add_argument("--reimport", action="store_true", help="time a second, unchanged import")


def _peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / scale / 1024
    return own, children


def _measure(db_path: Path, args: argparse.Namespace) -> int:
    from medguide.store.collection import open_collection

    opened = time.perf_counter()
    collection = open_collection(db_path)
    open_seconds = time.perf_counter() - opened
    with collection:
        importer = collection.importer(workers=args.workers)
        report = importer.import_paths(args.paths)
        seconds = dict(importer.seconds)
        files = len(report.imported) + len(report.updated) + len(report.unchanged)
        files += len(report.rejected)
        total = seconds.get("total", 0.0)
        print(f"database:     {db_path}")
        print(
            f"files:        {files} ({len(report.imported)} imported, "
            f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
            f"{len(report.rejected)} rejected)"
        )
        print(f"workers:      {int(seconds.get('workers', 1))}")
        print(f"open db:      {open_seconds:.2f} s")
        print(f"total:        {total:.2f} s wall")
        print(f"files/s:      {files / total:.0f}" if total else "files/s:      -")
        print(
            f"prepare wall: {seconds.get('prepare (wall)', 0.0):.2f} s "
            "(hash + read + parse + grade, all workers)"
        )
        for label, key in _PHASES:
            print(f"  {label:<14} {seconds.get(key, 0.0):6.2f} s")
        own, children = _peak_mb()
        print(f"peak memory:  {own:.0f} MB (main process), {children:.0f} MB (largest worker)")
        if args.reimport:
            again = collection.importer(workers=args.workers)
            start = time.perf_counter()
            second = again.import_paths(args.paths)
            print(
                f"re-import:    {time.perf_counter() - start:.2f} s "
                f"({len(second.unchanged)} unchanged, {len(second.updated)} updated)"
            )
    return 0 if files else 1


def run(args: argparse.Namespace) -> int:
    """Import and print the figures."""
    if args.db:
        return _measure(Path(args.db), args)
    with tempfile.TemporaryDirectory(prefix="medguide-bench-") as folder:
        return _measure(Path(folder) / "medguide.sqlite", args)
