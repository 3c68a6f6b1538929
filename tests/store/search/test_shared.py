"""Search over real documents from ../shared: the seeds, and a slice of the RxHive corpus."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from medguide.content.load import parse_file
from medguide.core.model import ParsedDocument
from medguide.core.views import MatchKind
from medguide.store.database import open_database
from medguide.store.importing.importer import Importer
from medguide.store.repository import Repository
from medguide.store.search.engine import SearchEngine

pytestmark = pytest.mark.shared


@pytest.fixture
def seed_search(seeds_dir: Path, tmp_path: Path) -> Iterator[SearchEngine]:
    with open_database(tmp_path / "seeds.sqlite") as db:
        report = Importer(db).import_paths([seeds_dir])
        assert not report.rejected
        engine = SearchEngine(db)
        yield engine
        engine.close()


@pytest.mark.parametrize(
    ("query", "expected", "kind"),
    [
        ("romiplostim", "romiplostim", MatchKind.EXACT),
        ("Nplate", "romiplostim", MatchKind.EXACT),
        ("romiplastin", "romiplostim", MatchKind.FUZZY),
        ("romi", "romiplostim", MatchKind.PREFIX),
        ("lusutrombopag", "lusutrombopag", MatchKind.EXACT),
        ("Mulpleta", "lusutrombopag", MatchKind.EXACT),
        ("romosozumab", "romosozumab", MatchKind.EXACT),
        ("osteoporosis", "romosozumab", MatchKind.TEXT),
    ],
)
def test_seed_queries(
    seed_search: SearchEngine, query: str, expected: str, kind: MatchKind
) -> None:
    hit = seed_search.search(query).hits[0]
    assert (hit.slug, hit.match) == (expected, kind)


def test_related_questions_of_an_article_find_their_drug(
    seed_search: SearchEngine, seeds_dir: Path
) -> None:
    article_file = next(p for p in sorted(seeds_dir.iterdir()) if p.name.startswith("001"))
    parsed = parse_file(article_file)
    assert isinstance(parsed, ParsedDocument)
    assert parsed.article is not None
    about_romiplostim = [q for q in parsed.article.related_questions if "romiplostim" in q.lower()]
    assert len(about_romiplostim) >= 3
    for question in about_romiplostim:
        assert seed_search.search(question).hits[0].slug == "romiplostim", question


def test_misspelt_name_inside_a_question(seed_search: SearchEngine) -> None:
    response = seed_search.search("how long does romiplastin take to raise platelets?")
    assert response.hits[0].slug == "romiplostim"
    assert response.suggestion is not None


@pytest.mark.slow
def test_dev_queries_on_a_corpus_slice(rxhive_dir: Path, shared_dir: Path, tmp_path: Path) -> None:
    """hit@10 on the dev queries whose drug is in the corpus letters r and s."""
    files = sorted((rxhive_dir / "r").glob("*.md")) + sorted((rxhive_dir / "s").glob("*.md"))
    queries = shared_dir / "reference" / "misspellings" / "queries-dev.tsv"
    with queries.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    with open_database(tmp_path / "slice.sqlite") as db:
        Importer(db).import_paths(files)
        engine = SearchEngine(db)
        slugs = {f.stem for f in files}
        # a page merged into the drug of the same substance is found as that drug
        moved = Repository(db).redirects()
        wanted = [r for r in rows if r["expected"] in slugs and r["kind"] == "exact"]
        assert len(wanted) > 50
        found = sum(
            moved.get(r["expected"], r["expected"])
            in [h.slug for h in engine.search(r["query"], limit=10).hits]
            for r in wanted
        )
        engine.close()
    assert found / len(wanted) >= 0.99
