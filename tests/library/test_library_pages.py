"""Structure of every starter-library page as written in the file: front matter, sections, names.

Read with plain Python (:mod:`tests.library.pages`), so a fault is pinned on the file rather than
the importer; test_starter_library.py checks the same library through the real importer. Every
page follows the same rules (docs/library-writing.md); rules the first three writer groups set
for their own drugs (page lengths, patient FAQ topics, second-person wording) still apply to
those groups only.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from pathlib import Path

import pytest

from medguide.reading.grade import grade_of_markdown
from tests.library.pages import (
    AUDIENCES,
    BOXED_WARNING,
    DRUGS,
    FIRST_DRUGS,
    GROUPS,
    KEY_POINTS,
    SECTIONS,
    Page,
    clinic_list,
    read_page,
)
from tests.library.readability import independent_grade

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
FIRST_WRITTEN = dt.date(2026, 11, 22)
MIN_FAQ = {"patient": 5, "professional": 3}
MIN_SECTION_WORDS = 40  # more than this many words under every heading but the key points
KEY_POINT_COUNT = range(3, 6)
MAX_PATIENT_GRADE = 8.0
MAX_MEDIAN_PATIENT_GRADE = 6.0
# brand and INN names (lower case) a clinic in the US, UK or India would type
ALIASES: dict[str, set[str]] = {
    "acetaminophen": {"paracetamol", "tylenol", "panadol", "calpol", "crocin"},
    "albuterol": {"salbutamol", "ventolin"},
    "omeprazole": {"prilosec", "losec"},
    "sertraline": {"zoloft", "lustral"},
}
# group A: words of the six sections (headings included), per audience
PAGE_WORDS = {"patient": (450, 1000), "professional": (650, 1400)}
PAGE_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
# group B: every patient FAQ asks about each topic, in one of these wordings
PATIENT_FAQ_TOPICS = (("miss",), ("alcohol", "food", "eat"), ("pregnan",), ("how long", "how soon"))
GROUP_OF = {slug: group for group, slugs in GROUPS.items() for slug in slugs}
BULLET = re.compile(r"(?m)^[-*] \S")
BOLD_LABEL = re.compile(r"\*\*([^*]+)\*\*")
# what every patient page must tell the reader to do (docs/library-writing.md, "Actionable")
EMERGENCY = re.compile(r"\b911\b")
SAME_DAY = re.compile(r"\bsame day\b", re.IGNORECASE)
AVOID = re.compile(r"\b(?:avoid|do not (?:take|use|mix|drink|eat|combine))\b", re.IGNORECASE)


def _check_front_matter(page: Page) -> None:
    """Required keys, the unreviewed AI-draft status, aliases and named sources."""
    meta = page.meta
    assert set(meta) >= set(REQUIRED_KEYS), set(REQUIRED_KEYS) - set(meta)
    assert meta["title"] and meta["drug_class"]
    assert meta["audience"] == page.audience
    assert meta.get("slug", page.slug) == page.slug
    assert meta["review_status"] == "unreviewed"
    assert isinstance(meta["last_reviewed"], dt.date)  # a YAML date, not a string
    assert FIRST_WRITTEN <= meta["last_reviewed"] <= dt.date.today()
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
    """Headings in order and nothing before them; substantial text; enough FAQs."""
    assert not page.preamble.strip(), "text before the first section"
    if page.audience == "patient":
        assert page.order == (KEY_POINTS, *SECTIONS)
        points = BULLET.findall(page.body(KEY_POINTS))
        assert len(points) in KEY_POINT_COUNT, f"{len(points)} key points"
    else:
        assert page.order in (SECTIONS, (BOXED_WARNING, *SECTIONS))
    for name, section in page.sections.items():
        if name != KEY_POINTS:
            assert len(section.body.split()) > MIN_SECTION_WORDS, f"section {name} is too thin"
    questions = page.faq_questions()
    assert len(questions) >= MIN_FAQ[page.audience]
    assert all(question.rstrip().endswith("?") for question in questions)


def _check_patient_grades(page: Page) -> None:
    """Every patient section reads at grade 8 or below, with and without its heading line, by
    the app's meter and by the independent count."""
    for name, section in page.sections.items():
        for text in (section.text, section.body):
            grade = grade_of_markdown(text)
            assert grade is not None and grade <= MAX_PATIENT_GRADE, f"{name}: grade {grade}"
            other = independent_grade(text)
            assert other <= MAX_PATIENT_GRADE, f"{name}: independent grade {other:.1f}"


