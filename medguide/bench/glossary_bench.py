"""``medguide bench glossary``: the share of hard-word occurrences the glossary explains.

An occurrence counts as explained when the glossary matches it in the page text (as
``Glossary.find_terms`` does for the patient view), alone or inside a longer term. The hard-word
definition is printed with the figure (see ``medguide.reading.hard_words``).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from medguide.bench.shared_data import rxhive_corpus
from medguide.reading.glossary import Glossary
from medguide.reading.hard_words import DEFINITION, WORD, load_hard_words, page_plain_text

DEFAULT_CORPUS = rxhive_corpus()


@dataclass
class Coverage:
    """Hard-word occurrences in a corpus and how many of them the glossary explains."""

    pages: int = 0
    hard: int = 0
    explained: int = 0
    missed: Counter[str] = field(default_factory=Counter)

    @property
    def share(self) -> float:
        """Explained share of hard-word occurrences (0..1; 1 when there are none)."""
        return self.explained / self.hard if self.hard else 1.0


def measure_text(
    plain: str, glossary: Glossary, hard_words: frozenset[str], into: Coverage
) -> None:
    """Add one plain text's hard-word occurrences (and those explained) to ``into``."""
    for line in plain.splitlines():
        spans = [(m.start, m.end) for m in glossary.find_terms(line)]
        for word in WORD.finditer(line):
            key = word.group(0).lower().replace("’", "'")
            if key not in hard_words:
                continue
            into.hard += 1
            if any(s <= word.start() and word.end() <= e for s, e in spans):
                into.explained += 1
            else:
                into.missed[key] += 1


def measure_corpus(corpus: Path, glossary: Glossary, hard_words: frozenset[str]) -> Coverage:
    """Coverage over every ``*.md`` page below ``corpus``."""
    coverage = Coverage()
    for page in sorted(corpus.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        measure_text(page_plain_text(text), glossary, hard_words, coverage)
        coverage.pages += 1
    return coverage


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``medguide bench glossary``."""
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of markdown pages"
    )
    parser.add_argument("--missed", type=int, default=15, help="show the N most missed words")


def run(args: argparse.Namespace) -> int:
    """Print the coverage figure; exit 2 when the corpus folder does not exist."""
    corpus: Path = args.corpus
    if not corpus.is_dir():
        print(f"corpus folder not found: {corpus}")
        return 2
    started = time.perf_counter()
    glossary = Glossary.load()
    hard_words = load_hard_words()
    coverage = measure_corpus(corpus, glossary, hard_words)
    elapsed = time.perf_counter() - started
    print(f"glossary: {len(glossary)} terms")
    print(f"definition: {DEFINITION}")
    print(f"corpus: {corpus} ({coverage.pages} pages, {elapsed:.1f} s)")
    print(
        f"hard-word occurrences explained: {coverage.explained} of {coverage.hard} "
        f"= {100 * coverage.share:.1f}%"
    )
    if args.missed and coverage.missed:
        top = ", ".join(f"{w} ({n})" for w, n in coverage.missed.most_common(args.missed))
        print(f"most frequent unexplained: {top}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on its own: ``python -m medguide.bench.glossary_bench``."""
    parser = argparse.ArgumentParser(prog="medguide bench glossary", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
