"""Brand names and synonyms from the offline drug dictionary."""

from __future__ import annotations

import sys

import pytest

from medguide.content import drug_names
from medguide.content.drug_names import MAX_ALIASES, dictionary_aliases, dictionary_aliases_many
from medguide.core.model import Alias, AliasKind

pytestmark = pytest.mark.skipif(
    drug_names.data_path() is None, reason="drug-named-entity-recognition is not installed"
)


def _names(aliases: tuple[Alias, ...]) -> set[str]:
    return {a.name.lower() for a in aliases}


def test_brand_flag_from_the_dictionary() -> None:
    aliases = dictionary_aliases("Atorvastatin")
    assert Alias("Lipitor", AliasKind.BRAND) in aliases
    assert aliases[0].kind is AliasKind.BRAND  # brands first


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("romiplostim", {"nplate"}),
        ("Paracetamol", {"acetaminophen", "tylenol"}),
        ("salbutamol", {"albuterol", "ventolin"}),
        ("ALBUTEROL", {"salbutamol"}),
    ],
)
def test_synonyms_found(name: str, expected: set[str]) -> None:
    names = _names(dictionary_aliases(name))
    assert expected <= names
    assert name.lower() not in names


def test_unknown_names_give_nothing() -> None:
    assert dictionary_aliases("Notarealdrugname") == ()
    assert dictionary_aliases("") == ()


def test_chemical_looking_and_long_variants_are_skipped() -> None:
    for name in ("acetaminophen", "amoxicillin", "insulin glargine", "atorvastatin"):
        aliases = dictionary_aliases(name)
        assert len(aliases) <= MAX_ALIASES
        for alias in aliases:
            assert not any(ch.isdigit() for ch in alias.name), alias
            assert "," not in alias.name and len(alias.name) <= 30
            assert "calcium" not in alias.name and "trihydrate" not in alias.name


def test_many_matches_single_lookups() -> None:
    names = ["romiplostim", "atorvastatin", "Notarealdrugname"]
    assert dictionary_aliases_many(names) == {n: dictionary_aliases(n) for n in names}


def test_the_package_itself_is_not_imported() -> None:
    dictionary_aliases("romiplostim")
    assert "drug_named_entity_recognition.drugs_finder" not in sys.modules
