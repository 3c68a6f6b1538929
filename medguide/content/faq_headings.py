"""FAQ blocks written as ``### Question`` headings with the answer below (library pages)."""

from __future__ import annotations

import re

_H3 = re.compile(r"^###[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def split_heading_faq(markdown: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """((question, answer), …) from ``###`` headings, and the text before the first one."""
    matches = list(_H3.finditer(markdown))
    if not matches:
        return (), markdown.strip()
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(markdown)
        question = " ".join(match.group(1).split())
        pairs.append((question, markdown[match.end() : end].strip()))
    return tuple(pairs), markdown[: matches[0].start()].strip()
