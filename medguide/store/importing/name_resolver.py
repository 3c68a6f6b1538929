"""Resolving the drug names an article mentions to the drugs the database knows.

Exact folded matches on drug names and slugs win, then on aliases; failing those, a close
spelling of a name of six letters or more ("romiplastin" → romiplostim) is accepted when it
starts with the same letter and is at least 80 % similar by optimal-string-alignment distance
(about one edit in five; a swap of two letters counts as one edit). ``fuzz.ratio`` with a cutoff
of 88 was tried first: it scores "romiplastin"/"romiplostim" at 82, so it misses the very
misspelling seed 001 contains.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from medguide.core.text import fold, slugify


def quick_fold(text: str) -> str:
    """``medguide.core.text.fold`` with a fast path for ASCII text (same result: NFKD leaves
    ASCII alone), since an import folds tens of thousands of names."""
    if text.isascii():
        return " ".join(text.casefold().split())
    return fold(text)


FUZZY_CUTOFF = 0.8
FUZZY_MIN_LENGTH = 6


class NameResolver:
    """Maps names to drug ids: exact first, then a tolerant match on longer names."""

    def __init__(
        self,
        drugs: Iterable[tuple[int, str, str]],
        aliases: Iterable[tuple[int, str]] = (),
    ) -> None:
        """``drugs`` are (id, slug, name); ``aliases`` are (drug id, name)."""
        self._primary: dict[str, set[int]] = {}
        self._alias: dict[str, set[int]] = {}
        for drug_id, slug, name in drugs:
            self._primary.setdefault(quick_fold(name), set()).add(drug_id)
            self._primary.setdefault(quick_fold(slug.replace("-", " ")), set()).add(drug_id)
        for drug_id, name in aliases:
            self._alias.setdefault(quick_fold(name), set()).add(drug_id)
        self._by_initial: dict[str, list[str]] = {}
        for key in sorted({*self._primary, *self._alias}):
            if len(key) >= FUZZY_MIN_LENGTH:
                self._by_initial.setdefault(key[0], []).append(key)

    def resolve(self, name: str) -> set[int]:
        """Drug ids a name refers to (empty when it names no known drug)."""
        key = quick_fold(name)
        if not key:
            return set()
        exact = self._exact(key)
        if exact:
            return exact
        if len(key) < FUZZY_MIN_LENGTH:
            return set()
        match = process.extractOne(
            key,
            self._by_initial.get(key[0], []),
            scorer=OSA.normalized_similarity,
            score_cutoff=FUZZY_CUTOFF,
        )
        if match is None:
            return set()
        return set(self._exact(match[0]))

    def _exact(self, key: str) -> set[int]:
        for table in (self._primary, self._alias):
            found = table.get(key) or table.get(slugify(key).replace("-", " "))
            if found:
                return found
        return set()
