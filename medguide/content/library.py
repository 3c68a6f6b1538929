"""Reader for MedGuide library pages: YAML front matter + ``## Usage`` … ``## FAQ`` markdown.

The format is specified in ``docs/library-format.md``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from medguide.content.faq_headings import split_heading_faq
from medguide.content.frontmatter import split_front_matter
from medguide.content.headings import classify, normalise_label
from medguide.core.model import (
    Alias,
    AliasKind,
    Audience,
    Citation,
    FaqItem,
    Language,
    LocalName,
    ParsedDocument,
    ParsedDrug,
    ParsedSection,
    ParseResult,
    Rejected,
    ReviewStatus,
    SectionKind,
    SourceFormat,
    SourceInfo,
)
from medguide.core.text import slugify

_H2 = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_H1 = re.compile(r"^#[ \t]+.+$", re.MULTILINE)


class LibraryError(ValueError):
    """A library page breaks the format; the message is the one-line reason."""


def parse(text: str, origin: str) -> ParseResult:
    """Parse one library page, or reject it with the first problem found."""
    front = split_front_matter(text)
    if front.raw is None:
        return Rejected(origin, "library page has no YAML front matter between '---' lines")
    try:
        meta = _load_yaml(front.raw)
        return _document(meta, front.body, origin)
    except LibraryError as exc:
        return Rejected(origin, str(exc))


def _load_yaml(raw: str) -> dict[str, Any]:
    try:
        meta = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise LibraryError(f"front matter is not valid YAML{where}: {problem}") from exc
    if not isinstance(meta, dict):
        raise LibraryError("front matter must be a set of 'key: value' lines")
    return {str(k).lower(): v for k, v in meta.items()}


def _document(meta: dict[str, Any], body: str, origin: str) -> ParsedDocument:
    title = _required_text(meta, "title")
    audience = _audience(meta)
    language = _language(meta)
    citations = _citations(meta)
    sections, faqs = _sections(body, audience, language)
    drug = ParsedDrug(
        slug=_text(meta.get("slug")) or slugify(title),
        name=title,
        aliases=_aliases(meta.get("aliases")),
        drug_class=_text(meta.get("drug_class")) or None,
        sections=sections,
        faqs=faqs,
        ingredients=tuple(_names(meta.get("ingredients") or [])),
        local_names=_local_names(meta, language),
    )
    source = SourceInfo(
        format=SourceFormat.LIBRARY,
        origin=origin,
        title=title,
        last_updated=_date(meta.get("last_reviewed")),
        review_status=_review_status(meta.get("review_status")),
        ai_generated=bool(meta.get("ai_generated", False)),
        provenance_note=_text(meta.get("provenance")),
        disclaimer=_text(meta.get("disclaimer")),
        citations=citations,
    )
    return ParsedDocument(source=source, drugs=(drug,))


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def _required_text(meta: dict[str, Any], key: str) -> str:
    value = _text(meta.get(key))
    if not value:
        raise LibraryError(f"front matter is missing '{key}'")
    return value


def _audience(meta: dict[str, Any]) -> Audience:
    value = _required_text(meta, "audience").lower()
    try:
        return Audience(value)
    except ValueError:
        raise LibraryError(f"audience must be 'patient' or 'professional', not '{value}'") from None


def _language(meta: dict[str, Any]) -> Language:
    value = _text(meta.get("language")).lower() or Language.EN.value
    try:
        return Language(value)
    except ValueError:
        known = ", ".join(lang.value for lang in Language)
        raise LibraryError(f"language '{value}' is not one of: {known}") from None


def _local_names(meta: dict[str, Any], language: Language) -> tuple[LocalName, ...]:
    """The drug's name in the page's own language (``local_title``), when it is not English."""
    name = _text(meta.get("local_title"))
    if language is Language.EN or not name:
        return ()
    return (LocalName(language, name, _text(meta.get("local_drug_class"))),)


def _review_status(value: object) -> ReviewStatus:
    text = _text(value).lower().replace("_", " ").replace("-", " ")
    if not text:
        return ReviewStatus.UNREVIEWED
    try:
        return ReviewStatus(text)
    except ValueError:
        allowed = ", ".join(s.value for s in ReviewStatus)
        raise LibraryError(f"review_status '{text}' is not one of: {allowed}") from None


def _date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise LibraryError(f"last_reviewed '{value}' is not a date like 2026-11-22") from None


def _aliases(value: object) -> tuple[Alias, ...]:
    if value is None:
        return ()
    found: list[Alias] = []
    if isinstance(value, dict):
        for key, names in value.items():
            kind = AliasKind.BRAND if str(key).lower() in ("brand", "brands") else AliasKind.SYNONYM
            found.extend(Alias(name, kind) for name in _names(names))
    else:
        found.extend(Alias(name, AliasKind.SYNONYM) for name in _names(value))
    return tuple(dict.fromkeys(found))


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [_text(v) for v in value if _text(v)]
    raise LibraryError("aliases must be names, a list of names or brand:/synonym: lists")


def _citations(meta: dict[str, Any]) -> tuple[Citation, ...]:
    sources = meta.get("sources")
    if not isinstance(sources, list) or not sources:
        raise LibraryError("front matter is missing 'sources' (at least one, with a title)")
    citations = []
    for number, entry in enumerate(sources, start=1):
        if not isinstance(entry, dict) or not _text(entry.get("title")):
            raise LibraryError(f"source {number} has no 'title'")
        sections = entry.get("sections") or ()
        citations.append(
            Citation(
                title=_text(entry["title"]),
                publisher=_text(entry.get("publisher")),
                identifier=_text(entry.get("identifier")),
                sections=tuple(_text(s) for s in sections) if isinstance(sections, list) else (),
                url=_text(entry.get("url")) or None,
            )
        )
    return tuple(citations)


# The blocks a library page may open with: shown above the tabs, printed first.
_LEAD_HEADINGS = {
    "key points": SectionKind.KEY_POINTS,
    "most important": SectionKind.KEY_POINTS,
    "boxed warning": SectionKind.BOXED_WARNING,
    "boxed warnings": SectionKind.BOXED_WARNING,
}
# The headings of a Spanish page (``language: es``), as docs/library-writing.md gives them.
_SPANISH_HEADINGS = {
    "puntos clave": SectionKind.KEY_POINTS,
    "advertencia en recuadro": SectionKind.BOXED_WARNING,
    "para qué sirve": SectionKind.USAGE,
    "efectos secundarios": SectionKind.SIDE_EFFECTS,
    "cómo funciona": SectionKind.MECHANISM,
    "dosis": SectionKind.DOSAGE,
    "precauciones": SectionKind.PRECAUTIONS,
    "preguntas frecuentes": SectionKind.FAQ,
}


def _kind_of_heading(heading: str) -> SectionKind | None:
    """The section kind a ``##`` heading of a library page names (None: not a known kind)."""
    label = normalise_label(heading)
    named = _LEAD_HEADINGS.get(label) or _SPANISH_HEADINGS.get(label)
    if named is not None:
        return named
    found = classify(heading)
    return found.kind if found is not None and isinstance(found.kind, SectionKind) else None


