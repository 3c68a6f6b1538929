"""The MedGuide library-page reader (format in docs/library-format.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from medguide.content import library
from medguide.content.load import parse_file
from medguide.core.model import (
    Alias,
    AliasKind,
    Audience,
    ParsedDocument,
    Rejected,
    ReviewStatus,
    SectionKind,
    SourceFormat,
)

PAGE = """---
title: Samplazine
aliases:
  brand: [Samplo, Samplix]
  synonym: [SMP-1]
drug_class: Imaginary blocker
audience: professional
review_status: under review
last_reviewed: 2026-11-20
ai_generated: true
provenance: Drafted for the tests.
sources:
  - title: Samplazine label
    publisher: Test Agency
    identifier: T-1
    sections: ["1 Uses", "2 Dosing"]
    url: https://example.org/samplazine
---

# Samplazine

## Usage
For pretend conditions.

## Side effects
- Yawning

## How it works
Blocks a fictional channel.

## Dosage
Ten units daily.

## Precautions
Not with other fictions.

## FAQ

### Can it be crushed?
Yes, with care.

### Is it *safe* with food?
Yes.
"""


def _parse(text: str) -> ParsedDocument:
    result = library.parse(text, "lib/samplazine/professional.md")
    assert isinstance(result, ParsedDocument), result
    return result


def test_full_page() -> None:
    doc = _parse(PAGE)
    drug = doc.drugs[0]
    assert drug.slug == "samplazine" and drug.name == "Samplazine"
    assert drug.drug_class == "Imaginary blocker"
    assert drug.aliases == (
        Alias("Samplo", AliasKind.BRAND),
        Alias("Samplix", AliasKind.BRAND),
        Alias("SMP-1", AliasKind.SYNONYM),
    )
    assert [s.kind for s in drug.sections] == list(SectionKind.tab_order()[:5])
    assert all(s.audience is Audience.PROFESSIONAL for s in drug.sections)
    assert [f.question for f in drug.faqs] == ["Can it be crushed?", "Is it *safe* with food?"]
    assert drug.faqs[0].answer == "Yes, with care."
    source = doc.source
    assert source.format is SourceFormat.LIBRARY
    assert source.review_status is ReviewStatus.UNDER_REVIEW
    assert source.last_updated == date(2026, 11, 20)
    assert source.ai_generated and source.provenance_note == "Drafted for the tests."
    citation = source.citations[0]
    assert (citation.title, citation.identifier, citation.sections) == (
        "Samplazine label",
        "T-1",
        ("1 Uses", "2 Dosing"),
    )


def test_plain_alias_list_and_explicit_slug() -> None:
    text = PAGE.replace(
        "aliases:\n  brand: [Samplo, Samplix]\n  synonym: [SMP-1]\n",
        "slug: samp\naliases: [Other Name]\n",
    )
    drug = _parse(text).drugs[0]
    assert drug.slug == "samp"
    assert drug.aliases == (Alias("Other Name", AliasKind.SYNONYM),)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("title: Samplazine\n", ""), "'title'"),
        (("audience: professional\n", ""), "'audience'"),
        (("audience: professional", "audience: everyone"), "audience must be"),
        (("review_status: under review", "review_status: done"), "review_status"),
        (("last_reviewed: 2026-11-20", "last_reviewed: soon"), "last_reviewed"),
        (("  - title: Samplazine label\n", "  - publisher_only: x\n"), "source 1 has no 'title'"),
        (("drug_class: Imaginary blocker\n", "drug_class: [unclosed\n"), "not valid YAML at line"),
    ],
)
def test_broken_pages_are_rejected_with_the_problem(change: tuple[str, str], words: str) -> None:
    text = PAGE.replace(*change)
    assert text != PAGE
    result = library.parse(text, "x.md")
    assert isinstance(result, Rejected), result
    assert words in result.reason
    assert "\n" not in result.reason


def test_missing_sources_key() -> None:
    head, _sep, _rest = PAGE.partition("sources:")
    text = head + "---\n## Usage\nx\n"
    result = library.parse(text, "x.md")
    assert isinstance(result, Rejected)
    assert "'sources'" in result.reason


def test_unknown_heading_is_kept_as_overview() -> None:
    drug = _parse(
        PAGE.replace("## Precautions", "## Storage\nCool place.\n\n## Precautions")
    ).drugs[0]
    overview = next(s for s in drug.sections if s.kind is SectionKind.OVERVIEW)
    assert "Storage" in overview.markdown and "Cool place." in overview.markdown


def test_shipped_library_pages_parse() -> None:
    root = Path(__file__).resolve().parents[2] / "resources" / "library"
    pages = sorted(root.glob("*/*.md"))
    if not pages:
        pytest.skip("no library pages shipped yet")
    for page in pages:
        result = parse_file(page)
        assert isinstance(result, ParsedDocument), result
        assert result.source.format is SourceFormat.LIBRARY
        assert result.drugs[0].sections
