"""Small text rules used by several layers: slugs, name folding, brand-name capitals,
markdown → plain text."""

from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_HTML_TAG = re.compile(r"<[^>]+>")


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of a name, for comparisons and lookups."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(ascii_only.casefold().split())


def slugify(text: str) -> str:
    """URL-style slug: ``"Insulin Glargine (Lantus)"`` → ``"insulin-glargine-lantus"``."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def markdown_to_plain(markdown: str) -> str:
    """Strip markdown markup, keeping one line per paragraph, heading or bullet item.

    Used for the search index and for reading-grade measurement; it does not render.
    """
    text = _HTML_TAG.sub(" ", markdown)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_BULLET.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


_BRAND_WORD = re.compile(r"(^|[\s-])([A-Za-z]+)")
# Letters of a brand name that are written as capitals: release and formulation marks.
_CAPITAL_SUFFIXES = frozenset(
    [
        "aq",
        "cd",
        "cr",
        "dr",
        "ds",
        "ec",
        "er",
        "hc",
        "hct",
        "hd",
        "hfa",
        "ii",
        "iii",
        "ir",
        "iv",
        "la",
        "lar",
        "mr",
        "odt",
        "otc",
        "pf",
        "pm",
        "rt",
        "sa",
        "sr",
        "tr",
        "xl",
        "xr",
        "xt",
    ]
)


def brand_case(name: str) -> str:
    """``"ACTIN-N"`` → ``"Actin-N"``: each word or hyphen part capitalised; release and
    formulation letters after the first word stay capitals (``"ADDERALL XR"`` → ``"Adderall
    XR"``)."""

    def word(match: re.Match[str]) -> str:
        text = match.group(2)
        if match.start() > 0 and text.lower() in _CAPITAL_SUFFIXES:
            return match.group(1) + text.upper()
        return match.group(1) + text.capitalize()

    return _BRAND_WORD.sub(word, name)
