"""Reader for RxHive drug pages (front matter ``layout: minimal-medicine``).

Pages come in several shapes: ``### Usage`` headings (most), ``**Usage:**`` bold labels,
combination pages with one ``### Drug`` block per ingredient, headings with the text on the
same line, and unstructured pages that explain why there is no monograph. Every shape keeps
all its text: what fits no section kind goes to OVERVIEW, and a page with no recognisable
section becomes one OVERVIEW section marked ``unstructured``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medguide.content.faq import split_faq
from medguide.content.frontmatter import split_front_matter
from medguide.content.headings import Label, Marker, classify
from medguide.core.model import (
    Audience,
    FaqItem,
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

AUDIENCE = Audience.PATIENT
# The RxHive site shows an AI-generated notice on every page (the corpus SOURCE.txt says so),
# but only a few page files carry it; pages without it get this note of our own.
DEFAULT_PROVENANCE = (
    "RxHive pages are generated with AI or gathered from the public and are not checked "
    "by a clinician."
)

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$|^(#{1,6})$")
_SUB_HEADINGS = re.compile(r"^#{2,6}[ \t]+(.+)$", re.MULTILINE)
_BOLD_LABEL = re.compile(r"^\*\*(?P<label>[^*\n]{1,80}?)(?::\*\*|\*\*[ \t]*:)[ \t]*(?P<rest>.*)$")
_AI_NOTE = re.compile(r"AI[- ]generated|crowd[- ]sourced", re.IGNORECASE)
_NOTE_LABELS = frozenset({"note", "important note", "please note", "important", "remember"})
_TRAILING_DISCLAIMER = re.compile(
    r"^(?:\*\*)?(?:(?:remember|important note|important|please note|note|disclaimer|again)"
    r"[,:]?(?:\*\*)?[,:]?\s*)?"
    r"(?:\*\*)?\s*(?:this|the) information (?:is|provided|here|above|presented)",
    re.IGNORECASE,
)
_DISCLAIMER_WORDS = re.compile(
    r"medical advice|consult|educational|informational|general knowledge|not a substitute",
    re.IGNORECASE,
)
_BLANKS = re.compile(r"\n{3,}")
_SIX = frozenset(SectionKind.tab_order())


@dataclass
class _Chunk:
    """A run of lines under one heading or bold label (``label`` None: no known kind)."""

    label: Label | None
    heading: str = ""
    lines: list[str] = field(default_factory=list)
    level: int = 0  # heading level that opened the chunk (0: a bold label or the preamble)

    @property
    def text(self) -> str:
        """The chunk's lines as one markdown string (outer blank lines trimmed)."""
        joined = "\n".join(self.lines).strip()
        return _BLANKS.sub("\n\n", joined) if "\n\n\n" in joined else joined


@dataclass
class _Page:
    """What the chunks add up to."""

    sections: dict[SectionKind, list[str]] = field(default_factory=dict)
    faqs: list[tuple[str, str]] = field(default_factory=list)
    disclaimer: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, kind: SectionKind, markdown: str) -> None:
        """Append non-empty markdown to the section of this kind."""
        if markdown.strip():
            self.sections.setdefault(kind, []).append(markdown.strip())


