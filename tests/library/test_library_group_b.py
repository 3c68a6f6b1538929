"""Starter library, group B: page structure, patient reading grade, and figures checked
against the openFDA labels in ../shared for the drugs that have one there.

Pages are read with plain Python (YAML front matter + ``## `` sections) so the test does not
depend on the library reader other helpers are writing.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from medguide.reading.grade import grade_of_markdown

LIBRARY = Path(__file__).resolve().parents[2] / "resources" / "library"

DRUGS = (
    "atorvastatin",
    "warfarin",
    "levothyroxine",
    "insulin-glargine",
    "lisinopril",
    "amlodipine",
    "hydrochlorothiazide",
    "apixaban",
)
AUDIENCES = ("patient", "professional")
SECTIONS = ("usage", "side effects", "how it works", "dosage", "precautions", "faq")
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
MAX_PATIENT_GRADE = 8.0
MAX_MEDIAN_PATIENT_GRADE = 6.0


@dataclass(frozen=True)
class Page:
    """One library page: its front matter and its ``##`` sections by lower-case heading."""

    meta: dict[str, Any]
    sections: dict[str, str]
    order: tuple[str, ...]


def read_page(slug: str, audience: str) -> Page:
    """Split a library page into YAML front matter and ``## `` sections."""
    text = (LIBRARY / slug / f"{audience}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front)
    sections: dict[str, str] = {}
    order: list[str] = []
    for chunk in re.split(r"(?m)^(?=## )", body):
        if not chunk.startswith("## "):
            continue
        heading = chunk.partition("\n")[0]
        name = heading[3:].strip().lower()
        order.append(name)
        sections[name] = chunk
    return Page(meta=meta, sections=sections, order=tuple(order))


def faq_questions(page: Page) -> list[str]:
    """The ``###`` questions of the FAQ section."""
    return re.findall(r"(?m)^### (.+)$", page.sections.get("faq", ""))


def normalise(text: str) -> str:
    """Lower case, one kind of dash, single spaces: for comparing figures across sources."""
    text = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-")
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.split())


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("slug", DRUGS)
def test_front_matter_has_required_keys(slug: str, audience: str) -> None:
    """Every page declares the keys the library format and the brief require."""
    meta = read_page(slug, audience).meta
    missing = [key for key in REQUIRED_KEYS if key not in meta]
    assert not missing, f"{slug}/{audience}: missing {missing}"
    assert meta["audience"] == audience
    assert meta["review_status"] == "unreviewed"
    assert str(meta["last_reviewed"]) == "2026-11-22"
    assert meta["ai_generated"] is True
    assert "AI" in meta["provenance"] and "review" in meta["provenance"]
    assert meta["aliases"]["brand"], "at least one brand name"
    assert meta["sources"] and all(source.get("title") for source in meta["sources"])
    assert all(source.get("identifier") or source.get("url") for source in meta["sources"])


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("slug", DRUGS)
def test_six_sections_in_order(slug: str, audience: str) -> None:
    """The six ``##`` headings are present, in the library-format order, each with text."""
    page = read_page(slug, audience)
    assert page.order == SECTIONS
    for name, chunk in page.sections.items():
        assert len(chunk.split()) > 20, f"{slug}/{audience}: '{name}' is nearly empty"


@pytest.mark.parametrize("slug", DRUGS)
def test_faq_counts(slug: str) -> None:
    """Patient FAQ has at least 5 questions, professional FAQ at least 3; all end with '?'."""
    patient = faq_questions(read_page(slug, "patient"))
    professional = faq_questions(read_page(slug, "professional"))
    assert len(patient) >= 5
    assert len(professional) >= 3
    assert all(q.rstrip().endswith("?") for q in patient + professional)


@pytest.mark.parametrize("slug", DRUGS)
def test_patient_faq_covers_common_questions(slug: str) -> None:
    """Missed dose, alcohol or food, pregnancy and 'how long' are asked on every patient page."""
    questions = " ".join(faq_questions(read_page(slug, "patient"))).lower()
    assert "miss" in questions
    assert "alcohol" in questions or "food" in questions or "eat" in questions
    assert "pregnan" in questions
    assert "how long" in questions or "how soon" in questions


@pytest.mark.parametrize("slug", DRUGS)
def test_patient_sections_read_at_grade_8_or_below(slug: str) -> None:
    """Each patient section measures at Flesch-Kincaid grade 8 or below."""
    page = read_page(slug, "patient")
    grades = {name: grade_of_markdown(chunk) for name, chunk in page.sections.items()}
    too_hard = {n: g for n, g in grades.items() if g is None or g > MAX_PATIENT_GRADE}
    assert not too_hard, f"{slug}: {too_hard}"


