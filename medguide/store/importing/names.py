"""Names an import adds beside the documents' and the dictionary's own.

Two of our data files feed the aliases table at import time (so nothing is worked out when the
search starts):

- ``resources/brands.tsv`` (Drugs@FDA brand → ingredients, see ``brand_table``): a brand of
  one ingredient becomes a ``brand`` alias of that drug; a combination brand becomes a
  ``brand`` alias of the combination drug when there is one, and an ``INGREDIENT_OF_BRAND``
  alias of each ingredient's own drug. A dictionary synonym that is a known brand ("tylenol")
  is stored as a brand in the brand's own spelling ("Tylenol").
- ``resources/name_variants.tsv``: a drug named by a US or an international name gets the other
  name as a synonym (see ``name_variants``).

All of these aliases have no source (``source_id`` NULL), like the dictionary's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection

from medguide.core.model import Alias, AliasKind
from medguide.core.name_keys import combination_key, name_key
from medguide.store.importing.brand_table import BrandTable
from medguide.store.importing.name_resolver import quick_fold
from medguide.store.importing.name_variants import NameVariants


@dataclass(frozen=True)
class AliasTables:
    """The brand table and the name variants an import draws aliases from."""

    brands: BrandTable
    variants: NameVariants

    @classmethod
    def shipped(cls) -> AliasTables:
        """The tables of the shipped ``resources`` files."""
        return cls(BrandTable.load(), NameVariants.load())

    @classmethod
    def empty(cls) -> AliasTables:
        """No brands and no variants (tests of the rest of the import)."""
        return cls(BrandTable([]), NameVariants({}))

    def relabel(self, alias: Alias) -> Alias:
        """A synonym that is a known brand becomes a brand, in the brand's spelling."""
        if alias.kind is not AliasKind.SYNONYM:
            return alias
        label = self.brands.labels.get(name_key(alias.name))
        return Alias(label, AliasKind.BRAND) if label is not None else alias


def _key(name: str) -> str:
    """``name_key`` with a fast path for the common one-word ASCII name."""
    low = name.lower()
    return low if low.isascii() and low.isalnum() else name_key(low)


class _StoredNames:
    """Every drug name and alias of the database, keyed for the brand table's look-ups."""

    def __init__(self, conn: Connection, labels: Mapping[str, str]) -> None:
        """``labels`` maps the key of a known brand to its spelling (``BrandTable.labels``)."""
        self.taken: set[tuple[int, str]] = set()
        """(drug id, folded name) pairs already used: own names and stored aliases."""
        self._exact: dict[str, set[int]] = {}
        self._combo: dict[str, set[int]] = {}
        self._own: set[str] = set()
        self.drugs: list[tuple[int, str]] = list(conn.exec_driver_sql("SELECT id, name FROM drugs"))
        """(id, name) of every drug."""
        exact, combo, taken = self._exact, self._combo, self.taken
        for drug_id, name in self.drugs:
            key = _key(name)
            taken.add((drug_id, quick_fold(name)))
            self._own.add(key)
            exact.setdefault(key, set()).add(drug_id)
            if " " in key:  # a combination is named by its drug's own name, in any order
                combo.setdefault(combination_key(key), set()).add(drug_id)
        self.relabel: list[tuple[int, int, str]] = []
        """(alias id, drug id, brand spelling) of stored dictionary synonyms that are known
        brands (written by an older MedGuide, which kept them as synonyms)."""
        rows = conn.exec_driver_sql(
            "SELECT id, drug_id, name, name_folded, kind, source_id FROM aliases"
        )
        for alias_id, drug_id, name, folded, kind, source_id in rows:
            taken.add((drug_id, folded))
            # An ingredient's share of a combination brand names no drug by itself: a
            # combination drug imported later must still get that brand.
            if kind == AliasKind.INGREDIENT_OF_BRAND:
                continue
            key = _key(folded)
            exact.setdefault(key, set()).add(drug_id)
            if kind == AliasKind.SYNONYM.value and source_id is None:
                label = labels.get(key)
                if label is not None and label != name:
                    self.relabel.append((alias_id, drug_id, label))

    def add_name(self, key: str, drug_id: int) -> None:
        """Let ``key`` name ``drug_id`` in later look-ups (an alias about to be stored)."""
        self._exact.setdefault(key, set()).add(drug_id)

    def is_drug_name(self, key: str) -> bool:
        """True when ``key`` is the own name of a drug (a brand by that name is skipped)."""
        return key in self._own

    def drug_ids(self, key: str) -> list[int]:
        """Ids of the drugs named exactly ``key`` (a combination in any order)."""
        found = self._exact.get(key)
        if not found and " " in key:
            found = self._combo.get(combination_key(key))
        return sorted(found) if found else []


_INSERT_SQL = (
    "INSERT INTO aliases (drug_id, name, name_folded, kind, source_id) VALUES (?, ?, ?, ?, NULL)"
)
_RELABEL_SQL = "UPDATE aliases SET name = ?, kind = ? WHERE id = ?"


def add_table_aliases(conn: Connection, tables: AliasTables) -> set[int]:
    """Store what the tables say about the drugs of the database and is not stored yet.

    Every drug gets the other spellings of its name (name variants), then the brands of the
    brand table that name it (an ingredient may be named by a variant: Asacol, mesalamine →
    the page "mesalazine"); stored dictionary synonyms that are known brands become brands.
    Only missing (drug, name) pairs are added, so a second pass adds nothing, a re-import adds
    only what new drugs brought, and a database written by an older MedGuide catches up at its
    next import. Returns the ids of the drugs whose aliases changed.
    """
    brands, variants = tables.brands, tables.variants
    if not len(brands) and not len(variants):
        return set()
    stored = _StoredNames(conn, brands.labels)
    rows: list[tuple[int, str, str, str]] = []

    def add(drug_id: int, name: str, kind: str) -> None:
        folded = quick_fold(name)
        if folded and (drug_id, folded) not in stored.taken:
            stored.taken.add((drug_id, folded))
            rows.append((drug_id, name, folded, kind))

    if len(variants):
        for drug_id, name in stored.drugs:
            for other in variants.others(name):
                add(drug_id, other, AliasKind.SYNONYM.value)
                stored.add_name(_key(other), drug_id)
    # A brand that a drug already has as an alias (from the dictionary, say) still goes to the
    # other drugs of its ingredients; only a brand that is itself a drug's name is left out.
    for drug_id, brand, kind in brands.resolve(stored.drug_ids, stored.is_drug_name):
        add(drug_id, brand, kind)
    if rows:
        conn.exec_driver_sql(_INSERT_SQL, rows)
    if stored.relabel:
        conn.exec_driver_sql(
            _RELABEL_SQL,
            [(label, AliasKind.BRAND.value, alias_id) for alias_id, _, label in stored.relabel],
        )
    return {row[0] for row in rows} | {drug_id for _, drug_id, _ in stored.relabel}
