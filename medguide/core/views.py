"""Read-side objects: what the repository hands to the window, the handout and the command line.

They are plain frozen dataclasses so that nothing above ``medguide.store`` ever holds an ORM
object or a database session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from medguide.core.model import (
    Audience,
    Citation,
    LabelInfo,
    Language,
    LocalName,
    Reference,
    ReviewStatus,
    SectionKind,
    SourceFormat,
)


@dataclass(frozen=True)
class DrugSummary:
    """One row of the drug list."""

    slug: str
    name: str
    drug_class: str | None = None


@dataclass(frozen=True)
class SourceView:
    """Provenance of a text, as shown in badges, the Sources tab and handout footers."""

    id: int
    format: SourceFormat
    origin: str
    title: str
    last_updated: date | None
    review_status: ReviewStatus
    ai_generated: bool
    provenance_note: str = ""
    disclaimer: str = ""
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    label: LabelInfo | None = None
    """Which FDA label (set id, version, product, manufacturer, date) a label source is."""


@dataclass(frozen=True)
class SectionText:
    """The text of one section for one audience.

    ``source_id`` is None for a clinic override (``clinic_override`` is then True).
    ``grade`` is the reading measure taken at import (None when not measurable): the
    Flesch-Kincaid grade for English text, the Fernández-Huerta index for Spanish text
    (``medguide.reading.readability`` says which and how to word it).
    """

    kind: SectionKind
    audience: Audience
    markdown: str
    grade: float | None
    source_id: int | None
    clinic_override: bool = False
    language: Language = Language.EN


@dataclass(frozen=True)
class FaqEntry:
    """One FAQ question and answer for one audience."""

    question: str
    answer: str
    audience: Audience
    source_id: int | None
    language: Language = Language.EN


@dataclass(frozen=True)
class ArticleView:
    """A professional Q&A article linked to a drug ("Related articles")."""

    id: int
    question: str
    title: str
    body_markdown: str
    source_id: int
    related_questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class DrugPage:
    """Everything the app knows about one drug, best source first for each section.

    ``sections`` holds at most one ``SectionText`` per (kind, audience): the repository has
    already applied clinic overrides and source precedence. Use ``medguide.reading`` to choose
    the text to show for an audience (with the fallback to the other audience).
    """

    slug: str
    name: str
    drug_class: str | None
    brand_names: tuple[str, ...]
    synonyms: tuple[str, ...]
    sections: tuple[SectionText, ...]
    faqs: tuple[FaqEntry, ...]
    sources: tuple[SourceView, ...]
    related_articles: tuple[ArticleView, ...] = ()
    unstructured: bool = False
    clinic_note: str = ""
    local_names: tuple[LocalName, ...] = ()
    ingredients: tuple[str, ...] = ()

    def section(
        self, kind: SectionKind, audience: Audience, language: Language = Language.EN
    ) -> SectionText | None:
        """The section of this kind written for exactly this audience and language, if any."""
        for s in self.sections:
            if s.kind is kind and s.audience is audience and s.language is language:
                return s
        return None

    def faqs_for(
        self, audience: Audience, language: Language = Language.EN
    ) -> tuple[FaqEntry, ...]:
        """FAQ entries written for exactly this audience and language."""
        return tuple(f for f in self.faqs if f.audience is audience and f.language is language)

    def languages(self, audience: Audience = Audience.PATIENT) -> tuple[Language, ...]:
        """The languages this page has text in for ``audience`` (English first)."""
        found = {s.language for s in self.sections if s.audience is audience}
        return tuple(lang for lang in Language if lang in found)

    def name_in(self, language: Language) -> str:
        """The drug's name for readers of ``language`` (its own name when none is given)."""
        for local in self.local_names:
            if local.language is language and local.name:
                return local.name
        return self.name

    def source(self, source_id: int | None) -> SourceView | None:
        """The source with this id, if it belongs to this page."""
        for s in self.sources:
            if s.id == source_id:
                return s
        return None

    def has_kind(self, kind: SectionKind) -> bool:
        """True when any audience has text for this kind (FAQ counts its entries too)."""
        if kind is SectionKind.FAQ and any(f.language is Language.EN for f in self.faqs):
            return True
        return any(s.kind is kind and s.language is Language.EN for s in self.sections)


class MatchKind(StrEnum):
    """Why a search hit matched; the declaration order is the ranking order."""

    EXACT = "exact"
    PREFIX = "prefix"
    FUZZY = "fuzzy"
    TEXT = "text"


@dataclass(frozen=True)
class SearchHit:
    """One drug found by a search, with a human-readable reason ("brand name Nplate")."""

    slug: str
    name: str
    match: MatchKind
    reason: str
    score: float
    snippet: str | None = None


@dataclass(frozen=True)
class SearchResponse:
    """The answer to one query.

    ``suggestion`` is set when the best hits come from a fuzzy correction ("romiplostim" for
    "romiplastin"): the UI shows "Showing results for …" and never swaps silently.
    ``lasa_warning`` is set when the query is close to two known look-alike/sound-alike names.
    """

    query: str
    hits: tuple[SearchHit, ...] = ()
    suggestion: str | None = None
    lasa_warning: str | None = None
    elapsed_ms: float = 0.0


@dataclass(frozen=True)
class Letterhead:
    """The clinic's letterhead, printed at the top of every handout (user data)."""

    clinic_name: str = ""
    address: str = ""
    phone: str = ""
    logo_path: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.clinic_name or self.address or self.phone or self.logo_path)


@dataclass(frozen=True)
class RecentEntry:
    """A recently viewed drug."""

    slug: str
    name: str
    viewed_at: datetime = field(default_factory=datetime.now)
