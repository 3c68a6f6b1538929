"""Flesch-Kincaid grade level, measured offline.

Syllables are counted with ``pyphen`` hyphenation patterns (what textstat 0.7.8 did, without the
network download of later textstat releases), checked against a vowel-group estimate: pyphen
leaves many words whole ("medicine", "tablet") and misses vowel pairs spoken as two syllables
("di-ar-rhe-a", "a-ne-mi-a"), so a word counts the larger of the two estimates, with a few
everyday exceptions ("every", "business") that both get wrong. Every line of the plain text
(a paragraph, a heading or a bullet item) ends a sentence, so a bullet list is not one enormous
sentence.
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
_SILENT_E = re.compile(r"[^aeiouy]le$")
# vowel pairs usually spoken as two syllables (bacter-i-a, i-de-a, flu-ent, po-em)
_HIATUS = re.compile(r"ia|io(?!u)|iu|ea$|eo|(?<![qg])ue(?=[nlt])|ua|uo|ie(?=[rt])|oe(?!s?$)|ii")
# endings where a vowel pair is one syllable (na-tion, phy-si-cian)
_GLIDES = re.compile(r"tion|sion|cian|cial|tial|gion|tia|cia")
_EXCEPTIONS = {
    "people": 2,
    "every": 2,
    "everyone": 3,
    "everything": 3,
    "business": 2,
    "sometimes": 2,
    "something": 2,
    "someone": 2,
}


MAX_GRADE = 40.0
"""The highest grade reported: past it the formula measures nothing a reader would notice."""


@dataclass(frozen=True)
class TextCounts:
    """Counts behind a grade: sentences, words, syllables."""

    sentences: int
    words: int
    syllables: int

    @property
    def grade(self) -> float | None:
        """Flesch-Kincaid grade, or None when there are no words; at most ``MAX_GRADE`` (a
        run-on line of a million characters is not "grade 77996", it is beyond measure)."""
        if self.words == 0 or self.sentences == 0:
            return None
        raw = 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59
        return min(raw, MAX_GRADE)


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def vowel_group_syllables(word: str) -> int:
    """Syllables of a lower-case word estimated from its vowel groups and a few spelling rules."""
    count = len(_VOWEL_GROUPS.findall(word))
    if (
        count > 1
        and word.endswith("e")
        and not word.endswith(("ee", "ye"))
        and not _SILENT_E.search(word)
    ):
        count -= 1
    if count > 1 and word.endswith("ed") and not word.endswith(("ted", "ded")):
        count -= 1
    if count > 1 and word.endswith("es") and not re.search(r"(?:s|x|z|ch|sh|c|g)es$", word):
        count -= 1
    count += len(_HIATUS.findall(word)) - len(_GLIDES.findall(word))
    return max(1, count)


def syllables(word: str) -> int:
    """Syllables of one word: the larger of pyphen's hyphenation points and the vowel-group
    estimate, except for a short list of everyday words. Numbers count one syllable."""
    if not word or word[0].isdigit():
        return 1
    lower = word.lower().replace("’", "'")
    if lower in _EXCEPTIONS:
        return _EXCEPTIONS[lower]
    by_pattern = len(_dictionary().positions(lower)) + 1
    return max(by_pattern, vowel_group_syllables(lower))


def sentences_of(plain_text: str) -> list[str]:
    """Split plain text into sentences: every line is at least one sentence."""
    out: list[str] = []
    for line in plain_text.splitlines():
        out.extend(part for part in _SENTENCE_END.split(line) if _WORD.search(part))
    return out


def count_text(plain_text: str) -> TextCounts:
    """Sentence, word and syllable counts of plain text."""
    sentence_count = len(sentences_of(plain_text))
    # splitting sentences removes only spaces and punctuation, so the words of the whole text
    # are the words of its sentences
    words = _WORD.findall(plain_text)
    known = _syllable_memo
    total = 0
    for word in words:
        count = known.get(word)
        if count is None:
            if len(known) > _MEMO_LIMIT:
                known.clear()
            count = known[word] = syllables(word)
        total += count
    return TextCounts(sentences=sentence_count, words=len(words), syllables=total)


# Word → syllables, shared by every call in a process (grading the corpus at import sees each
# word thousands of times; a plain dict lookup is several times cheaper than a cached call).
_syllable_memo: dict[str, int] = {}
_MEMO_LIMIT = 500_000


def grade_of_plain(plain_text: str) -> float | None:
    """Flesch-Kincaid grade of plain text (None when it has no words)."""
    return count_text(plain_text).grade


def grade_of_markdown(markdown: str) -> float | None:
    """Flesch-Kincaid grade of a markdown section; bullet items count as sentences."""
    return grade_of_plain(markdown_to_plain(markdown))
