"""Starter library, group A: structure, reading grade and label figures of eight drug pages.

The pages are read with plain Python (YAML front matter plus ``## `` sections) so the test does
not depend on the importer. Figures for the drugs that have an openFDA label in ``../shared``
are checked against that label's own text.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from medguide.reading.grade import grade_of_markdown

LIBRARY = Path(__file__).resolve().parents[2] / "resources" / "library"

DRUGS = [
    "romiplostim",
    "eltrombopag",
    "avatrombopag",
    "lusutrombopag",
    "denosumab",
    "alendronate",
    "metformin",
    "romosozumab",
]
AUDIENCES = ["patient", "professional"]
SECTIONS = ["usage", "side effects", "how it works", "dosage", "precautions", "faq"]
REQUIRED_KEYS = {
    "title",
    "aliases",
    "drug_class",
    "audience",
    "review_status",
    "last_reviewed",
    "ai_generated",
    "provenance",
    "sources",
}
MIN_FAQ = {"patient": 5, "professional": 3}
MAX_PATIENT_GRADE = 8.0
MAX_MEDIAN_PATIENT_GRADE = 6.0

# Facts checked against the openFDA label: the application number and set id it carries, dose
# strings that must appear both in our professional Dosage section and in the label's
# dosage_and_administration text, and (where the label has one) the boxed-warning topic.
LABEL_FACTS: dict[str, dict[str, Any]] = {
    "eltrombopag": {
        "application": "NDA022291",
        "doses": ["50 mg", "25 mg", "75 mg", "12.5 mg", "100 mg", "150 mg", "2.5 mg/kg"],
        "boxed": ["hepatic decompensation", "hepatotoxicity"],
    },
    "avatrombopag": {
        "application": "NDA210238",
        "doses": ["60 mg", "40 mg", "20 mg", "10 to 13 days", "5 to 8 days"],
        "boxed": [],
    },
    "lusutrombopag": {
        "application": "NDA210923",
        "doses": ["3 mg", "7 days", "8-14 days", "2-8 days"],
        "boxed": [],
    },
}


def _split_page(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.DOTALL)
    assert match, f"{path} has no YAML front matter"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict)
    return meta, match.group(2)


def _sections(body: str) -> dict[str, str]:
    """Section name (lower case) → section text, heading line included."""
    parts = [p for p in re.split(r"(?m)^(?=## )", body) if p.strip()]
    out: dict[str, str] = {}
    for part in parts:
        heading = part.splitlines()[0]
        assert heading.startswith("## "), f"text before the first section: {heading!r}"
        out[heading[3:].strip().lower()] = part
    return out


@cache
def _page(slug: str, audience: str) -> tuple[dict[str, Any], dict[str, str]]:
    meta, body = _split_page(LIBRARY / slug / f"{audience}.md")
    return meta, _sections(body)


@cache
def _labels(labels_path: Path) -> dict[str, dict[str, Any]]:
    wanted = {facts["application"]: slug for slug, facts in LABEL_FACTS.items()}
    found: dict[str, dict[str, Any]] = {}
    with gzip.open(labels_path, "rt", encoding="utf-8") as handle:
        for line in handle:
            result = json.loads(line)["result"]
            for number in result.get("openfda", {}).get("application_number", []):
                if number in wanted:
                    found[wanted[number]] = result
    return found


def _plain(text: str) -> str:
    return " ".join(text.replace("×", "x").split()).lower()


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("slug", DRUGS)
def test_front_matter(slug: str, audience: str) -> None:
    meta, _ = _page(slug, audience)
    assert set(meta) >= REQUIRED_KEYS, REQUIRED_KEYS - set(meta)
    assert meta["audience"] == audience
    assert meta["review_status"] == "unreviewed"
    assert str(meta["last_reviewed"]) == "2026-11-22"
    assert meta["ai_generated"] is True
    assert "AI" in meta["provenance"]
    assert meta["aliases"]["brand"], "at least one brand name"
    assert meta["sources"] and all(s.get("title") for s in meta["sources"])
    assert all(s.get("identifier") or s.get("url") for s in meta["sources"])


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("slug", DRUGS)
def test_six_sections_in_order_and_faq(slug: str, audience: str) -> None:
    _, sections = _page(slug, audience)
    assert list(sections) == SECTIONS
    questions = re.findall(r"(?m)^### (.+)$", sections["faq"])
    assert len(questions) >= MIN_FAQ[audience]
    assert all(q.rstrip().endswith("?") for q in questions)
    for name, text in sections.items():
        assert len(text.split()) > 30, f"{slug}/{audience}: section {name} is too thin"


@pytest.mark.parametrize("slug", DRUGS)
def test_patient_sections_read_at_grade_8_or_below(slug: str) -> None:
    _, sections = _page(slug, "patient")
    grades = {name: grade_of_markdown(text) for name, text in sections.items()}
    too_hard = {n: g for n, g in grades.items() if g is None or g > MAX_PATIENT_GRADE}
    assert not too_hard, f"{slug}: {too_hard}"


def test_median_patient_grade_of_group() -> None:
    grades = [
        grade_of_markdown(text) for slug in DRUGS for text in _page(slug, "patient")[1].values()
    ]
    assert statistics.median(g for g in grades if g is not None) <= MAX_MEDIAN_PATIENT_GRADE


@pytest.mark.parametrize("slug", DRUGS)
def test_page_lengths(slug: str) -> None:
    for audience, (low, high) in {"patient": (450, 1000), "professional": (650, 1400)}.items():
        _, sections = _page(slug, audience)
        words = sum(len(re.findall(r"[A-Za-z0-9]+(?:['’][a-z]+)?", t)) for t in sections.values())
        assert low <= words <= high, f"{slug}/{audience}: {words} words"


@pytest.mark.shared
@pytest.mark.parametrize("slug", sorted(set(LABEL_FACTS) & set(DRUGS)))
def test_professional_figures_match_openfda_label(slug: str, shared_dir: Path) -> None:
    label = _labels(shared_dir / "corpora" / "openfda" / "labels.jsonl.gz").get(slug)
    assert label is not None, f"no openFDA label for {slug}"
    facts = LABEL_FACTS[slug]
    meta, sections = _page(slug, "professional")
    identifiers = " ".join(str(s.get("identifier", "")) for s in meta["sources"])
    assert label["set_id"] in identifiers
    assert facts["application"].replace("NDA", "NDA ") in identifiers

    label_dosing = _plain(" ".join(label["dosage_and_administration"]))
    our_dosing = _plain(sections["dosage"])
    for figure in facts["doses"]:
        assert figure in label_dosing, f"{figure!r} is not in the {slug} label"
        assert figure in our_dosing, f"{figure!r} is missing from our {slug} Dosage section"

    boxed = _plain(" ".join(label.get("boxed_warning", [])))
    assert bool(boxed) == bool(facts["boxed"])
    page = _plain("\n".join(sections.values()))
    for topic in facts["boxed"]:
        assert topic in boxed and topic in page
    if not facts["boxed"]:
        assert "no boxed warning" in page


@pytest.mark.shared
@pytest.mark.parametrize("slug", sorted(set(LABEL_FACTS) & set(DRUGS)))
def test_no_long_sentence_copied_from_label(slug: str, shared_dir: Path) -> None:
    label = _labels(shared_dir / "corpora" / "openfda" / "labels.jsonl.gz")[slug]
    label_text = _plain(" ".join(" ".join(v) for v in label.values() if isinstance(v, list)))
    for audience in AUDIENCES:
        _, sections = _page(slug, audience)
        text = re.sub(r"[*_`#>-]", " ", "\n".join(sections.values()))
        for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
            plain = _plain(sentence)
            if len(plain) >= 60:
                assert plain not in label_text, f"{slug}/{audience} copies: {plain[:80]}"
