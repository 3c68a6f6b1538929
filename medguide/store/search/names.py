"""In-memory index of every drug name and alias: exact, prefix and typo-tolerant look-ups.

Built once from the drugs and their aliases (see ``NameIndex.build``) and kept by the search
engine until the next import. Exact look-ups are dictionary hits on name keys, prefixes use a
sorted key list and ``bisect``, and fuzzy look-ups run rapidfuzz over the compact keys whose
length is close to the query's. The first pass uses the normalised Indel similarity (what
``fuzz.ratio`` computes), the cheapest rapidfuzz scorer, which matters at 100,000 drugs; the
survivors are ranked by the mean of Indel and OSA similarity. Neither treats the first letter
specially, so "kisinopril" finds lisinopril.

Start-up time matters (the index is built when the window opens), so names are kept in parallel
lists and ``NameEntry`` objects are made only for the entries a query matches.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from medguide.core.model import AliasKind
from medguide.core.name_keys import combination_key, compact_key, name_key

NAME = AliasKind.NAME
"""``NameEntry.kind`` of a drug's own name (aliases keep their ``AliasKind`` value)."""

_KIND_RANK = {kind.value: kind.search_rank for kind in AliasKind}
_MIN_WORD_FOR_FUZZY = 5
_PREFIX_SCAN = 400
_PART_WEIGHT = 0.92
PREFILTER_FROM = 40_000
"""From this many fuzzy keys on, fuzzy look-ups score only names sharing a start or an end."""


class NameEntry(NamedTuple):
    """One way of naming one drug: its own name, a brand name or a synonym."""

    drug_id: int
    slug: str
    drug_name: str
    label: str
    kind: str
    key: str

    @property
    def rank(self) -> int:
        """Lower is better: the drug's own name, then brand names, then synonyms."""
        return _KIND_RANK.get(self.kind, 3)


class NameMatch(NamedTuple):
    """An entry that matched a query, with a similarity in [0, 1] (1 for exact and prefix)."""

    entry: NameEntry
    score: float


def fuzzy_cutoff(length: int) -> float | None:
    """The least similarity a fuzzy match of a query this long must reach (None: too short)."""
    if length < 4:
        return None
    if length <= 6:
        return 0.75
    return 0.72


def _quick_key(label: str) -> str:
    """``name_key`` with a fast path for the common one-word ASCII name."""
    low = label.lower()
    if low.isascii() and low.isalnum():
        return low
    return name_key(label)


def _add(index: dict[str, list[int]], key: str, i: int) -> None:
    found = index.get(key)
    if found is None:
        index[key] = [i]
    elif found[-1] != i:
        found.append(i)


