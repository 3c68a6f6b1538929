"""``medguide bench handout``: time a two-page handout and a ten-medicine handout to PDF."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the handout benchmark."""
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (median printed)")


def _median_ms(action: object, repeat: int) -> tuple[float, int]:
    times, pages = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        pages = action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), pages


def run(args: argparse.Namespace) -> int:
    """Import the starter library into a temporary database (unless --db) and time exports."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from medguide.core.model import Audience
    from medguide.handout.options import HandoutOptions
    from medguide.reading.glossary import Glossary
    from medguide.store.collection import open_collection
    from medguide.ui.printing import export_pdf

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="medguide-bench-") as tmp:
        collection = open_collection(Path(args.db) if args.db else Path(tmp) / "bench.sqlite")
        repo = collection.repository
        collection.ensure_library()
        drugs = repo.list_drugs()
        if len(drugs) < 10:
            print("need at least 10 drugs in the database", file=sys.stderr)
            return 1
        pages = [p for p in (repo.get_drug(d.slug) for d in drugs[:10]) if p is not None]
        glossary = Glossary.load()
        letterhead = repo.letterhead()
        out = Path(tmp) / "handout.pdf"
        options = HandoutOptions(audience=Audience.PATIENT)
        export_pdf(pages[:1], options, letterhead, out, glossary=glossary)  # warm-up (fonts)
        one_ms, one_pages = _median_ms(
            lambda: export_pdf(pages[:1], options, letterhead, out, glossary=glossary),
            args.repeat,
        )
        ten_ms, ten_pages = _median_ms(
            lambda: export_pdf(pages, options, letterhead, out, glossary=glossary), args.repeat
        )
        collection.close()
    print(
        f"handout, 1 medicine ({pages[0].name}, {one_pages} pages): {one_ms:7.1f} ms "
        "(target ≤ 300 ms for two pages)"
    )
    print(f"handout, 10 medicines ({ten_pages} pages):{'':>14}{ten_ms:7.1f} ms (target ≤ 2000 ms)")
    print(f"median of {args.repeat} runs each, compose + layout + PDF write, after one warm-up")
    del app
    return 0
