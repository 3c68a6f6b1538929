"""Starter-library pages of group C: format, reading grade and figures checked against labels.

Drugs: omeprazole, albuterol, amoxicillin, ibuprofen, acetaminophen, sertraline, prednisone,
gabapentin. Pages are read with plain Python (yaml + ``## `` splitting) so this test does not
depend on the library reader; the reading grade uses the project's meter.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from medguide.reading.grade import grade_of_markdown

LIBRARY = Path(__file__).resolve().parents[2] / "resources" / "library"
DRUGS = [
    "omeprazole",
    "acetaminophen",
    "albuterol",
    "amoxicillin",
    "ibuprofen",
    "sertraline",
    "prednisone",
    "gabapentin",
]
AUDIENCES = ["patient", "professional"]
SECTIONS = ["usage", "side effects", "how it works", "dosage", "precautions", "faq"]
OMEPRAZOLE_SET_ID = "b6761f84-53ac-4745-a8c8-1e5427d7e179"
ACETAMINOPHEN_SET_ID = "45c3c2a1-6a89-471e-b6d4-5a4cd73b987a"


def read_page(slug: str, audience: str) -> tuple[dict[str, Any], dict[str, str]]:
    """Front matter and ``{heading (lower case): body}`` of one library page."""
    text = (LIBRARY / slug / f"{audience}.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front)
    assert isinstance(meta, dict)
    sections: dict[str, str] = {}
    for chunk in re.split(r"(?m)^(?=## )", body):
        if chunk.startswith("## "):
            heading, _, rest = chunk.partition("\n")
            sections[heading[3:].strip().lower()] = rest
    return meta, sections


def flat(text: str) -> str:
    """Lower-case text with thousands separators and repeated spaces removed."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text.lower())
    return " ".join(text.split())


def load_label(shared: Path, set_id: str) -> dict[str, Any]:
    """The openFDA label record with this set id from labels.jsonl.gz."""
    path = shared / "corpora" / "openfda" / "labels.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            result: dict[str, Any] = json.loads(line)["result"]
            if result.get("set_id") == set_id:
                return result
    raise AssertionError(f"label {set_id} not found")


def label_text(label: dict[str, Any], field: str) -> str:
    """One label field as flat text."""
    return flat(" ".join(label[field]))


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("slug", DRUGS)
def test_front_matter_has_required_keys(slug: str, audience: str) -> None:
    """Every page declares the keys of docs/library-format.md and the review facts."""
    meta, _ = read_page(slug, audience)
    assert meta["title"]
    assert meta["audience"] == audience
    assert meta["drug_class"]
    assert meta["review_status"] == "unreviewed"
    assert meta["last_reviewed"] == dt.date(2026, 11, 22)
    assert meta["ai_generated"] is True
    assert "AI" in meta["provenance"] and "review" in meta["provenance"]
    assert meta["aliases"]["brand"] and meta["aliases"]["synonym"] is not None
    assert meta["sources"], "at least one source"
    for source in meta["sources"]:
        assert source["title"] and source["sections"]
        assert source.get("identifier") or source.get("url")


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("slug", DRUGS)
def test_six_sections_in_order_and_faq(slug: str, audience: str) -> None:
    """The six headings appear in order; the FAQ holds enough ### questions."""
    _, sections = read_page(slug, audience)
    assert list(sections) == SECTIONS
    questions = re.findall(r"(?m)^### (.+)$", sections["faq"])
    assert len(questions) >= (5 if audience == "patient" else 3)
    assert all(q.rstrip().endswith("?") for q in questions)
    for name, body in sections.items():
        assert len(body.split()) > 40, f"{name} is too thin"


@pytest.mark.parametrize("slug", DRUGS)
def test_patient_sections_read_at_grade_8_or_below(slug: str) -> None:
    """Each patient section measures Flesch-Kincaid grade ≤ 8 on the project's meter."""
    _, sections = read_page(slug, "patient")
    grades = {name: grade_of_markdown(body) for name, body in sections.items()}
    too_hard = {name: g for name, g in grades.items() if g is None or g > 8.0}
    assert not too_hard