def _check_actionable(page: Page) -> None:
    """When to call 911, when to call the same day, what to avoid, what to do about a miss."""
    labels = " | ".join(BOLD_LABEL.findall(page.body("side effects")))
    assert EMERGENCY.search(labels), "side effects: no bold label saying when to call 911"
    assert SAME_DAY.search(labels), "side effects: no bold label saying when to call the same day"
    avoid = " | ".join(BOLD_LABEL.findall(page.body("precautions")))
    assert AVOID.search(avoid), "precautions: no bold label saying what not to take with it"
    assert any("miss" in q.lower() for q in page.faq_questions()), "no FAQ on a missed dose"


def _check_group_rules(page: Page) -> None:
    """The rules one of the first writer groups set for its own pages."""
    group = GROUP_OF.get(page.slug)
    if group == "A":
        low, high = PAGE_WORDS[page.audience]
        sections = [s for name, s in page.sections.items() if name in SECTIONS]
        words = sum(len(PAGE_WORD.findall(s.text)) for s in sections)
        assert low <= words <= high, f"{words} words"
    if group == "B" and page.audience == "patient":
        questions = " ".join(page.faq_questions()).lower()
        for wordings in PATIENT_FAQ_TOPICS:
            assert any(w in questions for w in wordings), f"no FAQ on {wordings[0]!r}"
        text = " ".join(s.text for s in page.sections.values()).lower()
        assert text.count(" you") > 30, "patient wording is not second person"


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("slug", DRUGS)
def test_page_structure(slug: str, audience: str) -> None:
    """Front matter, sections, FAQ, patient grades, actions and group rules of one page."""
    page = read_page(slug, audience)
    _check_front_matter(page)
    _check_sections(page)
    if audience == "patient":
        _check_patient_grades(page)
        _check_actionable(page)
    _check_group_rules(page)


@pytest.mark.parametrize("slug", DRUGS)
def test_both_audiences_name_the_same_drug(slug: str) -> None:
    """Title, class, ingredients and aliases agree between the two pages of a drug."""
    patient, professional = (read_page(slug, audience) for audience in AUDIENCES)
    for key in ("title", "drug_class", "ingredients", "aliases"):
        assert patient.meta.get(key) == professional.meta.get(key), key


@pytest.mark.shared
@pytest.mark.parametrize("slug", DRUGS)
def test_names_follow_the_clinic_list(slug: str, shared_dir: Path) -> None:
    """A drug of the clinic list carries that row's name, ingredients and every brand it lists."""
    rows = {entry.slug: entry for entry in clinic_list(shared_dir)}
    if slug not in rows:
        pytest.skip(f"{slug} is not on the clinic list")
    row, page = rows[slug], read_page(slug, "patient")
    short_name = re.sub(r"\s*\(.*\)$", "", row.name)
    assert page.meta["title"] in (row.name, short_name)
    ingredients = [str(name).lower() for name in page.meta.get("ingredients") or ()]
    assert ingredients == [name.lower() for name in row.ingredients]
    brands = {str(name).lower() for name in page.meta["aliases"]["brand"]}
    assert {brand.lower() for brand in row.brands} <= brands


def test_the_first_24_drugs_are_still_there() -> None:
    """The first three writer groups' drugs are all in the library, eight each."""
    assert len(FIRST_DRUGS) == len(set(FIRST_DRUGS)) == 24
    assert set(FIRST_DRUGS) <= set(DRUGS)
    assert all(len(slugs) == 8 for slugs in GROUPS.values())


@pytest.mark.parametrize("meter", ["app", "independent"])
def test_median_patient_grade_of_the_library(meter: str) -> None:
    """Over the whole library the upper median of the patient section grades is 6 or below."""
    measure = grade_of_markdown if meter == "app" else independent_grade
    for with_heading in (True, False):
        grades = [
            measure(s.text if with_heading else s.body)
            for slug in DRUGS
            for s in read_page(slug, "patient").sections.values()
        ]
        measured = [g for g in grades if g is not None]
        assert len(measured) == len(DRUGS) * (len(SECTIONS) + 1)
        assert statistics.median_high(measured) <= MAX_MEDIAN_PATIENT_GRADE
