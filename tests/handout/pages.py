"""Hand-made drug pages for handout tests (our own wording, no database needed)."""

from __future__ import annotations

from datetime import date

from medguide.core.model import Audience, ReviewStatus, SectionKind, SourceFormat
from medguide.core.views import DrugPage, FaqEntry, SectionText, SourceView

LIBRARY_SOURCE = SourceView(
    id=1,
    format=SourceFormat.LIBRARY,
    origin="library/testamab/patient.md",
    title="Testamab starter page",
    last_updated=date(2026, 11, 22),
    review_status=ReviewStatus.UNREVIEWED,
    ai_generated=True,
)
RXHIVE_SOURCE = SourceView(
    id=2,
    format=SourceFormat.RXHIVE,
    origin="rxhive/o/oldamine.md",
    title="Oldamine",
    last_updated=None,
    review_status=ReviewStatus.UNREVIEWED,
    ai_generated=True,
)


def make_testamab(lines_per_section: int = 3, clinic_note: str = "") -> DrugPage:
    """A made-up drug with patient and professional text in every section."""
    sections = []
    for kind in SectionKind.tab_order():
        if kind is SectionKind.FAQ:
            continue
        bullets = "\n".join(
            f"- Point {i} of the {kind.label.lower()} text for you."
            for i in range(lines_per_section)
        )
        sections.append(
            SectionText(
                kind, Audience.PATIENT, f"You read the {kind.label} part.\n\n{bullets}\n", 4.0, 1
            )
        )
        sections.append(
            SectionText(
                kind,
                Audience.PROFESSIONAL,
                f"Clinicians read the **{kind.label}** part.[1](#ref-1)\n",
                12.0,
                1,
            )
        )
    faqs = (
        FaqEntry("Can I take it with food?", "Yes. Take it with a meal.", Audience.PATIENT, 1),
        FaqEntry("What if I miss a dose?", "Take it when you remember.", Audience.PATIENT, 1),
    )
    return DrugPage(
        slug="testamab",
        name="Testamab",
        drug_class="Test agent",
        brand_names=("Testo",),
        synonyms=(),
        sections=tuple(sections),
        faqs=faqs,
        sources=(LIBRARY_SOURCE,),
        clinic_note=clinic_note,
    )


def make_oldamine() -> DrugPage:
    """An unstructured page: only an overview, written for professionals."""
    return DrugPage(
        slug="oldamine",
        name="Oldamine",
        drug_class=None,
        brand_names=(),
        synonyms=(),
        sections=(
            SectionText(
                SectionKind.OVERVIEW,
                Audience.PATIENT,
                "Oldamine is an antihypertensive agent with pharmacokinetic "
                "characteristics requiring individualised titration.\n",
                16.5,
                2,
            ),
        ),
        faqs=(),
        sources=(RXHIVE_SOURCE,),
        unstructured=True,
    )
