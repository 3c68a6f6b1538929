"""The RxHive reader on the seeds and on hand-written pages of every shape the corpus uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from medguide.content import rxhive
from medguide.content.load import parse_file
from medguide.core.model import (
    Audience,
    ParsedDocument,
    ParsedDrug,
    Rejected,
    ReviewStatus,
    SectionKind,
    SourceFormat,
)

SIX = SectionKind.tab_order()


def _parse(text: str, origin: str = "pages/x/testamab.md") -> ParsedDocument:
    result = rxhive.parse(text, origin)
    assert isinstance(result, ParsedDocument), result
    return result


def _drug(text: str, origin: str = "pages/x/testamab.md") -> ParsedDrug:
    return _parse(text, origin).drugs[0]


def _section(drug: ParsedDrug, kind: SectionKind) -> str:
    found = [s.markdown for s in drug.sections if s.kind is kind]
    assert len(found) == 1, (kind, [s.kind for s in drug.sections])
    return found[0]


def _kinds(drug: ParsedDrug) -> set[SectionKind]:
    kinds = {s.kind for s in drug.sections}
    if drug.faqs:
        kinds.add(SectionKind.FAQ)
    return kinds


# ----------------------------------------------------------------------------------- seeds


def _seed(seeds_dir: Path, prefix: str) -> ParsedDocument:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    result = parse_file(path)
    assert isinstance(result, ParsedDocument), result
    return result


@pytest.mark.shared
def test_seed_000_romiplostim_bold_labels(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "000")
    drug = doc.drugs[0]
    assert drug.name == "Romiplostim"
    assert drug.slug == "romiplostim"
    assert not drug.unstructured
    assert {SectionKind.USAGE, SectionKind.SIDE_EFFECTS, SectionKind.MECHANISM} <= _kinds(drug)
    assert "thrombocytopenic purpura" in _section(drug, SectionKind.USAGE)
    side_effects = _section(drug, SectionKind.SIDE_EFFECTS)
    assert "Headache" in side_effects
    assert "Bone marrow fibrosis" in side_effects  # the nested bold sub-list stays inside
    assert "megakaryocytes" in _section(drug, SectionKind.MECHANISM)
    assert len(drug.faqs) == 7
    assert drug.faqs[0].question.startswith("How is romiplostim administered")
    assert "subcutaneous" in drug.faqs[0].answer
    assert all(f.audience is Audience.PATIENT and f.answer for f in drug.faqs)
    body = "\n".join(s.markdown for s in drug.sections)
    assert "Generic Name" not in body
    assert "Disclaimer" not in body and "AI-generated" not in body
    source = doc.source
    assert source.format is SourceFormat.RXHIVE
    assert source.ai_generated
    assert "AI-generated" in source.provenance_note
    assert source.disclaimer.startswith("This information is for educational purposes")
    assert source.review_status is ReviewStatus.UNREVIEWED


@pytest.mark.shared
@pytest.mark.parametrize(("prefix", "name", "symbol"), [("003", "Lusutrombopag", "≥30 mL/min")])
def test_seed_003_headings_and_mojibake(
    seeds_dir: Path, prefix: str, name: str, symbol: str
) -> None:
    doc = _seed(seeds_dir, prefix)
    drug = doc.drugs[0]
    assert drug.name == name
    assert _kinds(drug) == set(SIX)
    dosage = _section(drug, SectionKind.DOSAGE)
    assert symbol in dosage
    assert "â€" not in dosage and "â‰" not in dosage
    assert "**Pediatric Dosage:**" in dosage  # nested bold labels stay in the section
    assert "Factor V Leiden" in _section(drug, SectionKind.PRECAUTIONS)
    assert len(drug.faqs) == 5
    assert doc.source.disclaimer
    assert doc.source.ai_generated and doc.source.provenance_note == rxhive.DEFAULT_PROVENANCE


@pytest.mark.shared
def test_seed_004_romosozumab(seeds_dir: Path) -> None:
    drug = _seed(seeds_dir, "004").drugs[0]
    assert drug.name == "Romosozumab"
    assert _kinds(drug) == set(SIX)
    assert "m²" in _section(drug, SectionKind.DOSAGE)
    assert "mÂ" not in _section(drug, SectionKind.DOSAGE)
    assert "sclerostin" in _section(drug, SectionKind.MECHANISM)
    assert len(drug.faqs) == 6
    assert all("**" not in f.question for f in drug.faqs)


# ------------------------------------------------------------------------ hand-written pages

HEADINGS_PAGE = """---
layout: minimal-medicine
title: Testamab
---

