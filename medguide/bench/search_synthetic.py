"""A synthetic drug database for the search benchmark: pronounceable fake names at any scale.

``build_synthetic(path, count)`` writes ``count`` drugs, each with two brand-like aliases and a
short text, straight into the schema tables and the FTS5 index (no importer: the point is the
size, not the content). ``synthetic_queries`` draws exact, prefix, brand and misspelled queries
from the names it wrote.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine

from medguide.store.schema import SEARCH_INDEX_DDL, Base

_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "cl",
    "dr",
    "fl",
    "gr",
    "pr",
    "st",
    "tr",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "io"]
_CODAS = ["", "", "n", "r", "l", "s", "x", "m"]
_ENDINGS = [
    "mab",
    "nib",
    "pril",
    "sartan",
    "statin",
    "olol",
    "azole",
    "cillin",
    "mycin",
    "vir",
    "tide",
    "parin",
    "zepam",
]
_WORDS = [
    "used",
    "to",
    "treat",
    "pain",
    "fever",
    "infection",
    "pressure",
    "blood",
    "sugar",
    "sleep",
    "mood",
    "skin",
    "eye",
    "heart",
    "liver",
    "kidney",
    "dose",
    "tablet",
    "daily",
    "nausea",
    "headache",
    "rash",
    "dizziness",
    "take",
    "with",
    "food",
    "water",
    "morning",
]


@dataclass(frozen=True)
class SyntheticDrug:
    """One fake drug: slug, name and its two aliases."""

    slug: str
    name: str
    brands: tuple[str, str]


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def fake_name(rng: random.Random) -> str:
    """A pronounceable drug-like name ("travoximab")."""
    return "".join(_syllable(rng) for _ in range(rng.randint(1, 3))) + rng.choice(_ENDINGS)


def fake_brand(rng: random.Random) -> str:
    """A brand-like name ("Zelora")."""
    return ("".join(_syllable(rng) for _ in range(rng.randint(2, 3))) + rng.choice("aeox")).title()


def build_synthetic(path: Path, count: int, seed: int = 7) -> list[SyntheticDrug]:
    """Write ``count`` fake drugs into a new database at ``path``; the drugs written."""
    rng = random.Random(seed)
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    engine.dispose()
    drugs: list[SyntheticDrug] = []
    names: set[str] = set()
    while len(drugs) < count:
        name = fake_name(rng)
        if name in names:
            continue
        names.add(name)
        drugs.append(SyntheticDrug(name, name.title(), (fake_brand(rng), fake_brand(rng))))
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(SEARCH_INDEX_DDL)
            conn.executemany(
                "INSERT INTO drugs (id, slug, name, unstructured) VALUES (?, ?, ?, 0)",
                ((i, d.slug, d.name) for i, d in enumerate(drugs, 1)),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO aliases (drug_id, name, name_folded, kind, source_id) "
                "VALUES (?, ?, ?, 'brand', NULL)",
                ((i, b, b.lower()) for i, d in enumerate(drugs, 1) for b in d.brands),
            )
            rows: list[tuple[int, str, str]] = []
            for i, d in enumerate(drugs, 1):
                rows.append((i, "name", d.name))
                rows.extend((i, "alias", b) for b in d.brands)
                words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 20)))
                rows.append((i, "section", f"{d.name} is {words}."))
            conn.executemany(
                "INSERT INTO search_index (drug_id, field, text) VALUES (?, ?, ?)", rows
            )
    finally:
        conn.close()
    return drugs


def misspell(word: str, rng: random.Random) -> str:
    """``word`` with one random edit (which may hit the first letter)."""
    i = rng.randrange(len(word))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    edit = rng.choice(("sub", "del", "ins", "swap"))
    if edit == "sub":
        return word[:i] + letter + word[i + 1 :]
    if edit == "del" and len(word) > 4:
        return word[:i] + word[i + 1 :]
    if edit == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + letter + word[i:]


def synthetic_queries(
    drugs: list[SyntheticDrug], per_kind: int, seed: int = 11
) -> list[tuple[str, str, str]]:
    """``(kind, query, expected slug)`` rows: exact, prefix, brand and misspelling."""
    rng = random.Random(seed)
    sample = rng.sample(drugs, min(per_kind, len(drugs)))
    rows: list[tuple[str, str, str]] = []
    for d in sample:
        rows.append(("exact", d.name.lower(), d.slug))
        rows.append(("prefix", d.slug[: max(4, len(d.slug) // 2)], d.slug))
        rows.append(("brand", d.brands[0].lower(), d.slug))
        rows.append(("misspelling", misspell(d.slug, rng), d.slug))
    return rows
