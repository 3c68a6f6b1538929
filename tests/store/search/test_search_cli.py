"""``medguide search`` and ``medguide bench search`` from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from medguide.bench import search_bench
from medguide.cli import search_cmd
from medguide.core.text import fold
from medguide.store.database import open_database


@pytest.fixture(autouse=True)
def no_builtin_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These commands run on hand-made databases: no built-in library is loaded into them."""
    empty = tmp_path / "no-library"
    empty.mkdir()
    monkeypatch.setattr("medguide.store.collection.library_dir", lambda: empty)


def _make_db(path: Path) -> None:
    with open_database(path) as db, db.engine.begin() as conn:
        rows = [
            (1, "romiplostim", "Romiplostim", "Nplate", "Raises the platelet count."),
            (2, "hydroxyzine", "Hydroxyzine", "Atarax", "Eases itching."),
            (3, "hydralazine", "Hydralazine", "Apresoline", "Lowers blood pressure."),
        ]
        for drug_id, slug, name, brand, text in rows:
            conn.exec_driver_sql(
                "INSERT INTO drugs (id, slug, name, unstructured) VALUES (?, ?, ?, 0)",
                (drug_id, slug, name),
            )
            conn.exec_driver_sql(
                "INSERT INTO aliases (drug_id, name, name_folded, kind) VALUES (?, ?, ?, 'brand')",
                (drug_id, brand, fold(brand)),
            )
            for field, value in (("name", name), ("alias", brand), ("section", text)):
                conn.exec_driver_sql(
                    "INSERT INTO search_index (drug_id, field, text) VALUES (?, ?, ?)",
                    (drug_id, field, value),
                )


def _args(db: Path, *query: str, limit: int = 20) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), query=list(query), limit=limit)


def test_search_prints_suggestion_and_hits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.sqlite"
    _make_db(path)
    assert search_cmd.run(_args(path, "romiplastin")) == 0
    out = capsys.readouterr().out
    assert "Showing results for Romiplostim" in out
    assert "did you mean Romiplostim?" in out


def test_search_prints_the_look_alike_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.sqlite"
    _make_db(path)
    assert search_cmd.run(_args(path, "hydroxyzine")) == 0
    out = capsys.readouterr().out
    assert out.startswith("WARNING: Look-alike names")
    assert "[hydroxyzine]" in out and "[hydralazine]" in out


def test_search_exits_1_when_nothing_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.sqlite"
    _make_db(path)
    assert search_cmd.run(_args(path, "qqqqzzzz")) == 1
    assert "No drugs found" in capsys.readouterr().out


def test_search_text_hit_shows_its_snippet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.sqlite"
    _make_db(path)
    assert search_cmd.run(_args(path, "platelet", "count")) == 0
    assert "**platelet**" in capsys.readouterr().out


def test_bench_on_a_queries_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bench.sqlite"
    _make_db(path)
    queries = tmp_path / "queries.tsv"
    queries.write_text(
        "kind\tquery\texpected\n"
        "exact\tromiplostim\tromiplostim\n"
        "brand\tnplate\tromiplostim\n"
        "misspelling\thydroxizine\thydroxyzine\n"
        "exact\tmissing\tnot-in-db\n",
        encoding="utf-8",
    )
    args = argparse.Namespace(
        db=str(path), queries=queries, synthetic=None, corpus=tmp_path, sample=10, show_misses=0
    )
    assert search_bench.run(args) == 0
    out = capsys.readouterr().out
    assert "3 of 4 queries have their drug here" in out
    assert "start-up" in out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert lines["exact"][2] == "100.0%"
    assert lines["misspelling"][3] == "100.0%"
    assert "question" in lines


def test_bench_synthetic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(
        db=None, queries=None, synthetic=300, corpus=tmp_path, sample=20, show_misses=0
    )
    assert search_bench.run(args) == 0
    out = capsys.readouterr().out
    assert "built 300 synthetic drugs" in out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert lines["exact"][3] == "100.0%"
    assert float(lines["misspelling"][3].rstrip("%")) >= 80.0


@pytest.mark.shared
def test_bench_imports_the_corpus_into_an_empty_database(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    queries = tmp_path / "queries.tsv"
    queries.write_text(
        "kind\tquery\texpected\nexact\tromiplostim\tromiplostim\nbrand\tnplate\tromiplostim\n",
        encoding="utf-8",
    )
    args = argparse.Namespace(
        db=None, queries=queries, synthetic=None, corpus=seeds_dir, sample=10, show_misses=0
    )
    assert search_bench.run(args) == 0
    out = capsys.readouterr().out
    assert "imported 5 files" in out
    assert "2 of 2 queries have their drug here" in out
