"""``medguide --self-test``: the installed app checks itself headless and offline.

Steps: open a fresh database, load the built-in library, import a small RxHive-format page,
search (name, brand, misspelling, words), switch the audience of a section, export a handout
PDF. Every step prints a line; the exit code is the number of failed steps (0 = all passed).
Network access is refused for the whole run (``medguide.core.offline``), so a step that
tried to go online fails.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from medguide.core.model import Audience, SectionKind
from medguide.core.offline import network_refused

_SAMPLE_PAGE = """---
layout: minimal-medicine
title: Selftestamine
---

# Selftestamine

**Usage:** Selftestamine is a made-up medicine that exists only to check an installation.

**Side Effects:** It has none, because nobody can take it.

**How it Works:** It works by being imported into the database.

**FAQs:**

* **Q: Is this a real drug?** A: No. It is test data written for MedGuide.
"""


def _step(name: str, action: Callable[[], str]) -> bool:
    start = time.perf_counter()
    try:
        detail = action()
    except Exception as exc:  # a self-test reports every failure and goes on
        print(f"FAIL  {name}: {type(exc).__name__}: {exc}")
        return False
    print(f"ok    {name} ({(time.perf_counter() - start) * 1000:.0f} ms) {detail}")
    return True


def run() -> int:
    """Run every step on a new temporary database (never the user's, so ``--db`` is not
    used: a self-test must not leave test data behind); return the number of failures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from medguide.store.collection import open_collection

    failures = 0
    with tempfile.TemporaryDirectory(prefix="medguide-selftest-") as tmp, network_refused():
        work = Path(tmp)
        collection = open_collection(work / "selftest.sqlite")
        repo = collection.repository
        state: dict[str, object] = {}

        def load_library() -> str:
            report = collection.load_library()
            if report.rejected:
                raise AssertionError(f"library pages rejected: {report.rejected[0]}")
            count = repo.drug_count()
            if count < 20:
                raise AssertionError(f"only {count} drugs in the built-in library")
            return f"{count} drugs"

        def import_page() -> str:
            page = work / "selftestamine.md"
            page.write_text(_SAMPLE_PAGE, encoding="utf-8")
            report = collection.import_paths([page])
            if report.rejected or repo.resolve("Selftestamine") is None:
                raise AssertionError(f"sample page not imported: {report.rejected}")
            return "sample page imported"

        def search() -> str:
            engine = collection.search
            checks = {
                "romiplostim": "romiplostim",
                "Nplate": "romiplostim",
                "romiplastin": "romiplostim",
                "Tylenol": "acetaminophen",
                "selftestamine": "selftestamine",
            }
            for query, expected in checks.items():
                hits = engine.search(query).hits
                if not hits or hits[0].slug != expected:
                    got = hits[0].slug if hits else "nothing"
                    raise AssertionError(f"search {query!r} found {got}, expected {expected}")
            words = engine.search("low platelets").hits
            if not words:
                raise AssertionError("search for words from the text found nothing")
            return f"{len(checks) + 1} queries"

        def switch_audience() -> str:
            from medguide.reading.audience import choose_section

            slug = repo.resolve("romiplostim")
            page = repo.get_drug(slug) if slug else None
            if page is None:
                raise AssertionError("romiplostim not in the database")
            patient = choose_section(page, SectionKind.USAGE, Audience.PATIENT)
            professional = choose_section(page, SectionKind.USAGE, Audience.PROFESSIONAL)
            if patient.text is None or professional.text is None:
                raise AssertionError("usage text missing for an audience")
            if patient.text.markdown == professional.text.markdown:
                raise AssertionError("patient and professional text are the same")
            state["page"] = page
            return "patient and professional usage differ"

        def export_handout() -> str:
            from PySide6.QtGui import QGuiApplication

            from medguide.handout.options import HandoutOptions
            from medguide.ui.printing import export_pdf

            app = QGuiApplication.instance() or QGuiApplication([])
            out = work / "handout.pdf"
            pages = export_pdf(
                [state["page"]],  # type: ignore[list-item]
                HandoutOptions(audience=Audience.PATIENT),
                repo.letterhead(),
                out,
            )
            data = out.read_bytes()
            if not data.startswith(b"%PDF") or pages < 1:
                raise AssertionError("the handout PDF is empty or not a PDF")
            del app
            return f"{pages} page(s), {len(data) // 1024} KiB"

        for name, action in (
            ("load the built-in library", load_library),
            ("import a page", import_page),
            ("search", search),
            ("switch audience", switch_audience),
            ("export a handout PDF", export_handout),
        ):
            failures += not _step(name, action)
        collection.close()
    print("self-test passed" if failures == 0 else f"self-test: {failures} step(s) failed")
    return failures
