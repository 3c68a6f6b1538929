"""Splitting a ``---``-fenced front-matter block off the top of a markdown document."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.DOTALL)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    """The raw front-matter text (without fences) and the document body after it."""

    raw: str | None
    body: str

    def simple_keys(self) -> dict[str, str]:
        """Top-level ``key: value`` pairs read line by line (no YAML; quotes stripped).

        Fast enough for thousands of RxHive pages, whose front matter is three flat keys.
        """
        if self.raw is None:
            return {}
        found: dict[str, str] = {}
        for key, value in _KEY.findall(self.raw):
            found.setdefault(key.lower(), _unquote(value))
        return found


def split_front_matter(text: str) -> FrontMatter:
    """Separate a leading ``---`` … ``---`` block from the body (``raw`` is None without one)."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---"):
        return FrontMatter(None, text)
    match = _FENCE.match(stripped)
    if match is None:
        return FrontMatter(None, text)
    return FrontMatter(match.group(1), stripped[match.end() :])


def front_matter_problem(text: str) -> str | None:
    """Why the ``---`` block at the top of ``text`` cannot be read (None when there is none,
    or it is closed): the one mistake that turns a page into "not a recognised format"."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---") or _FENCE.match(stripped) is not None:
        return None
    return (
        "the front matter at the top (the block that starts with ---) is never closed: "
        "a line with only --- must end it"
    )


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
