"""Brand names of drugs: ``resources/brands.tsv``, read at import time.

The file is our own list of facts (brand name → active ingredients), derived from the public
domain FDA Drugs@FDA data files with ``python -m medguide.store.search_brands FOLDER`` (the
folder holding ``Products.txt`` and ``Applications.txt``). At import ``BrandTable.resolve``
maps each ingredient list onto a drug of the database (by its name or alias, with salt words
such as "hydrochloride" dropped when needed) and the importer stores the result as aliases
(``import_names``); brands that name no known drug are ignored. The search reads only the
stored aliases.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from medguide.core.paths import resources_dir
from medguide.store.search_text import combination_key, name_key

BRANDS_FILE = "brands.tsv"
# A brand worth searching: letters first, no figures or packaging notes ("... In Plastic
# Container"), at most three words.
_PLAIN_BRAND = re.compile(r"[A-Za-z][A-Za-z .'-]*")
_MAX_BRAND_WORDS = 3
_WORD_START = re.compile(r"(^|[\s-])([A-Za-z]+)")
# Letters of a brand name that are written as capitals: release and formulation marks.
_CAPITAL_SUFFIXES = frozenset(
    [
        "aq",
        "cd",
        "cr",
        "dr",
        "ds",
        "ec",
        "er",
        "hc",
        "hct",
        "hd",
        "hfa",
        "ii",
        "iii",
        "ir",
        "iv",
        "la",
        "lar",
        "mr",
        "odt",
        "otc",
        "pf",
        "pm",
        "rt",
        "sa",
        "sr",
        "tr",
        "xl",
        "xr",
        "xt",
    ]
)
INGREDIENT_SEPARATOR = " + "
INGREDIENT_OF_BRAND = "brand-ingredient"
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
            out.extend((drug_id, row.brand, "brand") for drug_id in whole)
            for part in row.parts:
                out.extend(
                    (drug_id, row.brand, INGREDIENT_OF_BRAND)
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


# --------------------------------------------------------------------------- derivation


def derive_brands(products: Iterable[dict[str, str]], brand_applications: set[str]) -> list[str]:
    """Lines ``brand<TAB>ingredient + ingredient`` from Drugs@FDA product rows.

    Only products of NDA/BLA applications (``brand_applications``) count: there the product
    name is a trade name. Names equal to their ingredient, names with figures and names of more
    than three words are skipped; "A/B" gives two brands.
    """
    pairs: set[tuple[str, str]] = set()
    for row in products:
        if row.get("ApplNo", "") not in brand_applications:
            continue
        ingredient_text = row.get("ActiveIngredient", "")
        ingredients = sorted(
            {" ".join(i.split()).lower() for i in ingredient_text.split(";") if i.strip()}
        )
        if not ingredients:
            continue
        joined = INGREDIENT_SEPARATOR.join(ingredients)
        for brand in row.get("DrugName", "").split("/"):
            cleaned = " ".join(brand.split())
            if not _PLAIN_BRAND.fullmatch(cleaned) or len(cleaned.split()) > _MAX_BRAND_WORDS:
                continue
            if combination_key(name_key(cleaned)) == combination_key(
                name_key(" ".join(ingredients))
            ):
                continue
            pairs.add((brand_case(cleaned), joined))
    return [f"{brand}\t{ingredients}" for brand, ingredients in sorted(pairs)]


def brand_case(name: str) -> str:
    """``"ACTIN-N"`` → ``"Actin-N"``: each word or hyphen part capitalised; release and
    formulation letters after the first word stay capitals (``"ADDERALL XR"`` → ``"Adderall
    XR"``)."""

    def word(match: re.Match[str]) -> str:
        text = match.group(2)
        if match.start() > 0 and text.lower() in _CAPITAL_SUFFIXES:
            return match.group(1) + text.upper()
        return match.group(1) + text.capitalize()

    return _WORD_START.sub(word, name)


def main(argv: Sequence[str]) -> int:
    """Print ``resources/brands.tsv`` derived from a Drugs@FDA folder."""
    if len(argv) != 1:
        print("usage: python -m medguide.store.search_brands DRUGSATFDA_FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    with (folder / "Applications.txt").open(encoding="latin-1", newline="") as handle:
        applications = {
            r["ApplNo"]
            for r in csv.DictReader(handle, delimiter="\t")
            if r.get("ApplType") in ("NDA", "BLA")
        }
    with (folder / "Products.txt").open(encoding="latin-1", newline="") as handle:
        lines = derive_brands(csv.DictReader(handle, delimiter="\t"), applications)
    print("# Brand names and their active ingredients (facts), derived by MedGuide from the")
    print("# FDA Drugs@FDA data files (public domain, US government work), NDA and BLA products.")
    print("# Regenerate: python -m medguide.store.search_brands DRUGSATFDA_FOLDER")
    print("brand\tingredients")
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
