"""Domain vocabulary shared by every layer: audiences, section kinds, provenance, parsed documents.

Pure Python: no Qt, no SQLAlchemy. Readers in ``medguide.content`` produce these objects, the
store in ``medguide.store`` persists them, and everything above reads them back as the view
objects in ``medguide.core.views``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Audience(StrEnum):
    """Who a text is written for."""

    PATIENT = "patient"
    PROFESSIONAL = "professional"

    @property
    def label(self) -> str:
        return "Patient" if self is Audience.PATIENT else "Professional"

    @property
    def other(self) -> Audience:
        return Audience.PROFESSIONAL if self is Audience.PATIENT else Audience.PATIENT


class Language(StrEnum):
    """The language a text is written in (library pages say it in their front matter)."""

    EN = "en"
    ES = "es"

    @property
    def label(self) -> str:
        """The language's name in itself."""
        return {Language.EN: "English", Language.ES: "Español"}[self]


class Persona(StrEnum):
    """The first-run answer to "Which best describes you?"; maps onto an ``Audience``."""

    PATIENT = "patient"
    CAREGIVER = "caregiver"
    PROFESSIONAL = "professional"

    @property
    def label(self) -> str:
        return {
            Persona.PATIENT: "Patient",
            Persona.CAREGIVER: "Caregiver",
            Persona.PROFESSIONAL: "Healthcare professional",
        }[self]

    @property
    def audience(self) -> Audience:
        return Audience.PROFESSIONAL if self is Persona.PROFESSIONAL else Audience.PATIENT


class SectionKind(StrEnum):
    """The kinds of section; the declaration order is the display order.

    ``KEY_POINTS`` (the few most important points for a patient) and ``BOXED_WARNING`` (the
    FDA's boxed warning) are shown above the tabs and printed first; the six standard kinds are
    the tabs; ``OVERVIEW`` holds text that fits no heading.
    """

    KEY_POINTS = "key_points"
    BOXED_WARNING = "boxed_warning"
    USAGE = "usage"
    SIDE_EFFECTS = "side_effects"
    MECHANISM = "mechanism"
    DOSAGE = "dosage"
    PRECAUTIONS = "precautions"
    FAQ = "faq"
    OVERVIEW = "overview"

    @property
    def label(self) -> str:
        return _SECTION_LABELS[self]

    def heading_for(self, audience: Audience) -> str:
        """The heading a reader of ``audience`` sees: plain words for patients ("What it is
        for", "How to take it"), the usual names for professionals."""
        if audience is Audience.PATIENT:
            return _PATIENT_HEADINGS.get(self, _SECTION_LABELS[self])
        return _SECTION_LABELS[self]

    @classmethod
    def from_word(cls, word: str) -> SectionKind:
        """A kind from what a person types: ``usage``, ``side-effects``, ``How it works``,
        ``mechanism``… Raises ValueError for anything else."""
        key = "_".join(word.strip().lower().replace("-", " ").replace("_", " ").split())
        return cls(_SECTION_WORDS.get(key, key))

    @classmethod
    def tab_order(cls) -> tuple[SectionKind, ...]:
        """The six standard tabs, in display order (OVERVIEW is shown only when present)."""
        return (
            cls.USAGE,
            cls.SIDE_EFFECTS,
            cls.MECHANISM,
            cls.DOSAGE,
            cls.PRECAUTIONS,
            cls.FAQ,
        )

    @classmethod
    def lead_kinds(cls) -> tuple[SectionKind, ...]:
        """The blocks shown above the tabs and printed before the sections."""
        return (cls.BOXED_WARNING, cls.KEY_POINTS)

    @property
    def is_lead(self) -> bool:
        """Whether this kind is shown above the tabs rather than as a tab."""
        return self in (SectionKind.BOXED_WARNING, SectionKind.KEY_POINTS)


