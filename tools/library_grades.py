"""Print the reading grade of every patient section of library pages (dev-only).

For writers of ``resources/library/``: each patient section's Flesch-Kincaid grade by the app's
meter and by the independent count the tests use (textstat 0.7.8, a test extra), the words per
section, and the longest sentences of any section above the limit, so a writer sees what to
shorten. Usage::

    .venv/bin/python tools/library_grades.py metoprolol losartan      # some drugs
    .venv/bin/python tools/library_grades.py --all                     # the whole library
    .venv/bin/python tools/library_grades.py --es metoprolol           # Spanish pages
                                                                       # (Fernández-Huerta)
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from medguide.core.text import markdown_to_plain
from medguide.reading.grade import grade_of_markdown, sentences_of
from medguide.reading.spanish_grade import fernandez_huerta_of_markdown
from tests.library.pages import DRUGS, LIBRARY, read_page
from tests.library.readability import independent_grade
from tests.library.test_library_spanish import _independent_ease

LIMIT = 8.0


def report(slug: str, grades: list[float]) -> None:
    """Print one drug's patient sections with both grades; collect the app grades."""
    page = read_page(slug, "patient")
    print(f"{slug}")
    for name, section in page.sections.items():
        ours = grade_of_markdown(section.text) or 0.0
        theirs = independent_grade(section.text)
        grades.append(ours)
        flag = "  << above 8" if max(ours, theirs) > LIMIT else ""
        words = len(section.body.split())
        print(f"  {name:<14} app {ours:4.1f}  independent {theirs:4.1f}  {words:4d} words{flag}")
        if flag:
            longest = sorted(sentences_of(markdown_to_plain(section.body)), key=len)[-3:]
            for sentence in reversed(longest):
                print(f"      long: {sentence[:110]}")


SPANISH_FLOOR = 60.0


def report_spanish(slug: str, eases: list[float]) -> None:
    """Print one drug's Spanish sections with both Fernández-Huerta indexes (higher = easier)."""
    page = read_page(slug, "patient.es")
    print(f"{slug} (Spanish, Fernández-Huerta: at least 60, aim for 70-80)")
    for name, section in page.sections.items():
        ours = fernandez_huerta_of_markdown(section.text) or 0.0
        theirs = _independent_ease(section.text)
        eases.append(ours)
        flag = "  << below 60" if min(ours, theirs) < SPANISH_FLOOR else ""
        words = len(section.body.split())
        print(f"  {name:<20} app {ours:5.1f}  independent {theirs:5.1f}  {words:4d} words{flag}")


def main() -> int:
    """Parse the drug names and print the report with the median at the end."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--all", action="store_true", help="every drug of the library")
    parser.add_argument("--es", action="store_true", help="the Spanish patient pages")
    args = parser.parse_args()
    if args.es:
        spanish = sorted(p.parent.name for p in LIBRARY.glob("*/patient.es.md"))
        eases: list[float] = []
        for slug in spanish if args.all else args.slugs:
            report_spanish(slug, eases)
        if eases:
            print(f"median {statistics.median(eases):.1f} over {len(eases)} sections")
        return 0
    grades: list[float] = []
    for slug in DRUGS if args.all else args.slugs:
        report(slug, grades)
    if grades:
        print(f"median {statistics.median(grades):.1f} over {len(grades)} sections")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
