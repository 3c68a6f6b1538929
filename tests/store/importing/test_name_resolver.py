"""NameResolver: exact names, slugs and aliases first, then close spellings of long names."""

from __future__ import annotations

import pytest

from medguide.core.text import fold
from medguide.store.importing.name_resolver import NameResolver, quick_fold


@pytest.fixture
def resolver() -> NameResolver:
    return NameResolver(
        [
            (1, "romiplostim", "Romiplostim"),
            (2, "eltrombopag", "Eltrombopag"),
            (3, "insulin-glargine", "Insulin glargine"),
            (4, "iron", "Iron"),
        ],
        [(1, "Nplate"), (2, "Promacta"), (2, "Revolade")],
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Romiplostim", {1}),
        ("ROMIPLOSTIM", {1}),
        ("nplate", {1}),
        ("insulin glargine", {3}),
        ("insulin-glargine", {3}),
        ("romiplastin", {1}),  # two letters off, eleven long
        ("eltrombopg", {2}),  # one letter missing
        ("revolad", {2}),
        ("iran", set()),  # too short for a guess
        ("thrombocytopenia", set()),
        ("platelets", set()),
        ("", set()),
    ],
)
def test_resolve(resolver: NameResolver, name: str, expected: set[int]) -> None:
    assert resolver.resolve(name) == expected


@pytest.mark.parametrize("text", ["Paracetamol", "  Insulin   Glargine ", "Paracétamol", "ÆRO"])
def test_quick_fold_matches_fold(text: str) -> None:
    assert quick_fold(text) == fold(text)
