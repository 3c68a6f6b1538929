"""Starter-library figures checked against the openFDA labels in ``../shared``.

One row per drug whose label is in ``corpora/openfda/labels.jsonl.gz``: the record (set id,
application number, generic name), the boxed warning, and figures that must stand both in the
named label field and in our professional page. Every page is also checked for sentences copied
from any of these labels. All tests use the ``shared_dir`` fixture and skip without ``../shared``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.library.pages import AUDIENCES, DRUGS, flat, load_label, read_page

DOSING = "dosage_and_administration"


@dataclass(frozen=True)
class LabelFacts:
    """What one drug's pages must share with its openFDA label."""

    slug: str
    set_id: str
    application: str  # as openFDA writes it, e.g. NDA022291; pages cite it as "NDA 022291"
    generic: str  # one of the label's openfda generic names, exactly
    # label field → (our professional section, figures that stand in both)
    figures: dict[str, tuple[str, tuple[str, ...]]]
    # boxed-warning topics, in the label and in ``boxed_section``; () = the label has none
    # and ``boxed_section`` says "no boxed warning"
    boxed: tuple[str, ...] = ()
    boxed_section: str = "precautions"
    cited_by: tuple[str, ...] = AUDIENCES  # pages whose sources name the set id and number

    def label(self, shared_dir: Path) -> dict[str, Any]:
        """This drug's openFDA label record (by set id and application number)."""
        return load_label(shared_dir, set_id=self.set_id, application=self.application)


LABELS = (
    # group A
    LabelFacts(
        slug="eltrombopag",
        set_id="7714a0ed-34bb-46e6-a0a5-b363908b22c2",
        application="NDA022291",
        generic="ELTROMBOPAG OLAMINE",
        figures={
            DOSING: (
                "dosage",
                ("50 mg", "25 mg", "75 mg", "12.5 mg", "100 mg", "150 mg", "2.5 mg/kg"),
            )
        },
        boxed=("hepatic decompensation", "hepatotoxicity"),
        boxed_section="side effects",
    ),
    LabelFacts(
        slug="avatrombopag",
        set_id="e2d5960d-6c18-46cc-86bd-089222b09852",
        application="NDA210238",
        generic="AVATROMBOPAG MALEATE",
        figures={DOSING: ("dosage", ("60 mg", "40 mg", "20 mg", "10 to 13 days", "5 to 8 days"))},
        boxed_section="side effects",
    ),
    LabelFacts(
        slug="lusutrombopag",
        set_id="f9fd0cfd-717d-4a87-99bc-de7b38807e55",
        application="NDA210923",
        generic="LUSUTROMBOPAG",
        figures={DOSING: ("dosage", ("3 mg", "7 days", "8-14 days", "2-8 days"))},
        boxed_section="side effects",
    ),
    # group B
    LabelFacts(
        slug="atorvastatin",
        set_id="c6e131fe-e7df-4876-83f7-9156fc4e8228",
        application="NDA020702",
        generic="ATORVASTATIN CALCIUM",
        figures={
            DOSING: (
                "dosage",
                ("10 mg to 20 mg once daily", "10 mg to 80 mg once daily", "40 mg", "4 weeks"),
            )
        },
    ),
    LabelFacts(
        slug="warfarin",
        set_id="3ebcb71e-9a7e-4969-abb9-7c7d3e3aae3c",
        application="NDA009218",
        generic="WARFARIN SODIUM",
        figures={
            DOSING: (
                "dosage",
                ("2 to 5 mg once daily", "2 to 10 mg once daily", "2.0-3.0", "2.5-3.5"),
            )
        },
        boxed=("bleeding",),
    ),
    LabelFacts(
        slug="levothyroxine",
        set_id="1e11ad30-1041-4520-10b0-8f9d30d30fcc",
        application="NDA021402",
        generic="LEVOTHYROXINE SODIUM",
        figures={
            DOSING: ("dosage", ("1.6 mcg/kg/day", "12.5 to 25 mcg", "4 to 6 weeks", "6 to 8 weeks"))
        },
        boxed=("weight loss",),
    ),
    # group C
    LabelFacts(
        slug="omeprazole",
        set_id="b6761f84-53ac-4745-a8c8-1e5427d7e179",
        application="NDA022056",
        generic="OMEPRAZOLE MAGNESIUM",
        figures={
            DOSING: (
                "dosage",
                (
                    "20 mg once daily",
                    "40 mg once daily",
                    "60 mg once daily",
                    "10 mg once daily",
                    "1000 mg",
                    "500 mg",
                    "10 days",
                    "4 to 8 weeks",
                    "80 mg",
                ),
            ),
            "adverse_reactions": (
                "side effects",
                ("headache (7%)", "abdominal pain (5%)", "nausea (4%)", "diarrhea (4%)"),
            ),
            "contraindications": ("precautions", ("rilpivirine",)),
            "drug_interactions": ("precautions", ("clopidogrel",)),
        },
    ),
    LabelFacts(
        slug="acetaminophen",  # the corpus record is a combination product; see the test below
        set_id="45c3c2a1-6a89-471e-b6d4-5a4cd73b987a",
        application="ANDA204785",
        generic="ACETAMINOPHEN, CAFFEINE, DIHYDROCODEINE BITARTRATE",
        figures={},
        boxed=("hepatotoxicity",),
        cited_by=("professional",),
    ),
)
BY_SLUG = {facts.slug: facts for facts in LABELS}