# words people type for a kind, beyond its own value ("how it works", "side-effects" …)
_SECTION_WORDS = {
    "how_it_works": "mechanism",
    "mechanism_of_action": "mechanism",
    "what_it_is_for": "usage",
    "uses": "usage",
    "dose": "dosage",
    "doses": "dosage",
    "warnings": "precautions",
    "faqs": "faq",
    "questions": "faq",
    "key_point": "key_points",
    "most_important": "key_points",
    "boxed": "boxed_warning",
}

# What patients see as headings and tab names, whatever the sources call the sections.
_PATIENT_HEADINGS = {
    SectionKind.KEY_POINTS: "Most important",
    SectionKind.BOXED_WARNING: "FDA boxed warning",
    SectionKind.USAGE: "What it is for",
    SectionKind.SIDE_EFFECTS: "Side effects",
    SectionKind.MECHANISM: "How it works",
    SectionKind.DOSAGE: "How to take it",
    SectionKind.PRECAUTIONS: "Warnings",
    SectionKind.FAQ: "Questions",
    SectionKind.OVERVIEW: "More about it",
}

_SECTION_LABELS = {
    SectionKind.KEY_POINTS: "Key points",
    SectionKind.BOXED_WARNING: "Boxed warning",
    SectionKind.USAGE: "Usage",
    SectionKind.SIDE_EFFECTS: "Side effects",
    SectionKind.MECHANISM: "How it works",
    SectionKind.DOSAGE: "Dosage",
    SectionKind.PRECAUTIONS: "Precautions",
    SectionKind.FAQ: "FAQ",
    SectionKind.OVERVIEW: "Overview",
}


class ReviewStatus(StrEnum):
    """How far a source has been checked by a person."""

    UNREVIEWED = "unreviewed"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under review"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class SourceFormat(StrEnum):
    """Where a document came from (the value is stored with every source).

    Which format wins when two cover one section is not decided here: each input format's
    record in ``medguide.content.formats`` states its precedence per audience.
    """

    LIBRARY = "medguide-library"
    OPENFDA = "openfda-label"
    SPL = "spl-label"
    RXHIVE = "rxhive"
    QA_ARTICLE = "qa-article"

    @property
    def label(self) -> str:
        return {
            SourceFormat.LIBRARY: "MedGuide library",
            SourceFormat.OPENFDA: "FDA label",
            SourceFormat.SPL: "FDA label",
            SourceFormat.RXHIVE: "RxHive",
            SourceFormat.QA_ARTICLE: "Q&A article",
        }[self]

    @property
    def is_label(self) -> bool:
        """Whether the document is an official FDA label (openFDA JSON or SPL XML)."""
        return self in (SourceFormat.OPENFDA, SourceFormat.SPL)


class AliasKind(StrEnum):
    """What a name of a drug is (the value is stored in the aliases table).

    ``NAME`` is the drug's own name: the search's name index holds it beside the aliases, but it
    is never stored as an alias. ``INGREDIENT_OF_BRAND`` is a combination brand stored on the
    drug of each of its ingredients ("Zestoretic" on lisinopril), so the ingredient is found by
    the brand when no combination drug exists.
    """

    NAME = "name"
    BRAND = "brand"
    SYNONYM = "synonym"
    INGREDIENT_OF_BRAND = "brand-ingredient"

    @property
    def search_rank(self) -> int:
        """Order of equally good name matches: own name, brand, synonym, brand ingredient."""
        return list(AliasKind).index(self)


# --------------------------------------------------------------------------- parsed documents