def parse(text: str, origin: str) -> ParseResult:
    """Parse one RxHive page into a patient-audience ``ParsedDocument``."""
    front = split_front_matter(text)
    keys = front.simple_keys()
    lines = front.body.split("\n")
    title, lines = _take_title(keys.get("title", "").strip(), lines)
    if not title:
        return Rejected(origin, "RxHive page has no title (no 'title:' and no '# ' heading)")
    chunks = _chunk(lines, _heading_kinds(front.body))
    trailing = _take_trailing_disclaimer(chunks)
    page = _assemble(chunks)
    if trailing:
        page.disclaimer.append(trailing)
    structured = any(kind in _SIX for kind in page.sections) or bool(page.faqs)
    if not structured and not page.sections:
        return Rejected(origin, "RxHive page has a title but no text")
    sections = tuple(
        ParsedSection(kind, AUDIENCE, "\n\n".join(parts))
        for kind, parts in sorted(page.sections.items(), key=lambda kv: _order(kv[0]))
    )
    drug = ParsedDrug(
        slug=_slug(origin, title),
        name=title,
        sections=sections,
        faqs=tuple(FaqItem(q, a, AUDIENCE) for q, a in page.faqs),
        unstructured=not structured,
    )
    note = " ".join(page.notes)
    source = SourceInfo(
        format=SourceFormat.RXHIVE,
        origin=origin,
        title=title,
        review_status=ReviewStatus.UNREVIEWED,
        ai_generated=True,
        provenance_note=note or DEFAULT_PROVENANCE,
        disclaimer=" ".join(page.disclaimer),
    )
    return ParsedDocument(source=source, drugs=(drug,))


_ORDER = {kind: index for index, kind in enumerate(SectionKind)}


def _order(kind: SectionKind) -> int:
    return _ORDER[kind]


_SAFE_STEM = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _slug(origin: str, title: str) -> str:
    """The corpus file stem for a ``.md`` origin (search expects it) when it is a plain ASCII
    slug already, else the slug of the stem (``über drug.md`` → ``uber-drug``), else of the
    title."""
    name = origin.replace("\\", "/").rsplit("/", 1)[-1]
    if name.lower().endswith(".md") and len(name) > 3:
        stem = name[:-3].lower()
        return stem if _SAFE_STEM.fullmatch(stem) else slugify(stem)
    return slugify(title) or "untitled"


def _take_title(title: str, lines: list[str]) -> tuple[str, list[str]]:
    """The page title, and the lines without the first ``# `` heading (it repeats the title)."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = _HEADING.match(line)
        if match is not None and match.group(1) == "#":
            return (title or match.group(2).strip()), lines[:index] + lines[index + 1 :]
        break
    return title, lines


def _heading_label(text: str) -> tuple[Label | None, str]:
    """Label of a heading, and text that follows on the heading line ("Usage: …")."""
    label = classify(text)
    if label is not None:
        return label, ""
    head, colon, rest = text.partition(":")
    if colon:
        label = classify(head)
        if label is not None:
            return label, rest.strip()
    return None, ""


def _chunk(lines: list[str], heading_kinds: set[SectionKind]) -> list[_Chunk]:
    """Cut the body into chunks at headings and at the bold labels that act as headings.

    On a page whose ``###`` headings name at least two kinds, bold labels are sub-labels
    inside those sections; otherwise ``**Usage:**``-style labels are the section headings.
    """
    heading_mode = len(heading_kinds) >= 2
    chunks = [_Chunk(None)]
    for line in lines:
        first = line[:1]
        if first != "#" and first != "*":
            chunks[-1].lines.append(line)
            continue
        match = _HEADING.match(line) if first == "#" else None
        if match is not None:
            text = (match.group(2) or "").strip()
            level = len(match.group(1) or match.group(3) or "")
            label, rest = _heading_label(text)
            if label is None and _inside_section(chunks[-1], level):
                chunks[-1].lines.append(line)  # "#### Adults" under "### Dosage" stays there
                continue
            chunks.append(_Chunk(label, heading=text, lines=[rest] if rest else [], level=level))
            continue
        bold = _BOLD_LABEL.match(line) if line.startswith("**") else None
        if bold is not None:
            chunk = _bold_chunk(
                bold.group("label"), bold.group("rest"), heading_mode, heading_kinds
            )
            if chunk is not None:
                chunks.append(chunk)
                continue
        chunks[-1].lines.append(line)
    return chunks


def _inside_section(current: _Chunk, level: int) -> bool:
    """True when an unknown heading of this level is a sub-heading of the current section."""
    return (
        current.label is not None
        and isinstance(current.label.kind, SectionKind)
        and 0 < current.level < level
    )


def _heading_kinds(body: str) -> set[SectionKind]:
    """The six kinds named by ``##``…``######`` headings of the page."""
    kinds: set[SectionKind] = set()
    for text in _SUB_HEADINGS.findall(body):
        label, _rest = _heading_label(text.strip())
        if label is not None and isinstance(label.kind, SectionKind):
            kinds.add(label.kind)
    return kinds & _SIX


