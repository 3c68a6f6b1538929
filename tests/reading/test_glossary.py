"""Glossary file parsing and term matching, on a small glossary written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from medguide.reading.glossary import Glossary, GlossaryEntry, GlossaryError, parse_glossary

TSV = (
    "# test glossary\n"
    "term\tvariants\texplanation\tsubstitute\n"
    "edema\toedema\tswelling caused by fluid\tswelling\n"
    "blood pressure\t\thow hard blood pushes on the blood vessels\n"
    "hypotension\t\tblood pressure that is too low\tlow blood pressure\n"
    "inflammatory\t\tcausing redness, heat and swelling\n"
    "anti-inflammatory\t\ta medicine that calms redness and swelling\n"
    "rash\t\tred spots or patches on the skin\n"
)


@pytest.fixture
def glossary(tmp_path: Path) -> Glossary:
    path = tmp_path / "glossary.tsv"
    path.write_text(TSV, encoding="utf-8")
    return Glossary.load(path)


def test_load_reads_entries(glossary: Glossary) -> None:
    assert len(glossary) == 6
    entry = glossary.lookup("OEDEMA")
    assert entry is not None and entry.term == "edema" and entry.substitute == "swelling"


def test_plurals_are_added() -> None:
    entry = GlossaryEntry("rash", (), "red spots")
    assert entry.forms == ("rash", "rashes")
    assert GlossaryEntry("clot", (), "a lump of blood").forms == ("clot", "clots")
    assert GlossaryEntry("blood pressure", (), "x").forms == ("blood pressure",)


def test_find_terms_case_insensitive_longest_first(glossary: Glossary) -> None:
    text = "Low Blood  Pressure (hypotension), Edema and rashes; an anti-inflammatory cream."
    found = [(m.text, m.entry.term) for m in glossary.find_terms(text)]
    assert found == [
        ("Blood  Pressure", "blood pressure"),
        ("hypotension", "hypotension"),
        ("Edema", "edema"),
        ("rashes", "rash"),
        ("anti-inflammatory", "anti-inflammatory"),
    ]


def test_word_boundaries(glossary: Glossary) -> None:
    assert glossary.find_terms("crashed, rashly, trashes") == []
    match = glossary.find_terms("non-inflammatory")[0]
    assert match.text == "inflammatory"


def test_malformed_line_is_named() -> None:
    with pytest.raises(GlossaryError, match=":2:"):
        parse_glossary("edema\t\tswelling\nbroken line without tabs\n")


def test_shipped_glossary_is_large_and_plain() -> None:
    glossary = Glossary.load()
    assert len(glossary) >= 400
    terms = [e.term.lower() for e in glossary]
    assert len(terms) == len(set(terms)), "duplicate terms"
    for entry in glossary:
        assert entry.explanation[0].islower() or entry.explanation[0].isupper()
        assert len(entry.explanation.split()) <= 25, entry.term
    assert glossary.lookup("hypersensitivity") is not None


def test_shipped_explanations_read_at_grade_6_or_below() -> None:
    from medguide.reading.grade import grade_of_plain

    explanations = [e.explanation for e in Glossary.load()]
    overall = grade_of_plain("\n".join(explanations))
    assert overall is not None and overall <= 6.0