# Testamab
### Generic Name
Testamab

### Usage
Testamab calms an imaginary itch.

### Dosage
**Adults:** One drop daily.

**Children:** Half a drop.

### Side Effects
* Sneezing
* Mild giggles

### How it Works
It blocks a pretend receptor.

### Precautions
**Contraindications:** Allergy to pretend drops.

**Drug interactions:** None known in fiction.

### FAQs
* **Q: Can I take it at night?** A: Yes, any time.
* **Q: Does it expire?** A: After a year.

**Disclaimer:** Written for a unit test, not for people.
"""


def test_heading_page_maps_all_six_kinds() -> None:
    doc = _parse(HEADINGS_PAGE)
    drug = doc.drugs[0]
    assert _kinds(drug) == set(SIX)
    assert drug.slug == "testamab"
    assert "**Children:** Half a drop." in _section(drug, SectionKind.DOSAGE)
    precautions = _section(drug, SectionKind.PRECAUTIONS)
    assert "**Contraindications:**" in precautions and "**Drug interactions:**" in precautions
    assert [f.question for f in drug.faqs] == ["Can I take it at night?", "Does it expire?"]
    assert doc.source.disclaimer == "Written for a unit test, not for people."
    assert all("Generic Name" not in s.markdown for s in drug.sections)
    assert [s.kind for s in drug.sections] == sorted(
        (s.kind for s in drug.sections), key=list(SectionKind).index
    )


BOLD_PAGE = """---
layout: minimal-medicine
title: Boldaprin
---

# Boldaprin

**Generic Name:** Boldaprin

**Usage:** Eases invented aches.

**Side Effects:** Drowsiness is the main one.

**Serious ones, rarely:**

* Floating sensation

**How it Works:** Turns down a fictional enzyme.

**Dosage:**

* Adults: two tablets.

**Precautions:** Avoid with imaginary liver trouble.

**FAQs:**

* **Q: Is it habit forming?** A: No.

**Note:** This information is AI-generated or crowd-sourced and may be wrong.
"""


def test_bold_label_page() -> None:
    doc = _parse(BOLD_PAGE, "boldaprin.md")
    drug = doc.drugs[0]
    assert _kinds(drug) == set(SIX)
    assert "Floating sensation" in _section(drug, SectionKind.SIDE_EFFECTS)
    assert "Adults: two tablets" in _section(drug, SectionKind.DOSAGE)
    assert drug.faqs[0].question == "Is it habit forming?"
    assert "AI-generated" in doc.source.provenance_note
    assert all("AI-generated" not in s.markdown for s in drug.sections)


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Uses", SectionKind.USAGE),
        ("Indications", SectionKind.USAGE),
        ("Adverse Effects", SectionKind.SIDE_EFFECTS),
        ("Mechanism of Action", SectionKind.MECHANISM),
        ("How It Works:", SectionKind.MECHANISM),
        ("Administration", SectionKind.DOSAGE),
        ("Dosage and Administration", SectionKind.DOSAGE),
        ("Warnings", SectionKind.PRECAUTIONS),
        ("Contraindications", SectionKind.PRECAUTIONS),
        ("Interactions", SectionKind.PRECAUTIONS),
        ("Frequently Asked Questions", SectionKind.FAQ),
        ("Usage (individual components)", SectionKind.USAGE),
    ],
)
def test_heading_synonyms(heading: str, kind: SectionKind) -> None:
    text = (
        "---\nlayout: minimal-medicine\ntitle: Synonymol\n---\n# Synonymol\n"
        f"## {heading}\nSome words here.\n"
    )
    if kind is SectionKind.FAQ:
        text += "* **Q: Any question?** A: An answer.\n"
    drug = _drug(text)
    assert kind in _kinds(drug)
    assert not drug.unstructured


def test_heading_with_text_on_the_same_line() -> None:
    text = (
        "---\nlayout: minimal-medicine\ntitle: Inlinol\n---\n# Inlinol\n"
        "### Usage:  Helps with invented sniffles.\n### Dosage: One spoon.\n"
    )
    drug = _drug(text)
    assert _section(drug, SectionKind.USAGE) == "Helps with invented sniffles."
    assert _section(drug, SectionKind.DOSAGE) == "One spoon."


COMBINATION_PAGE = """---
layout: minimal-medicine
title: Alphamol + Betamol
---

