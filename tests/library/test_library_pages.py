"""Structure of every starter-library page as written in the file: front matter, sections, names.

Read with plain Python (:mod:`tests.library.pages`), so a fault is pinned on the file rather than
the importer; test_starter_library.py checks the same library through the real importer. Rules a
writer group added for its own drugs (page lengths, patient FAQ topics, second-person wording)
still apply to that group only.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics

import pytest

from medguide.reading.grade import grade_of_markdown
from tests.library.pages import AUDIENCES, DRUGS, GROUPS, SECTIONS, Page, read_page

REQUIRED_KEYS = (
    "title",
    "aliases",
    "drug_class",
    "audience",
    "review_status",
    "last_reviewed",
    "ai_generated",
    "provenance",
    "sources",
)
LAST_REVIEWED = dt.date(2026, 11, 22)
MIN_FAQ = {"patient": 5, "professional": 3}
MIN_SECTION_WORDS = 40  # more than this many words under every heading
MAX_PATIENT_GRADE = 8.0
MAX_MEDIAN_PATIENT_GRADE = 6.0
# brand and INN names (lower case) a clinic in the US, UK or India would type
ALIASES: dict[str, set[str]] = {
    "acetaminophen": {"paracetamol", "tylenol", "panadol", "calpol", "crocin"},
    "albuterol": {"salbutamol", "ventolin"},
    "omeprazole": {"prilosec", "losec"},
    "sertraline": {"zoloft", "lustral"},
}
# group A: words on the whole page (headings included), per audience
PAGE_WORDS = {"patient": (450, 1000), "professional": (650, 1400)}
PAGE_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
# group B: every patient FAQ asks about each topic, in one of these wordings
PATIENT_FAQ_TOPICS = (("miss",), ("alcohol", "food", "eat"), ("pregnan",), ("how long", "how soon"))
GROUP_OF = {slug: group for group, slugs in GROUPS.items() for slug in slugs}


def _check_front_matter(page: Page) -> None:
    """Required keys, the unreviewed AI-draft status, aliases and named sources."""
    meta = page.meta
    assert set(meta) >= set(REQUIRED_KEYS), set(REQUIRED_KEYS) - set(meta)
    assert meta["title"] and meta["drug_class"]
    assert meta["audience"] == page.audience
    assert meta["review_status"] == "unreviewed"
    assert meta["last_reviewed"] == LAST_REVIEWED  # a YAML date, not a string
    assert meta["ai_generated"] is True
    assert "AI" in meta["provenance"] and "review" in meta["provenance"]
    brands, synonyms = meta["aliases"]["brand"], meta["aliases"]["synonym"]
    assert brands, "at least one brand name"
    assert isinstance(synonyms, list)
    assert ALIASES.get(page.slug, set()) <= {name.lower() for name in brands + synonyms}
    assert meta["sources"], "at least one source"
    for source in meta["sources"]:
        assert source["title"] and source["sections"]
        assert source.get("identifier") or source.get("url")


def _check_sections(page: Page) -> None:
    """The six headings in order and nothing before them; substantial text; enough FAQs."""
    assert not page.preamble.strip(), "text before the first section"
    assert page.order == SECTIONS
    for name, section in page.sections.items():
        assert len(section.body.split()) > MIN_SECTION_WORDS, f"section {name} is too thin"
    questions = page.faq_questions()
    assert len(questions) >= MIN_FAQ[page.audience]
    assert all(question.rstrip().endswith("?") for question in questions)


def _check_patient_grades(page: Page) -> None:
    """Every patient section reads at grade 8 or below, with and without its heading line."""
    for name, section in page.sections.items():
        for text in (section.text, section.body):
            grade = grade_of_markdown(text)
            assert grade is not None and grade <= MAX_PATIENT_GRADE, f"{name}: grade {grade}"


def _check_group_rules(page: Page) -> None:
    """The rules one writer group set for its own pages."""
    group = GROUP_OF[page.slug]
    if group == "A":
        low, high = PAGE_WORDS[page.audience]
        words = sum(len(PAGE_WORD.findall(s.text)) for s in page.sections.values())
        assert low <= words <= high, f"{words} words"
    if group == "B" and page.audience == "patient":
        questions = " ".join(page.faq_questions()).lower()
        for wordings in PATIENT_FAQ_TOPICS:
            assert any(w in questions for w in wordings), f"no FAQ on {wordings[0]!r}"
        text = " ".join(s.text for s in page.sections.values()).lower()
        assert text.count(" you") > 30, "patient wording is not second person"
        assert "911" in text or "emergency" in text, "no word on when to get help"


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("slug", DRUGS)
def test_page_structure(slug: str, audience: str) -> None:
    """Front matter, sections, FAQ, patient grades and group rules of one page."""
    page = read_page(slug, audience)
    _check_front_matter(page)
    _check_sections(page)
    if audience == "patient":
        _check_patient_grades(page)
    _check_group_rules(page)


def test_every_drug_is_in_exactly_one_group() -> None:
    """The three groups hold 24 different drugs, eight each."""
    assert len(DRUGS) == len(set(DRUGS)) == 24
    assert all(len(slugs) == 8 for slugs in GROUPS.values())


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_median_patient_grade_of_each_group(group: str) -> None:
    """Within each group the upper median of the patient section grades is 6 or below."""
    pages = [read_page(slug, "patient") for slug in GROUPS[group]]
    for with_heading in (True, False):
        grades = [
            grade_of_markdown(s.text if with_heading else s.body)
            for page in pages
            for s in page.sections.values()
        ]
        measured = [g for g in grades if g is not None]
        assert len(measured) == len(GROUPS[group]) * len(SECTIONS)
        assert statistics.median_high(measured) <= MAX_MEDIAN_PATIENT_GRADE
