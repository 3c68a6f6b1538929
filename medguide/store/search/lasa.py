"""Look-alike/sound-alike (LASA) drug names: pairs that are known to get confused.

The pairs live in ``resources/lasa.tsv`` (our own data file: two names per line, tab-separated,
``#`` comments, a ``name_a``/``name_b`` header). Search uses them to show both drugs with a
warning when a query is close to either name of a pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Indel

from medguide.core.name_keys import compact_key, name_key
from medguide.core.paths import resources_dir

LASA_FILE = "lasa.tsv"
NEAR = 0.75
"""Least similarity between a query and a LASA name for the pair to be flagged."""


@dataclass(frozen=True)
class LasaPair:
    """Two drug names known to be confused with each other."""

    first: str
    second: str

    @property
    def names(self) -> tuple[str, str]:
        """Both names, first then second."""
        return (self.first, self.second)

    def partner(self, key: str) -> str:
        """The other name of the pair, given the (compact) key of one of them."""
        return self.second if compact_key(name_key(self.first)) == compact_key(key) else self.first

    def warning(self) -> str:
        """The line shown above the results."""
        return (
            f"Look-alike names: {self.first} and {self.second} are often confused. "
            "Check which one you mean."
        )


class LasaTable:
    """All LASA pairs, searchable by how close a query is to either name."""

    def __init__(self, pairs: list[LasaPair]) -> None:
        self.pairs = pairs
        self._by_key: dict[str, list[LasaPair]] = {}
        for pair in pairs:
            for name in (pair.first, pair.second):
                self._by_key.setdefault(compact_key(name_key(name)), []).append(pair)
        self._keys = list(self._by_key)

    @classmethod
    def load(cls, path: Path | None = None) -> LasaTable:
        """Read the pairs file (the shipped ``resources/lasa.tsv`` by default)."""
        source = path or resources_dir() / LASA_FILE
        return cls(parse_lasa(source.read_text(encoding="utf-8")))

    def __len__(self) -> int:
        return len(self.pairs)

    def near(self, key: str, cutoff: float = NEAR) -> list[tuple[str, LasaPair]]:
        """``(matched name key, pair)`` for every pair with a name within ``cutoff`` of ``key``.

        Closest names first.
        """
        query = compact_key(key)
        if len(query) < 4:
            return []
        found = process.extract(
            query, self._keys, scorer=Indel.normalized_similarity, score_cutoff=cutoff, limit=6
        )
        out: list[tuple[str, LasaPair]] = []
        for choice, _score, _pos in found:
            out.extend((choice, pair) for pair in self._by_key[choice])
        return out


def parse_lasa(text: str) -> list[LasaPair]:
    """Pairs from the text of a LASA file; comment, header and malformed lines are skipped."""
    pairs: list[LasaPair] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1] or cells[:2] == ["name_a", "name_b"]:
            continue
        pairs.append(LasaPair(cells[0], cells[1]))
    return pairs
