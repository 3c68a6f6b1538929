"""Reading ease of Spanish text: the Fernández-Huerta index, measured offline.

    L = 206.84 − 60 × (syllables / words) − 1.02 × (words / sentences)

Fernández Huerta's 1959 adaptation of the Flesch reading ease to Spanish. His paper writes the
last term as "1.02 F" with F the sentences per 100 words, which would make shorter sentences
*harder*; it is read here, as by Barrio-Cantalejo et al. (2008), legible.es and textstat, as the
average sentence length. 100 is very easy, 60–70 is standard ("about grade 8–9"), 70–80 fairly
easy (about grade 6–7), above 80 easy. MedGuide asks for every patient section ≥ 60 and a library
median ≥ 70.

Syllables: pyphen's Spanish hyphenation patterns (hyph_es, with single letters allowed at the
word edges, so "a-gua" and "i-bu-pro-fe-no" split) miss hiatus ("dí-a", "le-er", "po-e-ta"),
so a word counts the larger of pyphen's count and a vowel-nucleus count that follows the
Spanish rules: a strong vowel (a, e, o) or an accented weak one (í, ú) is a nucleus of its own;
unaccented i, u (and ü) form diphthongs with a neighbour; the u of "que", "qui", "gue", "gui" is
silent; h does not break a diphthong. As in the English meter, every line of the plain text
(paragraph, heading, bullet) ends a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

from medguide.core.text import markdown_to_plain

_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+|\d+(?:[.,]\d+)*")
_STRONG = frozenset("aeoáéóíú")
_VOWELS = frozenset("aeiouáéíóúü")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]»]*\s+(?=[A-ZÁÉÍÓÚÑ0-9¿¡\"'(«])")


def sentences_of(plain_text: str) -> list[str]:
    """Split plain Spanish text into sentences: every line is at least one sentence."""
    out: list[str] = []
    for line in plain_text.splitlines():
        out.extend(part for part in _SENTENCE_END.split(line) if _WORD.search(part))
    return out


@dataclass(frozen=True)
class SpanishCounts:
    """Counts behind a Fernández-Huerta index."""

    sentences: int
    words: int
    syllables: int

    @property
    def index(self) -> float | None:
        """The Fernández-Huerta reading ease (higher is easier), or None without words."""
        if self.words == 0 or self.sentences == 0:
            return None
        return 206.84 - 60 * (self.syllables / self.words) - 1.02 * (self.words / self.sentences)


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="es", left=1, right=1)


def nucleus_syllables(word: str) -> int:
    """Syllables of a lower-case Spanish word, counted by its vowel nuclei."""
    letters = _SILENT_U.sub("", word.replace("h", ""))
    count = 0
    run = ""
    for letter in letters + " ":
        if letter in _VOWELS:
            run += letter
            continue
        if run:
            strong = sum(1 for v in run if v in _STRONG)
            count += max(1, strong)
            run = ""
    return max(1, count)


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Syllables of one Spanish word (numbers count one): the larger of pyphen's split and
    the vowel-nucleus count."""
    if not word or word[0].isdigit():
        return 1
    lower = word.lower()
    by_pattern = len(_dictionary().positions(lower)) + 1
    return max(by_pattern, nucleus_syllables(lower))


def count_spanish(plain_text: str) -> SpanishCounts:
    """Sentence, word and syllable counts of plain Spanish text."""
    words = _WORD.findall(plain_text)
    return SpanishCounts(
        sentences=len(sentences_of(plain_text)),
        words=len(words),
        syllables=sum(syllables(w) for w in words),
    )


def fernandez_huerta_of_plain(plain_text: str) -> float | None:
    """Fernández-Huerta index of plain text (None when it has no words)."""
    return count_spanish(plain_text).index


def fernandez_huerta_of_markdown(markdown: str) -> float | None:
    """Fernández-Huerta index of a markdown section; bullet items count as sentences."""
    return fernandez_huerta_of_plain(markdown_to_plain(markdown))
