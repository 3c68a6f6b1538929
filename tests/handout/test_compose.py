"""Handout composition: sections, order, notices, footers — no Qt, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from medguide.core.model import Audience, SectionKind
from medguide.core.provenance import CLINIC_SOURCE
from medguide.core.views import Letterhead, SectionText
from medguide.handout.compose import AI_WARNING, DISCLAIMER, compose_handout, compose_part
from medguide.handout.options import DEFAULT_SECTIONS, HandoutOptions, PrintSize
from medguide.reading.audience import HARDER, ONE_VERSION
from tests.handout.pages import make_oldamine, make_testamab


def _positions(html: str, labels: list[str]) -> list[int]:
    return [html.index(f"<h2>{label}</h2>") for label in labels]


def test_default_sections_are_the_short_handout_in_tab_order_with_patient_headings() -> None:
    part = compose_part(make_testamab(), HandoutOptions())
    labels = [
        k.heading_for(Audience.PATIENT) for k in SectionKind.tab_order() if k in DEFAULT_SECTIONS
    ]
    assert labels == ["What it is for", "Side effects", "How to take it", "Warnings", "Questions"]
    positions = _positions(part.body_html, labels)
    assert positions == sorted(positions)
    assert "<h2>How it works</h2>" not in part.body_html
    professional = compose_part(make_testamab(), HandoutOptions(audience=Audience.PROFESSIONAL))
    assert "<h2>Usage</h2>" in professional.body_html


def test_patient_text_hides_citations_professional_keeps_them() -> None:
    patient = compose_part(make_testamab(), HandoutOptions(audience=Audience.PATIENT))
    professional = compose_part(make_testamab(), HandoutOptions(audience=Audience.PROFESSIONAL))
    assert "You read the Usage part." in patient.body_html
    assert "Clinicians read" in professional.body_html
    assert 'href="#ref-1"' in professional.body_html


def test_faq_pairs_are_a_list_of_questions_with_answers() -> None:
    part = compose_part(make_testamab(), HandoutOptions(sections=(SectionKind.FAQ,)))
    assert part.body_html.count("<li>") == 2
    assert '<p class="question">Can I take it with food?</p>' in part.body_html


def test_patient_name_date_note_and_clinic_instruction_are_printed() -> None:
    options = HandoutOptions(patient_name="Ann <Example>", date=date(2026, 3, 4), note="Call us")
    part = compose_part(make_testamab(clinic_note="Bring this card."), options)
    assert "Ann &lt;Example&gt;" in part.body_html
    assert "4 March 2026" in part.body_html
    assert "Call us" in part.body_html
    assert "Bring this card." in part.body_html


def test_footer_names_source_review_status_ai_warning_and_disclaimer() -> None:
    part = compose_part(make_testamab(), HandoutOptions())
    source_line = part.footer_lines[0]
    assert "MedGuide library" in source_line
    assert "review status: unreviewed" in source_line
    assert "2026-11-22" in source_line
    assert AI_WARNING in part.footer_lines
    assert part.footer_lines[-1] == DISCLAIMER


def test_unstructured_page_prints_its_overview_with_the_note_once() -> None:
    part = compose_part(make_oldamine(), HandoutOptions())
    assert "<h2>More about it</h2>" in part.body_html
    assert part.body_html.count(ONE_VERSION) == 1 and HARDER in part.body_html
    assert "RxHive" in part.footer_lines[0]


def test_section_with_no_text_for_audience_falls_back_with_a_notice() -> None:
    page = make_testamab()
    only_patient = type(page)(
        **{
            **page.__dict__,
            "sections": tuple(s for s in page.sections if s.audience is Audience.PATIENT),
        }
    )
    part = compose_part(
        only_patient, HandoutOptions(audience=Audience.PROFESSIONAL, sections=(SectionKind.USAGE,))
    )
    assert f"{ONE_VERSION}." in part.body_html


@pytest.mark.parametrize("size", list(PrintSize))
def test_print_size_sets_body_points(size: PrintSize) -> None:
    handout = compose_handout([make_testamab()], HandoutOptions(print_size=size), Letterhead())
    assert f"font-size: {size.points}pt" in handout.stylesheet
    assert handout.point_size == size.points


def test_letterhead_is_escaped_and_empty_letterhead_prints_nothing() -> None:
    handout = compose_handout(
        [make_testamab()], HandoutOptions(), Letterhead(clinic_name="A & B Clinic", phone="555")
    )
    assert "A &amp; B Clinic" in handout.letterhead_html
    assert compose_handout([make_testamab()], HandoutOptions(), Letterhead()).letterhead_html == ""


def test_clinic_version_is_marked_and_named_in_the_footer() -> None:
    page = make_testamab()
    usage = page.section(SectionKind.USAGE, Audience.PATIENT)
    assert usage is not None
    ours = SectionText(SectionKind.USAGE, Audience.PATIENT, "Our clinic words.\n", 2.0, None, True)
    edited = replace(page, sections=(ours, *(s for s in page.sections if s is not usage)))
    part = compose_part(edited, HandoutOptions(sections=(SectionKind.USAGE,)))
    assert "Clinic version" in part.body_html and "Our clinic words." in part.body_html
    assert part.footer_lines[0] == f"Source: {CLINIC_SOURCE}"
    assert AI_WARNING not in part.footer_lines  # only the clinic's words are printed
