"""The hard-word criterion used to measure glossary coverage, without wordfreq at run time.

A *hard word* is a word listed in ``resources/hard_words.txt``. The list is written by the
dev-only script ``tools/glossary_candidates.py``: every lower-cased word of 4+ letters in the
RxHive corpus whose ``wordfreq`` Zipf frequency is below 3.0 (rare in everyday English) and that
is not a token of any drug page's file name or title (drug names). Words of another corpus that
are not in the list are not counted as hard, so figures on other corpora undercount hard words.
"""

from __future__ import annotations

import re
from pathlib import Path

from medguide.core.paths import resources_dir
from medguide.core.text import markdown_to_plain

HARD_WORDS_FILE = "hard_words.txt"
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\r?\n---\r?\n", re.DOTALL)

DEFINITION = (
    "hard word = a word in resources/hard_words.txt: 4+ letters, wordfreq Zipf frequency < 3.0, "
    "not part of a drug page's file name or title (list computed from the RxHive corpus by "
    "tools/glossary_candidates.py)"
)


def page_plain_text(text: str) -> str:
    """A page's text without YAML front matter and markdown markup, one line per block."""
    return markdown_to_plain(_FRONT_MATTER.sub("", text, count=1))


def load_hard_words(path: Path | None = None) -> frozenset[str]:
    """The shipped hard-word list (lower case)."""
    source = path if path is not None else resources_dir() / HARD_WORDS_FILE
    lines = source.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
