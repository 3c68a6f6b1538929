"""Choose the text to show for an audience, falling back honestly to the other audience."""

from __future__ import annotations

from dataclasses import dataclass

from medguide.core.model import Audience, SectionKind
from medguide.core.views import DrugPage, FaqEntry, SectionText
from medguide.reading.grade import grade_of_markdown

PROFESSIONAL_GRADE = 8.0

PATIENT_FALLBACK_NOTICE = "No patient wording for this section yet — showing the professional text."
PROFESSIONAL_FALLBACK_NOTICE = (
    "No professional text for this section yet — showing the patient wording."
)
PATIENT_FAQ_FALLBACK_NOTICE = (
    "No patient questions and answers yet — showing the professional ones."
)
PROFESSIONAL_FAQ_FALLBACK_NOTICE = (
    "No professional questions and answers yet — showing the patient ones."
)
GRADE_NOTE = "This text is written for professionals; ask your pharmacist to explain it."


@dataclass(frozen=True)
class ShownSection:
    """The section text chosen for an audience.

    ``text`` is None when neither audience has this section. ``fell_back`` is True when the
    text was written for the other audience; ``notice`` then says so in one line.
    ``grade_note`` is set when a patient is shown text that reads above grade 8.
    """

    text: SectionText | None
    fell_back: bool = False
    notice: str = ""
    grade_note: str = ""


@dataclass(frozen=True)
class ShownFaqs:
    """The FAQ entries chosen for an audience, with the same fallback fields as a section."""

    entries: tuple[FaqEntry, ...]
    fell_back: bool = False
    notice: str = ""
    grade_note: str = ""


def _grade_note(audience: Audience, grade: float | None) -> str:
    if audience is Audience.PATIENT and grade is not None and grade > PROFESSIONAL_GRADE:
        return GRADE_NOTE
    return ""


def _fallback_notice(audience: Audience, faq: bool) -> str:
    if audience is Audience.PATIENT:
        return PATIENT_FAQ_FALLBACK_NOTICE if faq else PATIENT_FALLBACK_NOTICE
    return PROFESSIONAL_FAQ_FALLBACK_NOTICE if faq else PROFESSIONAL_FALLBACK_NOTICE


def choose_section(page: DrugPage, kind: SectionKind, audience: Audience) -> ShownSection:
    """The section of ``kind`` to show to ``audience``: its own text, else the other
    audience's text with a notice, else nothing."""
    own = page.section(kind, audience)
    if own is not None:
        return ShownSection(text=own, grade_note=_grade_note(audience, own.grade))
    other = page.section(kind, audience.other)
    if other is None:
        return ShownSection(text=None)
    return ShownSection(
        text=other,
        fell_back=True,
        notice=_fallback_notice(audience, faq=False),
        grade_note=_grade_note(audience, other.grade),
    )


def faq_grade(entries: tuple[FaqEntry, ...]) -> float | None:
    """Flesch-Kincaid grade of a set of questions and answers read together."""
    if not entries:
        return None
    text = "\n".join(f"{e.question}\n{e.answer}" for e in entries)
    return grade_of_markdown(text)


def choose_faqs(page: DrugPage, audience: Audience) -> ShownFaqs:
    """The FAQ entries to show to ``audience``, falling back to the other audience's."""
    own = page.faqs_for(audience)
    if own:
        return ShownFaqs(entries=own, grade_note=_grade_note(audience, faq_grade(own)))
    other = page.faqs_for(audience.other)
    if not other:
        return ShownFaqs(entries=())
    return ShownFaqs(
        entries=other,
        fell_back=True,
        notice=_fallback_notice(audience, faq=True),
        grade_note=_grade_note(audience, faq_grade(other)),
    )
