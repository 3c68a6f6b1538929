"""The candidates of one search: one per drug, ranked by band, with the reason shown for each.

``SearchRun`` collects what the name index and the full-text index found, keeps the best band
per drug, places look-alike partners beside the drug they may be confused with, and turns the
result into ``SearchHit`` objects and the "Showing results for …" suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol

from medguide.core.model import AliasKind
from medguide.core.name_keys import name_key
from medguide.core.views import MatchKind, SearchHit
from medguide.store.search.fts import TextMatch
from medguide.store.search.names import NAME, NameEntry, NameMatch


class Band(IntEnum):
    """Ranking bands, best first; each maps onto one ``MatchKind``."""

    EXACT = 0
    MENTIONED = 1
    PREFIX = 2
    FUZZY = 3
    QUESTION_FUZZY = 4
    NAME_WORDS = 5
    TEXT = 6

    @property
    def from_names(self) -> bool:
        """True for bands found through the in-memory names (not the text index)."""
        return self <= Band.QUESTION_FUZZY


_FIELD_WORDS = {"section": "text", "faq": "FAQ", "article": "article", "alias": "names"}


@dataclass
class Candidate:
    """A hit under construction; ``band`` then ``order`` decide the ranking."""

    slug: str
    name: str
    match: MatchKind
    reason: str
    score: float
    band: Band
    order: float
    snippet: str | None = None
    corrected_to: str | None = None

    def hit(self) -> SearchHit:
        """The finished hit."""
        return SearchHit(self.slug, self.name, self.match, self.reason, self.score, self.snippet)


class Reason(Protocol):
    """Words saying why a name matched."""

    def __call__(self, entry: NameEntry, /) -> str: ...


class SearchRun:
    """The candidates of one search, one per drug, best band kept."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.cands: dict[int, Candidate] = {}
        self.corrections: dict[str, str] = {}
        """Misspelt question word → the name it was read as."""
        self.name_words: set[str] = set()
        """Question words that named (or nearly named) a drug."""
        self._counter = 0

    def _next(self) -> int:
        self._counter += 1
        return self._counter

    @property
    def has_exact(self) -> bool:
        """True when some drug matched the whole query exactly."""
        return any(c.band is Band.EXACT for c in self.cands.values())

    def add_names(self, matches: list[NameMatch], kind: MatchKind, band: Band, how: Reason) -> None:
        """Drugs found by name, unless already found in as good a band."""
        for m in matches:
            e = m.entry
            old = self.cands.get(e.drug_id)
            if old is not None and old.band <= band:
                continue
            fuzzy = kind is MatchKind.FUZZY
            self.cands[e.drug_id] = Candidate(
                e.slug,
                e.drug_name,
                kind,
                how(e),
                m.score,
                band,
                self._next(),
                corrected_to=e.label if fuzzy else None,
            )

    def add_partners(self, sides: list[tuple[str, NameMatch]]) -> bool:
        """Both drugs of a look-alike pair: the missing one goes just after the one present.

        Returns False (and adds nothing) when neither drug was found by name.
        """
        present = [
            self.cands[m.entry.drug_id]
            for _label, m in sides
            if m.entry.drug_id in self.cands and self.cands[m.entry.drug_id].band.from_names
        ]
        if not present:
            return False
        anchor = min(present, key=lambda c: (c.band, c.order))
        for label, m in sides:
            e = m.entry
            old = self.cands.get(e.drug_id)
            if old is not None and old.band <= anchor.band:
                continue
            self.cands[e.drug_id] = Candidate(
                e.slug,
                e.drug_name,
                anchor.match,
                f"look-alike name {label}: check it is the drug you mean",
                0.0,
                anchor.band,
                anchor.order + 0.5,
            )
        return True

    def add_text(self, m: TextMatch, drug: tuple[str, str] | None) -> None:
        """A drug found in the text index (a found drug only gains the snippet)."""
        if drug is None:
            return
        old = self.cands.get(m.drug_id)
        if old is not None:
            if old.snippet is None and not m.in_name and m.snippet:
                old.snippet = m.snippet
            return
        slug, name = drug
        where = _FIELD_WORDS.get(m.field, "text")
        reason = "words in the name" if m.in_name else f"found in the {where}"
        snippet = None if m.in_name else m.snippet or None
        band = Band.NAME_WORDS if m.in_name else Band.TEXT
        self.cands[m.drug_id] = Candidate(
            slug, name, MatchKind.TEXT, reason, -m.rank, band, self._next(), snippet
        )

    def ranked(self) -> list[SearchHit]:
        """Every hit, best first."""
        ordered = sorted(self.cands.values(), key=lambda c: (c.band, c.order))
        return [c.hit() for c in ordered]

    def suggestion(self, query: str) -> str | None:
        """The corrected query ("Romiplostim" for "romiplastin"): shown, never applied.

        Only when the best hit is a fuzzy match; a question keeps its other words.
        """
        if not self.cands:
            return None
        best = min(self.cands.values(), key=lambda c: (c.band, c.order))
        if best.match is not MatchKind.FUZZY:
            return None
        if best.band is Band.FUZZY or not self.corrections:
            return best.corrected_to or best.name
        return " ".join(self.corrections.get(w, w) for w in name_key(query).split())


# --------------------------------------------------------------------------- reasons


def kind_words(e: NameEntry) -> str:
    """How a name relates to its drug: "name X", "brand name X", "also called X"."""
    if e.kind == AliasKind.INGREDIENT_OF_BRAND:
        return f"an ingredient of {e.label}"
    if e.kind == AliasKind.BRAND:
        return f"brand name {e.label}"
    if e.kind == NAME:
        return f"name {e.label}"
    return f"also called {e.label}"


def exact_reason(e: NameEntry) -> str:
    """Reason of an exact match."""
    return kind_words(e)


def prefix_reason(e: NameEntry) -> str:
    """Reason of a prefix match."""
    return f"{kind_words(e)} (starts with your text)"


def mention_reason(e: NameEntry) -> str:
    """Reason of a name found inside a longer query."""
    return f"your text names it: {kind_words(e)}"


def fuzzy_reason(e: NameEntry) -> str:
    """Reason of a fuzzy match: a question, never a silent correction."""
    if e.kind == NAME:
        return f"did you mean {e.label}?"
    return f"did you mean {e.label}? ({kind_words(e)})"
