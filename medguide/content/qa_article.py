"""Reader for professional Q&A articles (the text of a Dr.Oracle-style answer page).

The page text is: the question, site furniture (advisory board line, review status list,
"Last updated", "Personalize … Which best describes you?"), the answer's title and body
(headings, "•" bullets ending in citation numbers), "Related Questions", "References", a
professional disclaimer and a follow-up-question promotion. The reader keeps the question,
title, body (as markdown), related questions, references, date and disclaimer, and drops the
site furniture.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from medguide.content.common_words import COMMON_WORDS
from medguide.core.model import (
    ParsedArticle,
    ParsedDocument,
    ParseResult,
    Reference,
    Rejected,
    ReviewStatus,
    SectionKind,
    SourceFormat,
    SourceInfo,
)

# Header lines of the zones that follow the answer body.
_RELATED = "related questions"
_REFERENCES = "references"
_DISCLAIMER = "professional medical disclaimer"
_FOLLOW_UP = "have a follow-up question?"
_ZONE_HEADERS = frozenset({_RELATED, _REFERENCES, _DISCLAIMER, _FOLLOW_UP})

_FURNITURE_PREFIXES = (
    "medical advisory board",
    "educational purpose only",
    "article review status",
    "personalize",
    "help us tailor",
    "which best describes you?",
    "view editorial policy",
)
_STATUS_WORDS = {
    "submitted": ReviewStatus.SUBMITTED,
    "under review": ReviewStatus.UNDER_REVIEW,
    "approved": ReviewStatus.APPROVED,
}
_LAST_UPDATED = re.compile(r"^last updated:\s*([A-Za-z]+\s+\d{1,2},\s*\d{4})", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•·▪◦‣∙●\-*–]\s+")
_CITATIONS = re.compile(r"(?<=[^\d\s,\-–])\s+(\d{1,2}(?:\s*,\s*\d{1,2})*)\s*$")
_SENTENCE_END = re.compile(r"[.!?;:,]$")
_REFERENCE_KINDS = frozenset(
    {
        "guideline",
        "research",
        "review",
        "systematic review",
        "meta-analysis",
        "clinical trial",
        "drug label",
        "fda label",
        "label",
        "textbook",
        "study",
        "consensus statement",
        "expert opinion",
    }
)
_NUMBERED_REFERENCE = re.compile(r"^\[?(\d{1,3})[.)\]]\s+(.+)$")
_AI_WORDS = re.compile(r"\bA\.I\.|\bAI\b|artificial intelligence|pending human review")
_FOCUS_PATTERNS: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    (SectionKind.MECHANISM, re.compile(r"mechanism|how does \w[\w -]* work", re.IGNORECASE)),
    (SectionKind.DOSAGE, re.compile(r"\bdos(?:e|es|ing|age|ages)\b", re.IGNORECASE)),
    (
        SectionKind.SIDE_EFFECTS,
        re.compile(r"side[- ]effects?|adverse (?:effects?|events?|reactions?)", re.IGNORECASE),
    ),
    (
        SectionKind.PRECAUTIONS,
        re.compile(r"contraindicat|interact(?:ions?|s|ing)?\b|warnings?\b|precautions?", re.I),
    ),
    (SectionKind.USAGE, re.compile(r"\bindicat(?:ion|ions|ed)\b|\bused for\b", re.IGNORECASE)),
)
_ASPECT_WORDS = re.compile(
    r"\b(?:mechanism|of|action|dose|doses|dosing|dosage|side|effects?|adverse|events?|"
    r"reactions?|contraindications?|interactions?|warnings?|precautions?|indications?|uses?|"
    r"and|the|in|for|with)\b",
    re.IGNORECASE,
)
_NAME_WITH_ALTERNATIVE = re.compile(r"\b([A-Za-z][A-Za-z-]{3,})\s*\(([A-Za-z][A-Za-z -]{3,})\)")
_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z][a-z-]{3,})\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")
_MAX_NAMES = 200


def parse(text: str, origin: str) -> ParseResult:
    """Parse one Q&A article into a professional ``ParsedDocument`` holding a ``ParsedArticle``."""
    lines = [line.rstrip() for line in text.split("\n")]
    zones = _zones(lines)
    head = zones.get("", [])
    question = next((line.strip() for line in head if line.strip()), "")
    if not question:
        return Rejected(origin, "Q&A article has no question line")
    first_index = next(i for i, line in enumerate(head) if line.strip())
    after_question = head[first_index + 1 :]
    body_lines, last_updated, note = _strip_furniture(after_question)
    title, body_markdown = _body(body_lines)
    if not body_markdown:
        return Rejected(origin, "Q&A article has a question but no answer text")
    related = tuple(line.strip() for line in zones.get(_RELATED, []) if line.strip())
    references = _references(zones.get(_REFERENCES, []))
    disclaimer = " ".join(" ".join(zones.get(_DISCLAIMER, [])).split())
    focus, focus_name = _focus(question, title)
    article = ParsedArticle(
        question=question,
        title=title or question,
        body_markdown=body_markdown,
        related_questions=related,
        focus=focus,
        focus_name=focus_name,
        mentioned_names=_mentioned_names(question, title, body_markdown),
    )
    source = SourceInfo(
        format=SourceFormat.QA_ARTICLE,
        origin=origin,
        title=title or question,
        last_updated=last_updated,
        review_status=_review_status(text),
        # The site's answers are written by its "Medical A.I." and flagged as awaiting review.
        ai_generated=_AI_WORDS.search(text) is not None,
        provenance_note=note,
        disclaimer=disclaimer,
        references=references,
    )
    return ParsedDocument(source=source, article=article)


def _zones(lines: list[str]) -> dict[str, list[str]]:
    """Lines by zone: "" for everything before the first zone header, then one per header."""
    zones: dict[str, list[str]] = {"": []}
    current = ""
    for line in lines:
        key = line.strip().lower()
        if key in _ZONE_HEADERS:
            current = key
            zones.setdefault(current, [])
            continue
        zones[current].append(line)
    return zones


def _strip_furniture(lines: list[str]) -> tuple[list[str], date | None, str]:
    """Body lines without site furniture; the "Last updated" date; the review caution line."""
    kept: list[str] = []
    last_updated: date | None = None
    note = ""
    in_status_list = False
    for line in lines:
        key = line.strip().lower()
        if in_status_list and key in _STATUS_WORDS:
            continue
        in_status_list = key == "article review status"
        if key.startswith("educational purpose only"):
            note = " ".join(line.replace("•", ".").split()).replace(" .", ".")
        match = _LAST_UPDATED.match(line.strip())
        if match is not None:
            last_updated = _parse_date(match.group(1))
            continue
        if key.startswith(_FURNITURE_PREFIXES):
            continue
        kept.append(line)
    return kept, last_updated, note


def _parse_date(text: str) -> date | None:
    try:
        return datetime.strptime(" ".join(text.replace(",", ", ").split()), "%B %d, %Y").date()
    except ValueError:
        return None


def _review_status(text: str) -> ReviewStatus:
    """The page lists all three stages (Submitted, Under Review, Approved) as a progress bar.

    Its plain text does not show which stage is highlighted, but the page also says the
    content is pending human review, so it has at most been submitted: "submitted" is the
    honest reading. A page that names one stage alone (``Review status: Approved``) says so.
    """
    match = re.search(r"review status:\s*(submitted|under review|approved)", text, re.I)
    if match is not None:
        return _STATUS_WORDS[match.group(1).lower()]
    return ReviewStatus.SUBMITTED


def _body(lines: list[str]) -> tuple[str, str]:
    """(title, markdown body): headings become ``##``/``###``/``####``, "•" lines ``- `` bullets."""
    blocks = [line.strip() for line in lines if line.strip()]
    if not blocks:
        return "", ""
    title = blocks[0]
    out = [f"## {title}"]
    in_group = False
    previous_bullet = False
    for index, block in enumerate(blocks[1:], start=1):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if _BULLET.match(block):
            item = _link_citations(_BULLET.sub("", block, count=1))
            out.append(f"- {item}" if previous_bullet else f"\n- {item}")
            previous_bullet = True
            continue
        previous_bullet = False
        if following is not None and _is_heading(block):
            if _is_heading(following) and not _BULLET.match(following):
                in_group = True
                out.append(f"\n### {block}")
            else:
                out.append(f"\n{'####' if in_group else '###'} {block}")
            continue
        out.append(f"\n{_link_citations(block)}")
    return title, "\n".join(out).strip() + "\n"


