"""Keeping the FTS5 ``search_index`` in step with the content tables.

Each drug owns a block of rowids, ``drug_id * ROWS_PER_DRUG + n``, so its rows are deleted by a
rowid range instead of a scan of the whole index. Rows hold plain text (markup stripped, not
rendered): the name, every alias, every section, every FAQ question and answer, and the
question and title of every linked article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence

from sqlalchemy import Connection, select

from medguide.core.text import markdown_to_plain
from medguide.store.importing.prepare import faq_index_text
from medguide.store.schema import (
    AliasRow,
    ArticleDrugRow,
    ArticleRow,
    DrugRow,
    FaqRow,
    SectionRow,
)

ROWS_PER_DRUG = 1 << 16
_CHUNK = 500
_INSERT_CHUNK = 10_000

_INSERT = "INSERT INTO search_index(rowid, drug_id, field, text) VALUES (?, ?, ?, ?)"
_DELETE = "DELETE FROM search_index WHERE rowid >= ? AND rowid < ?"


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def delete_rows(conn: Connection, drug_ids: Collection[int]) -> None:
    """Remove every index row of these drugs."""
    if not drug_ids:
        return
    params = [(d * ROWS_PER_DRUG, (d + 1) * ROWS_PER_DRUG) for d in sorted(drug_ids)]
    conn.exec_driver_sql(_DELETE, params)


def index_is_empty(conn: Connection) -> bool:
    """True when the index holds no row (a first import skips the deletes)."""
    return conn.exec_driver_sql("SELECT 1 FROM search_index LIMIT 1").first() is None


def rebuild_rows(
    conn: Connection,
    drug_ids: Collection[int],
    plain_of: Mapping[str, str] | None = None,
    check: Callable[[], None] | None = None,
) -> int:
    """Replace the index rows of these drugs with rows built from the content tables.

    ``plain_of`` maps section (and FAQ) markdown to its plain text when the caller has it already;
    ``check`` is called between chunks (it raises to stop). Returns the number of rows written.
    """
    known = plain_of or {}
    ids = sorted(drug_ids)
    if not ids:
        return 0
    if not index_is_empty(conn):
        delete_rows(conn, ids)
    texts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for chunk in _chunks(ids):
        if check is not None:
            check()
        for drug_id, name in conn.execute(
            select(DrugRow.id, DrugRow.name).where(DrugRow.id.in_(chunk))
        ):
            texts[drug_id].append(("name", name))
        for drug_id, name in conn.execute(
            select(AliasRow.drug_id, AliasRow.name).where(AliasRow.drug_id.in_(chunk))
        ):
            texts[drug_id].append(("alias", name))
        for drug_id, markdown in conn.execute(
            select(SectionRow.drug_id, SectionRow.markdown).where(SectionRow.drug_id.in_(chunk))
        ):
            plain = known.get(markdown)
            if plain is None:
                plain = markdown_to_plain(markdown)
            texts[drug_id].append(("section", plain))
        for drug_id, question, answer in conn.execute(
            select(FaqRow.drug_id, FaqRow.question, FaqRow.answer).where(FaqRow.drug_id.in_(chunk))
        ):
            markdown = faq_index_text(question, answer)
            plain = known.get(markdown)
            if plain is None:
                plain = markdown_to_plain(markdown)
            texts[drug_id].append(("faq", plain))
        for drug_id, question, title in conn.execute(
            select(ArticleDrugRow.drug_id, ArticleRow.question, ArticleRow.title)
            .join(ArticleRow, ArticleRow.id == ArticleDrugRow.article_id)
            .where(ArticleDrugRow.drug_id.in_(chunk))
        ):
            texts[drug_id].append(("article", f"{question}\n{title}".strip()))
    rows: list[tuple[int, int, str, str]] = []
    for drug_id in ids:
        base = drug_id * ROWS_PER_DRUG
        entries = [(field, text) for field, text in texts.get(drug_id, []) if text]
        for n, (field, text) in enumerate(entries[: ROWS_PER_DRUG - 1]):
            rows.append((base + n, drug_id, field, text))
    for start in range(0, len(rows), _INSERT_CHUNK):
        if check is not None:
            check()  # a cancel ends the write here (the caller's transaction rolls back)
        conn.exec_driver_sql(_INSERT, rows[start : start + _INSERT_CHUNK])
    return len(rows)
