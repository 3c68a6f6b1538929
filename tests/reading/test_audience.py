"""Audience choice with honest fallback, on hand-built drug pages."""

from __future__ import annotations

from medguide.core.model import Audience, SectionKind
from medguide.core.views import DrugPage, FaqEntry, SectionText
from medguide.reading.audience import (
    GRADE_NOTE,
    PATIENT_FALLBACK_NOTICE,
    choose_faqs,
    choose_section,
)


def _section(kind: SectionKind, audience: Audience, grade: float | None) -> SectionText:
    return SectionText(
        kind=kind, audience=audience, markdown=f"{kind} for {audience}", grade=grade, source_id=1
    )


def _page(sections: tuple[SectionText, ...] = (), faqs: tuple[FaqEntry, ...] = ()) -> DrugPage:
    return DrugPage(
        slug="testadrine",
        name="Testadrine",
        drug_class=None,
        brand_names=(),
        synonyms=(),
        sections=sections,
        faqs=faqs,
        sources=(),
    )


PAGE = _page(
    sections=(
        _section(SectionKind.USAGE, Audience.PATIENT, 5.2),
        _section(SectionKind.USAGE, Audience.PROFESSIONAL, 14.0),
        _section(SectionKind.MECHANISM, Audience.PROFESSIONAL, 16.5),
        _section(SectionKind.DOSAGE, Audience.PATIENT, 11.0),
        _section(SectionKind.SIDE_EFFECTS, Audience.PROFESSIONAL, 7.5),
    )
)


def test_own_audience_text_is_shown_without_notice() -> None:
    shown = choose_section(PAGE, SectionKind.USAGE, Audience.PATIENT)
    assert shown.text is not None and shown.text.audience is Audience.PATIENT
    assert (shown.fell_back, shown.notice, shown.grade_note) == (False, "", "")
    pro = choose_section(PAGE, SectionKind.USAGE, Audience.PROFESSIONAL)
    assert pro.text is not None and pro.text.audience is Audience.PROFESSIONAL
    assert not pro.fell_back


def test_patient_falls_back_to_professional_with_notice_and_grade_note() -> None:
    shown = choose_section(PAGE, SectionKind.MECHANISM, Audience.PATIENT)
    assert shown.text is not None and shown.text.audience is Audience.PROFESSIONAL
    assert shown.fell_back
    assert shown.notice == PATIENT_FALLBACK_NOTICE
    assert "professional text" in shown.notice
    assert shown.grade_note == GRADE_NOTE


def test_fallback_text_at_easy_grade_has_no_grade_note() -> None:
    shown = choose_section(PAGE, SectionKind.SIDE_EFFECTS, Audience.PATIENT)
    assert shown.fell_back and shown.notice
    assert shown.grade_note == ""


def test_patient_text_above_grade_8_gets_grade_note() -> None:
    shown = choose_section(PAGE, SectionKind.DOSAGE, Audience.PATIENT)
    assert not shown.fell_back
    assert shown.grade_note == GRADE_NOTE


def test_professional_falls_back_to_patient_without_grade_note() -> None:
    shown = choose_section(PAGE, SectionKind.DOSAGE, Audience.PROFESSIONAL)
    assert shown.text is not None and shown.text.audience is Audience.PATIENT
    assert shown.fell_back and "patient wording" in shown.notice
    assert shown.grade_note == ""


def test_missing_in_both_audiences() -> None:
    shown = choose_section(PAGE, SectionKind.PRECAUTIONS, Audience.PATIENT)
    assert shown.text is None and not shown.fell_back and shown.notice == ""


def test_unmeasured_grade_has_no_note() -> None:
    page = _page(sections=(_section(SectionKind.USAGE, Audience.PATIENT, None),))
    assert choose_section(page, SectionKind.USAGE, Audience.PATIENT).grade_note == ""


PRO_FAQ = FaqEntry(
    question="What is the recommended dose adjustment in hepatic impairment?",
    answer="Pharmacokinetic characterisation demonstrates substantially increased systemic "
    "exposure; consider individualised titration with therapeutic monitoring.",
    audience=Audience.PROFESSIONAL,
    source_id=1,
)
PATIENT_FAQ = FaqEntry(
    question="Can I take it with food?",
    answer="Yes. Food is fine.",
    audience=Audience.PATIENT,
    source_id=1,
)


def test_faqs_fall_back_with_notice() -> None:
    page = _page(faqs=(PRO_FAQ,))
    shown = choose_faqs(page, Audience.PATIENT)
    assert shown.entries == (PRO_FAQ,)
    assert shown.fell_back and "professional" in shown.notice
    assert shown.grade_note == GRADE_NOTE


def test_faqs_own_audience_first() -> None:
    page = _page(faqs=(PRO_FAQ, PATIENT_FAQ))
    shown = choose_faqs(page, Audience.PATIENT)
    assert shown.entries == (PATIENT_FAQ,)
    assert (shown.fell_back, shown.notice, shown.grade_note) == (False, "", "")
    assert choose_faqs(_page(), Audience.PATIENT).entries == ()