# Alphamol + Betamol
A short note before anything else.

### Alphamol

**Usage:** Alphamol helps A.

**Dosage:** One of A.

### Betamol

**Usage:** Betamol helps B.

**Dosage:** One of B.

### Using Both Together

Taking both needs a doctor's eye.
"""


def test_combination_page_keeps_each_ingredient_under_its_name() -> None:
    drug = _drug(COMBINATION_PAGE, "alphamol-betamol.md")
    usage = _section(drug, SectionKind.USAGE)
    assert usage.index("#### Alphamol") < usage.index("Alphamol helps A.")
    assert usage.index("#### Betamol") < usage.index("Betamol helps B.")
    overview = _section(drug, SectionKind.OVERVIEW)
    assert "A short note before anything else." in overview
    assert "Using Both Together" in overview and "doctor's eye" in overview


def test_unstructured_page_is_kept_whole() -> None:
    text = (
        "---\nlayout: minimal-medicine\ntitle: Nothingol + Nullamide\n---\n"
        "# Nothingol + Nullamide\nNo product combines these two.\n\nAsk a pharmacist instead.\n"
    )
    drug = _drug(text)
    assert drug.unstructured
    assert [s.kind for s in drug.sections] == [SectionKind.OVERVIEW]
    assert "No product combines" in drug.sections[0].markdown
    assert "Ask a pharmacist" in drug.sections[0].markdown


def test_unknown_headings_go_to_overview_not_lost() -> None:
    text = HEADINGS_PAGE.replace(
        "### Precautions", "### Storage Tips\nKeep it cool.\n\n### Precautions"
    )
    drug = _drug(text)
    assert "Keep it cool." in _section(drug, SectionKind.OVERVIEW)


def test_trailing_unlabelled_disclaimer_is_captured() -> None:
    text = HEADINGS_PAGE.replace(
        "**Disclaimer:** Written for a unit test, not for people.",
        "This information is a test fixture; consult nobody about it.",
    )
    doc = _parse(text)
    assert doc.source.disclaimer.startswith("This information is a test fixture")
    assert all("test fixture" not in f.answer for f in doc.drugs[0].faqs)


def test_slug_is_the_file_stem_for_md_and_the_title_slug_otherwise() -> None:
    assert _drug(HEADINGS_PAGE, "corpus/a/abc-def.md").slug == "abc-def"
    assert _drug(HEADINGS_PAGE, "<pasted>").slug == "testamab"


@pytest.mark.parametrize(
    "text",
    [
        "---\nlayout: minimal-medicine\n---\n\nNo title anywhere.\n",
        "---\nlayout: minimal-medicine\ntitle: Empty\n---\n# Empty\n",
    ],
)
def test_pages_without_title_or_text_are_rejected(text: str) -> None:
    assert isinstance(rxhive.parse(text, "x.md"), Rejected)


@pytest.mark.parametrize(
    "closing",
    [
        "**Important Note:** This information is a made-up note; consult a pharmacist.",
        "**Again, this information is educational and invented for a test.**",
        "Remember: the information provided is fictional, not medical advice.",
    ],
)
def test_closing_disclaimer_variants(closing: str) -> None:
    text = HEADINGS_PAGE.replace(
        "**Disclaimer:** Written for a unit test, not for people.", closing
    )
    doc = _parse(text)
    assert doc.source.disclaimer
    assert all(closing[:20] not in f.answer for f in doc.drugs[0].faqs)


def test_deeper_unknown_headings_stay_inside_their_section() -> None:
    text = (
        "---\nlayout: minimal-medicine\ntitle: Layerol\n---\n# Layerol\n"
        "## Usage\nFor pretend pains.\n\n## Dosage\n#### Adults\nTwo drops.\n\n"
        "#### Children\nOne drop.\n\n## FAQ\n### Can I freeze it?\nNo, keep it cool.\n"
    )
    drug = _drug(text)
    dosage = _section(drug, SectionKind.DOSAGE)
    assert "#### Adults" in dosage and "One drop." in dosage
    assert SectionKind.OVERVIEW not in {s.kind for s in drug.sections}
    assert [(f.question, f.answer) for f in drug.faqs] == [
        ("Can I freeze it?", "No, keep it cool.")
    ]
