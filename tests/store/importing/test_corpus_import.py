"""The whole RxHive corpus plus the seeds, through the real readers (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medguide.core.model import Audience, SectionKind, SourceFormat
from medguide.store.database import Database
from medguide.store.importing.importer import Importer
from medguide.store.importing.names import AliasTables, add_table_aliases
from medguide.store.repository import Repository

RXHIVE_PAGES = 5817


@pytest.mark.slow
@pytest.mark.shared
def test_corpus_and_seeds(db: Database, rxhive_dir: Path, seeds_dir: Path) -> None:
    importer = Importer(db)
    report = importer.import_paths([rxhive_dir, seeds_dir])
    # SOURCE.txt (the corpus licence note) is the only file that is not a document: found in
    # a folder it is skipped, with its reason, and nothing is rejected
    assert report.rejected == []
    assert [Path(r.origin).name for r in report.skipped] == ["SOURCE.txt"]
    assert len(report.imported) == RXHIVE_PAGES + 5

    repo = Repository(db)
    # pages of one substance under another name ("Paracetamol", "Clonazepam .") join one drug
    merged = repo.redirects()
    assert 150 < len(merged) < 400
    assert repo.drug_count() == RXHIVE_PAGES - len(merged)
    assert merged["paracetamol"] == "acetaminophen-paracetamol"  # "Acetaminophen [paracetamol]"
    assert merged["clonazepam-"] == "clonazepam"

    page = repo.get_drug("romiplostim")
    assert page is not None
    usage = page.section(SectionKind.USAGE, Audience.PATIENT)
    assert usage is not None
    usage_source = page.source(usage.source_id)
    assert usage_source is not None and usage_source.format is SourceFormat.RXHIVE
    mechanism = page.section(SectionKind.MECHANISM, Audience.PROFESSIONAL)
    assert mechanism is not None
    mechanism_source = page.source(mechanism.source_id)
    assert mechanism_source is not None
    assert mechanism_source.format is SourceFormat.QA_ARTICLE
    assert Path(mechanism_source.origin).name.startswith("001_")

    def article_origins(slug: str) -> set[str]:
        drug = repo.get_drug(slug)
        assert drug is not None
        names = set()
        for article in drug.related_articles:
            source = drug.source(article.source_id)
            assert source is not None
            names.add(Path(source.origin).name[:3])
        return names

    assert "002" in article_origins("romiplostim")
    assert "002" in article_origins("eltrombopag")

    # Drugs@FDA brands stored at import, in their own spelling; variants as synonyms
    cetuximab = repo.get_drug("cetuximab")
    assert cetuximab is not None and "Erbitux" in cetuximab.brand_names
    # the corpus has a page under each name: they joined the drug of the US name
    assert repo.resolve("chlorphenamine") == "chlorpheniramine-maleate"
    chlorpheniramine = repo.get_drug("chlorpheniramine-maleate")
    assert chlorpheniramine is not None
    assert "chlorphenamine" in {n.lower() for n in chlorpheniramine.synonyms}
    assert repo.resolve("Epzicom") == "abacavir-lamivudine"
    # one pass reaches a fixed point: an import that changes any file adds no more aliases
    with db.engine.connect() as conn, conn.begin() as transaction:
        assert add_table_aliases(conn, AliasTables.shipped()) == set()
        transaction.rollback()

    again = importer.import_paths([rxhive_dir, seeds_dir])
    assert len(again.unchanged) == RXHIVE_PAGES + 5
    assert not again.imported and not again.updated
