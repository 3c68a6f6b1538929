"""Starter-library figures checked against the openFDA labels in ``../shared``.

One row per drug whose label is in ``corpora/openfda/labels.jsonl.gz`` (the ``facts_*.py``
modules): the record (set id, application number, generic name), the boxed warning, and figures
that must stand both in the named label field and in our professional page. All tests use the
``shared_dir`` fixture and skip without ``../shared``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.library.label_facts import LabelFacts, all_facts
from tests.library.pages import DRUGS, flat, read_page

LABELS = all_facts()
BY_SLUG = {facts.slug: facts for facts in LABELS}


def _slug(facts: LabelFacts) -> str:
    """The test id of one table row."""
    return facts.slug


def label_text(label: dict[str, Any], field: str) -> str:
    """One label field (a list of strings) as :func:`flat` text; empty when absent."""
    return flat(" ".join(label.get(field, [])))


def test_fact_rows_name_library_drugs_once() -> None:
    """Every row names a drug of the library, and no drug has two rows."""
    slugs = [facts.slug for facts in LABELS]
    assert len(slugs) == len(set(slugs))
    assert set(slugs) <= set(DRUGS)


@pytest.mark.shared
@pytest.mark.parametrize("facts", LABELS, ids=_slug)
def test_label_record_and_citation(facts: LabelFacts, shared_dir: Path) -> None:
    """The set id is this drug's label, and our pages cite its set id and application number."""
    label = facts.label(shared_dir)
    assert label["openfda"]["application_number"] == [facts.application]
    assert facts.generic in label["openfda"]["generic_name"]
    cited_number = re.sub(r"^(A?NDA|BLA)", r"\1 ", facts.application)
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
    page = read_page(facts.slug, "professional")
    assert bool(boxed) == bool(facts.boxed)
    assert ("boxed_warning" in label) == bool(facts.boxed)
    if not facts.boxed:
        assert "boxed warning" not in page.sections
        assert "no boxed warning" in flat(page.all_text())
        return
    ours = flat(page.body(facts.boxed_section))
    if facts.boxed_section != "boxed warning":
        assert "boxed warning" in ours
    for topic in facts.boxed:
        assert topic in boxed, f"{topic!r} is not in the label's boxed warning"
        assert topic in ours, f"{topic!r} is missing from our {facts.boxed_section}"


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
