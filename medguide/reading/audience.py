"""Choose the text to show for an audience, and the one honest line about it.

One rule decides the note, from facts about the text, the same on screen, in ``medguide show``
and on handouts:

- *one version*: when only one audience has text of a kind (an RxHive page written for the
  public, a Q&A article written for professionals), the same text is shown in both modes with
  one line, "One version of this text exists", saying for whom it was written when that is
  not the reader asked for, and its measured grade when it matters;
- a patient reading text above grade 8 is told its grade ("harder than most patients read");
- an FDA Medication Guide shown to a patient says it is the FDA's own, official wording, not
  plain language;
- professional text shown to professionals, and easy patient text, need no note.

Nothing here claims that text exists when it does not, or that it was written for someone it
was not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from medguide.core.model import Audience, Language, SectionKind, SourceFormat
from medguide.core.views import DrugPage, FaqEntry, SectionText, SourceView
from medguide.reading.grade import grade_of_markdown

PATIENT_GRADE_LIMIT = 8.0
"""Above this grade, a patient is told the text is harder than most patients read."""

ONE_VERSION = "One version of this text exists"
HARDER = "harder than most patients read"
MEDICATION_GUIDE = "This is the FDA's own patient wording: official, not plain language."


@dataclass(frozen=True)
class ShownSection:
    """The section text chosen for an audience.

    ``text`` is None when no audience has this section. ``fell_back`` is True when the text
    was written for the other audience; ``note`` is the one line to show with it ("" when none).
    """

    text: SectionText | None
    fell_back: bool = False
    note: str = ""


@dataclass(frozen=True)
class ShownFaqs:
    """The FAQ entries chosen for an audience, with the same fields as a section."""

    entries: tuple[FaqEntry, ...]
    fell_back: bool = False
    note: str = ""


def grade_phrase(grade: float | None, subject: str = "It") -> str:
    """``"It reads at grade 14 — harder than most patients read."`` (or without the remark at
    grade 8 and below; "" when the grade is unknown)."""
    if grade is None:
        return ""
    shown = max(1, round(grade))
    remark = f" — {HARDER}" if grade > PATIENT_GRADE_LIMIT else ""
    return f"{subject} reads at grade {shown}{remark}."


def text_note(
    written_for: Audience,
    asked: Audience,
    grade: float | None,
    one_version: bool,
    official_patient_wording: bool = False,
) -> str:
    """The one line about a text (see the module docstring); "" when none is needed."""
    hard = grade is not None and grade > PATIENT_GRADE_LIMIT
    if one_version and (written_for is not asked or (asked is Audience.PATIENT and hard)):
        whom = ", written for professionals" if written_for is Audience.PROFESSIONAL else ""
        return f"{ONE_VERSION}{whom}. {grade_phrase(grade)}".strip()
    if asked is not Audience.PATIENT:
        return ""
    prefix = f"{MEDICATION_GUIDE} " if official_patient_wording else ""
    if hard:
        return prefix + grade_phrase(grade, "This text")
    return prefix.strip()


def _is_label(page: DrugPage, source_id: int | None) -> bool:
    source = page.source(source_id)
    return source is not None and source.format in (SourceFormat.OPENFDA, SourceFormat.SPL)


def choose_section(
    page: DrugPage, kind: SectionKind, audience: Audience, language: Language = Language.EN
) -> ShownSection:
    """The section of ``kind`` to show to ``audience``: its own text, else the other
    audience's text (the only version), else nothing; with its note."""
    own = page.section(kind, audience, language)
    other = page.section(kind, audience.other, language)
    text = own if own is not None else other
    if text is None:
        return ShownSection(text=None)
    note = text_note(
        written_for=text.audience,
        asked=audience,
        grade=text.grade if language is Language.EN else None,
        one_version=own is None or other is None,
        official_patient_wording=(
            audience is Audience.PATIENT
            and text.audience is Audience.PATIENT
            and _is_label(page, text.source_id)
        ),
    )
    return ShownSection(text=text, fell_back=own is None, note=note)


def faq_grade(entries: Iterable[FaqEntry]) -> float | None:
    """Flesch-Kincaid grade of a set of questions and answers read together."""
    text = "\n".join(f"{e.question}\n{e.answer}" for e in entries)
    return grade_of_markdown(text) if text else None


def choose_faqs(page: DrugPage, audience: Audience, language: Language = Language.EN) -> ShownFaqs:
    """The FAQ entries to show to ``audience``: its own, else the other audience's."""
    own = page.faqs_for(audience, language)
    other = page.faqs_for(audience.other, language)
    entries = own or other
    if not entries:
        return ShownFaqs(entries=())
    note = text_note(
        written_for=entries[0].audience,
        asked=audience,
        grade=faq_grade(entries) if language is Language.EN else None,
        one_version=not own or not other,
    )
    return ShownFaqs(entries=entries, fell_back=not own, note=note)


def lead_kinds(page: DrugPage, audience: Audience) -> tuple[SectionKind, ...]:
    """What is shown above the tabs and printed before the chosen sections: for patients the
    key points (or, when a drug has none, the FDA's boxed warning); for professionals the
    boxed warning."""
    if audience is Audience.PROFESSIONAL:
        return (
            (SectionKind.BOXED_WARNING,)
            if page.section(SectionKind.BOXED_WARNING, Audience.PROFESSIONAL)
            else ()
        )
    if choose_section(page, SectionKind.KEY_POINTS, audience).text is not None:
        return (SectionKind.KEY_POINTS,)
    return (SectionKind.BOXED_WARNING,) if page.has_kind(SectionKind.BOXED_WARNING) else ()


def sources_shown(page: DrugPage, audience: Audience) -> list[SourceView]:
    """The sources of the text a reader of ``audience`` sees for this drug (lead blocks, every
    tab, the FAQ), best first: what the header's badges and AI warning speak for."""
    ids: list[int] = []
    kinds = (*lead_kinds(page, audience), *SectionKind.tab_order(), SectionKind.OVERVIEW)
    for kind in kinds:
        text = choose_section(page, kind, audience).text
        if text is not None and text.source_id is not None and text.source_id not in ids:
            ids.append(text.source_id)
    for entry in choose_faqs(page, audience).entries:
        if entry.source_id is not None and entry.source_id not in ids:
            ids.append(entry.source_id)
    return [source for i in ids if (source := page.source(i)) is not None]
