"""Flesch-Kincaid grade level, measured offline.

Syllables are counted with ``pyphen`` hyphenation patterns (what textstat 0.7.8 did, without the
network download of later textstat releases). Every line of the plain text (a paragraph, a
heading or a bullet item) ends a sentence, so a bullet list is not one enormous sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

from medguide.core.text import markdown_to_plain

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(])")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class TextCounts:
    """Counts behind a grade: sentences, words, syllables."""

    sentences: int
    words: int
    syllables: int

    @property
    def grade(self) -> float | None:
        """Flesch-Kincaid grade, or None when there are no words."""
        if self.words == 0 or self.sentences == 0:
            return None
        return (
            0.39 * (self.words / self.sentences)
            + 11.8 * (self.syllables / self.words)
            - 15.59
        )


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of one word: pyphen's hyphenation points, at least the vowel-group estimate
    for short words pyphen leaves whole. Numbers count one syllable per digit group."""
    if word[0].isdigit():
        return 1
    lower = word.lower()
    by_pattern = len(_dictionary().positions(lower)) + 1
    if by_pattern > 1:
        return by_pattern
    groups = len(_VOWEL_GROUPS.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(1, groups)


def sentences_of(plain_text: str) -> list[str]:
    """Split plain text into sentences: every line is at least one sentence."""
    out: list[str] = []
    for line in plain_text.splitlines():
        out.extend(part for part in _SENTENCE_END.split(line) if _WORD.search(part))
    return out


def count_text(plain_text: str) -> TextCounts:
    """Sentence, word and syllable counts of plain text."""
    sentence_list = sentences_of(plain_text)
    words = [w for s in sentence_list for w in _WORD.findall(s)]
    return TextCounts(
        sentences=len(sentence_list),
        words=len(words),
        syllables=sum(syllables(w) for w in words),
    )


def grade_of_plain(plain_text: str) -> float | None:
    """Flesch-Kincaid grade of plain text (None when it has no words)."""
    return count_text(plain_text).grade


def grade_of_markdown(markdown: str) -> float | None:
    """Flesch-Kincaid grade of a markdown section; bullet items count as sentences."""
    return grade_of_plain(markdown_to_plain(markdown))
