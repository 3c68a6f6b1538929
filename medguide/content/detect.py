"""Telling the input formats apart from the text alone (no file names)."""

from __future__ import annotations

import re

from medguide.content.frontmatter import split_front_matter
from medguide.core.model import SourceFormat

_RXHIVE_LAYOUT = re.compile(r"^layout:\s*['\"]?minimal-medicine\b", re.MULTILINE)
_LIBRARY_AUDIENCE = re.compile(r"^audience\s*:", re.MULTILINE)
_LIBRARY_SOURCES = re.compile(r"^sources\s*:", re.MULTILINE)
_RXHIVE_GENERIC = re.compile(r"^(?:#{2,6}\s*Generic Name|\*\*Generic Name:?\*\*)", re.MULTILINE)
# Lines that the Q&A article pages carry around the answer (site furniture, not content).
QA_MARKERS: tuple[str, ...] = (
    "Last updated:",
    "Which best describes you?",
    "Related Questions",
    "Article Review Status",
    "Medical Advisory Board",
    "Professional Medical Disclaimer",
)


def detect_format(text: str) -> SourceFormat | None:
    """The format of a document, or None when it is none of the known ones."""
    front = split_front_matter(text)
    if front.raw is not None:
        if _RXHIVE_LAYOUT.search(front.raw):
            return SourceFormat.RXHIVE
        if _LIBRARY_AUDIENCE.search(front.raw) and _LIBRARY_SOURCES.search(front.raw):
            return SourceFormat.LIBRARY
    if _looks_like_qa_article(text):
        return SourceFormat.QA_ARTICLE
    if _RXHIVE_GENERIC.search(front.body[:4000]):
        return SourceFormat.RXHIVE
    return None


def _looks_like_qa_article(text: str) -> bool:
    """First line is a question and at least one marker line of the article pages appears."""
    head = text.lstrip()[:20000]
    first_line = head.split("\n", 1)[0].strip()
    if not first_line.endswith("?") or len(first_line) > 600:
        return False
    return any(marker in head for marker in QA_MARKERS)
