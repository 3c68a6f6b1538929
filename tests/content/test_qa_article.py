"""The Q&A article reader on seeds 001/002 and on a hand-written article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from medguide.content import qa_article
from medguide.content.load import parse_file
from medguide.core.model import (
    ParsedArticle,
    ParsedDocument,
    Rejected,
    ReviewStatus,
    SectionKind,
    SourceFormat,
)

FURNITURE = (
    "Medical Advisory Board",
    "Educational purpose only",
    "Article Review Status",
    "Personalize",
    "Help us tailor",
    "Which best describes you?",
    "Professional Medical Disclaimer",
    "Have a follow-up question?",
    "View editorial policy",
    "Related Questions",
)


def _seed(seeds_dir: Path, prefix: str) -> ParsedDocument:
    result = parse_file(next(seeds_dir.glob(f"{prefix}_*.txt")))
    assert isinstance(result, ParsedDocument), result
    assert result.article is not None
    assert result.drugs == ()
    return result


def _article(doc: ParsedDocument) -> ParsedArticle:
    assert doc.article is not None
    return doc.article


@pytest.mark.shared
def test_seed_001_mechanism_article(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "001")
    article = _article(doc)
    assert article.question.startswith("What is the mechanism of action of Romiplostim")
    assert article.title == "Romiplostim Mechanism of Action"
    assert article.focus is SectionKind.MECHANISM
    assert article.focus_name == "Romiplostim"
    assert {"romiplostim", "romiplastin"} <= set(article.mentioned_names)
    assert len(article.related_questions) == 11
    assert article.related_questions[0].startswith("Why can't romiplostim")
    body = article.body_markdown
    assert body.startswith("## Romiplostim Mechanism of Action")
    assert "### Pharmacodynamic Effects" in body
    assert "\n- Romiplostim is an Fc-peptide fusion protein" in body
    assert "[2](#ref-2), [3](#ref-3)" in body
    assert "•" not in body
    for line in FURNITURE:
        assert line not in body
    source = doc.source
    assert source.format is SourceFormat.QA_ARTICLE
    assert source.last_updated == date(2026, 1, 8)
    assert source.review_status is ReviewStatus.SUBMITTED
    assert source.ai_generated
    assert source.disclaimer.startswith("This information is intended for healthcare professionals")


@pytest.mark.shared
def test_seed_002_broad_article(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "002")
    article = _article(doc)
    assert article.focus is None and article.focus_name is None
    assert article.title == "Treatment of Refractory Thrombocytopenia"
    assert {"romiplostim", "eltrombopag"} <= set(article.mentioned_names)
    assert article.related_questions == ()
    refs = doc.source.references
    assert [r.number for r in refs] == [1, 2, 3]
    assert refs[1].text.startswith("Eltrombopag for Chronic Immune Thrombocytopenia")
    assert "(Guideline)" in refs[0].text and "(Research)" in refs[2].text
    body = article.body_markdown
    assert "#### Romiplostim" in body and "#### Eltrombopag" in body
    assert "- Response rate: 88%" in body
    assert "Guideline Directed Topic Overview" not in body  # references are not body text
    assert doc.source.last_updated == date(2026, 1, 26)


ARTICLE = """What are the side effects of Fictivir (fictovir) in adults?

Medical Advisory BoardAll articles are checked by a board
Educational purpose only • Pending review
Article Review Status
Submitted
Under Review
Approved

Last updated: March 3, 2026View editorial policy

Personalize

Help us tailor your experience

Which best describes you? Choose one option.

Fictivir Side Effects

Fictivir is tolerated by most adults in the made-up trials. 1

Common Effects

  • Dry mouth in a few people 2
  • Mild headache that settles 1, 2

Related Questions

Is fictivir safe in pregnancy?
How long does fictivir stay in the body?

References

1. Imaginary Journal of Testing, 2025
2. Pretend Review of Drugs, 2024

Professional Medical Disclaimer

For professionals only; an invented disclaimer.

Have a follow-up question?

Some promotion that must be dropped.
"""


def test_hand_written_article() -> None:
    doc = qa_article.parse(ARTICLE, "fictivir.txt")
    assert isinstance(doc, ParsedDocument)
    article = _article(doc)
    assert article.focus is SectionKind.SIDE_EFFECTS
    assert article.focus_name == "Fictivir"
    assert article.mentioned_names[:2] == ("fictivir", "fictovir")
    assert article.related_questions == (
        "Is fictivir safe in pregnancy?",
        "How long does fictivir stay in the body?",
    )
    assert "- Dry mouth in a few people<sup>[2](#ref-2)</sup>" in article.body_markdown
    assert "### Common Effects" in article.body_markdown
    assert "promotion" not in article.body_markdown
    assert [(r.number, r.text) for r in doc.source.references] == [
        (1, "Imaginary Journal of Testing, 2025"),
        (2, "Pretend Review of Drugs, 2024"),
    ]
    assert doc.source.disclaimer == "For professionals only; an invented disclaimer."
    assert doc.source.last_updated == date(2026, 3, 3)


@pytest.mark.parametrize(
    ("question", "focus", "name"),
    [
        ("What is the mechanism of action of Zapotril?", SectionKind.MECHANISM, "Zapotril"),
        ("What is the usual dose of Zapotril for adults?", SectionKind.DOSAGE, "Zapotril"),
        ("What are the adverse effects of Zapotril?", SectionKind.SIDE_EFFECTS, "Zapotril"),
        ("Which drugs interact with Zapotril?", SectionKind.PRECAUTIONS, "Zapotril"),
        ("What are the contraindications of Zapotril?", SectionKind.PRECAUTIONS, "Zapotril"),
        ("What are the indications for Zapotril?", SectionKind.USAGE, "Zapotril"),
        ("How should Zapotril and Quenzamide doses be compared?", None, None),
        ("What are the options for a stubborn rash?", None, None),
        ("What is the dose and what are the side effects of Zapotril?", None, None),
    ],
)
def test_focus_table(question: str, focus: SectionKind | None, name: str | None) -> None:
    text = f"{question}\n\nLast updated: May 1, 2026\n\nA Title\n\nSome answer text here. 1\n"
    doc = qa_article.parse(text, "q.txt")
    assert isinstance(doc, ParsedDocument)
    article = _article(doc)
    assert (article.focus, article.focus_name) == (focus, name)


def test_article_without_answer_is_rejected() -> None:
    text = "Is this empty?\n\nLast updated: May 1, 2026\n\nPersonalize\n"
    assert isinstance(qa_article.parse(text, "q.txt"), Rejected)
