"""Citation marks and reference lists: shown to professionals, hidden from patients."""

from __future__ import annotations

import re

_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)
_BRACKET_CITE = re.compile(r"\s?\[\^?\d+(?:\s*[,–-]\s*\d+)*\](?:\([^)]*\))?")
_TRAILING_CITE = re.compile(r"(?<=[A-Za-z.)%\]:;])[ \t]+\d{1,2}(?:[ \t]*,[ \t]*\d{1,2})*[ \t]*$")
_REFERENCES_HEADING = re.compile(
    r"^\s{0,3}(?:#{1,6}\s*|\*\*)?references(?:\*\*)?:?\s*$", re.IGNORECASE | re.MULTILINE
)


def strip_citations(markdown: str, trailing_numbers: bool = False) -> str:
    """Remove citation marks and the References block, for patient reading.

    ``trailing_numbers`` also removes bare citation numbers at the end of a line ("… weekly) 3"),
    as Q&A articles write them; it is off for other sources, where a number ends a sentence.
    """
    heading = _REFERENCES_HEADING.search(markdown)
    if heading:
        markdown = markdown[: heading.start()]
    markdown = _SUP.sub("", markdown)
    markdown = _BRACKET_CITE.sub("", markdown)
    if trailing_numbers:
        markdown = "\n".join(_TRAILING_CITE.sub("", line) for line in markdown.splitlines())
    return markdown.rstrip() + "\n"
