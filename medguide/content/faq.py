"""Splitting an FAQ block into question/answer pairs.

Handles the shapes found in the RxHive corpus: ``* **Q: …?** A: …`` on one line, the answer
on the next line (``A: …`` or a nested ``* A: …`` bullet), questions without ``Q:``
(``* **How is it stored?** …``), ``**Q:** … **A:** …`` and plain ``Q: … A: …`` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_HEADING_QUESTION = re.compile(r"^#{2,6}\s+(.+\?)\s*#*$")
_BULLET_STARTS = frozenset("-*+•0123456789")
_BOLD_HEAD = re.compile(r"^\*\*(?P<q>[^\n]+?)\*\*(?!\*)\s*(?P<rest>.*)$")
_Q_PREFIX = re.compile(r"^Q(?:uestion)?\s*\d{0,2}\s*[:.)]\s*", re.IGNORECASE)
_A_PREFIX = re.compile(r"^(?:\*\*\s*A\s*:\s*\*\*\s*|A(?:nswer)?\s*:\s*)", re.IGNORECASE)
_A_SPLIT = re.compile(r"\s*(?:\*\*\s*A\s*:\s*\*\*|\*\*A:|\bA:)\s*")
_GROUP_HEADER = re.compile(r"^\*\*[^*?]*\bFAQs?\b[^*?]*\*\*:?$", re.IGNORECASE)
_BLANKS = re.compile(r"\n{3,}")


@dataclass
class _Item:
    question: str
    answer: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FaqSplit:
    """Question/answer pairs (markdown answers) and any text that was not part of a pair."""

    pairs: tuple[tuple[str, str], ...]
    leftover: str


def split_faq(markdown: str) -> FaqSplit:
    """Pairs of (question, answer) found in an FAQ block, plus the text around them."""
    items: list[_Item] = []
    leftover: list[str] = []
    for raw in markdown.split("\n"):
        question = _question_of(raw)
        if question is not None:
            items.append(_Item(question[0], [question[1]] if question[1] else []))
            continue
        stripped = raw.strip()
        if _GROUP_HEADER.match(stripped):
            if items:
                items.append(_Item(""))  # closes the previous answer; dropped below
            continue
        if not items or not items[-1].question:
            leftover.append(raw)
            continue
        items[-1].answer.append(_answer_line(raw))
    pairs = tuple((item.question, _tidy("\n".join(item.answer))) for item in items if item.question)
    return FaqSplit(pairs, _tidy("\n".join(leftover)))


def _question_of(raw: str) -> tuple[str, str] | None:
    """(question, start of answer) when the line opens a new question, else None."""
    body = raw.strip()
    if body.startswith("#"):
        heading = _HEADING_QUESTION.match(body)
        return (_clean_question(_Q_PREFIX.sub("", heading.group(1))), "") if heading else None
    if body[:1] in _BULLET_STARTS:
        body = _BULLET.sub("", body, count=1).strip()
    if body[:1] not in ("*", "Q", "q"):
        return None
    if not body:
        return None
    bold = _BOLD_HEAD.match(body)
    if bold is not None:
        inner = bold.group("q").strip()
        rest = bold.group("rest")
        had_prefix = _Q_PREFIX.match(inner) is not None
        inner = _Q_PREFIX.sub("", inner).strip()
        if not inner and had_prefix:  # "**Q:** question? **A:** answer"
            return _split_plain(rest)
        if inner and (had_prefix or inner.endswith("?")):
            return _clean_question(inner), _A_PREFIX.sub("", rest.strip())
        return None
    if _Q_PREFIX.match(body) and not body.lower().startswith("question "):
        return _split_plain(_Q_PREFIX.sub("", body))
    return None


def _split_plain(text: str) -> tuple[str, str] | None:
    parts = _A_SPLIT.split(text, maxsplit=1)
    question = _clean_question(parts[0])
    if not question:
        return None
    return question, (parts[1].strip() if len(parts) > 1 else "")


def _clean_question(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def _answer_line(raw: str) -> str:
    """A continuation line of an answer: ``* A: text`` → ``text``; indents up to 4 dropped."""
    body = _BULLET.sub("", raw, count=1).lstrip() if _BULLET.match(raw) else raw
    if _A_PREFIX.match(body.lstrip()):
        return _A_PREFIX.sub("", body.lstrip())
    return raw[4:] if raw.startswith("    ") else raw.lstrip(" ")


def _tidy(text: str) -> str:
    return _BLANKS.sub("\n\n", text.strip())
