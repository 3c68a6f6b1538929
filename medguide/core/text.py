"""Small text rules used by several layers: slugs, name folding, brand-name capitals,
markdown → plain text."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_HTML_TAG = re.compile(r"<[^>]+>")
_SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of a name, for comparisons and lookups."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(ascii_only.casefold().split())


MAX_SLUG = 80
MAX_NAME = 120
"""Longest drug name kept (a page's title can be anything: a whole paragraph pasted in)."""


def slugify(text: str) -> str:
    """URL-style slug, safe ASCII: ``"Insulin Glargine (Lantus)"`` → ``"insulin-glargine-lantus"``.

    Letters with accents lose them (``"Café"`` → ``"cafe"``). When letters that have no ASCII
    form are lost (a name in another script), or the slug would be empty or very long, a short
    hash of the name keeps it distinct (``"drug-3f9a1c"``), so every slug can be typed.
    """
    base = _NON_SLUG.sub("-", fold(text)).strip("-")
    letters = sum(ch.isalnum() for ch in text)
    kept = sum(ch.isalnum() for ch in base)
    if base and len(base) <= MAX_SLUG and kept >= letters:
        return base
    digest = hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:6]
    stem = base[: MAX_SLUG - 7].rstrip("-") or "drug"
    return f"{stem}-{digest}"


def trim_name(name: str, limit: int = MAX_NAME) -> str:
    """A name on one line and at most ``limit`` characters (cut at a word, with "…")."""
    one_line = " ".join(name.split())
    if len(one_line) <= limit:
        return one_line
    head = one_line[: limit - 1]
    cut = head if one_line[limit - 1] == " " else head.rsplit(" ", 1)[0]
    return (cut.rstrip() if len(cut) > limit // 2 else head) + "…"


def markdown_to_plain(markdown: str) -> str:
    """Strip markdown markup, keeping one line per paragraph, heading or bullet item.

    Used for the search index and for reading-grade measurement; it does not render.
    """
    text = _SCRIPT_BLOCK.sub(" ", markdown)
    text = _HTML_TAG.sub(" ", text)
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
