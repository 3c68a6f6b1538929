"""Importer: counts on import and re-import, updates, cancel, rejections, aliases, articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from medguide.core.model import ImportReport
from medguide.store.database import Database
from medguide.store.importing.importer import Importer
from medguide.store.importing.names import AliasTables
from medguide.store.schema import (
    USER_TABLES,
    AliasRow,
    DrugRow,
    FaqRow,
    SectionRow,
    SourceRow,
)
from tests.store.fakes import fake_aliases, fake_parse, write_doc

PARACETAMOL = [
    "name: Paracetamol",
    "class: Analgesic",
    "brand: Panadol",
    "usage: Eases pain and fever.",
    "side_effects: Rarely a rash.",
    "faq: Can I take it with food? | Yes.",
]


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (including the search index), for before/after checks."""
    with db.engine.connect() as conn:
        names = [
            row[0]
            for row in conn.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type='table' "
                    "AND name NOT LIKE 'search_index_%' AND name NOT LIKE 'sqlite_%'"
                )
            )
        ]
        return {
            name: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
            for name in names
        }


def test_first_import_counts_and_rows(importer: Importer, db: Database, docs: Path) -> None:
    write_doc(docs, "paracetamol.md", PARACETAMOL)
    write_doc(docs, "ibuprofen.md", ["name: Ibuprofen", "usage: Eases swelling."])
    report = importer.import_paths([docs])
    assert (len(report.imported), len(report.updated), len(report.unchanged)) == (2, 0, 0)
    assert report.ok
    assert count(db, DrugRow) == 2
    assert count(db, SectionRow) == 3
    assert count(db, FaqRow) == 1
    with db.session() as session:
        source_keys = set(session.scalars(select(SourceRow.key)))
        aliases = set(session.scalars(select(AliasRow.name)))
    assert source_keys == {"rxhive:paracetamol", "rxhive:ibuprofen"}
    # document alias + dictionary aliases; none equal to the drug's own name
    assert aliases == {"Panadol", "Acetaminophen", "Tylenol"}


def test_reimport_same_files_is_unchanged_and_writes_nothing(
    importer: Importer, db: Database, docs: Path
) -> None:
    write_doc(docs, "paracetamol.md", PARACETAMOL)
    importer.import_paths([docs])
    before = snapshot(db)
    report = importer.import_paths([docs])
    assert (len(report.imported), len(report.updated), len(report.unchanged)) == (0, 0, 1)
    assert snapshot(db) == before


def test_moved_unchanged_file_is_parsed_but_still_unchanged(
    importer: Importer, db: Database, docs: Path, tmp_path: Path
) -> None:
    write_doc(docs, "paracetamol.md", PARACETAMOL)
    importer.import_paths([docs])
    moved = write_doc(tmp_path / "elsewhere", "paracetamol.md", PARACETAMOL)
    report = importer.import_paths([moved])
    assert report.unchanged == [str(moved)]


def test_changed_file_replaces_its_rows(importer: Importer, db: Database, docs: Path) -> None:
    path = write_doc(docs, "paracetamol.md", PARACETAMOL)
    importer.import_paths([docs])
    write_doc(docs, "paracetamol.md", ["name: Paracetamol", "usage: Now a different text."])
    report = importer.import_paths([path])
    assert report.updated == [str(path)]
    with db.session() as session:
        sections = session.scalars(select(SectionRow.markdown)).all()
        aliases = set(session.scalars(select(AliasRow.name)))
    assert sections == ["Now a different text."]
    assert count(db, FaqRow) == 0
    # the document's brand name went with the old text; dictionary names stay
    assert aliases == {"Acetaminophen", "Tylenol"}
    assert count(db, SourceRow) == 1


def test_section_grade_is_stored(importer: Importer, db: Database, docs: Path) -> None:
    write_doc(docs, "paracetamol.md", PARACETAMOL)
    importer.import_paths([docs])
    with db.session() as session:
        grades = session.scalars(select(SectionRow.grade)).all()
    assert grades and all(isinstance(g, float) for g in grades)


