"""``medguide bench ui``: launch-to-usable-window time and drug-opening time, in figures.

Launch is measured in fresh processes (offscreen Qt), from the first line of the process to a
shown window whose list is filled and whose search field has the cursor; the same is measured
for a bare PySide6 ``QMainWindow`` as the floor of this machine. Opening a drug (repository
read, markdown rendering of the shown tab, paint) and switching the audience are measured in
this process over a spread of drugs. Without ``--db`` (or ``MEDGUIDE_DB``) a temporary
database is built from ``--corpus`` (default: ``../shared/corpora/rxhive``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_CHILD = "medguide.bench.bare_window_child"
APP_CHILD = "medguide.bench.app_launch_child"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the UI benchmark."""
    parser.add_argument(
        "--db", metavar="PATH", help="database to measure (default: a temporary one)"
    )
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        help="folder to import into a temporary database when no --db is given",
    )
    parser.add_argument("--runs", type=int, default=5, help="launches to time (median shown)")
    parser.add_argument("--opens", type=int, default=60, help="drugs to open")


def run(args: argparse.Namespace) -> int:
    """Print launch and opening figures; returns 0, or 1 when there is nothing to measure."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from medguide.bench.shared_data import rxhive_corpus
    from medguide.core.paths import database_path

    with tempfile.TemporaryDirectory(prefix="medguide-bench-ui-") as tmp:
        explicit = args.db or os.environ.get("MEDGUIDE_DB")
        db_path = database_path(explicit) if explicit else Path(tmp) / "bench.sqlite"
        corpus = Path(args.corpus) if args.corpus else rxhive_corpus()
        count = _ensure_content(db_path, corpus)
        if count == 0:
            print(f"bench ui: {db_path} holds no drugs and {corpus} could not be imported")
            return 1
        print(f"database: {db_path} ({count} drugs)")
        settings = Path(tmp) / "settings.ini"
        bare = [_child(BARE_CHILD, [])[0] for _ in range(max(1, args.runs))]
        launches = [_child(APP_CHILD, [str(db_path), str(settings)]) for _ in range(args.runs)]
        app_ms = [ms for ms, _rows, _searched in launches]
        search_ms = [searched for _ms, _rows, searched in launches]
        print(
            f"bare PySide6 QMainWindow, process start to painted window: "
            f"median {statistics.median(bare):.0f} ms (min {min(bare):.0f}, n={len(bare)})"
        )
        print(
            f"MedGuide launch to usable window ({launches[0][1]} drugs listed): "
            f"median {statistics.median(app_ms):.0f} ms (min {min(app_ms):.0f}, "
            f"max {max(app_ms):.0f}, n={len(app_ms)})   target <= 1500 ms"
        )
        print(
            f"MedGuide launch to first search answered (engine built off the UI thread): "
            f"median {statistics.median(search_ms):.0f} ms (min {min(search_ms):.0f})"
        )
        _measure_opening(db_path, Path(tmp) / "settings-open.ini", args.opens)
    return 0


def _ensure_content(db_path: Path, corpus: Path) -> int:
    """Import ``corpus`` (and the built-in library) into an empty database; the drug count."""
    from medguide.store.collection import open_collection

    with open_collection(db_path) as collection:
        if collection.repository.is_empty() and corpus.is_dir():
            started = time.perf_counter()
            report = collection.import_paths([corpus])
            collection.ensure_library()
            print(
                f"imported {len(report.imported)} files from {corpus} in "
                f"{time.perf_counter() - started:.1f} s ({len(report.rejected)} rejected)"
            )
        return collection.repository.drug_count()


def _child(module: str, argv: list[str]) -> tuple[float, int, float]:
    """Run a child module in a fresh offscreen process; its last line's figures."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", module, *argv],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    fields = [*done.stdout.strip().splitlines()[-1].split(), "0", "0"]
    return float(fields[0]), int(fields[1]), float(fields[2])


def _measure_opening(db_path: Path, settings: Path, opens: int) -> None:
    from PySide6.QtWidgets import QApplication

    from medguide.app import build_app
    from medguide.core.model import Audience, Persona

    context = build_app(db_path, settings)
    context.settings.persona = Persona.PATIENT
    window = context.window
    app = QApplication.instance()
    assert app is not None
    window.resize(1100, 720)
    window.show()
    window.start(ask_persona=False)
    app.processEvents()
    window.wait_for_background()  # a person reads the list for a moment before opening
    app.processEvents()
    drugs = context.collection.repository.list_drugs()
    step = max(1, len(drugs) // max(1, opens))
    sample = [d.slug for d in drugs[::step]][:opens]
    open_ms: list[float] = []
    switch_ms: list[float] = []
    for slug in sample:
        started = time.perf_counter()
        window.open_drug(slug)
        app.processEvents()
        window.repaint()
        open_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        window.set_audience(Audience.PROFESSIONAL)
        app.processEvents()
        window.set_audience(Audience.PATIENT)
        app.processEvents()
        switch_ms.append((time.perf_counter() - started) * 1000 / 2)
    context.close()
    if not open_ms:
        return
    ordered = sorted(open_ms)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(
        f"open a drug (read + render shown tab + paint), n={len(open_ms)}: "
        f"first after start-up {open_ms[0]:.1f} ms, median {statistics.median(open_ms):.1f} ms, "
        f"p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms   target <= 100 ms"
    )
    print(
        f"switch Patient <-> Professional (render + paint): median "
        f"{statistics.median(switch_ms):.1f} ms, max {max(switch_ms):.1f} ms"
    )