@dataclass(frozen=True)
class Reference:
    """One cited reference of a source (``number`` is the citation number in the text)."""

    text: str
    number: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Citation:
    """An authoritative source a MedGuide library page names (e.g. the FDA label)."""

    title: str
    publisher: str = ""
    identifier: str = ""
    sections: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class LabelInfo:
    """What identifies one FDA label (SPL) version: shown as its provenance.

    ``application_numbers`` as openFDA writes them (``NDA020702``, ``ANDA076640``,
    ``BLA125268``); ``effective`` is the label's effective date; ``version`` the SPL version
    number (a newer version of the same ``set_id`` replaces an older one).
    """

    set_id: str
    version: int | None = None
    effective: date | None = None
    product: str = ""
    manufacturer: str = ""
    application_numbers: tuple[str, ...] = ()
    generic_names: tuple[str, ...] = ()
    brand_names: tuple[str, ...] = ()

    @property
    def is_reference_product(self) -> bool:
        """Whether the label is of an NDA or BLA product (a brand or reference product),
        rather than of a generic (ANDA) or an unapproved/OTC monograph product."""
        return any(n.upper().startswith(("NDA", "BLA")) for n in self.application_numbers)


@dataclass(frozen=True)
class SourceInfo:
    """Provenance of one imported document; shown on screen and on every handout."""

    format: SourceFormat
    origin: str
    title: str
    last_updated: date | None = None
    review_status: ReviewStatus = ReviewStatus.UNREVIEWED
    ai_generated: bool = False
    provenance_note: str = ""
    disclaimer: str = ""
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    label: LabelInfo | None = None


@dataclass(frozen=True)
class ParsedSection:
    """One section of a drug page, as markdown (rendered to HTML only when shown)."""

    kind: SectionKind
    audience: Audience
    markdown: str
    language: Language = Language.EN


@dataclass(frozen=True)
class FaqItem:
    """One question with its answer (markdown)."""

    question: str
    answer: str
    audience: Audience
    language: Language = Language.EN


@dataclass(frozen=True)
class Alias:
    """An alternative name (brand name or synonym) of a drug."""

    name: str
    kind: AliasKind


@dataclass(frozen=True)
class LocalName:
    """A drug's name and class as readers of another language know them ("Warfarina")."""

    language: Language
    name: str
    drug_class: str = ""


@dataclass(frozen=True)
class ParsedDrug:
    """What one document says about one drug."""

    slug: str
    name: str
    aliases: tuple[Alias, ...] = ()
    drug_class: str | None = None
    sections: tuple[ParsedSection, ...] = ()
    faqs: tuple[FaqItem, ...] = ()
    unstructured: bool = False
    ingredients: tuple[str, ...] = ()
    """Active ingredients as the document names them (empty when it does not say)."""
    local_names: tuple[LocalName, ...] = ()


@dataclass(frozen=True)
class ParsedArticle:
    """A professional Q&A article.

    ``focus`` is set when the article asks about one aspect of one drug (for example the
    mechanism of action): the importer then stores the body as that drug's professional section
    of that kind. ``mentioned_names`` are the words of the question and body that may be drug
    names; the importer resolves them against the drugs it knows, tolerating misspellings.
    """

    question: str
    title: str
    body_markdown: str
    related_questions: tuple[str, ...] = ()
    focus: SectionKind | None = None
    focus_name: str | None = None
    mentioned_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedDocument:
    """The result of reading one file: its provenance and the drugs and/or article it holds."""

    source: SourceInfo
    drugs: tuple[ParsedDrug, ...] = ()
    article: ParsedArticle | None = None


@dataclass(frozen=True)
class Rejected:
    """A file that could not be imported, with a one-line reason a person can act on.

    ``not_a_page`` is set when the file plainly is no drug page at all (no format's markers,
    empty, binary): found while walking a folder it is *skipped* (a README or LICENSE beside
    the pages), not counted as a failure.
    """

    origin: str
    reason: str
    not_a_page: bool = False

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


ParseResult = ParsedDocument | Rejected


@dataclass(frozen=True)
class ImportReport:
    """Counts and rejections of one import batch."""

    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    cancelled: bool = False
    skipped: list[Rejected] = field(default_factory=list)
    """Files left out on purpose (not drug pages, pipes and devices), each with its reason."""

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.cancelled
