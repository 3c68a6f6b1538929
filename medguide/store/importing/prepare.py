"""The pure half of an import: find the files, hash, parse and grade each one.

Nothing here touches the database, so the work can run in worker processes. The result of one
file is a ``PreparedFile``: its hash, its parse result with the sections merged to one per
(kind, audience), and the reading grade of every section.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from medguide.core.files import sha256_of
from medguide.core.model import (
    Audience,
    Language,
    ParsedDocument,
    ParsedSection,
    ParseResult,
    Rejected,
    SectionKind,
    SourceFormat,
)
from medguide.core.text import markdown_to_plain
from medguide.reading.grade import grade_of_plain
from medguide.reading.spanish_grade import fernandez_huerta_of_plain

ParseFn = Callable[[Path], ParseResult]


@dataclass(frozen=True)
class PreparedSection:
    """One section of one drug, merged per (kind, audience, language), with its reading
    measure (the grade for English, the Fernández-Huerta index for Spanish)."""

    kind: SectionKind
    audience: Audience
    markdown: str
    plain: str
    grade: float | None
    language: Language = Language.EN


@dataclass(frozen=True)
class PreparedFile:
    """One file ready to be written: hash, parse result and graded sections.

    ``sections[i]`` are the sections of ``document.drugs[i]`` (the drugs of ``result`` carry no
    sections of their own any more, so nothing is pickled twice between processes);
    ``focus_grade`` and ``focus_plain`` belong to an article body (used when the article becomes
    a drug's section); ``faq_plain`` pairs ``faq_index_text(faq)`` with its plain text.
    """

    origin: str
    content_hash: str
    result: ParseResult
    sections: tuple[tuple[PreparedSection, ...], ...] = ()
    focus_grade: float | None = None
    focus_plain: str = ""
    faq_plain: tuple[tuple[str, str], ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def document(self) -> ParsedDocument | None:
        """The parsed document, or None when the file was rejected."""
        return self.result if isinstance(self.result, ParsedDocument) else None


def file_hash(path: Path) -> str:
    """sha256 of the file's bytes (the text before any repair), read in chunks and only when it
    is a regular file."""
    return sha256_of(path)


def source_key(document: ParsedDocument) -> str:
    """The identity of a document across re-imports and moves.

    ``f"{format}:{stem}"``; a library page is ``medguide-library:<slug>/<audience>``, with
    ``.<language>`` after it when the page is not in English (``…/patient.es``); an FDA label,
    from openFDA JSON or SPL XML alike, is ``label:<set id>`` (so a newer version of the same
    label replaces the older one, whichever format and file it came in).
    """
    source = document.source
    if source.label is not None:
        return f"label:{source.label.set_id}"
    if source.format is SourceFormat.LIBRARY and document.drugs:
        drug = document.drugs[0]
        key = f"{source.format.value}:{drug.slug}/{_library_audience(document).value}"
        language = _library_language(document)
        return key if language is Language.EN else f"{key}.{language.value}"
    return f"{source.format.value}:{Path(source.origin).stem}"


def _library_audience(document: ParsedDocument) -> Audience:
    for drug in document.drugs:
        for section in drug.sections:
            return section.audience
        for faq in drug.faqs:
            return faq.audience
    stem = Path(document.source.origin).stem.lower()
    return Audience.PROFESSIONAL if stem == Audience.PROFESSIONAL.value else Audience.PATIENT


def _library_language(document: ParsedDocument) -> Language:
    for drug in document.drugs:
        for section in drug.sections:
            return section.language
        for faq in drug.faqs:
            return faq.language
    return Language.EN


def merge_sections(
    sections: Sequence[ParsedSection],
) -> list[ParsedSection]:
    """One section per (kind, audience, language): repeated headings are joined in document
    order."""
    merged: dict[tuple[SectionKind, Audience, Language], list[str]] = {}
    for section in sections:
        slot = (section.kind, section.audience, section.language)
        merged.setdefault(slot, []).append(section.markdown.strip())
    return [
        ParsedSection(kind, audience, "\n\n".join(parts), language)
        for (kind, audience, language), parts in merged.items()
    ]


def _is_builtin_parse(parse: ParseFn) -> bool:
    return (
        getattr(parse, "__module__", "") == "medguide.content.load"
        and getattr(parse, "__name__", "") == "parse_file"
    )


def _parse_timed(path: Path, parse: ParseFn, seconds: dict[str, float]) -> ParseResult:
    """Parse one file, timing "read" (read + repair) apart from "parse" (detect + parse) when
    the built-in readers are used."""
    start = time.perf_counter()
    try:
        if not _is_builtin_parse(parse):
            result = parse(path)
            seconds["parse"] = time.perf_counter() - start
            return result
        from medguide.content import load

        text = load.read_text(path)
        after_read = time.perf_counter()
        seconds["read"] = after_read - start
        if isinstance(text, Rejected):
            return text
        result = load.parse_text(text, str(path))
        seconds["parse"] = time.perf_counter() - after_read
        return result
    except Exception as exc:  # a reader bug must not sink the batch
        seconds.setdefault("parse", time.perf_counter() - start)
        return Rejected(str(path), f"could not be read ({type(exc).__name__}: {exc})")


def prepare_file(path: Path, parse: ParseFn, content_hash: str | None = None) -> PreparedFile:
    """Hash, parse and grade one file (pure: no database)."""
    origin = str(path)
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    try:
        digest = content_hash or file_hash(path)
    except OSError as exc:
        return PreparedFile(origin, "", Rejected(origin, f"cannot read the file: {exc.strerror}"))
    seconds["hash"] = time.perf_counter() - start
    result = _parse_timed(path, parse, seconds)
    if isinstance(result, Rejected):
        return PreparedFile(origin, digest, result, seconds=seconds)
    return prepare_document(result, origin, digest, seconds)


def prepare_document(
    document: ParsedDocument,
    origin: str,
    digest: str | None = None,
    seconds: dict[str, float] | None = None,
) -> PreparedFile:
    """Merge and grade the sections of a parsed document (one record of a stream file, or a
    whole text file). Without ``digest`` the content hash is taken from the document itself."""
    timings = dict(seconds or {})
    started = time.perf_counter()
    graded: list[tuple[PreparedSection, ...]] = []
    for drug in document.drugs:
        merged = merge_sections(drug.sections)
        graded.append(tuple(_graded(s) for s in merged if s.markdown))
    article = document.article
    focus = (
        _graded(ParsedSection(article.focus, Audience.PROFESSIONAL, article.body_markdown))
        if article is not None and article.focus is not None
        else None
    )
    faq_plain = tuple(
        (text, markdown_to_plain(text))
        for drug in document.drugs
        for faq in drug.faqs
        if (text := faq_index_text(faq.question, faq.answer))
    )
    content_hash = digest or document_hash(document)
    stripped = replace(document, drugs=tuple(replace(d, sections=()) for d in document.drugs))
    timings["grade"] = time.perf_counter() - started
    return PreparedFile(
        origin,
        content_hash,
        stripped,
        tuple(graded),
        focus.grade if focus else None,
        focus.plain if focus else "",
        faq_plain,
        timings,
    )


def document_hash(document: ParsedDocument) -> str:
    """sha256 of what a document says (for records of a stream file, which has no hash of
    its own per record): its label version, names and every section and FAQ."""
    digest = hashlib.sha256()
    label = document.source.label
    parts: list[str] = [document.source.title, repr(label)]
    for drug in document.drugs:
        parts += [drug.slug, drug.name, repr(drug.aliases), repr(drug.ingredients)]
        parts += [f"{s.kind}|{s.audience}|{s.language}|{s.markdown}" for s in drug.sections]
        parts += [f"{f.audience}|{f.question}|{f.answer}" for f in drug.faqs]
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def faq_index_text(question: str, answer: str) -> str:
    """The markdown of one FAQ as the search index sees it (question, then answer)."""
    return f"{question}\n{answer}"


def _graded(section: ParsedSection) -> PreparedSection:
    """A section with its plain text and its reading measure in its own language."""
    plain = markdown_to_plain(section.markdown)
    measure = (
        fernandez_huerta_of_plain(plain)
        if section.language is Language.ES
        else grade_of_plain(plain)
    )
    return PreparedSection(
        section.kind, section.audience, section.markdown, plain, measure, section.language
    )
