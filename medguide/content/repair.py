"""Text repair before parsing: mojibake, newlines, stray control characters, Unicode NFC."""

from __future__ import annotations

import re
import unicodedata

import ftfy

# A lead byte of a UTF-8 sequence that was decoded as cp1252/Latin-1 (Ã Â â Î Ï …) followed by
# a character that such a mis-decoding produces (a C1 control, Latin-1 punctuation or one of the
# cp1252 specials like ‰ € ™ “). Plain text almost never contains these pairs, so ftfy (slow on
# long text) runs only when one is present.
_MOJIBAKE_PATTERN = (
    "[ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßâãäåæçèéêëìíîïðñòóôõöøùúûüýþ]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_CONTROL_PATTERN = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]"
_MOJIBAKE_HINT = re.compile(_MOJIBAKE_PATTERN)
_CONTROL = re.compile(_CONTROL_PATTERN)
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # markdown may legitimately contain "&lt;"; nh3 handles HTML later
    uncurl_quotes=False,
    fix_character_width=False,
    normalization="NFC",
)


def has_mojibake(text: str) -> bool:
    """True when the text shows a pattern typical of UTF-8 read as cp1252 (e.g. ``â‰¥``)."""
    return _MOJIBAKE_HINT.search(text) is not None


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR line ends into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def repair_text(text: str) -> str:
    """Repair decoded text: mojibake (``â‰¥`` → ``≥``), newlines, control characters, NFC."""
    if "\r" in text:
        text = normalise_newlines(text)
    # Two simple scans are several times faster than one alternation of both patterns.
    if not text.isascii() and has_mojibake(text):
        text = ftfy.fix_text(text, _FTFY_CONFIG)
    if _CONTROL.search(text) is not None:
        text = _CONTROL.sub("", text)
    return text if text.isascii() else unicodedata.normalize("NFC", text)
