"""Full-text look-ups in the FTS5 ``search_index`` table: best row per drug, with a snippet.

The table holds one row per searchable text (``field`` = name, alias, section, faq, article).
Rows of names and aliases rank above body text; within a field, FTS5 ``bm25`` decides. Snippets
are computed only for the one row kept per drug, so a common word costs little beyond the
match itself.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

SNIPPET_MARK = "**"
"""Matched words in a snippet are wrapped in this mark (markdown bold)."""

_NAME_FIELDS = ("name", "alias")
_SNIPPET_WORDS = 12
_ROW_BUDGET = 400

_MATCH_SQL = (
    "SELECT rowid, drug_id, field, rank FROM search_index "
    "WHERE search_index MATCH ? ORDER BY rank LIMIT ?"
)


@dataclass(frozen=True)
class TextMatch:
    """The best full-text row of one drug."""

    drug_id: int
    field: str
    rank: float
    snippet: str

    @property
    def in_name(self) -> bool:
        """True when the words matched a name or alias rather than body text."""
        return self.field in _NAME_FIELDS


def search_text(conn: sqlite3.Connection, expression: str, limit: int) -> list[TextMatch]:
    """Drugs whose indexed text matches ``expression``, name rows first, then by bm25.

    Returns at most ``limit`` drugs; an invalid expression yields an empty list.
    """
    if not expression or limit <= 0:
        return []
    try:
        rows = conn.execute(_MATCH_SQL, (expression, _ROW_BUDGET)).fetchall()
    except sqlite3.Error:
        return []
    best: dict[int, tuple[int, str, float]] = {}
    for rowid, drug_id, field, rank in rows:
        key = int(drug_id)
        old = best.get(key)
        if old is None or (field in _NAME_FIELDS and old[1] not in _NAME_FIELDS):
            best[key] = (int(rowid), str(field), float(rank))
    ordered = sorted(best.items(), key=lambda kv: (kv[1][1] not in _NAME_FIELDS, kv[1][2]))
    chosen = ordered[:limit]
    snippets = _snippets(conn, expression, [row for _drug, (row, _f, _r) in chosen])
    return [
        TextMatch(drug_id, field, rank, snippets.get(rowid, ""))
        for drug_id, (rowid, field, rank) in chosen
    ]


def _snippets(conn: sqlite3.Connection, expression: str, rowids: list[int]) -> dict[int, str]:
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    sql = (
        "SELECT rowid, snippet(search_index, 2, ?, ?, '…', ?) FROM search_index "
        f"WHERE search_index MATCH ? AND rowid IN ({marks})"
    )
    params: list[object] = [SNIPPET_MARK, SNIPPET_MARK, _SNIPPET_WORDS, expression, *rowids]
    try:
        return {int(r): " ".join(str(s).split()) for r, s in conn.execute(sql, params)}
    except sqlite3.Error:
        return {}
