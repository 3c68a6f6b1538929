"""Derive ``resources/brands.tsv`` (brand name → active ingredients) from Drugs@FDA.

Dev-time tool, not part of the app: the FDA's Drugs@FDA data files are public domain (US
government work); the list it prints holds facts only. Usage:

    python tools/derive_brands.py DRUGSATFDA_FOLDER > resources/brands.tsv

where the folder holds ``Products.txt`` and ``Applications.txt``.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from medguide.core.name_keys import INGREDIENT_SEPARATOR, combination_key, name_key
from medguide.core.text import brand_case

# A brand worth searching: letters first, no figures or packaging notes ("... In Plastic
# Container"), at most three words.
_PLAIN_BRAND = re.compile(r"[A-Za-z][A-Za-z .'-]*")
_MAX_BRAND_WORDS = 3


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


def main(argv: Sequence[str]) -> int:
    """Print ``resources/brands.tsv`` derived from a Drugs@FDA folder."""
    if len(argv) != 1:
        print("usage: python tools/derive_brands.py DRUGSATFDA_FOLDER", file=sys.stderr)
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
    print("# Regenerate: python tools/derive_brands.py DRUGSATFDA_FOLDER")
    print("brand\tingredients")
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