def test_rejected_files_are_reported_and_the_rest_lands(
    importer: Importer, db: Database, docs: Path
) -> None:
    write_doc(docs, "paracetamol.md", PARACETAMOL)
    write_doc(docs, "broken.md", ["reject: not a recognised format"])
    report = importer.import_paths([docs, docs / "missing.md"])
    reasons = {Path(r.origin).name: r.reason for r in report.rejected}
    assert reasons == {
        "broken.md": "not a recognised format",
        "missing.md": "no such file or folder",
    }
    assert not report.ok
    assert count(db, DrugRow) == 1


def test_folder_walk_skips_hidden_and_other_suffixes(
    importer: Importer, db: Database, docs: Path
) -> None:
    write_doc(docs, "a/paracetamol.md", PARACETAMOL)
    write_doc(docs, "b/ibuprofen.txt", ["name: Ibuprofen", "usage: Eases swelling."])
    write_doc(docs, "c/naproxen.markdown", ["name: Naproxen", "usage: Eases swelling."])
    write_doc(docs, ".hidden/aspirin.md", ["name: Aspirin", "usage: Thins blood."])
    write_doc(docs, "a/.codeine.md", ["name: Codeine", "usage: Eases pain."])
    write_doc(docs, "a/notes.docx", ["name: Morphine", "usage: Eases pain."])
    (docs / "c" / "loop").symlink_to(docs, target_is_directory=True)
    explicit = write_doc(docs, ".explicit.data", ["name: Heparin", "usage: Thins blood."])
    report = importer.import_paths([docs, explicit])
    assert sorted(Path(p).name for p in report.imported) == [
        ".explicit.data",
        "ibuprofen.txt",
        "naproxen.markdown",
        "paracetamol.md",
    ]


def test_cancel_rolls_back_everything(importer: Importer, db: Database, docs: Path) -> None:
    write_doc(docs, "paracetamol.md", PARACETAMOL)
    importer.import_paths([docs])
    write_doc(docs, "paracetamol.md", ["name: Paracetamol", "usage: Changed."])
    write_doc(docs, "ibuprofen.md", ["name: Ibuprofen", "usage: Eases swelling."])
    before = snapshot(db)

    calls = 0

    def cancel_at_last_check() -> bool:
        nonlocal calls
        calls += 1
        return calls > 4  # 2 checks before hashing, 2 after parsing: the 5th is before commit

    report = importer.import_paths([docs], cancel=cancel_at_last_check)
    assert report.cancelled
    assert calls == 5
    assert snapshot(db) == before


def test_cancel_between_files(importer: Importer, db: Database, docs: Path) -> None:
    write_doc(docs, "paracetamol.md", PARACETAMOL)
    write_doc(docs, "ibuprofen.md", ["name: Ibuprofen", "usage: Eases swelling."])
    report = importer.import_paths([docs], cancel=lambda: True)
    assert report.cancelled and not report.imported
    assert count(db, DrugRow) == 0


