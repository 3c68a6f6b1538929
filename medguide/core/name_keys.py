"""Query text rules for search: name keys, word lists, stop words and safe FTS5 expressions.

Pure functions over strings; nothing here touches the database. Every name and every query is
reduced to a *key* (folded, accent-free, words of letters and digits joined by single spaces) so
that "Co-Trimoxazole", "co trimoxazole" and "CO–TRIMOXAZOLE" compare equal.
"""

from __future__ import annotations

import re

from medguide.core.text import fold

INGREDIENT_SEPARATOR = " + "
"""How ``resources/brands.tsv`` joins the ingredients of a combination brand."""

MAX_QUERY_CHARS = 500
"""Longer queries are cut to this length before any work (a pasted page is not a search)."""

_WORD = re.compile(r"[a-z0-9]+")

# Words that join the ingredients of a combination ("abacavir and lamivudine").
CONNECTORS = frozenset({"and", "with", "plus", "in"})

# Words of a patient's question that say nothing about which drug is meant.
_STOP_TEXT = """
    a about after again against all also am an and any are as at be because been before being
    between both but by can cause causes could did do does doing done during each effect for
    from get gets getting give good had has have having he her here hers him his how i if in
    into is it its itself just like long many may me mg might more most much must my need no
    nor not now of off on once one only or other our out over own same safe safely she should
    so some still such take taken takes taking tell than that the their them then there these
    they this those through to too under until up use used uses using very was we well were
    what when where which while who whom why will with would you your yours ok okay ever
    someone something much drug drugs medicine medicines medication medications tablet
    tablets pill pills dose doses dosage treat treating treatment interact interaction
    interactions work works working help helps side effects
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def name_key(text: str) -> str:
    """The comparison key of a name: folded words of letters and digits, single-spaced."""
    plain = text.lower() if text.isascii() else fold(text)
    return " ".join(_WORD.findall(plain))


def compact_key(key: str) -> str:
    """A key without spaces ("beta carotene" → "betacarotene"), for fuzzy comparison."""
    return key.replace(" ", "")


def combination_key(key: str) -> str:
    """Order-free key of a combination: its words sorted, joining words dropped.

    "lamivudine and abacavir" and "Abacavir + Lamivudine" share "abacavir lamivudine".
    """
    words = sorted({w for w in key.split() if w not in CONNECTORS})
    return " ".join(words)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


def content_words(text: str) -> list[str]:
    """The words of a question that may carry meaning (stop words and 1-2 letter words out)."""
    return [w for w in words(text) if len(w) > 2 and w not in STOP_WORDS]


def clean_query(query: object) -> str:
    """A query made safe to work on: a string, cut to ``MAX_QUERY_CHARS``, single-spaced."""
    text = query if isinstance(query, str) else ""
    text = text[:MAX_QUERY_CHARS]
    return " ".join(text.split())


def fts_expression(terms: list[str], *, any_term: bool = False, last_prefix: bool = False) -> str:
    """An FTS5 MATCH expression in which every term is a quoted string.

    Quoting neutralises FTS5 syntax (``"``, ``*``, ``NEAR(``, ``AND``, column filters): a term
    can only ever match as a word. Terms come from ``words`` and hold only ``[a-z0-9]``, so
    there is no quote to escape. ``any_term`` joins with OR (otherwise all terms must occur);
    ``last_prefix`` lets the last term match as a prefix, for queries typed word by word.
    """
    quoted = [f'"{t}"' for t in terms if t]
    if not quoted:
        return ""
    if last_prefix:
        quoted[-1] += "*"
    return (" OR " if any_term else " ").join(quoted)
