"""Brand names of drugs: ``resources/brands.tsv``, read at import time.

The file is our own list of facts (brand name → active ingredients), derived from the public
domain FDA Drugs@FDA data files with ``python tools/derive_brands.py FOLDER`` (the folder
holding ``Products.txt`` and ``Applications.txt``). At import ``BrandTable.resolve``
maps each ingredient list onto a drug of the database (by its name or alias, with salt words
such as "hydrochloride" dropped when needed) and the importer stores the result as aliases
(``import_names``); brands that name no known drug are ignored. The search reads only the
stored aliases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from medguide.core.model import AliasKind
from medguide.core.name_keys import INGREDIENT_SEPARATOR, name_key
from medguide.core.paths import resources_dir

BRANDS_FILE = "brands.tsv"
"""Name kind of a combination brand on the drug of one of its ingredients."""

# Salt, ester and hydrate words: an ingredient without them also names its base drug.
SALT_WORDS = frozenset(
    [
        "acetate",
        "anhydrous",
        "axetil",
        "base",
        "besilate",
        "besylate",
        "bitartrate",
        "bromide",
        "calcium",
        "citrate",
        "cypionate",
        "decanoate",
        "dihydrate",
        "dihydrochloride",
        "dimesylate",
        "dipropionate",
        "disodium",
        "disoproxil",
        "edisylate",
        "enanthate",
        "erbumine",
        "estolate",
        "ethylsuccinate",
        "fumarate",
        "furoate",
        "gluconate",
        "hcl",
        "hemihydrate",
        "hyclate",
        "hydrobromide",
        "hydrochloride",
        "lactate",
        "magnesium",
        "malate",
        "maleate",
        "medoxomil",
        "meglumine",
        "mesilate",
        "mesylate",
        "mofetil",
        "monohydrate",
        "napsylate",
        "nitrate",
        "olamine",
        "oxalate",
        "palmitate",
        "pamoate",
        "phosphate",
        "potassium",
        "propionate",
        "proxetil",
        "sodium",
        "stearate",
        "succinate",
        "sulfate",
        "tartrate",
        "tosylate",
        "trihydrate",
        "tromethamine",
        "valerate",
        "xinafoate",
    ]
)


@dataclass(frozen=True)
class BrandRow:
    """One brand name and the active ingredients it contains."""

    brand: str
    ingredients: tuple[str, ...]


class _Keyed(NamedTuple):
    """A brand row with its name keys worked out once, at load."""

    brand: str
    brand_key: str
    whole: tuple[str, str]
    parts: tuple[tuple[str, str], ...]


def _keyed(row: BrandRow) -> _Keyed:
    keys = [name_key(i) for i in row.ingredients]
    stripped = [" ".join(w for w in k.split() if w not in SALT_WORDS) for k in keys]
    parts = tuple(zip(keys, stripped, strict=True)) if len(keys) > 1 else ()
    return _Keyed(row.brand, name_key(row.brand), (" ".join(keys), " ".join(stripped)), parts)


class BrandTable:
    """Brand → ingredients rows, ready to be resolved against the drugs of a database.

    The name keys are worked out once, here; ``resolve`` (at every import) only looks them up.
    """

    def __init__(self, rows: Sequence[BrandRow]) -> None:
        self.rows = rows
        keyed = [_keyed(row) for row in rows]
        # A product sold under its generic name ("Epinephrine") is not a brand: a name that is
        # an ingredient anywhere in the table is left out.
        generic = {key for k in keyed for keys in (k.whole, *k.parts) for key in keys if key}
        self._keyed = [k for k in keyed if k.brand_key and k.brand_key not in generic]
        self.labels = {k.brand_key: k.brand for k in self._keyed}
        """Brand name as written, by name key."""

    @classmethod
    def load(cls, path: Path | None = None) -> BrandTable:
        """Read the brands file (the shipped ``resources/brands.tsv`` by default).

        A missing file gives an empty table: only the dictionary's brands are stored then.
        """
        source = path or resources_dir() / BRANDS_FILE
        try:
            text = source.read_text(encoding="utf-8")
        except OSError:
            return cls([])
        return cls(parse_brands(text))

    def __len__(self) -> int:
        return len(self.rows)

    def resolve(
        self,
        lookup: Callable[[str], list[int]],
        is_drug_name: Callable[[str], bool] | None = None,
    ) -> list[tuple[int, str, str]]:
        """``(drug id, brand, kind)`` for every brand whose ingredients name known drugs.

        ``lookup`` gives the ids of the drugs with exactly this name key (a combination in any
        order). A brand maps to the drug of its whole ingredient list (kind ``brand``) and, for
        a combination, also to each ingredient's own drug (kind ``INGREDIENT_OF_BRAND``).
        An ingredient names the drugs of its full name and those of its name without salt
        words ("fentanyl citrate": both "fentanyl citrate" and "fentanyl"). Brands that are
        themselves drug names are skipped (``is_drug_name``; default: anything ``lookup``
        finds).
        """
        skip = is_drug_name or (lambda key: bool(lookup(key)))
        out: list[tuple[int, str, str]] = []
        for row in self._keyed:
            if not row.brand_key or skip(row.brand_key):
                continue
            whole = _lookup_both(row.whole, lookup)
            out.extend((drug_id, row.brand, AliasKind.BRAND) for drug_id in whole)
            for part in row.parts:
                out.extend(
                    (drug_id, row.brand, AliasKind.INGREDIENT_OF_BRAND)
                    for drug_id in _lookup_both(part, lookup)
                    if drug_id not in whole
                )
        return out


def _lookup_both(keys: tuple[str, str], lookup: Callable[[str], list[int]]) -> list[int]:
    """Drugs named by the full key and drugs named by the key without salt words."""
    full, stripped = keys
    found = lookup(full) if full else []
    if stripped and stripped != full:
        found = found + [d for d in lookup(stripped) if d not in found]
    return found


def parse_brands(text: str) -> list[BrandRow]:
    """Rows of a brands file; comment, header and malformed lines are skipped."""
    rows: list[BrandRow] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or cells[0] == "brand":
            continue
        ingredients = tuple(i.strip() for i in cells[1].split(INGREDIENT_SEPARATOR) if i.strip())
        if cells[0].strip() and ingredients:
            rows.append(BrandRow(cells[0].strip(), ingredients))
    return rows