def test_progress_reports_every_file(importer: Importer, docs: Path) -> None:
    write_doc(docs, "paracetamol.md", PARACETAMOL)
    write_doc(docs, "ibuprofen.md", ["name: Ibuprofen", "usage: Eases swelling."])
    seen: list[tuple[int, int]] = []
    importer.import_paths([docs], progress=lambda done, total, _label: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_user_tables_are_untouched(importer: Importer, db: Database, docs: Path) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO favourites VALUES ('paracetamol', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO recent_views VALUES ('gone', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO clinic_settings VALUES ('clinic_name', 'Riverside')"))
        conn.execute(
            text(
                "INSERT INTO clinic_notes VALUES ('paracetamol', 'Max 4 g', '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO clinic_overrides VALUES "
                "('paracetamol', 'usage', 'patient', 'Ours', 5.0, '2026-01-01 00:00:00')"
            )
        )
        conn.execute(text("INSERT INTO handout_presets VALUES ('short', '{}')"))
    before = {t: rows for t, rows in snapshot(db).items() if t in USER_TABLES}
    path = write_doc(docs, "paracetamol.md", PARACETAMOL)
    importer.import_paths([docs])
    write_doc(docs, "paracetamol.md", ["name: Paracetamol", "slug: acetaminophen", "usage: x"])
    importer.import_paths([path])
    after = {t: rows for t, rows in snapshot(db).items() if t in USER_TABLES}
    assert after == before
    assert all(before[t] for t in USER_TABLES)


def test_drug_left_without_source_is_removed(importer: Importer, db: Database, docs: Path) -> None:
    path = write_doc(docs, "paracetamol.md", PARACETAMOL)
    importer.import_paths([docs])
    write_doc(docs, "paracetamol.md", ["name: Acetaminophen", "usage: Eases pain."])
    importer.import_paths([path])
    with db.session() as session:
        slugs = session.scalars(select(DrugRow.slug)).all()
    assert slugs == ["acetaminophen"]


def test_search_index_follows_the_content(importer: Importer, db: Database, docs: Path) -> None:
    path = write_doc(docs, "paracetamol.md", PARACETAMOL)
    importer.import_paths([docs])

    def fields(word: str) -> set[str]:
        with db.engine.connect() as conn:
            return {
                row[0]
                for row in conn.execute(
                    text("SELECT field FROM search_index WHERE search_index MATCH :q"),
                    {"q": word},
                )
            }

    assert fields("paracetamol") == {"name"}
    assert fields("tylenol") == {"alias"}
    assert fields("fever") == {"section"}
    assert fields("food") == {"faq"}
    write_doc(docs, "paracetamol.md", ["name: Paracetamol", "usage: Soothes headaches."])
    importer.import_paths([path])
    assert fields("fever") == set()
    assert fields("headaches") == {"section"}


def test_library_page_sets_name_and_class(importer: Importer, db: Database, docs: Path) -> None:
    write_doc(docs, "paracetamol.md", ["name: paracetamol", "usage: Eases pain."])
    write_doc(
        docs,
        "library/paracetamol/patient.md",
        [
            "format: medguide-library",
            "name: Paracetamol",
            "class: Analgesic and antipyretic",
            "usage: Our text.",
        ],
    )
    report = importer.import_paths([docs])
    assert len(report.imported) == 2
    with db.session() as session:
        drug = session.scalars(select(DrugRow)).one()
        keys = set(session.scalars(select(SourceRow.key)))
    assert (drug.name, drug.drug_class) == ("Paracetamol", "Analgesic and antipyretic")
    assert "medguide-library:paracetamol/patient" in keys


def test_duplicate_source_key_in_one_batch_is_rejected(
    importer: Importer, db: Database, docs: Path
) -> None:
    write_doc(docs, "a/paracetamol.md", PARACETAMOL)
    write_doc(docs, "b/paracetamol.md", PARACETAMOL)
    report = importer.import_paths([docs])
    assert len(report.imported) == 1
    assert "same document" in report.rejected[0].reason


def test_focused_article_becomes_a_professional_section(
    importer: Importer, db: Database, docs: Path
) -> None:
    write_doc(docs, "romiplostim.md", ["name: Romiplostim", "usage: Raises platelets."])
    write_doc(docs, "eltrombopag.md", ["name: Eltrombopag", "usage: Raises platelets."])
    write_doc(
        docs,
        "article1.txt",
        [
            "format: qa-article",
            "question: How does romiplastin work?",
            "focus: mechanism",
            "focus_name: romiplastin",
            "mentions: romiplastin",
            "body: It binds the receptor.",
        ],
    )
    write_doc(
        docs,
        "article2.txt",
        [
            "format: qa-article",
            "question: What treats low platelets?",
            "mentions: Nplate, eltrombopag, thrombocytopenia",
        ],
    )
    report: ImportReport = importer.import_paths([docs])
    assert report.ok and len(report.imported) == 4
    with db.engine.connect() as conn:
        focus = conn.execute(
            text(
                "SELECT d.slug, se.kind, se.audience, s.key FROM sections se "
                "JOIN drugs d ON d.id = se.drug_id JOIN sources s ON s.id = se.source_id "
                "WHERE se.kind = 'mechanism'"
            )
        ).all()
    assert [tuple(r) for r in focus] == [
        ("romiplostim", "mechanism", "professional", "qa-article:article1")
    ]
    assert article_links(db) == {
        ("qa-article:article1", "romiplostim"),
        ("qa-article:article2", "eltrombopag"),
        ("qa-article:article2", "romiplostim"),
    }


def article_links(db: Database) -> set[tuple[str, str]]:
    with db.engine.connect() as conn:
        return {
            (row[0], row[1])
            for row in conn.execute(
                text(
                    "SELECT s.key, d.slug FROM article_drugs ad "
                    "JOIN articles a ON a.id = ad.article_id "
                    "JOIN sources s ON s.id = a.source_id "
                    "JOIN drugs d ON d.id = ad.drug_id"
                )
            )
        }


@pytest.mark.slow  # worker processes are spawned (pytest-qt has loaded Qt): seconds each
def test_parallel_workers_give_the_same_result(db: Database, docs: Path) -> None:
    for n in range(6):
        write_doc(docs, f"drug{n}.md", [f"name: Drug{n}", "usage: Some text here."])
    importer = Importer(
        db, parse=fake_parse, aliases=fake_aliases, workers=2, tables=AliasTables.empty()
    )
    report = importer.import_paths([docs])
    assert importer.seconds["workers"] == 2
    assert len(report.imported) == 6
    assert count(db, SectionRow) == 6


@pytest.mark.slow
def test_parallel_cancel_before_commit_rolls_back(db: Database, docs: Path) -> None:
    for n in range(4):
        write_doc(docs, f"drug{n}.md", [f"name: Drug{n}", "usage: Some text here."])
    before = snapshot(db)
    checks = 0

    def cancel_last() -> bool:
        nonlocal checks
        checks += 1
        return checks > 8  # 4 checks before hashing, 4 after parsing, the 9th before commit

    importer = Importer(
        db, parse=fake_parse, aliases=fake_aliases, workers=2, tables=AliasTables.empty()
    )
    report = importer.import_paths([docs], cancel=cancel_last)
    assert report.cancelled
    assert checks == 9
    assert snapshot(db) == before


def test_document_alias_replaces_the_same_dictionary_alias(
    importer: Importer, db: Database, docs: Path
) -> None:
    write_doc(docs, "romiplostim.md", ["name: Romiplostim", "usage: Raises platelets."])
    importer.import_paths([docs])  # the fake dictionary calls "Nplate" a brand already
    write_doc(
        docs,
        "library/romiplostim/patient.md",
        ["format: medguide-library", "name: Romiplostim", "brand: NPLATE", "usage: Ours."],
    )
    importer.import_paths([docs / "library"])
    with db.session() as session:
        rows = session.execute(select(AliasRow.name, AliasRow.source_id)).all()
    assert [(name, source_id is not None) for name, source_id in rows] == [("NPLATE", True)]


def test_a_corrected_title_renames_the_drug_unless_a_library_page_names_it(
    tmp_path: Path,
) -> None:
    from medguide.store.database import open_database
    from medguide.store.repository import Repository

    page = tmp_path / "zedamine.md"
    body = "\n\n**Usage:** A made-up medicine for this test.\n"
    page.write_text("---\nlayout: minimal-medicine\ntitle: Zedamin\n---\n" + body, "utf-8")
    db = open_database(tmp_path / "rename.sqlite")
    repo = Repository(db)
    Importer(db).import_paths([page])
    slug = repo.resolve("Zedamin")
    assert slug == "zedamine"
    page.write_text("---\nlayout: minimal-medicine\ntitle: Zedamine\n---\n" + body, "utf-8")
    assert Importer(db).import_paths([page]).updated == [str(page)]
    renamed = repo.get_drug(slug)
    assert renamed is not None and renamed.name == "Zedamine"
    db.close()


def test_a_drug_named_by_two_pages_keeps_its_name_when_one_of_them_changes(
    tmp_path: Path,
) -> None:
    from medguide.store.database import open_database
    from medguide.store.repository import Repository

    # two files of one drug (stems differ only in case, so they are two sources)
    first, second = tmp_path / "a" / "Zedamine.md", tmp_path / "b" / "zedamine.md"
    for path, title in ((first, "Zedamine"), (second, "Zedamine Tablets")):
        path.parent.mkdir()
        path.write_text(
            f"---\nlayout: minimal-medicine\ntitle: {title}\n---\n\n**Usage:** Made up.\n", "utf-8"
        )
    db = open_database(tmp_path / "two.sqlite")
    repo = Repository(db)
    assert len(Importer(db).import_paths([first, second]).imported) == 2
    page = repo.get_drug("zedamine")
    assert page is not None
    name = page.name
    first.write_text(first.read_text("utf-8") + "\nMore words.\n", "utf-8")
    assert Importer(db).import_paths([first, second]).updated == [str(first)]
    again = repo.get_drug("zedamine")
    assert again is not None and again.name == name
    db.close()
