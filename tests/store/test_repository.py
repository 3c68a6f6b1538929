"""Repository: drug pages with precedence and overrides, resolve, user data."""

from __future__ import annotations

from pathlib import Path

import pytest

from medguide.core.model import Audience, SectionKind, SourceFormat
from medguide.core.views import DrugPage, DrugSummary, Letterhead
from medguide.store.database import Database
from medguide.store.importing.importer import Importer
from medguide.store.repository import RECENT_KEPT, Repository
from tests.store.fakes import write_doc


@pytest.fixture
def repo(db: Database) -> Repository:
    return Repository(db)


@pytest.fixture
def paracetamol(importer: Importer, docs: Path) -> None:
    """Paracetamol from an RxHive page and a library page, plus ibuprofen."""
    write_doc(
        docs,
        "paracetamol.md",
        [
            "name: Paracetamol",
            "brand: Panadol",
            "usage: RxHive usage text.",
            "side_effects: RxHive side effects.",
            "faq: RxHive question? | RxHive answer.",
        ],
    )
    write_doc(
        docs,
        "library/paracetamol/patient.md",
        [
            "format: medguide-library",
            "name: Paracetamol",
            "class: Analgesic",
            "usage: Library usage text.",
            "faq: Library question one? | One.",
            "faq: Library question two? | Two.",
        ],
    )
    write_doc(docs, "ibuprofen.md", ["name: Ibuprofen", "usage: Eases swelling."])
    assert importer.import_paths([docs]).ok


def page(repo: Repository, slug: str = "paracetamol") -> DrugPage:
    found = repo.get_drug(slug)
    assert found is not None
    return found


@pytest.mark.usefixtures("paracetamol")
def test_list_count_and_empty(repo: Repository) -> None:
    assert repo.drug_count() == 2
    assert not repo.is_empty()
    assert repo.list_drugs() == [
        DrugSummary("ibuprofen", "Ibuprofen", None),
        DrugSummary("paracetamol", "Paracetamol", "Analgesic"),
    ]


def test_empty_database(repo: Repository) -> None:
    assert repo.is_empty()
    assert repo.drug_count() == 0
    assert repo.get_drug("nothing") is None


@pytest.mark.usefixtures("paracetamol")
def test_precedence_library_over_rxhive(repo: Repository) -> None:
    drug = page(repo)
    usage = drug.section(SectionKind.USAGE, Audience.PATIENT)
    assert usage is not None and usage.markdown == "Library usage text."
    source = drug.source(usage.source_id)
    assert source is not None and source.format is SourceFormat.LIBRARY
    # one text per (kind, audience)
    keys = [(s.kind, s.audience) for s in drug.sections]
    assert len(keys) == len(set(keys))
    # side effects only RxHive has: still shown, from RxHive
    side = drug.section(SectionKind.SIDE_EFFECTS, Audience.PATIENT)
    assert side is not None and side.markdown == "RxHive side effects."
    assert {s.format for s in drug.sources} == {SourceFormat.LIBRARY, SourceFormat.RXHIVE}
    assert drug.brand_names == ("Panadol", "Tylenol")  # document first, then dictionary
    assert set(drug.synonyms) == {"Acetaminophen"}


@pytest.mark.usefixtures("paracetamol")
def test_faqs_come_from_the_best_source_only(repo: Repository) -> None:
    faqs = page(repo).faqs_for(Audience.PATIENT)
    assert [f.question for f in faqs] == ["Library question one?", "Library question two?"]


@pytest.mark.usefixtures("paracetamol")
def test_override_wins_and_revert_restores(repo: Repository) -> None:
    repo.save_override("paracetamol", SectionKind.USAGE, Audience.PATIENT, "Take one tablet.")
    usage = page(repo).section(SectionKind.USAGE, Audience.PATIENT)
    assert usage is not None
    assert (usage.markdown, usage.clinic_override, usage.source_id) == (
        "Take one tablet.",
        True,
        None,
    )
    assert usage.grade is not None
    repo.save_override("paracetamol", SectionKind.USAGE, Audience.PATIENT, "Take two.")
    usage = page(repo).section(SectionKind.USAGE, Audience.PATIENT)
    assert usage is not None and usage.markdown == "Take two."
    repo.revert_override("paracetamol", SectionKind.USAGE, Audience.PATIENT)
    usage = page(repo).section(SectionKind.USAGE, Audience.PATIENT)
    assert usage is not None and usage.markdown == "Library usage text."


@pytest.mark.usefixtures("paracetamol")
def test_override_survives_reimport(repo: Repository, importer: Importer, docs: Path) -> None:
    repo.save_override("paracetamol", SectionKind.DOSAGE, Audience.PATIENT, "Ours.")
    write_doc(docs, "paracetamol.md", ["name: Paracetamol", "usage: New RxHive text."])
    importer.import_paths([docs])
    dosage = page(repo).section(SectionKind.DOSAGE, Audience.PATIENT)
    assert dosage is not None and dosage.clinic_override


