"""``medguide bench search``: search quality (hit@1, hit@10) and latency per query kind.

With ``--queries FILE`` (TSV: kind, query, expected slug) it searches a real database: ``--db``
or a temporary file, importing ``--corpus`` first when the database is empty. Queries whose
expected drug is not in the database are counted and left out. Whole questions are made from
the exact and misspelled names with a few templates, so their latency is measured too.

With ``--synthetic N`` it builds a temporary database of N fake drugs and measures the same
figures on queries drawn from it. Start-up time (loading the names) is printed in both modes.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from medguide.bench.shared_data import rxhive_corpus

_QUESTION_TEMPLATES = (
    "how does {} interact with sleeping pills",
    "what are the side effects of {}?",
    "can I drink alcohol while I am taking {}",
    "is it safe to take {} when pregnant?",
    "what is {} used for and how should I take it",
)
_QUESTION_EVERY = 3
_KIND_ORDER = ("exact", "prefix", "brand", "misspelling", "question")


@dataclass
class KindStats:
    """Hits and latencies of one query kind."""

    total: int = 0
    hit1: int = 0
    hit10: int = 0
    times_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    misses: list[tuple[str, str]] = field(default_factory=list)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the search benchmark."""
    parser.add_argument("--db", metavar="PATH", help="database to search (default: a temp file)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--queries", type=Path, help="TSV of kind, query, expected slug")
    source.add_argument(
        "--synthetic", type=int, metavar="N", help="build a temporary database of N fake drugs"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=rxhive_corpus(),
        help="folder imported first when the database is empty",
    )
    parser.add_argument("--sample", type=int, default=1000, help="synthetic queries per kind")
    parser.add_argument("--show-misses", type=int, default=0, metavar="K", help="list K misses")


def read_queries(path: Path) -> list[tuple[str, str, str]]:
    """``(kind, query, expected)`` rows of a queries TSV with a header line."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [(r[0], r[1], r[2]) for r in rows[1:] if len(r) >= 3]


def with_questions(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The rows plus whole questions built from every third exact or misspelled name."""
    out = list(rows)
    names = [r for r in rows if r[0] in ("exact", "misspelling")]
    for n, (_kind, query, expected) in enumerate(names[::_QUESTION_EVERY]):
        template = _QUESTION_TEMPLATES[n % len(_QUESTION_TEMPLATES)]
        out.append(("question", template.format(query), expected))
    return out


def measure(engine: object, rows: Sequence[tuple[str, str, str]]) -> dict[str, KindStats]:
    """Run every query once (after a short warm-up) and collect hits and times per kind."""
    from medguide.store.search.engine import SearchEngine

    assert isinstance(engine, SearchEngine)
    for _kind, query, _expected in rows[:50]:
        engine.search(query, limit=10)
    stats: dict[str, KindStats] = defaultdict(KindStats)
    for kind, query, expected in rows:
        start, cpu = time.perf_counter(), time.thread_time()
        response = engine.search(query, limit=10)
        elapsed = (time.perf_counter() - start) * 1000.0
        cpu_used = (time.thread_time() - cpu) * 1000.0
        slugs = [h.slug for h in response.hits]
        s = stats[kind]
        s.total += 1
        s.times_ms.append(elapsed)
        s.cpu_ms.append(cpu_used)
        s.hit1 += bool(slugs[:1] == [expected])
        if expected in slugs[:10]:
            s.hit10 += 1
        else:
            s.misses.append((query, expected))
    return stats


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def print_table(stats: dict[str, KindStats], show_misses: int) -> None:
    """One line per kind: count, hit@1, hit@10, latency p50/p95/max in ms.

    Latency is wall-clock time; the last column is the p95 of the CPU time of the searching
    thread, which other programs on a busy machine do not inflate.
    """
    header = ("kind", "n", "hit@1", "hit@10", "p50 ms", "p95 ms", "max ms", "cpu p95")
    print(f"{header[0]:<12} {header[1]:>5} " + " ".join(f"{h:>7}" for h in header[2:]))
    kinds = [k for k in _KIND_ORDER if k in stats] + sorted(set(stats) - set(_KIND_ORDER))
    for kind in kinds:
        s = stats[kind]
        hit1, hit10 = 100 * s.hit1 / s.total, 100 * s.hit10 / s.total
        print(
            f"{kind:<12} {s.total:>5} {hit1:>6.1f}% {hit10:>6.1f}%"
            f" {statistics.median(s.times_ms):>7.2f} {_percentile(s.times_ms, 0.95):>7.2f}"
            f" {max(s.times_ms):>7.2f} {_percentile(s.cpu_ms, 0.95):>7.2f}"
        )
    for kind in kinds:
        for query, expected in stats[kind].misses[:show_misses]:
            print(f"  miss [{kind}] {query!r} → expected {expected}")