def _bold_chunk(
    raw_label: str, rest: str, heading_mode: bool, heading_kinds: set[SectionKind]
) -> _Chunk | None:
    """A new chunk when a ``**Label:**`` line acts as a heading, else None (it is body text)."""
    plain = raw_label.strip().lower()
    if plain in _NOTE_LABELS and _AI_NOTE.search(rest):
        return _Chunk(Label(Marker.AI_NOTE), lines=[rest])
    label = classify(raw_label)
    if label is None:
        return None
    if isinstance(label.kind, Marker):
        return _Chunk(label, heading=raw_label.strip(), lines=[rest] if rest else [])
    if heading_mode and (not label.primary or label.kind in heading_kinds):
        return None  # a sub-label inside a ``###`` section ("**Contraindications:**")
    return _Chunk(label, heading=raw_label.strip(), lines=[rest] if rest else [])


def _assemble(chunks: list[_Chunk]) -> _Page:
    """Turn chunks into sections, FAQ pairs, disclaimer and notes."""
    page = _Page()
    subject = ""
    for index, chunk in enumerate(chunks):
        label = chunk.label
        body = chunk.text
        if label is None:
            if chunk.heading and not body and _next_is_labelled(chunks, index):
                subject = chunk.heading  # "### Alprazolam" on a combination page
                continue
            subject = ""
            if chunk.heading:
                body = f"#### {chunk.heading}\n\n{body}".strip()
            page.add(SectionKind.OVERVIEW, body)
        elif label.kind is Marker.GENERIC_NAME:
            _first, _sep, remainder = body.partition("\n\n")
            page.add(SectionKind.OVERVIEW, remainder)
        elif label.kind is Marker.DISCLAIMER or label.kind is Marker.AI_NOTE:
            target = page.notes if label.kind is Marker.AI_NOTE else page.disclaimer
            if body:
                target.append(_one_line(body))
        elif label.kind is SectionKind.FAQ:
            split = split_faq(body)
            page.faqs.extend(split.pairs)
            if split.leftover:
                page.add(SectionKind.FAQ, split.leftover)
        else:
            page.add(label.kind, _decorate(chunk, body, label.subject or subject))
    return page


def _next_is_labelled(chunks: list[_Chunk], index: int) -> bool:
    return index + 1 < len(chunks) and chunks[index + 1].label is not None


def _decorate(chunk: _Chunk, body: str, subject: str) -> str:
    """Keep a synonym's wording and a combination page's drug name as sub-headings."""
    synonym = chunk.label is not None and not chunk.label.primary and chunk.heading
    if not subject and not synonym:
        return body
    parts = []
    if subject:
        parts.append(f"#### {subject}")
    if synonym:
        parts.append(f"**{chunk.heading.strip(' *:')}**")
    parts.append(body)
    return "\n\n".join(p for p in parts if p)


def _take_trailing_disclaimer(chunks: list[_Chunk]) -> str:
    """Remove and return an unlabelled closing paragraph that is a disclaimer ("" if none).

    Some pages end with "This information is … consult …" without a ``**Disclaimer:**`` label.
    """
    for chunk in reversed(chunks):
        if chunk.label is not None and chunk.label.kind in (Marker.DISCLAIMER, Marker.AI_NOTE):
            continue
        text = chunk.text
        if not text:
            continue
        head, _sep, tail = text.rpartition("\n\n")
        if _TRAILING_DISCLAIMER.match(tail.strip()) and _DISCLAIMER_WORDS.search(tail):
            chunk.lines = head.split("\n") if head else []
            return _one_line(tail)
        return ""
    return ""


def _one_line(text: str) -> str:
    return " ".join(text.replace("**", "").split())