@pytest.mark.usefixtures("paracetamol")
@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("paracetamol", "paracetamol"),
        ("PARACETAMOL", "paracetamol"),
        ("Panadol", "paracetamol"),
        ("acetaminophen", "paracetamol"),
        ("ibuprofen", "ibuprofen"),
        ("aspirin", None),
        ("", None),
    ],
)
def test_resolve(repo: Repository, name: str, slug: str | None) -> None:
    assert repo.resolve(name) == slug


@pytest.mark.usefixtures("paracetamol")
def test_favourites(repo: Repository) -> None:
    assert not repo.is_favourite("paracetamol")
    repo.set_favourite("paracetamol", True)
    repo.set_favourite("paracetamol", True)
    assert repo.is_favourite("paracetamol")
    assert [d.slug for d in repo.favourites()] == ["paracetamol"]
    repo.set_favourite("paracetamol", False)
    assert repo.favourites() == []


@pytest.mark.usefixtures("paracetamol")
def test_recent_views_newest_first_and_capped(repo: Repository, db: Database) -> None:
    repo.record_view("paracetamol")
    repo.record_view("ibuprofen")
    assert [r.slug for r in repo.recent()] == ["ibuprofen", "paracetamol"]
    repo.record_view("paracetamol")
    assert [r.slug for r in repo.recent(limit=1)] == ["paracetamol"]
    for n in range(RECENT_KEPT + 5):
        repo.record_view(f"other-{n}")
    from sqlalchemy import text

    with db.engine.connect() as conn:
        kept = conn.execute(text("SELECT count(*) FROM recent_views")).scalar()
    assert kept == RECENT_KEPT


def test_letterhead_round_trip(repo: Repository) -> None:
    assert repo.letterhead().is_empty
    letterhead = Letterhead("Riverside Clinic", "1 Main St", "555 0100", "")
    repo.save_letterhead(letterhead)
    assert repo.letterhead() == letterhead
    repo.save_letterhead(Letterhead("Hilltop"))
    assert repo.letterhead() == Letterhead("Hilltop")


@pytest.mark.usefixtures("paracetamol")
def test_clinic_note(repo: Repository) -> None:
    assert repo.clinic_note("paracetamol") == ""
    repo.save_clinic_note("paracetamol", "No more than 4 g a day.")
    assert repo.clinic_note("paracetamol") == "No more than 4 g a day."
    assert page(repo).clinic_note == "No more than 4 g a day."
    repo.save_clinic_note("paracetamol", "  ")
    assert repo.clinic_note("paracetamol") == ""


def test_related_articles_on_the_page(repo: Repository, importer: Importer, docs: Path) -> None:
    write_doc(docs, "romiplostim.md", ["name: Romiplostim", "usage: Raises platelets."])
    write_doc(
        docs,
        "article.txt",
        [
            "format: qa-article",
            "question: How does it work?",
            "focus: mechanism",
            "focus_name: romiplostim",
            "body: It binds the receptor.",
        ],
    )
    importer.import_paths([docs])
    drug = page(repo, "romiplostim")
    assert [a.question for a in drug.related_articles] == ["How does it work?"]
    mechanism = drug.section(SectionKind.MECHANISM, Audience.PROFESSIONAL)
    assert mechanism is not None and mechanism.markdown == "It binds the receptor."
    article_source = drug.source(drug.related_articles[0].source_id)
    assert article_source is not None and article_source.format is SourceFormat.QA_ARTICLE


def test_newest_source_wins_within_a_format(
    repo: Repository, importer: Importer, docs: Path
) -> None:
    write_doc(docs, "first.md", ["name: Heparin", "usage: Older wording."])
    importer.import_paths([docs / "first.md"])
    write_doc(docs, "second.md", ["name: Heparin", "usage: Newer wording."])
    importer.import_paths([docs / "second.md"])
    usage = page(repo, "heparin").section(SectionKind.USAGE, Audience.PATIENT)
    assert usage is not None and usage.markdown == "Newer wording."


def test_resolve_finds_a_name_with_accents(tmp_path: Path) -> None:
    from medguide.store.database import open_database as open_db
    from medguide.store.importing.importer import Importer as RealImporter

    page = tmp_path / "page.md"
    page.write_text(
        "---\nlayout: minimal-medicine\ntitle: Caféine test\n---\n\n**Usage:** Made up.\n",
        encoding="utf-8",
    )
    db = open_db(tmp_path / "accents.sqlite")
    assert RealImporter(db).import_paths([page]).rejected == []
    repo = Repository(db)
    slug = repo.resolve("Caféine test")
    assert slug is not None and repo.resolve("CAFÉINE TEST") == slug
    db.close()