def _drug_slugs(db: object) -> set[str]:
    from sqlalchemy import Engine, text

    engine = getattr(db, "engine", None)
    assert isinstance(engine, Engine)
    with engine.connect() as conn:
        return {str(r[0]) for r in conn.execute(text("SELECT slug FROM drugs"))}


def _run_queries(args: argparse.Namespace, tmp: Path) -> int:
    from medguide.store.collection import open_collection

    with open_collection(Path(args.db) if args.db else tmp / "bench.sqlite") as collection:
        slugs = _drug_slugs(collection.db)
        if not slugs:
            if not args.corpus.is_dir():
                print(f"database is empty and no corpus at {args.corpus}", file=sys.stderr)
                return 1
            start = time.perf_counter()
            report = collection.import_paths([args.corpus])
            print(
                f"imported {len(report.imported)} files from {args.corpus} "
                f"in {time.perf_counter() - start:.1f} s ({len(report.rejected)} rejected)"
            )
            slugs = _drug_slugs(collection.db)
        rows = read_queries(args.queries)
        kept = [r for r in rows if r[2] in slugs]
        print(f"{len(slugs)} drugs; {len(kept)} of {len(rows)} queries have their drug here")
        start, cpu = time.perf_counter(), time.thread_time()
        engine = collection.search  # built here, on first use: this is the start-up cost
        _print_startup(engine, (time.perf_counter() - start) * 1000.0, time.thread_time() - cpu)
        print_table(measure(engine, with_questions(kept)), args.show_misses)
    return 0


def _run_synthetic(args: argparse.Namespace, tmp: Path) -> int:
    """The search engine alone over a synthetic file of ``args.synthetic`` drugs.

    The one place outside the store that builds a ``SearchEngine`` itself: the synthetic file
    holds only the tables search reads (no migrations, no library), so there is no collection
    to open; the benchmark measures the engine, nothing else.
    """
    from sqlalchemy import create_engine

    from medguide.bench.search_synthetic import build_synthetic, synthetic_queries
    from medguide.store.search.engine import SearchEngine

    path = tmp / "synthetic.sqlite"
    start = time.perf_counter()
    drugs = build_synthetic(path, args.synthetic)
    print(f"built {len(drugs)} synthetic drugs in {time.perf_counter() - start:.1f} s")

    class _Db:
        engine = create_engine(f"sqlite:///{path}")

    start, cpu = time.perf_counter(), time.thread_time()
    engine = SearchEngine(_Db())
    _print_startup(engine, (time.perf_counter() - start) * 1000.0, time.thread_time() - cpu)
    print_table(measure(engine, synthetic_queries(drugs, args.sample)), args.show_misses)
    engine.close()
    _Db.engine.dispose()
    return 0


def _print_startup(engine: object, construct_ms: float, construct_cpu_s: float) -> None:
    """Start-up: the whole construction once, then the median of five ``reload()`` calls."""
    from medguide.store.search.engine import SearchEngine

    assert isinstance(engine, SearchEngine)
    loads = []
    for _ in range(5):
        engine.reload()
        loads.append(engine.load_ms)
    print(
        f"start-up: SearchEngine() {construct_ms:.0f} ms, CPU {construct_cpu_s * 1000:.0f} ms "
        "(data files + names); "
        f"reload() of {engine.name_count} names: median {statistics.median(loads):.0f} ms"
    )


def run(args: argparse.Namespace) -> int:
    """Print start-up time, then hit@1/hit@10 and latency per query kind."""
    if args.queries is None and args.synthetic is None:
        print("give --queries FILE or --synthetic N", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="medguide-search-bench-") as tmp:
        if args.synthetic is not None:
            return _run_synthetic(args, Path(tmp))
        return _run_queries(args, Path(tmp))
