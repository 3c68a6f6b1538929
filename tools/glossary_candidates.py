"""Count hard medical words in a corpus of drug pages (dev-only; needs ``wordfreq``).

A *hard word* is a lower-cased alphabetic token of the page text (front matter and markup
removed) that

* is rare in everyday English: ``wordfreq.zipf_frequency(word, "en") < 3.0``;
* is at least 4 letters long;
* is not a drug name: no token of any corpus file stem or ``title:`` line.

The script prints the hard words by number of occurrences (most frequent first) and, with
``--write-list``, writes the committed list ``resources/hard_words.txt`` that
``medguide bench glossary`` uses as its hard-word criterion at run time (the app never imports
wordfreq). Usage::

    .venv/bin/python tools/glossary_candidates.py ../shared/corpora/rxhive --top 600
    .venv/bin/python tools/glossary_candidates.py ../shared/corpora/rxhive --write-list
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from wordfreq import zipf_frequency

from medguide.reading.hard_words import WORD, page_plain_text

ZIPF_LIMIT = 3.0
MIN_LETTERS = 4
_TITLE = re.compile(r"^title:\s*(.+)$", re.MULTILINE)


def drug_name_tokens(pages: list[Path]) -> set[str]:
    """Every lower-cased word of every file stem and ``title:`` line of the corpus."""
    names: set[str] = set()
    for page in pages:
        names.update(page.stem.lower().split("-"))
        match = _TITLE.search(page.read_text(encoding="utf-8", errors="replace")[:2000])
        if match:
            names.update(w.lower() for w in WORD.findall(match.group(1)))
    return names


def body_words(text: str) -> list[str]:
    """Lower-cased words of a page's text, without front matter and markup."""
    return [w.lower().replace("’", "'") for w in WORD.findall(page_plain_text(text))]


def count_hard_words(corpus: Path) -> tuple[Counter[str], int]:
    """Occurrences of each hard word across the corpus, and the number of pages read."""
    pages = sorted(corpus.rglob("*.md"))
    names = drug_name_tokens(pages)
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(body_words(page.read_text(encoding="utf-8", errors="replace")))
    hard: Counter[str] = Counter()
    for word, n in counts.items():
        if len(word) < MIN_LETTERS or word in names or "'" in word:
            continue
        if zipf_frequency(word, "en") < ZIPF_LIMIT:
            hard[word] = n
    return hard, len(pages)


def main(argv: list[str] | None = None) -> int:
    """Print the hard words of a corpus, most frequent first."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--top", type=int, default=500)
    parser.add_argument("--write-list", action="store_true", help="write resources/hard_words.txt")
    parser.add_argument("--min-count", type=int, default=1, help="list words seen this often")
    args = parser.parse_args(argv)
    hard, n_pages = count_hard_words(args.corpus)
    total = sum(hard.values())
    print(f"# {n_pages} pages, {len(hard)} distinct hard words, {total} occurrences")
    running = 0
    for rank, (word, n) in enumerate(hard.most_common(args.top), start=1):
        running += n
        print(f"{rank}\t{word}\t{n}\t{100 * running / total:.1f}%")
    if args.write_list:
        out = Path(__file__).resolve().parents[1] / "resources" / "hard_words.txt"
        kept = sorted(w for w, n in hard.items() if n >= args.min_count)
        header = (
            "# Hard words: zipf frequency < 3.0 (wordfreq), 4+ letters, not a drug-name token,\n"
            f"# seen {args.min_count}+ times in the RxHive corpus. Written by "
            "tools/glossary_candidates.py.\n"
        )
        out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
        print(f"# wrote {len(kept)} words to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
