"""Brand names and US/international name variants stored as aliases at import time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from sqlalchemy import select, text

from medguide.core.model import Alias, AliasKind
from medguide.store.database import Database, open_database
from medguide.store.importing.brand_table import BrandRow, BrandTable
from medguide.store.importing.importer import Importer
from medguide.store.importing.name_variants import NameVariants, parse_variants
from medguide.store.importing.names import AliasTables
from medguide.store.repository import Repository
from medguide.store.schema import USER_TABLES, AliasRow, DrugRow
from medguide.store.search.engine import SearchEngine
from tests.conftest import PROJECT_ROOT
from tests.store.fakes import fake_parse, write_doc
from tests.store.importing.test_importer import snapshot

BRANDS = BrandTable(
    [
        BrandRow("Erbitux", ("cetuximab",)),
        BrandRow("Tylenol", ("acetaminophen",)),
        BrandRow("Zestril", ("lisinopril",)),
        BrandRow("Epzicom", ("abacavir sulfate", "lamivudine")),
        BrandRow("Prinzide", ("hydrochlorothiazide", "lisinopril")),
    ]
)
VARIANTS = NameVariants.from_pairs([("chlorpheniramine", "chlorphenamine")])
TABLES = AliasTables(BRANDS, VARIANTS)


def dictionary(names: Sequence[str]) -> Mapping[str, Sequence[Alias]]:
    """A pretend dictionary that knows brands only as lowercase synonyms."""
    table = {
        "Cetuximab": (Alias("erbitux", AliasKind.SYNONYM),),
        "Paracetamol": (Alias("acetaminophen", AliasKind.SYNONYM),),
    }
    return {name: table.get(name, ()) for name in names}


def make_importer(db: Database, tables: AliasTables = TABLES) -> Importer:
    return Importer(db, parse=fake_parse, aliases=dictionary, workers=1, tables=tables)


def stored_aliases(db: Database) -> set[tuple[str, str, str, bool]]:
    """(slug, alias, kind, has a source) of every stored alias."""
    with db.session() as session:
        rows = session.execute(
            select(DrugRow.slug, AliasRow.name, AliasRow.kind, AliasRow.source_id).join(
                DrugRow, DrugRow.id == AliasRow.drug_id
            )
        )
        return {(r.slug, r.name, r.kind, r.source_id is not None) for r in rows}


def write_drugs(docs: Path, *names: str) -> list[Path]:
    return [write_doc(docs, f"{n.lower()}.md", [f"name: {n}", f"usage: About {n}."]) for n in names]


def test_brands_are_stored_in_their_own_spelling(db: Database, docs: Path) -> None:
    write_drugs(docs, "Cetuximab", "Paracetamol", "Lisinopril")
    assert make_importer(db).import_paths([docs]).ok
    assert stored_aliases(db) == {
        # a dictionary synonym that is a known brand is stored as that brand
        ("cetuximab", "Erbitux", "brand", False),
        ("paracetamol", "acetaminophen", "synonym", False),
        # found through the dictionary's synonym of the ingredient
        ("paracetamol", "Tylenol", "brand", False),
        ("lisinopril", "Zestril", "brand", False),
        # a combination brand with no combination drug: kept on the ingredient's drug
        ("lisinopril", "Prinzide", AliasKind.INGREDIENT_OF_BRAND, False),
    }
    repo = Repository(db)
    cetuximab = repo.get_drug("cetuximab")
    lisinopril = repo.get_drug("lisinopril")
    assert cetuximab is not None and cetuximab.brand_names == ("Erbitux",)
    assert lisinopril is not None and lisinopril.brand_names == ("Zestril",)
    assert "Prinzide" not in lisinopril.synonyms


def test_combination_brand_goes_to_the_combination_drug(db: Database, docs: Path) -> None:
    write_drugs(docs, "Abacavir", "Lamivudine")
    make_importer(db).import_paths([docs])
    assert Repository(db).resolve("Epzicom") in ("abacavir", "lamivudine")
    # the combination arrives in a later import and still gets its brand
    write_doc(docs, "combo.md", ["name: Abacavir + Lamivudine", "usage: Two in one."])
    report = make_importer(db).import_paths([docs])
    assert (len(report.imported), len(report.unchanged)) == (1, 2)
    epzicom = {(slug, kind) for slug, name, kind, _ in stored_aliases(db) if name == "Epzicom"}
    assert epzicom == {
        ("abacavir-lamivudine", "brand"),
        ("abacavir", AliasKind.INGREDIENT_OF_BRAND),
        ("lamivudine", AliasKind.INGREDIENT_OF_BRAND),
    }
    assert Repository(db).resolve("Epzicom") == "abacavir-lamivudine"


def test_reimport_keeps_brand_aliases_and_writes_nothing_when_unchanged(
    db: Database, docs: Path
) -> None:
    paths = write_drugs(docs, "Cetuximab", "Paracetamol", "Lisinopril")
    make_importer(db).import_paths([docs])
    first = snapshot(db)
    report = make_importer(db).import_paths([docs])
    assert len(report.unchanged) == 3 and not report.imported and not report.updated
    assert snapshot(db) == first
    aliases = stored_aliases(db)
    write_doc(docs, paths[0].name, ["name: Cetuximab", "usage: Changed wording."])
    report = make_importer(db).import_paths([docs])
    assert (len(report.updated), len(report.unchanged)) == (1, 2)
    assert stored_aliases(db) == aliases
    # the same import once more: nothing left to write
    again = snapshot(db)
    make_importer(db).import_paths([docs])
    assert snapshot(db) == again


def test_brand_aliases_leave_user_tables_alone(db: Database, docs: Path) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO favourites VALUES ('cetuximab', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO clinic_settings VALUES ('clinic_name', 'Riverside')"))
        conn.execute(
            text("INSERT INTO clinic_notes VALUES ('cetuximab', 'Infusion', '2026-01-01 00:00:00')")
        )
    before = {t: rows for t, rows in snapshot(db).items() if t in USER_TABLES}
    paths = write_drugs(docs, "Cetuximab", "Lisinopril")
    make_importer(db).import_paths([docs])
    write_doc(docs, paths[1].name, ["name: Lisinopril", "usage: New text."])
    make_importer(db).import_paths([docs])
    assert {t: rows for t, rows in snapshot(db).items() if t in USER_TABLES} == before


def test_search_says_which_brand_matched(db: Database, docs: Path) -> None:
    write_drugs(docs, "Cetuximab", "Abacavir", "Lamivudine", "Abacavir + Lamivudine")
    make_importer(db).import_paths([docs])
    engine = SearchEngine(db)
    hit = engine.search("erbitux").hits[0]
    assert (hit.slug, hit.reason) == ("cetuximab", "brand name Erbitux")
    hits = engine.search("Epzicom").hits
    assert (hits[0].slug, hits[0].reason) == ("abacavir-lamivudine", "brand name Epzicom")
    assert {h.reason for h in hits[1:3]} == {"an ingredient of Epzicom"}
    engine.close()


def test_without_tables_only_documents_and_dictionary_give_aliases(
    db: Database, docs: Path
) -> None:
    write_drugs(docs, "Cetuximab", "Chlorphenamine")
    make_importer(db, AliasTables.empty()).import_paths([docs])
    assert stored_aliases(db) == {("cetuximab", "erbitux", "synonym", False)}


# --------------------------------------------------------------------------- name variants


def test_variant_parser_skips_comments_header_and_bad_lines() -> None:
    text = "# note\nus_name\tinternational_name\nalbuterol\tsalbutamol\nonly one\n\ta\tb\tc\n"
    assert parse_variants(text) == [("albuterol", "salbutamol")]


def test_variants_work_both_ways() -> None:
    variants = NameVariants.from_pairs([("albuterol", "salbutamol")])
    assert variants.others("Salbutamol") == ("albuterol",)
    assert variants.others("ALBUTEROL") == ("salbutamol",)
    assert variants.others("metformin") == ()


def test_shipped_variants_hold_well_known_pairs(tmp_path: Path) -> None:
    shipped = NameVariants.load()
    text = (PROJECT_ROOT / "resources" / "name_variants.tsv").read_text("utf-8")
    assert len(parse_variants(text)) >= 60
    for us, international in [
        ("acetaminophen", "paracetamol"),
        ("epinephrine", "adrenaline"),
        ("glyburide", "glibenclamide"),
        ("chlorpheniramine", "chlorphenamine"),
        ("ursodiol", "ursodeoxycholic acid"),
    ]:
        assert international in shipped.others(us)
        assert us in shipped.others(international)
    assert len(NameVariants.load(tmp_path / "absent.tsv")) == 0


VARIANT_DRUGS = ("Chlorphenamine", "Salbutamol", "Mesalazine", "Calcipotriene", "Rifampicin")

VARIANT_QUERIES = [
    ("chlorpheniramine", "chlorphenamine"),
    ("albuterol", "salbutamol"),
    ("mesalamine", "mesalazine"),
    ("calcipotriol", "calcipotriene"),
    ("rifampin", "rifampicin"),
    ("Chlorphenamine", "chlorphenamine"),
]


@pytest.fixture(scope="module")
def variant_search(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    root = tmp_path_factory.mktemp("variants")
    docs = root / "docs"
    write_drugs(docs, *VARIANT_DRUGS)
    db = open_database(root / "variants.sqlite")
    tables = AliasTables(BrandTable([]), NameVariants.load())
    make_importer(db, tables).import_paths([docs])
    engine = SearchEngine(db)
    yield engine
    engine.close()
    db.close()


@pytest.mark.parametrize(("query", "expected"), VARIANT_QUERIES)
def test_us_and_international_names_find_the_same_page(
    variant_search: SearchEngine, query: str, expected: str
) -> None:
    hit = variant_search.search(query).hits[0]
    assert hit.slug == expected
    assert hit.reason.startswith(("name ", "also called "))


def test_brand_reaches_every_drug_of_its_ingredient(db: Database, docs: Path) -> None:
    def names(found: Sequence[str]) -> Mapping[str, Sequence[Alias]]:
        # the dictionary already knows the brand, but on one of the two pages only
        known = {"Mesalamine": (Alias("asacol", AliasKind.SYNONYM),)}
        return {name: known.get(name, ()) for name in found}

    tables = AliasTables(
        BrandTable(
            [BrandRow("Asacol", ("mesalamine",)), BrandRow("Duragesic", ("fentanyl citrate",))]
        ),
        NameVariants.from_pairs([("mesalamine", "mesalazine")]),
    )
    write_drugs(docs, "Mesalamine", "Mesalazine", "Fentanyl", "Fentanyl Citrate")
    Importer(db, parse=fake_parse, aliases=names, workers=1, tables=tables).import_paths([docs])
    brands = {(slug, name) for slug, name, kind, _ in stored_aliases(db) if kind == "brand"}
    # US and international name, salt and base name: one substance, one drug each, which
    # keeps the brand of both pages
    assert brands == {("mesalamine", "Asacol"), ("fentanyl", "Duragesic")}


def test_an_older_import_catches_up_at_the_next_import(db: Database, docs: Path) -> None:
    def names(found: Sequence[str]) -> Mapping[str, Sequence[Alias]]:
        return {name: (Alias("tylenol", AliasKind.SYNONYM),) for name in found}

    write_drugs(docs, "Paracetamol", "Chlorphenamine")
    old = Importer(db, parse=fake_parse, aliases=names, workers=1, tables=AliasTables.empty())
    old.import_paths([docs])
    assert ("paracetamol", "tylenol", "synonym", False) in stored_aliases(db)
    # the next import that writes anything brings the stored names up to date
    write_drugs(docs, "Lisinopril")
    report = make_importer(db).import_paths([docs])
    assert (len(report.imported), len(report.unchanged)) == (1, 2)
    aliases = stored_aliases(db)
    assert ("paracetamol", "Tylenol", "brand", False) in aliases
    assert ("chlorphenamine", "chlorpheniramine", "synonym", False) in aliases
    engine = SearchEngine(db)
    assert engine.search("tylenol").hits[0].reason == "brand name Tylenol"
    engine.close()