def test_patient_median_grade_is_6_or_below() -> None:
    """Across this group's patient sections the median grade is 6 or below."""
    grades = [
        grade_of_markdown(chunk)
        for slug in DRUGS
        for chunk in read_page(slug, "patient").sections.values()
    ]
    measured = [g for g in grades if g is not None]
    assert len(measured) == len(DRUGS) * len(SECTIONS)
    assert statistics.median(measured) <= MAX_MEDIAN_PATIENT_GRADE


@pytest.mark.parametrize("slug", DRUGS)
def test_patient_pages_speak_to_the_reader(slug: str) -> None:
    """Patient wording is second person and tells the reader when to get help."""
    page = read_page(slug, "patient")
    text = " ".join(page.sections.values()).lower()
    assert text.count(" you") > 30
    assert "911" in text or "emergency" in text


# --- figures checked against the openFDA labels in ../shared ---------------------------------

# Figures (normalised) that must appear in both the professional Dosage section and the label's
# dosage_and_administration text.
LABEL_FIGURES: dict[str, tuple[str, ...]] = {
    "atorvastatin": ("10 mg to 20 mg once daily", "10 mg to 80 mg once daily", "40 mg", "4 weeks"),
    "warfarin": ("2 to 5 mg once daily", "2 to 10 mg once daily", "2.0-3.0", "2.5-3.5"),
    "levothyroxine": ("1.6 mcg/kg/day", "12.5 to 25 mcg", "4 to 6 weeks", "6 to 8 weeks"),
}
# Generic name in openFDA, and a word the boxed warning is about (None: the label has none).
LABEL_KEYS: dict[str, tuple[str, str | None]] = {
    "atorvastatin": ("ATORVASTATIN CALCIUM", None),
    "warfarin": ("WARFARIN SODIUM", "bleeding"),
    "levothyroxine": ("LEVOTHYROXINE SODIUM", "weight loss"),
}


@lru_cache(maxsize=1)
def load_labels(path: Path) -> dict[str, dict[str, Any]]:
    """openFDA label records of this group's drugs, by slug, read once per session."""
    wanted = {generic: slug for slug, (generic, _) in LABEL_KEYS.items()}
    found: dict[str, dict[str, Any]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            result = json.loads(line)["result"]
            for generic in result.get("openfda", {}).get("generic_name", []):
                if generic in wanted and wanted[generic] not in found:
                    found[wanted[generic]] = result
    return found


def label_for(slug: str, shared_dir: Path) -> dict[str, Any]:
    """The openFDA label record of one drug from ``../shared``."""
    labels = load_labels(shared_dir / "corpora" / "openfda" / "labels.jsonl.gz")
    assert slug in labels, f"no openFDA label for {slug}"
    return labels[slug]


@pytest.mark.shared
@pytest.mark.parametrize("slug", [s for s in DRUGS if s in LABEL_FIGURES])
def test_dosage_figures_match_label(slug: str, shared_dir: Path) -> None:
    """Starting and range doses stated in the professional page are the label's figures."""
    label = label_for(slug, shared_dir)
    label_text = normalise(" ".join(label["dosage_and_administration"]))
    page_text = normalise(read_page(slug, "professional").sections["dosage"])
    for figure in LABEL_FIGURES[slug]:
        assert figure in label_text, f"{figure!r} not in the {slug} label"
        assert figure in page_text, f"{figure!r} not in {slug} professional Dosage"


@pytest.mark.shared
@pytest.mark.parametrize("slug", [s for s in DRUGS if s in LABEL_KEYS])
def test_boxed_warning_matches_label(slug: str, shared_dir: Path) -> None:
    """The professional page states the label's boxed warning topic, or that there is none."""
    label = label_for(slug, shared_dir)
    _, topic = LABEL_KEYS[slug]
    page = read_page(slug, "professional")
    precautions = normalise(page.sections["precautions"])
    if topic is None:
        assert "boxed_warning" not in label
        assert "no boxed warning" in precautions
    else:
        assert topic in normalise(" ".join(label["boxed_warning"]))
        assert "boxed warning" in precautions
        assert topic in precautions


@pytest.mark.shared
@pytest.mark.parametrize("slug", [s for s in DRUGS if s in LABEL_KEYS])
def test_sources_cite_the_label(slug: str, shared_dir: Path) -> None:
    """Both pages cite the label's application number and set id."""
    label = label_for(slug, shared_dir)
    application = label["openfda"]["application_number"][0]  # e.g. NDA020702
    set_id = label["set_id"]
    for audience in AUDIENCES:
        sources = read_page(slug, audience).meta["sources"]
        cited = " ".join(
            str(s.get("identifier", "")) + " " + str(s.get("url", "")) for s in sources
        )
        assert application.replace("NDA", "NDA ") in cited
        assert set_id in cited
