"""Plain-language glossary: load ``resources/glossary.tsv`` and find its terms in text.

The file is tab-separated with a header line and ``#`` comments::

    term <TAB> variants (separated by |) <TAB> plain explanation <TAB> simpler word (optional)

Every term and variant also matches with a plural ``s``/``es`` added. Matching uses one
compiled regular expression of all forms, longest first, case-insensitive, bounded by
non-letters (so "anti-inflammatory" can match as a whole and "inflammatory" alone does too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from medguide.core.paths import resources_dir

GLOSSARY_FILE = "glossary.tsv"


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary term with its other spellings, a plain explanation and a simpler word."""

    term: str
    variants: tuple[str, ...]
    explanation: str
    substitute: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling that matches this entry (term, variants, regular plurals)."""
        out: list[str] = []
        for base in (self.term, *self.variants):
            for form in (base, *_plurals(base)):
                if form.lower() not in (f.lower() for f in out):
                    out.append(form)
        return tuple(out)


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a text: where it is and which entry explains it."""

    start: int
    end: int
    text: str
    entry: GlossaryEntry


def _plurals(word: str) -> tuple[str, ...]:
    if " " in word or word[-1:].lower() == "s" or not word[-1:].isalpha():
        return ()
    if word.lower().endswith(("ch", "sh", "x", "z")):
        return (word + "es",)
    return (word + "s",)


_END = ""

Trie = dict[str, "Trie"]


def _trie(forms: Iterable[str]) -> Trie:
    root: Trie = {}
    for form in forms:
        node = root
        for char in " ".join(form.split()):
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _trie_pattern(node: Trie) -> str:
    """A regular expression matching every word of a trie, trying longer words first.

    One alternation per trie node (instead of one per word) keeps matching fast with a
    thousand terms; the optional group is greedy, so "blood pressure" wins over "blood".
    """
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    group = (
        branches[0]
        if len(branches) == 1 and _END not in node
        else ("(?:" + "|".join(branches) + ")")
    )
    return group + ("?" if _END in node else "")


class GlossaryError(ValueError):
    """The glossary file has a malformed line (the message names the line)."""


def parse_glossary(text: str, origin: str = GLOSSARY_FILE) -> list[GlossaryEntry]:
    """Entries of a glossary file's text; raises ``GlossaryError`` on a malformed line."""
    entries: list[GlossaryEntry] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\n\r")
        if not line.strip() or line.lstrip().startswith("#") or line.startswith("term\t"):
            continue
        cells = line.split("\t")
        if len(cells) < 3 or not cells[0].strip() or not cells[2].strip():
            raise GlossaryError(f"{origin}:{number}: need term, variants, explanation")
        variants = tuple(v.strip() for v in cells[1].split("|") if v.strip())
        substitute = cells[3].strip() if len(cells) > 3 else ""
        entries.append(GlossaryEntry(cells[0].strip(), variants, cells[2].strip(), substitute))
    return entries


class Glossary:
    """A set of glossary entries with one compiled pattern for fast matching."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        """Index ``entries``; when two entries share a form, the first one keeps it."""
        self._entries = tuple(entries)
        self._by_form: dict[str, GlossaryEntry] = {}
        for entry in self._entries:
            for form in entry.forms:
                self._by_form.setdefault(form.lower(), entry)
        alternatives = _trie_pattern(_trie(self._by_form))
        self._pattern = (
            re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)
            if self._by_form
            else None
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Glossary:
        """Read the glossary file (default: the one in the app's resources folder)."""
        source = path if path is not None else resources_dir() / GLOSSARY_FILE
        return cls(parse_glossary(source.read_text(encoding="utf-8"), str(source)))

    def __len__(self) -> int:
        """Number of entries."""
        return len(self._entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        """The entries in file order."""
        return iter(self._entries)

    def lookup(self, word: str) -> GlossaryEntry | None:
        """The entry one spelling belongs to (case-insensitive), if any."""
        return self._by_form.get(" ".join(word.lower().split()))

    def find_terms(self, text: str) -> list[TermMatch]:
        """Every glossary term in ``text``, left to right, longest match first."""
        if self._pattern is None:
            return []
        out: list[TermMatch] = []
        for match in self._pattern.finditer(text):
            entry = self.lookup(match.group(0))
            if entry is not None:
                out.append(TermMatch(match.start(), match.end(), match.group(0), entry))
        return out
