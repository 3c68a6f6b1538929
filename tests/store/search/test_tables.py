"""The search's own data files: look-alike name pairs and the brand table."""

from __future__ import annotations

from pathlib import Path

import pytest

from medguide.core.model import AliasKind
from medguide.core.name_keys import name_key
from medguide.store.importing.brand_table import (
    BrandRow,
    BrandTable,
    parse_brands,
)
from medguide.store.search.lasa import LasaPair, LasaTable, parse_lasa


def test_shipped_lasa_file_has_enough_distinct_pairs() -> None:
    table = LasaTable.load()
    pairs = {frozenset((name_key(p.first), name_key(p.second))) for p in table.pairs}
    assert len(pairs) == len(table) >= 60
    assert all(len(p) == 2 for p in pairs)


@pytest.mark.parametrize(
    ("first", "second"),
    [("hydroxyzine", "hydralazine"), ("Celebrex", "Celexa"), ("tramadol", "trazodone")],
)
def test_well_known_pairs_are_listed(first: str, second: str) -> None:
    wanted = frozenset((name_key(first), name_key(second)))
    assert wanted in {
        frozenset((name_key(p.first), name_key(p.second))) for p in LasaTable.load().pairs
    }


def test_lasa_parser_skips_comments_header_and_bad_lines() -> None:
    text = "# note\nname_a\tname_b\nAlpha\tBeta\nonly-one\n\n Gamma \t Delta \n"
    assert parse_lasa(text) == [LasaPair("Alpha", "Beta"), LasaPair("Gamma", "Delta")]


def test_lasa_near_finds_a_pair_from_a_misspelling() -> None:
    table = LasaTable([LasaPair("hydroxyzine", "hydralazine")])
    assert [pair for _key, pair in table.near("hydroxizine")] == [table.pairs[0]]
    assert table.near("zzz") == []
    assert table.near("metformin") == []


def test_shipped_brand_table_loads() -> None:
    table = BrandTable.load()
    brands = {name_key(r.brand): r.ingredients for r in table.rows}
    assert len(table) > 1000
    assert brands["lipitor"] == ("atorvastatin calcium",)
    # readable spelling: capitalised words, release marks in capitals
    assert table.labels["erbitux"] == "Erbitux"
    assert table.labels["quillivant xr"] == "Quillivant XR"


def test_missing_brand_file_gives_an_empty_table(tmp_path: Path) -> None:
    assert len(BrandTable.load(tmp_path / "absent.tsv")) == 0


def test_brand_parser() -> None:
    text = "# c\nbrand\tingredients\nSinemet\tcarbidopa + levodopa\nbad line\n"
    assert parse_brands(text) == [BrandRow("Sinemet", ("carbidopa", "levodopa"))]


def test_resolve_maps_brands_to_whole_combinations_and_to_single_ingredients() -> None:
    known = {"carbidopa levodopa": [1], "carbidopa": [2], "levodopa": [3], "atorvastatin": [4]}

    def lookup(key: str) -> list[int]:
        return known.get(" ".join(sorted(key.split())), [])

    table = BrandTable(
        [
            BrandRow("Sinemet", ("carbidopa", "levodopa")),
            BrandRow("Lipitor", ("atorvastatin calcium",)),
            BrandRow("Levodopa", ("levodopa",)),
            BrandRow("Nothing", ("unknownium",)),
        ]
    )
    assert sorted(table.resolve(lookup)) == [
        (1, "Sinemet", "brand"),
        (2, "Sinemet", AliasKind.INGREDIENT_OF_BRAND),
        (3, "Sinemet", AliasKind.INGREDIENT_OF_BRAND),
        (4, "Lipitor", "brand"),
    ]


def test_a_product_named_by_its_ingredient_is_not_a_brand() -> None:
    table = BrandTable(
        [
            BrandRow("Epinephrine", ("epinephrine bitartrate",)),
            BrandRow("Epipen", ("epinephrine",)),
        ]
    )
    assert table.labels == {"epipen": "Epipen"}
    assert table.resolve(lambda key: [7] if key == "epinephrine" else []) == [
        (7, "Epipen", "brand")
    ]
