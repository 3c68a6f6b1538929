"""Brand names and synonyms of a drug from the offline ``drug-named-entity-recognition`` data.

The package's own ``find_drugs`` is not used: importing the package builds an n-gram index
(about 4 s) and some of its options call web services. Instead the bundled dictionary file
(``drug_ner_dictionary.pkl.bz2``, about 1 s to load) is read once, without importing the
package, and turned into a canonical-name → variants index. Used at import time only.
"""

from __future__ import annotations

import bz2
import importlib.util
import pickle
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from medguide.core.model import Alias, AliasKind
from medguide.core.text import brand_case, fold

PACKAGE = "drug_named_entity_recognition"
DATA_FILE = "drug_ner_dictionary.pkl.bz2"
MAX_ALIASES = 15
_MAX_LENGTH = 30
# Salt forms, hydrates and dosage-form variants are not names a person searches by.
_CHEMICAL = re.compile(
    r"\d|[,;.()\[\]'/]|^[a-z]-|-.*-|\b(?:salt|anhydrous|hydrate|dihydrate|trihydrate|monohydrate|"
    r"sodium|potassium|calcium|magnesium|hydrochloride|hydrobromide|sulfate|sulphate|"
    r"phosphate|acetate|maleate|mesylate|tartrate|succinate|citrate|fumarate|besylate|"
    r"recombinant|suppository|injection|tablets?|capsules?|solution|cream|ointment)\b"
)


@dataclass(frozen=True)
class _Dictionary:
    """Variant → canonical names, canonical → variants, and the brand flags."""

    canonical_of: dict[str, list[str]]
    variants_of: dict[str, list[str]]
    brand: frozenset[str]


_lock = threading.Lock()
_loaded: list[_Dictionary] = []


def data_path() -> Path | None:
    """Where the package's dictionary file is, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / DATA_FILE
        if candidate.is_file():
            return candidate
    return None


def _dictionary() -> _Dictionary:
    """The index, loaded on first use (thread-safe) and kept for the process."""
    with _lock:
        if not _loaded:
            _loaded.append(_load())
        return _loaded[0]


def _load() -> _Dictionary:
    path = data_path()
    if path is None:
        return _Dictionary({}, {}, frozenset())
    with bz2.open(path, "rb") as handle:
        # The package's own bundled data file, read from its install folder (trusted).
        raw = pickle.load(handle)
    canonical_of: dict[str, list[str]] = raw.get("drug_variant_to_canonical", {})
    variant_data: dict[str, dict[str, object]] = raw.get("drug_variant_to_variant_data", {})
    variants_of: dict[str, list[str]] = {}
    for variant, canonicals in canonical_of.items():
        for canonical in canonicals:
            variants_of.setdefault(canonical, []).append(variant)
    brand = frozenset(v for v, data in variant_data.items() if data.get("is_brand") is True)
    return _Dictionary(canonical_of, variants_of, brand)


def dictionary_aliases(name: str) -> tuple[Alias, ...]:
    """Brand names (BRAND) and other names (SYNONYM) the dictionary lists for ``name``.

    Unknown names give ``()``. Chemical-looking variants (salts, hydrates, codes with digits)
    and very long ones are skipped; at most ``MAX_ALIASES`` come back, brands first.
    """
    dictionary = _dictionary()
    key = name.strip().lower()
    canonicals = dictionary.canonical_of.get(key) or dictionary.canonical_of.get(fold(name))
    if not canonicals:
        return ()
    own = {key, fold(name)}
    brands: list[Alias] = []
    synonyms: list[Alias] = []
    seen: set[str] = set()
    for canonical in canonicals:
        for variant in [canonical, *dictionary.variants_of.get(canonical, [])]:
            folded = fold(variant)
            if folded in own or folded in seen or not _is_plain_name(variant):
                continue
            seen.add(folded)
            if variant in dictionary.brand:
                brands.append(Alias(_readable_brand(variant), AliasKind.BRAND))
            else:
                synonyms.append(Alias(variant, AliasKind.SYNONYM))
    return tuple([*brands, *synonyms][:MAX_ALIASES])


def dictionary_aliases_many(names: Iterable[str]) -> dict[str, tuple[Alias, ...]]:
    """``dictionary_aliases`` for many names at once (the dictionary is loaded once)."""
    return {name: dictionary_aliases(name) for name in names}


def _is_plain_name(variant: str) -> bool:
    return (
        3 <= len(variant) <= _MAX_LENGTH and variant.isascii() and _CHEMICAL.search(variant) is None
    )


def _readable_brand(variant: str) -> str:
    """The dictionary writes most names in lower case: "tylenol" → "Tylenol"; a name it
    already capitalised ("EpiPen") stays as it is."""
    return brand_case(variant) if variant.islower() else variant
