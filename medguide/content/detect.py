"""Telling the text formats apart from the text alone (no file names).

Each format's detector says how sure it is (0 = not this format, 1 = weak sign, 3 = certain);
``medguide.content.formats`` asks them all and takes the surest. The scores encode the order
that matters: front matter naming a format is certain, a Q&A article's question line and site
furniture beat a bare "Generic Name" heading.
"""

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


CERTAIN = 3
LIKELY = 2
WEAK = 1


def library_score(text: str) -> int:
    """Front matter with ``audience:`` and ``sources:`` keys: a MedGuide library page (certain);
    with one of them only, a library page that is missing a key (likely: its reader then says
    which key is missing, instead of "not a recognised format")."""
    front = split_front_matter(text)
    if front.raw is None or _RXHIVE_LAYOUT.search(front.raw):
        return 0
    audience = bool(_LIBRARY_AUDIENCE.search(front.raw))
    sources = bool(_LIBRARY_SOURCES.search(front.raw))
    if audience and sources:
        return CERTAIN
    return LIKELY if audience or sources else 0


def rxhive_score(text: str) -> int:
    """``layout: minimal-medicine`` in the front matter (certain), or a "Generic Name" heading
    near the top (weak: Q&A articles and other pages may carry one too)."""
    front = split_front_matter(text)
    if front.raw is not None and _RXHIVE_LAYOUT.search(front.raw):
        return CERTAIN
    return WEAK if _RXHIVE_GENERIC.search(front.body[:4000]) else 0


def qa_article_score(text: str) -> int:
    """A question on the first line and the site furniture of the Q&A article pages."""
    return LIKELY if _looks_like_qa_article(text) else 0


def detect_format(text: str) -> SourceFormat | None:
    """The text format of a document, or None when it is none of the known ones."""
    from medguide.content.formats import detect_text_format

    found = detect_text_format(text)
    return found.format if found is not None else None


def _looks_like_qa_article(text: str) -> bool:
    """First line is a question and at least one marker line of the article pages appears."""
    head = text.lstrip()[:20000]
    first_line = head.split("\n", 1)[0].strip()
    if not first_line.endswith("?") or len(first_line) > 600:
        return False
    return any(marker in head for marker in QA_MARKERS)