def _is_heading(block: str) -> bool:
    """A short line without closing punctuation or citation numbers reads as a heading."""
    if _BULLET.match(block) or len(block) > 100 or len(block.split()) > 12:
        return False
    return not _SENTENCE_END.search(block) and _CITATIONS.search(block) is None


def _link_citations(block: str) -> str:
    """Trailing citation numbers (" 1", " 2, 3") → superscript links to ``#ref-N``."""
    match = _CITATIONS.search(block)
    if match is None or len(block) < 20:
        return block
    numbers = [n.strip() for n in match.group(1).split(",")]
    links = ", ".join(f"[{n}](#ref-{n})" for n in numbers)
    return f"{block[: match.start()]}<sup>{links}</sup>"


def _references(lines: list[str]) -> tuple[Reference, ...]:
    """References grouped as: kind line ("Guideline"), title, publication line."""
    entries = [line.strip() for line in lines if line.strip()]
    if not entries:
        return ()
    if not any(entry.lower() in _REFERENCE_KINDS for entry in entries):
        return tuple(_numbered(entry, index) for index, entry in enumerate(entries, start=1))
    groups: list[list[str]] = []
    for entry in entries:
        if entry.lower() in _REFERENCE_KINDS or not groups:
            groups.append([entry])
        else:
            groups[-1].append(entry)
    references = []
    for number, group in enumerate(groups, start=1):
        kind, rest = (group[0], group[1:]) if group[0].lower() in _REFERENCE_KINDS else ("", group)
        text = ". ".join(part.rstrip(".") for part in rest) or kind
        references.append(Reference(f"{text} ({kind})" if kind and rest else text, number))
    return tuple(references)