def _sections(
    body: str, audience: Audience, language: Language
) -> tuple[tuple[ParsedSection, ...], tuple[FaqItem, ...]]:
    """Sections under ``##`` headings; ``### question`` entries of ``## FAQ`` become FAQ items."""
    parts: dict[SectionKind, list[str]] = {}
    faqs: list[FaqItem] = []
    matches = list(_H2.finditer(body))
    intro = _H1.sub("", body[: matches[0].start()] if matches else body).strip()
    if intro:
        parts.setdefault(SectionKind.OVERVIEW, []).append(intro)
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        text = body[match.end() : end].strip()
        kind = _kind_of_heading(match.group(1))
        if kind is SectionKind.FAQ:
            pairs, leftover = split_heading_faq(text)
            faqs.extend(FaqItem(q, a, audience, language) for q, a in pairs)
            text = leftover
        if kind is None:
            kind = SectionKind.OVERVIEW
            text = f"### {match.group(1).strip()}\n\n{text}".strip()
        if text:
            parts.setdefault(kind, []).append(text)
    order = list(SectionKind)
    sections = tuple(
        ParsedSection(kind, audience, "\n\n".join(texts), language)
        for kind, texts in sorted(parts.items(), key=lambda kv: order.index(kv[0]))
    )
    return sections, tuple(faqs)
