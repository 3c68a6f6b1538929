"""An independent Flesch-Kincaid count for library pages, with textstat 0.7.8.

The app's own meter (:mod:`medguide.reading.grade`) counts syllables with pyphen and a vowel
rule of its own; this one uses textstat's counter and a separate markdown stripper, so the two
agree only if the text really reads at that grade. As in the app, every line of a section (a
paragraph, a heading, a bullet item) is a sentence: a line without closing punctuation gets a
full stop. textstat 0.7.8 works offline (later releases download NLTK data on first use).
"""

from __future__ import annotations

import re

import textstat

_LIST_MARK = re.compile(r"^\s*(?:#+|[-*+]|\d+[.)])\s+")
_EMPHASIS = re.compile(r"\*\*|__|`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain_sentences(markdown: str) -> str:
    """``markdown`` as plain text, one sentence per non-empty line."""
    lines = []
    for raw in markdown.splitlines():
        line = _LINK.sub(r"\1", _EMPHASIS.sub("", _LIST_MARK.sub("", raw))).strip()
        if line:
            lines.append(line if line[-1] in ".!?:" else f"{line}.")
    return " ".join(lines)


def independent_grade(markdown: str) -> float:
    """textstat's Flesch-Kincaid grade of a markdown section."""
    return float(textstat.flesch_kincaid_grade(plain_sentences(markdown)))