def test_patient_library_median_grade_at_most_6() -> None:
    """Across this group's patient sections the median grade is ≤ 6."""
    grades = sorted(
        grade_of_markdown(body) for slug in DRUGS for body in read_page(slug, "patient")[1].values()
    )
    assert None not in grades
    assert grades[len(grades) // 2] <= 6.0  # type: ignore[operator]


@pytest.mark.parametrize(
    ("slug", "names"),
    [
        ("acetaminophen", {"paracetamol", "tylenol", "panadol", "calpol", "crocin"}),
        ("albuterol", {"salbutamol", "ventolin"}),
        ("omeprazole", {"prilosec", "losec"}),
        ("sertraline", {"zoloft", "lustral"}),
    ],
)
def test_aliases_include_international_names(slug: str, names: set[str]) -> None:
    """Brand and INN synonyms a clinic in the US, UK or India would type are listed."""
    for audience in AUDIENCES:
        meta, _ = read_page(slug, audience)
        aliases = {a.lower() for a in meta["aliases"]["brand"] + meta["aliases"]["synonym"]}
        assert names <= aliases


def test_omeprazole_figures_match_label(shared_dir: Path) -> None:
    """Omeprazole doses, common reactions and the contraindication agree with NDA 022056."""
    label = load_label(shared_dir, OMEPRAZOLE_SET_ID)
    assert label["openfda"]["application_number"] == ["NDA022056"]
    meta, sections = read_page("omeprazole", "professional")
    assert any(OMEPRAZOLE_SET_ID in str(s.get("identifier", "")) for s in meta["sources"])
    dosing = label_text(label, "dosage_and_administration")
    ours = flat(sections["dosage"])
    for figure in ["20 mg once daily", "40 mg once daily", "60 mg once daily", "10 mg once daily"]:
        assert figure in dosing and figure in ours, figure
    for figure in ["1000 mg", "500 mg", "10 days", "4 to 8 weeks", "80 mg"]:
        assert figure in dosing and figure in ours, figure
    reactions = label_text(label, "adverse_reactions")
    ours = flat(sections["side effects"])
    for figure in ["headache (7%)", "abdominal pain (5%)", "nausea (4%)", "diarrhea (4%)"]:
        assert figure in reactions and figure in ours, figure
    assert "rilpivirine" in label_text(label, "contraindications")
    assert "rilpivirine" in flat(sections["precautions"])
    assert "clopidogrel" in label_text(label, "drug_interactions")
    assert "clopidogrel" in flat(sections["precautions"])
    assert "boxed_warning" not in label
    assert "no boxed warning" in flat(sections["precautions"])


def test_acetaminophen_liver_warning_matches_label(shared_dir: Path) -> None:
    """The acetaminophen record in the corpus is a combination product; its boxed liver
    warning and 4,000 mg/day ceiling match what our pages say, and the page cites it as such."""
    label = load_label(shared_dir, ACETAMINOPHEN_SET_ID)
    generic = " ".join(label["openfda"]["generic_name"]).lower()
    assert "dihydrocodeine" in generic and "caffeine" in generic
    assert label["openfda"]["application_number"] == ["ANDA204785"]
    boxed = label_text(label, "boxed_warning")
    assert "hepatotoxicity" in boxed and "4000 milligrams per day" in boxed
    meta, sections = read_page("acetaminophen", "professional")
    cited = [s for s in meta["sources"] if ACETAMINOPHEN_SET_ID in str(s.get("identifier", ""))]
    assert cited and "dihydrocodeine" in cited[0]["title"].lower()
    assert "hepatotoxicity" in flat(sections["precautions"])
    assert "4000 mg" in flat(sections["dosage"]) and "4000 mg" in flat(sections["precautions"])
    _, patient = read_page("acetaminophen", "patient")
    assert "4000 mg" in flat(patient["dosage"])


def _normalised(text: str) -> str:
    """Lower-case letters and digits only, single-spaced, for copy detection."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


@pytest.mark.parametrize("set_id", [OMEPRAZOLE_SET_ID, ACETAMINOPHEN_SET_ID])
def test_no_long_sentence_copied_from_label(shared_dir: Path, set_id: str) -> None:
    """No sentence of 60+ characters in this group's pages appears word for word in the label."""
    label = load_label(shared_dir, set_id)
    corpus = _normalised(
        " ".join(
            " ".join(v)
            for v in label.values()
            if isinstance(v, list) and v and isinstance(v[0], str)
        )
    )
    copied = []
    for slug in DRUGS:
        for audience in AUDIENCES:
            body = (LIBRARY / slug / f"{audience}.md").read_text(encoding="utf-8")
            for sentence in re.split(r"(?<=[.!?])\s+|\n", body.split("---", 2)[2]):
                plain = _normalised(sentence)
                if len(plain) >= 60 and plain in corpus:
                    copied.append(f"{slug}/{audience}: {sentence[:60]}")
    assert not copied