def _numbered(entry: str, index: int) -> Reference:
    match = _NUMBERED_REFERENCE.match(entry)
    if match is not None:
        return Reference(match.group(2), int(match.group(1)))
    return Reference(entry, index)


def _focus(question: str, title: str) -> tuple[SectionKind | None, str | None]:
    """The one aspect and one drug the question asks about, else (None, None).

    The drug is the one capitalised uncommon word of the question ("… of Romiplostim
    (romiplastin) …"); failing that, of the title when the title names the same aspect
    ("Romiplostim Mechanism of Action").
    """
    matched = [(kind, pattern) for kind, pattern in _FOCUS_PATTERNS if pattern.search(question)]
    if len(matched) != 1:
        return None, None
    kind, pattern = matched[0]
    name = _single_name(question)
    if name is None and pattern.search(title):
        name = _single_name(title)
    return (kind, name) if name else (None, None)


def _single_name(text: str) -> str | None:
    """The one capitalised, uncommon word of ``text`` (a drug name as written), if exactly one."""
    stripped = _ASPECT_WORDS.sub(" ", re.sub(r"\([^)]*\)", " ", text))
    candidates = [
        word
        for word in dict.fromkeys(_CAPITALISED.findall(" " + stripped))
        if word.lower() not in COMMON_WORDS and not word.isupper()
    ]
    if len(candidates) == 1:
        return str(candidates[0])
    return None


def _mentioned_names(question: str, title: str, body: str) -> tuple[str, ...]:
    """Distinct lower-case uncommon words of five letters or more, question first."""
    words: dict[str, None] = {}
    alternatives = [alt for pair in _NAME_WITH_ALTERNATIVE.findall(question) for alt in pair]
    for word in [*alternatives, *_WORD.findall(f"{question}\n{title}\n{body}")]:
        lowered = word.lower().strip("-")
        if len(lowered) >= 5 and lowered.isascii() and lowered not in COMMON_WORDS:
            words.setdefault(lowered, None)
        if len(words) >= _MAX_NAMES:
            break
    return tuple(w for w in words if not w.startswith("ref-"))
