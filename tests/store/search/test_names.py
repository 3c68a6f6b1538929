"""The in-memory name index and the query text rules, without a database."""

from __future__ import annotations

import pytest

from medguide.core.name_keys import (
    clean_query,
    combination_key,
    compact_key,
    content_words,
    fts_expression,
    name_key,
)
from medguide.store.search.names import PREFILTER_FROM, NameIndex

ROWS = [
    (1, "romiplostim", "Romiplostim", "Romiplostim", "name"),
    (1, "romiplostim", "Romiplostim", "Nplate", "brand"),
    (2, "romidepsin", "Romidepsin", "Romidepsin", "name"),
    (3, "lisinopril", "Lisinopril", "Lisinopril", "name"),
    (4, "abacavir-lamivudine", "Abacavir + Lamivudine", "Abacavir + Lamivudine", "name"),
    (5, "insulin-glargine", "Insulin Glargine", "Insulin Glargine", "name"),
]


@pytest.fixture
def index() -> NameIndex:
    return NameIndex.build(ROWS)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Co-Trimoxazole", "co trimoxazole"),
        ("  Paracétamol ", "paracetamol"),
        ("Abacavir + Lamivudine", "abacavir lamivudine"),
        ("e.p.o.", "e p o"),
        ('"; DROP', "drop"),
        ("", ""),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


def test_combination_and_compact_keys() -> None:
    assert combination_key("lamivudine and abacavir") == "abacavir lamivudine"
    assert compact_key("beta carotene") == "betacarotene"


def test_content_words_drop_question_words() -> None:
    assert content_words("How does rivatigmine interact with sleeping pills?") == [
        "rivatigmine",
        "sleeping",
    ]


def test_fts_expression_quotes_every_term() -> None:
    assert fts_expression(["low", "platelets"]) == '"low" "platelets"'
    assert fts_expression(["a", "b"], any_term=True) == '"a" OR "b"'
    assert fts_expression(["romi"], last_prefix=True) == '"romi"*'
    assert fts_expression([]) == ""


def test_clean_query_cuts_and_squeezes() -> None:
    assert clean_query("  a \t b  ") == "a b"
    assert len(clean_query("x" * 10_000)) == 500
    assert clean_query(None) == ""


def test_exact_prefix_and_fuzzy(index: NameIndex) -> None:
    assert [m.entry.slug for m in index.exact("nplate")] == ["romiplostim"]
    assert [m.entry.slug for m in index.exact("lamivudine abacavir")] == ["abacavir-lamivudine"]
    assert [m.entry.slug for m in index.prefix("romi", 10)] == ["romidepsin", "romiplostim"]
    assert [m.entry.slug for m in index.prefix("romi", 1)] == ["romidepsin"]
    assert index.fuzzy("romiplastin", 5)[0].entry.slug == "romiplostim"
    assert index.fuzzy("kisinopril", 5)[0].entry.slug == "lisinopril"
    assert index.fuzzy("glargin", 5)[0].entry.slug == "insulin-glargine"
    assert index.fuzzy("abc", 5) == []
    assert index.drug_ids("nplate") == [1]


def test_prefilter_for_large_lists_finds_the_same_match() -> None:
    rows = [(i, f"drug{i}", f"Drug {i}", f"zq{i:05d}xv", "name") for i in range(PREFILTER_FROM)]
    rows += ROWS
    index = NameIndex.build(rows)
    assert index.fuzzy("romiplastin", 5)[0].entry.slug == "romiplostim"
    assert index.fuzzy("kisinopril", 5)[0].entry.slug == "lisinopril"
