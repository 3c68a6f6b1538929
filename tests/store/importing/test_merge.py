"""One drug per substance: pages under US, international, salt or punctuated names join."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from medguide.store.database import Database
from medguide.store.importing.brand_table import BrandTable
from medguide.store.importing.importer import Importer
from medguide.store.importing.name_variants import NameVariants
from medguide.store.importing.names import AliasTables
from medguide.store.repository import Repository
from medguide.store.schema import FavouriteRow
from tests.store.fakes import fake_aliases, fake_parse, write_doc


def _importer(db: Database) -> Importer:
    variants = NameVariants.from_pairs([("acetaminophen", "paracetamol")])
    tables = AliasTables(BrandTable([]), variants)
    return Importer(db, parse=fake_parse, aliases=fake_aliases, workers=1, tables=tables)


def _page(docs: Path, name: str, text: str, fmt: str = "rxhive") -> Path:
    return write_doc(
        docs,
        f"{name.lower().strip(' .')}.md",
        [f"format: {fmt}", f"name: {name}", f"usage: {text}"],
    )


def test_international_salt_and_punctuated_names_join_one_drug(db: Database, docs: Path) -> None:
    _page(docs, "Paracetamol", "Takes away pain.")
    _page(docs, "Acetaminophen", "Eases pain and fever.")
    _page(docs, "Clonazepam .", "Calms seizures.")
    _page(docs, "Clonazepam", "Prevents seizures.")
    _page(docs, "Metformin Hydrochloride", "Lowers sugar.")
    _page(docs, "Metformin", "For diabetes.")
    _page(docs, "Ibuprofen (systemic)", "For pain.")
    _page(docs, "Ibuprofen", "For pain and fever.")
    _page(docs, "Ibuprofen (topical)", "A gel for pain.")
    assert _importer(db).import_paths([docs]).ok
    repo = Repository(db)
    slugs = {d.slug for d in repo.list_drugs()}
    # the US name, the plain name and the base moiety are kept; a topical product stays apart
    assert slugs == {"acetaminophen", "clonazepam", "metformin", "ibuprofen", "ibuprofen-topical"}
    page = repo.get_drug("acetaminophen")
    assert page is not None
    assert "paracetamol" in {name.lower() for name in page.synonyms}
    assert {s.title for s in page.sources} == {"paracetamol", "acetaminophen"}
    assert repo.resolve("Paracetamol") == "acetaminophen"
    assert repo.resolve("Metformin Hydrochloride") == "metformin"


def test_clinic_data_of_a_merged_drug_moves_to_the_kept_one(db: Database, docs: Path) -> None:
    """A favourite set on the duplicate before the merge is kept, on the drug that stays."""
    _page(docs, "Paracetamol", "Takes away pain.")
    assert _importer(db).import_paths([docs]).ok
    repo = Repository(db)
    repo.set_favourite("paracetamol", True)
    _page(docs, "Acetaminophen", "Eases pain and fever.")
    assert _importer(db).import_paths([docs]).ok
    with db.session() as session:
        assert list(session.scalars(select(FavouriteRow.slug))) == ["acetaminophen"]
    assert [d.slug for d in repo.favourites()] == ["acetaminophen"]
