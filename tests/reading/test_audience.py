"""Audience choice and the one honest note about a text, on hand-built drug pages."""

from __future__ import annotations

from datetime import date

import pytest

from medguide.core.model import Audience, ReviewStatus, SectionKind, SourceFormat
from medguide.core.views import DrugPage, FaqEntry, SectionText, SourceView
from medguide.reading.audience import (
    HARDER,
    MEDICATION_GUIDE,
    ONE_VERSION,
    choose_faqs,
    choose_section,
    text_note,
)

P, PRO = Audience.PATIENT, Audience.PROFESSIONAL


def _section(
    kind: SectionKind, audience: Audience, grade: float | None, source_id: int = 1
) -> SectionText:
    return SectionText(
        kind=kind,
        audience=audience,
        markdown=f"{kind} for {audience}",
        grade=grade,
        source_id=source_id,
    )


def _source(source_id: int, format: SourceFormat) -> SourceView:
    return SourceView(source_id, format, "x", "X", date(2026, 1, 1), ReviewStatus.UNREVIEWED, False)


def _page(
    sections: tuple[SectionText, ...] = (),
    faqs: tuple[FaqEntry, ...] = (),
    sources: tuple[SourceView, ...] = (),
) -> DrugPage:
    return DrugPage(
        slug="testadrine",
        name="Testadrine",
        drug_class=None,
        brand_names=(),
        synonyms=(),
        sections=sections,
        faqs=faqs,
        sources=sources,
    )


PAGE = _page(
    sections=(
        _section(SectionKind.USAGE, P, 5.2),
        _section(SectionKind.USAGE, PRO, 14.0),
        _section(SectionKind.MECHANISM, PRO, 16.5),
        _section(SectionKind.DOSAGE, P, 11.0),
        _section(SectionKind.DOSAGE, PRO, 13.0),
        _section(SectionKind.SIDE_EFFECTS, PRO, 7.5),
        _section(SectionKind.PRECAUTIONS, P, 14.2),
    )
)


def test_own_audience_text_at_an_easy_grade_needs_no_note() -> None:
    shown = choose_section(PAGE, SectionKind.USAGE, P)
    assert shown.text is not None and shown.text.audience is P
    assert (shown.fell_back, shown.note) == (False, "")
    pro = choose_section(PAGE, SectionKind.USAGE, PRO)
    assert pro.text is not None and pro.text.audience is PRO
    assert (pro.fell_back, pro.note) == (False, "")


def test_professional_only_text_says_so_to_patients_with_its_grade() -> None:
    shown = choose_section(PAGE, SectionKind.MECHANISM, P)
    assert shown.text is not None and shown.text.audience is PRO and shown.fell_back
    assert (
        shown.note == f"{ONE_VERSION}, written for professionals. It reads at grade 16 — {HARDER}."
    )
    # professionals read their own text without a note
    assert choose_section(PAGE, SectionKind.MECHANISM, PRO).note == ""


def test_an_easy_professional_only_text_still_says_it_is_the_only_version() -> None:
    shown = choose_section(PAGE, SectionKind.SIDE_EFFECTS, P)
    assert shown.fell_back
    assert shown.note == f"{ONE_VERSION}, written for professionals. It reads at grade 8."


def test_a_single_audience_text_says_the_same_thing_in_both_modes() -> None:
    """An RxHive-only section: written for the public at grade 14; one line, no contradiction."""
    patient = choose_section(PAGE, SectionKind.PRECAUTIONS, P)
    professional = choose_section(PAGE, SectionKind.PRECAUTIONS, PRO)
    expected = f"{ONE_VERSION}. It reads at grade 14 — {HARDER}."
    assert patient.note == professional.note == expected
    assert "professionals" not in patient.note and "No professional" not in professional.note


def test_patient_text_above_grade_8_names_its_grade() -> None:
    shown = choose_section(PAGE, SectionKind.DOSAGE, P)
    assert not shown.fell_back
    assert shown.note == f"This text reads at grade 11 — {HARDER}."
    assert choose_section(PAGE, SectionKind.DOSAGE, PRO).note == ""


def test_missing_in_both_audiences() -> None:
    shown = choose_section(PAGE, SectionKind.FAQ, P)
    assert shown.text is None and not shown.fell_back and shown.note == ""


def test_unmeasured_grade_gives_no_grade_sentence() -> None:
    page = _page(sections=(_section(SectionKind.USAGE, P, None),))
    assert choose_section(page, SectionKind.USAGE, P).note == ""
    assert choose_section(page, SectionKind.USAGE, PRO).note == f"{ONE_VERSION}."


def test_a_medication_guide_says_it_is_official_not_plain_language() -> None:
    page = _page(
        sections=(_section(SectionKind.USAGE, P, 10.4, 7), _section(SectionKind.USAGE, PRO, 15, 7)),
        sources=(_source(7, SourceFormat.OPENFDA),),
    )
    note = choose_section(page, SectionKind.USAGE, P).note
    assert note == f"{MEDICATION_GUIDE} This text reads at grade 10 — {HARDER}."


@pytest.mark.parametrize(
    ("written", "asked", "grade", "one", "expected"),
    [
        (P, P, 5.0, False, ""),
        (P, P, 9.6, False, f"This text reads at grade 10 — {HARDER}."),
        (P, PRO, 14.0, True, f"{ONE_VERSION}. It reads at grade 14 — {HARDER}."),
        (
            PRO,
            P,
            15.0,
            True,
            f"{ONE_VERSION}, written for professionals. It reads at grade 15 — {HARDER}.",
        ),
        (PRO, PRO, 15.0, True, ""),
        (P, P, 6.0, True, ""),
    ],
)
def test_the_rule(
    written: Audience, asked: Audience, grade: float, one: bool, expected: str
) -> None:
    assert text_note(written, asked, grade, one) == expected


PRO_FAQ = FaqEntry(
    question="What is the recommended dose adjustment in hepatic impairment?",
    answer="Pharmacokinetic characterisation demonstrates substantially increased systemic "
    "exposure; consider individualised titration with therapeutic monitoring.",
    audience=PRO,
    source_id=1,
)
PATIENT_FAQ = FaqEntry(
    question="Can I take it with food?",
    answer="Yes. Food is fine.",
    audience=P,
    source_id=1,
)


def test_faqs_of_professionals_only_say_so_to_patients() -> None:
    page = _page(faqs=(PRO_FAQ,))
    shown = choose_faqs(page, P)
    assert shown.entries == (PRO_FAQ,)
    assert shown.fell_back and shown.note.startswith(f"{ONE_VERSION}, written for professionals.")
    assert HARDER in shown.note


def test_faqs_own_audience_first() -> None:
    page = _page(faqs=(PRO_FAQ, PATIENT_FAQ))
    shown = choose_faqs(page, P)
    assert shown.entries == (PATIENT_FAQ,)
    assert (shown.fell_back, shown.note) == (False, "")
    assert choose_faqs(_page(), P).entries == ()