def _slug(facts: LabelFacts) -> str:
    """The test id of one table row."""
    return facts.slug


COPY_LENGTH = 60  # characters: a sentence this long must not stand word for word in a label


def label_text(label: dict[str, Any], field: str) -> str:
    """One label field (a list of strings) as :func:`flat` text; empty when absent."""
    return flat(" ".join(label.get(field, [])))


@pytest.mark.shared
@pytest.mark.parametrize("facts", LABELS, ids=_slug)
def test_label_record_and_citation(facts: LabelFacts, shared_dir: Path) -> None:
    """The set id is this drug's label, and our pages cite its set id and application number."""
    label = facts.label(shared_dir)
    assert label["openfda"]["application_number"] == [facts.application]
    assert facts.generic in label["openfda"]["generic_name"]
    cited_number = re.sub(r"^(A?NDA)", r"\1 ", facts.application)
    for audience in facts.cited_by:
        sources = read_page(facts.slug, audience).meta["sources"]
        cited = " ".join(f"{s.get('identifier', '')} {s.get('url', '')}" for s in sources)
        assert facts.set_id in cited, f"{audience} page does not cite {facts.set_id}"
        assert cited_number in cited, f"{audience} page does not cite {cited_number}"


@pytest.mark.shared
@pytest.mark.parametrize("facts", [f for f in LABELS if f.figures], ids=_slug)
def test_figures_match_label(facts: LabelFacts, shared_dir: Path) -> None:
    """Each listed figure stands in its label field and in our professional section."""
    label, page = facts.label(shared_dir), read_page(facts.slug, "professional")
    for field, (section, figures) in facts.figures.items():
        theirs, ours = label_text(label, field), flat(page.body(section))
        missing = [f for f in figures if f not in theirs]
        assert not missing, f"not in the label's {field}: {missing}"
        missing = [f for f in figures if f not in ours]
        assert not missing, f"not in our {section}: {missing}"


@pytest.mark.shared
@pytest.mark.parametrize("facts", LABELS, ids=_slug)
def test_boxed_warning_matches_label(facts: LabelFacts, shared_dir: Path) -> None:
    """The page names the label's boxed-warning topics, or says there is no boxed warning."""
    label = facts.label(shared_dir)
    boxed = label_text(label, "boxed_warning")
    ours = flat(read_page(facts.slug, "professional").body(facts.boxed_section))
    assert bool(boxed) == bool(facts.boxed)
    assert ("boxed_warning" in label) == bool(facts.boxed)
    assert "boxed warning" in ours
    for topic in facts.boxed:
        assert topic in boxed, f"{topic!r} is not in the label's boxed warning"
        assert topic in ours, f"{topic!r} is missing from our {facts.boxed_section}"
    if not facts.boxed:
        assert "no boxed warning" in ours


@pytest.mark.shared
def test_acetaminophen_record_is_a_combination_product(shared_dir: Path) -> None:
    """The corpus acetaminophen label is a combination product; its 4,000 mg/day ceiling is ours.

    The professional page names the product in the cited source's title, and both pages give the
    same daily ceiling the boxed warning does.
    """
    facts = BY_SLUG["acetaminophen"]
    label = facts.label(shared_dir)
    generic = " ".join(label["openfda"]["generic_name"]).lower()
    assert "dihydrocodeine" in generic and "caffeine" in generic
    assert "4000 milligrams per day" in label_text(label, "boxed_warning")
    professional = read_page("acetaminophen", "professional")
    cited = [s for s in professional.meta["sources"] if facts.set_id in str(s.get("identifier"))]
    assert cited and "dihydrocodeine" in cited[0]["title"].lower()
    assert "4000 mg" in flat(professional.body("dosage"))
    assert "4000 mg" in flat(professional.body("precautions"))
    assert "4000 mg" in flat(read_page("acetaminophen", "patient").body("dosage"))


def _bare(text: str) -> str:
    """Lower-case letters and digits only, single-spaced (``×`` read as ``x``): for copy checks."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().replace("×", "x")).split())


def _sentences(markdown: str) -> Iterator[str]:
    """Sentences and lines of ``markdown``, split as written and again with markdown marks out."""
    for text in (markdown, re.sub(r"[*_`#>-]", " ", markdown)):
        yield from re.split(r"(?<=[.!?])\s+|\n", text)


@pytest.mark.shared
@pytest.mark.parametrize("slug", DRUGS)
def test_no_long_sentence_copied_from_a_label(slug: str, shared_dir: Path) -> None:
    """No sentence of 60+ characters on either page stands word for word in any label above."""
    corpora = _label_corpora(shared_dir)
    copied = []
    for audience in AUDIENCES:
        page = read_page(slug, audience)
        for sentence in _sentences(page.preamble + page.all_text()):
            plain = _bare(sentence)
            if len(" ".join(sentence.split())) >= COPY_LENGTH and plain:
                copied += [f"{audience}: {plain[:80]}" for corpus in corpora if plain in corpus]
    assert not copied


@cache
def _label_corpora(shared_dir: Path) -> tuple[str, ...]:
    """The text fields of every label in :data:`LABELS`, each label as one :func:`_bare` string."""
    labels = [facts.label(shared_dir) for facts in LABELS]
    return tuple(
        _bare(" ".join(" ".join(v) for v in label.values() if _is_text_list(v))) for label in labels
    )


def _is_text_list(value: object) -> bool:
    """Whether a label value is a list of strings (a text field), not metadata."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