class _EndsIndex:
    """Fuzzy candidates of a large name list: names sharing the query's start or its end.

    With up to two edits, one of the outer thirds of a typed name usually survives intact, so
    the names that start with the first third or end with the last third hold nearly every
    match, and they are found by ``bisect`` instead of scoring every name.
    """

    def __init__(self, keys: list[str]) -> None:
        forward = sorted(range(len(keys)), key=keys.__getitem__)
        backward = sorted(range(len(keys)), key=lambda i: keys[i][::-1])
        self._starts = [keys[i] for i in forward]
        self._start_pos = forward
        self._ends = [keys[i][::-1] for i in backward]
        self._end_pos = backward

    def candidates(self, query: str) -> set[int]:
        """Positions (in the key list) of names sharing the query's first or last third."""
        part = max(2, len(query) // 3)
        found: set[int] = set()
        for sorted_keys, positions, piece in (
            (self._starts, self._start_pos, query[:part]),
            (self._ends, self._end_pos, query[::-1][:part]),
        ):
            lo = bisect_left(sorted_keys, piece)
            hi = bisect_right(sorted_keys, piece + "\uffff", lo=lo)
            found.update(positions[lo:hi])
        return found


class NameIndex:
    """Exact, prefix and fuzzy look-ups over all names and aliases held in memory."""

    def __init__(
        self,
        drugs: Mapping[int, tuple[str, str]],
        names: Sequence[tuple[int, str, str]],
    ) -> None:
        """``drugs`` maps drug id → (slug, name); ``names`` holds (drug id, label, kind)."""
        self._drugs = drugs
        self._ids: list[int] = []
        self._labels: list[str] = []
        self._kinds: list[str] = []
        self._keys: list[str] = []
        self._exact: dict[str, list[int]] = {}
        self._combo: dict[str, list[int]] = {}
        self._compact: dict[str, list[int]] = {}
        # Fuzzy choices: compact keys of whole names plus the long words of multi-word names.
        self._fuzzy: dict[str, list[int]] = {}
        self._sorted_keys: list[str] = []
        self._fuzzy_keys: list[str] = []
        self._fuzzy_lengths: list[int] = []
        self._fuzzy_entries: list[list[int]] = []
        self._ends: _EndsIndex | None = None
        self.add_names(names)

    def add_names(self, names: Sequence[tuple[int, str, str]]) -> None:
        """Index more ``(drug id, label, kind)`` names (their drugs must be known)."""
        self._index(names)
        self._finish()

    def _index(self, names: Sequence[tuple[int, str, str]]) -> None:
        """Add names to the lists and dictionaries (sorted structures: ``_finish``)."""
        first = len(self._keys)
        self._ids.extend([n[0] for n in names])
        self._labels.extend([n[1] for n in names])
        self._kinds.extend([n[2] for n in names])
        self._keys.extend([_quick_key(n[1]) for n in names])
        exact, combo, compact, fuzzy = self._exact, self._combo, self._compact, self._fuzzy
        keys = self._keys
        for i in range(first, len(keys)):
            key = keys[i]
            if not key:
                continue
            found = exact.get(key)
            if found is None:
                exact[key] = [i]
            else:
                found.append(i)
            if " " not in key:
                found = fuzzy.get(key)
                if found is None:
                    fuzzy[key] = [i]
                elif found[-1] != i:
                    found.append(i)
                continue
            if self._kinds[i] == NAME:  # combinations are named by their drug's own name
                _add(combo, combination_key(key), i)
            squeezed = key.replace(" ", "")
            _add(compact, squeezed, i)
            _add(fuzzy, squeezed, i)
            for part in key.split():
                if len(part) >= _MIN_WORD_FOR_FUZZY:
                    _add(fuzzy, part, i)

    def _finish(self) -> None:
        """Rebuild the sorted structures after names were indexed."""
        self._sorted_keys = sorted(self._exact)
        # Sorted by length, so that a query only meets choices of about its own length.
        ordered = sorted(self._fuzzy, key=len)
        self._fuzzy_keys = ordered
        self._fuzzy_lengths = [len(k) for k in ordered]
        self._fuzzy_entries = [self._fuzzy[k] for k in ordered]
        self._ends = _EndsIndex(ordered) if len(ordered) >= PREFILTER_FROM else None

    def drug_ids(self, key: str) -> list[int]:
        """Ids of the drugs named exactly ``key`` (a combination in any order)."""
        found = self._exact.get(key)
        if not found and " " in key:
            found = self._combo.get(combination_key(key))
        if not found:
            return []
        if len(found) == 1:
            return [self._ids[found[0]]]
        return sorted({self._ids[i] for i in found})

    @classmethod
    def build(cls, rows: Sequence[tuple[int, str, str, str, str]]) -> NameIndex:
        """An index from ``(drug_id, slug, drug_name, label, kind)`` rows (tests, tools)."""
        drugs = {r[0]: (r[1], r[2]) for r in rows}
        return cls(drugs, [(r[0], r[3], r[4]) for r in rows])

    def __len__(self) -> int:
        return len(self._exact and self._keys)

    def entry(self, i: int) -> NameEntry:
        """The entry at position ``i``."""
        drug_id = self._ids[i]
        slug, drug_name = self._drugs[drug_id]
        return NameEntry(drug_id, slug, drug_name, self._labels[i], self._kinds[i], self._keys[i])

    def drug(self, drug_id: int) -> tuple[str, str] | None:
        """(slug, name) of a drug, if known."""
        return self._drugs.get(drug_id)

    def exact(self, key: str) -> list[NameMatch]:
        """Entries whose key is exactly ``key`` (also ignoring spaces and ingredient order)."""
        squeezed = compact_key(key)
        found = self._exact.get(key) or self._compact.get(squeezed) or self._exact.get(squeezed)
        if not found and " " in key:
            found = self._combo.get(combination_key(key))
        matches = [NameMatch(self.entry(i), 1.0) for i in found or ()]
        matches.sort(key=lambda m: m.entry.rank)
        return matches

    def prefix(self, key: str, limit: int) -> list[NameMatch]:
        """Entries whose key starts with ``key`` (not equal to it), best kinds and shortest first.

        At most ``limit`` distinct drugs are returned.
        """
        if not key or limit <= 0:
            return []
        start = bisect_left(self._sorted_keys, key)
        end = bisect_right(self._sorted_keys, key + "\uffff", lo=start)
        candidates: list[NameEntry] = []
        for k in self._sorted_keys[start : min(end, start + _PREFIX_SCAN)]:
            if k != key:
                candidates.extend(self.entry(i) for i in self._exact[k])
        candidates.sort(key=lambda e: (e.rank, len(e.key), e.key))
        out: list[NameMatch] = []
        seen: set[int] = set()
        for e in candidates:
            if e.drug_id in seen:
                continue
            seen.add(e.drug_id)
            out.append(NameMatch(e, 1.0))
            if len(out) >= limit:
                break
        return out

    def fuzzy(self, key: str, limit: int, cutoff: float | None = None) -> list[NameMatch]:
        """Entries whose key is within a few edits of ``key``, most similar first.

        One match per drug (its best entry); at most ``limit`` drugs.
        """
        query = compact_key(key)
        floor = fuzzy_cutoff(len(query)) if cutoff is None else cutoff
        if floor is None or not query or limit <= 0:
            return []
        # Indel similarity = 1 - (insertions + deletions) / (len1 + len2); a name whose
        # length differs by more than ``slack`` letters cannot reach the cutoff.
        slack = int(2 * (1.0 - floor) * len(query) / floor + 1e-9)
        # Real slips rarely add or drop more than a third of the letters; the cap keeps short
        # queries from meeting nearly every name.
        slack = min(slack, max(2, len(query) // 3))
        shortest, longest = len(query) - slack, len(query) + slack
        choices: Sequence[str] | dict[int, str]
        if self._ends is None:
            offset = bisect_left(self._fuzzy_lengths, shortest)
            choices = self._fuzzy_keys[offset : bisect_right(self._fuzzy_lengths, longest)]
        else:
            offset = 0
            keys = self._fuzzy_keys
            choices = {
                pos: keys[pos]
                for pos in self._ends.candidates(query)
                if shortest <= len(keys[pos]) <= longest
            }
        found = process.extract(
            query,
            choices,
            scorer=Indel.normalized_similarity,
            score_cutoff=floor,
            limit=limit * 4 + 10,
        )
        best: dict[int, NameMatch] = {}
        for choice, raw_score, pos in found:
            # Indel alone favours names that merely contain the query ("retuximab" inside
            # "brentuximab"); averaging with the OSA similarity (a swap or a wrong letter is
            # one edit) ranks the one-letter slip first.
            similarity = (float(raw_score) + OSA.normalized_similarity(query, choice)) / 2.0
            for i in self._fuzzy_entries[offset + pos]:
                e = self.entry(i)
                # A match on one word of a longer name ("hydroxide" in "sodium hydroxide")
                # counts for less than a match on a whole name.
                whole = choice == e.key.replace(" ", "")
                score = similarity * (1.0 if whole else _PART_WEIGHT)
                old = best.get(e.drug_id)
                if old is None or (score, -e.rank) > (old.score, -old.entry.rank):
                    best[e.drug_id] = NameMatch(e, score)
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.entry.rank, len(m.entry.key)))
        return ranked[:limit]
