"""Glossary coverage measurement: the hard-word list and the ``bench glossary`` figure."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from medguide.bench.glossary_bench import Coverage, measure_corpus, measure_text, run
from medguide.reading.glossary import Glossary, GlossaryEntry
from medguide.reading.hard_words import load_hard_words, page_plain_text

GLOSSARY = Glossary(
    [
        GlossaryEntry("edema", (), "swelling caused by fluid"),
        GlossaryEntry("blood clot", (), "a lump of thick blood"),
    ]
)
HARD = frozenset({"edema", "clot", "pruritus"})


def test_measure_text_counts_hard_words_and_explained_ones() -> None:
    coverage = Coverage()
    measure_text("Edema and pruritus.\nA blood clot, edema, a clot.", GLOSSARY, HARD, coverage)
    # hard: Edema, pruritus, clot (in "blood clot"), edema, clot → 5; explained: all but
    # pruritus and the lone "clot" (the glossary only knows "blood clot")
    assert (coverage.hard, coverage.explained) == (5, 3)
    assert coverage.missed == {"pruritus": 1, "clot": 1}
    assert coverage.share == pytest.approx(0.6)


def test_empty_corpus_counts_as_full_coverage(tmp_path: Path) -> None:
    coverage = measure_corpus(tmp_path, GLOSSARY, HARD)
    assert (coverage.pages, coverage.hard, coverage.share) == (0, 0, 1.0)


def test_front_matter_is_not_page_text() -> None:
    page = "---\nlayout: minimal-medicine\ntitle: Edema pills\n---\n### Usage\n\nFor **edema**.\n"
    assert page_plain_text(page) == "Usage\nFor edema."


def test_shipped_hard_word_list() -> None:
    words = load_hard_words()
    assert len(words) > 5000
    assert "hypersensitivity" in words
    assert "medicine" not in words and "doctor" not in words


def test_bench_prints_definition_and_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: X\n---\nHypersensitivity and anaphylaxis; also zyxwvu.\n", encoding="utf-8"
    )
    assert run(argparse.Namespace(corpus=tmp_path, missed=5)) == 0
    out = capsys.readouterr().out
    assert "definition: hard word =" in out
    assert "explained: 2 of 2 = 100.0%" in out
    assert run(argparse.Namespace(corpus=tmp_path / "missing", missed=0)) == 2


@pytest.mark.slow
@pytest.mark.shared
def test_glossary_explains_90_percent_of_rxhive_hard_words(rxhive_dir: Path) -> None:
    coverage = measure_corpus(rxhive_dir, Glossary.load(), load_hard_words())
    assert coverage.pages > 5000
    assert coverage.share >= 0.90
