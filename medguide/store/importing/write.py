"""The database half of an import: write a batch of prepared files inside one transaction.

``BatchWriter.write`` runs on a connection the caller has put in a transaction; it compares
every document with the stored source of the same key (unchanged, changed or new), replaces the
rows of changed sources, upserts drugs by slug, adds aliases (from the document, the drug-name
dictionary, the US/international name variants and the Drugs@FDA brand table), links
articles to the drugs they name, removes drugs left without any source, and rebuilds the
search-index rows of every drug it touched. User tables are never read or written here.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, distinct, func, insert, select, update
from sqlalchemy.sql.expression import bindparam

from medguide.core.model import (
    Alias,
    Audience,
    LabelInfo,
    Language,
    ParsedArticle,
    ParsedDocument,
    ParsedDrug,
    Rejected,
    SourceFormat,
)
from medguide.core.text import trim_name
from medguide.store.importing import fts_writer
from medguide.store.importing.name_resolver import NameResolver, quick_fold
from medguide.store.importing.names import AliasTables, add_table_aliases
from medguide.store.importing.prepare import PreparedFile, source_key
from medguide.store.schema import (
    AliasRow,
    ArticleDrugRow,
    ArticleRow,
    DrugRow,
    FaqRow,
    SectionRow,
    SourceRow,
)

AliasesFn = Callable[[Sequence[str]], Mapping[str, Sequence[Alias]]]
"""Dictionary look-up: drug names → their brand names and synonyms."""

_CHUNK = 500

# Who holds a folded name of a drug while aliases are added (see _insert_aliases).
_FREE = "free"
_OWN_NAME = "own name"
_FROM_SOURCE = "source"
_FROM_DICTIONARY = "dictionary"

SOURCES = cast(Table, SourceRow.__table__)
DRUGS = cast(Table, DrugRow.__table__)
ALIASES = cast(Table, AliasRow.__table__)
SECTIONS = cast(Table, SectionRow.__table__)
FAQS = cast(Table, FaqRow.__table__)
ARTICLES = cast(Table, ArticleRow.__table__)
ARTICLE_DRUGS = cast(Table, ArticleDrugRow.__table__)


class WriteCancelled(Exception):
    """Raised inside the batch transaction when the import was cancelled while writing."""


@dataclass
class WriteOutcome:
    """What a batch did, by origin, and how long each phase took."""

    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    removed_drugs: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def absorb(self, other: WriteOutcome) -> None:
        """Add another write's results to this one (a stream file is written in chunks)."""
        self.imported += other.imported
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.removed_drugs += other.removed_drugs
        for phase, seconds in other.seconds.items():
            self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds


@dataclass
class _Planned:
    """A document to write, with its source row id once known."""

    prepared: PreparedFile
    document: ParsedDocument
    key: str
    source_id: int | None = None


@dataclass
class _DrugState:
    """A drug as it will be after the batch."""

    id: int | None
    slug: str
    name: str
    drug_class: str | None
    unstructured: bool
    has_library: bool
    dirty: bool = False
    sources: int = 0  # other sources with sections for this drug (changed ones already removed)
    ingredients: str = ""
    local_names: dict[str, dict[str, str]] = field(default_factory=dict)

    def values(self) -> dict[str, Any]:
        """The columns of the drugs row (without its id)."""
        return {
            "slug": self.slug,
            "name": self.name,
            "drug_class": self.drug_class,
            "unstructured": self.unstructured,
            "ingredients": self.ingredients,
            "local_names_json": json.dumps(self.local_names, ensure_ascii=False, sort_keys=True),
        }


def label_json(label: LabelInfo) -> str:
    """``LabelInfo`` as the JSON kept in ``sources.label_json``."""
    values = asdict(label)
    values["effective"] = label.effective.isoformat() if label.effective else None
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def _older_label(document: ParsedDocument, stored_version: int | None) -> bool:
    """Whether ``document`` is an older version of the label stored with ``stored_version``."""
    label = document.source.label
    return (
        label is not None
        and label.version is not None
        and stored_version is not None
        and label.version < stored_version
    )


def _merge_names(state: _DrugState, drug: ParsedDrug, is_library: bool) -> None:
    """Ingredients (a library page's win, else the first document's that names them) and the
    drug's names in other languages."""
    ingredients = " + ".join(i.strip().lower() for i in drug.ingredients if i.strip())
    if ingredients and (is_library or not state.ingredients):
        state.ingredients = ingredients
    for local in drug.local_names:
        state.local_names[local.language.value] = {"name": local.name, "class": local.drug_class}


def _chunks(values: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


class BatchWriter:
    """Writes one batch of prepared files on a connection inside a transaction."""

    def __init__(
        self,
        conn: Connection,
        aliases: AliasesFn,
        now: datetime | None = None,
        tables: AliasTables | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        """``tables`` (brands, name variants) default to none: only documents and ``aliases``;
        ``cancel`` is asked between the phases of a write (``WriteCancelled`` is raised then,
        and the caller's transaction rolls back)."""
        self._cancel = cancel
        self._conn = conn
        self._aliases = aliases
        self._now = now or datetime.now()
        self._tables = tables or AliasTables.empty()
        self._branded: set[int] = set()

    # ------------------------------------------------------------------ entry point

    def write(self, files: Sequence[PreparedFile]) -> WriteOutcome:
        """Write the batch; returns counts by origin and the seconds of each phase."""
        outcome = WriteOutcome()
        start = time.perf_counter()
        planned = self._plan(files, outcome)
        changed = [p for p in planned if p.source_id is not None]
        old_linked = self._linked_drugs([cast(int, p.source_id) for p in changed])
        self._clear_sources(changed)
        self._insert_sources([p for p in planned if p.source_id is None])
        self._check_cancel()
        drug_ids = self._upsert_drugs(planned)
        self._check_cancel()
        aliases_seconds = self._insert_content(planned, drug_ids)
        self._check_cancel()
        article_drugs = self._insert_articles(planned)
        removed = self._remove_orphans(old_linked)
        self._check_cancel()
        outcome.removed_drugs = sorted(removed.values())
        after_write = time.perf_counter()
        touched = set(drug_ids.values()) | article_drugs | old_linked | self._branded
        touched -= set(removed)
        fts_writer.delete_rows(self._conn, removed)
        plain_of = {s.markdown: s.plain for p in planned for d in p.prepared.sections for s in d}
        plain_of.update(item for p in planned for item in p.prepared.faq_plain)
        plain_of.update(
            (p.document.article.body_markdown, p.prepared.focus_plain)
            for p in planned
            if p.document.article is not None and p.prepared.focus_plain
        )
        fts_writer.rebuild_rows(self._conn, touched, plain_of, self._check_cancel)
        outcome.seconds = {
            "aliases": aliases_seconds,
            "write": after_write - start - aliases_seconds,
            "index": time.perf_counter() - after_write,
        }
        return outcome

    def _check_cancel(self) -> None:
        """Stop the write when the person cancelled (the transaction then rolls back)."""
        if self._cancel is not None and self._cancel():
            raise WriteCancelled

    # ------------------------------------------------------------------ sources

    def _plan(self, files: Sequence[PreparedFile], outcome: WriteOutcome) -> list[_Planned]:
        existing = {
            key: (source_id, digest, version)
            for source_id, key, digest, version in self._conn.execute(
                select(SOURCES.c.id, SOURCES.c.key, SOURCES.c.content_hash, SOURCES.c.label_version)
            )
        }
        planned: list[_Planned] = []
        seen: dict[str, str] = {}
        for prepared in files:
            document = prepared.document
            if document is None:
                outcome.rejected.append(cast(Rejected, prepared.result))
                continue
            key = source_key(document)
            if key in seen:
                outcome.rejected.append(
                    Rejected(prepared.origin, f"same document as {seen[key]} (source {key})")
                )
                continue
            seen[key] = prepared.origin
            stored = existing.get(key)
            if stored is None:
                planned.append(_Planned(prepared, document, key))
                outcome.imported.append(prepared.origin)
            elif stored[1] == prepared.content_hash or _older_label(document, stored[2]):
                # the same text, or an older version of a label already stored: kept as it is
                outcome.unchanged.append(prepared.origin)
            else:
                planned.append(_Planned(prepared, document, key, stored[0]))
                outcome.updated.append(prepared.origin)
        return planned

    def _source_values(self, item: _Planned) -> dict[str, Any]:
        source = item.document.source
        return {
            "key": item.key,
            "format": source.format.value,
            "origin": item.prepared.origin,
            "content_hash": item.prepared.content_hash,
            "title": source.title,
            "last_updated": source.last_updated,
            "review_status": source.review_status.value,
            "ai_generated": source.ai_generated,
            "provenance_note": source.provenance_note,
            "disclaimer": source.disclaimer,
            "references_json": json.dumps([asdict(r) for r in source.references]),
            "citations_json": json.dumps([asdict(c) for c in source.citations]),
            "imported_at": self._now,
            "set_id": source.label.set_id if source.label else None,
            "label_version": source.label.version if source.label else None,
            "label_json": label_json(source.label) if source.label else "",
        }

    def _insert_sources(self, new: Sequence[_Planned]) -> None:
        if not new:
            return
        rows = [self._source_values(item) for item in new]
        result = self._conn.execute(
            insert(SOURCES).returning(SOURCES.c.id, sort_by_parameter_order=True), rows
        )
        for item, source_id in zip(new, result.scalars(), strict=True):
            item.source_id = source_id

    def _linked_drugs(self, source_ids: Sequence[int]) -> set[int]:
        """Drugs that rows of these sources point at (before they are replaced)."""
        linked: set[int] = set()
        for chunk in _chunks(source_ids):
            for table in (SECTIONS, FAQS, ALIASES):
                linked.update(
                    self._conn.execute(
                        select(table.c.drug_id).where(table.c.source_id.in_(chunk))
                    ).scalars()
                )
            linked.update(
                self._conn.execute(
                    select(ARTICLE_DRUGS.c.drug_id)
                    .join(ARTICLES, ARTICLES.c.id == ARTICLE_DRUGS.c.article_id)
                    .where(ARTICLES.c.source_id.in_(chunk))
                ).scalars()
            )
        return linked

    def _clear_sources(self, changed: Sequence[_Planned]) -> None:
        """Delete the content rows of changed sources and refresh their source rows."""
        if not changed:
            return
        ids = [cast(int, item.source_id) for item in changed]
        for chunk in _chunks(ids):
            for table in (SECTIONS, FAQS, ALIASES, ARTICLES):
                self._conn.execute(delete(table).where(table.c.source_id.in_(chunk)))
        rows = [{"_id": item.source_id, **self._source_values(item)} for item in changed]
        self._conn.execute(
            update(SOURCES).where(SOURCES.c.id == bindparam("_id")),
            rows,
        )

    # ------------------------------------------------------------------ drugs

    def _upsert_drugs(self, planned: Sequence[_Planned]) -> dict[str, int]:
        """Create or update every drug the batch names; returns slug → id."""
        wanted = {d.slug for item in planned for d in item.document.drugs}
        states = self._load_drug_states(wanted)
        for item in planned:
            is_library = item.document.source.format is SourceFormat.LIBRARY
            for drug in item.document.drugs:
                self._merge_drug(states, drug, is_library)
        new = [s for s in states.values() if s.id is None]
        if new:
            result = self._conn.execute(
                insert(DRUGS).returning(DRUGS.c.id, sort_by_parameter_order=True),
                [s.values() for s in new],
            )
            for state, drug_id in zip(new, result.scalars(), strict=True):
                state.id = drug_id
        dirty = [s for s in states.values() if s.dirty]
        if dirty:
            self._conn.execute(
                update(DRUGS).where(DRUGS.c.id == bindparam("_id")),
                [{"_id": s.id, **s.values()} for s in dirty],
            )
        return {slug: cast(int, s.id) for slug, s in states.items()}

    def _load_drug_states(self, slugs: Collection[str]) -> dict[str, _DrugState]:
        states: dict[str, _DrugState] = {}
        if not slugs:
            return states
        library_ids = set(
            self._conn.execute(
                select(SECTIONS.c.drug_id)
                .join(SOURCES, SOURCES.c.id == SECTIONS.c.source_id)
                .where(SOURCES.c.format == SourceFormat.LIBRARY.value)
                .distinct()
            ).scalars()
        )
        source_counts: dict[int, int] = dict(
            self._conn.execute(
                select(SECTIONS.c.drug_id, func.count(distinct(SECTIONS.c.source_id))).group_by(
                    SECTIONS.c.drug_id
                )
            ).all()
        )
        slug_list = sorted(slugs)
        for start in range(0, len(slug_list), _CHUNK):
            chunk = slug_list[start : start + _CHUNK]
            for row in self._conn.execute(
                select(
                    DRUGS.c.id,
                    DRUGS.c.slug,
                    DRUGS.c.name,
                    DRUGS.c.drug_class,
                    DRUGS.c.unstructured,
                    DRUGS.c.ingredients,
                    DRUGS.c.local_names_json,
                ).where(DRUGS.c.slug.in_(chunk))
            ):
                states[row.slug] = _DrugState(
                    row.id,
                    row.slug,
                    row.name,
                    row.drug_class,
                    bool(row.unstructured),
                    row.id in library_ids,
                    sources=source_counts.get(row.id, 0),
                    ingredients=row.ingredients or "",
                    local_names=json.loads(row.local_names_json or "{}"),
                )
        return states

    @staticmethod
    def _merge_drug(states: dict[str, _DrugState], drug: ParsedDrug, is_library: bool) -> None:
        """Name and class come from a library page. Without one, a drug's only page names it
        (so correcting the title in its file corrects the drug); when several pages describe
        it, the name stays as it is, whichever of them changes."""
        state = states.get(drug.slug)
        if state is None:
            state = states[drug.slug] = _DrugState(
                None,
                drug.slug,
                trim_name(drug.name),
                drug.drug_class,
                drug.unstructured,
                is_library,
            )
            _merge_names(state, drug, is_library)
            return
        _merge_names(state, drug, is_library)
        if is_library:
            state.name = trim_name(drug.name)
            state.drug_class = drug.drug_class or state.drug_class
            state.has_library = True
        elif not state.has_library and state.sources == 0:
            state.name = trim_name(drug.name)
            state.drug_class = drug.drug_class or state.drug_class
        elif state.drug_class is None and drug.drug_class:
            state.drug_class = drug.drug_class
        state.unstructured = state.unstructured and drug.unstructured
        state.dirty = state.id is not None

    # ------------------------------------------------------------------ sections, faqs, aliases

    def _insert_content(self, planned: Sequence[_Planned], drug_ids: Mapping[str, int]) -> float:
        """Insert sections, FAQs and aliases; returns the seconds spent in the dictionary."""
        sections: list[dict[str, Any]] = []
        faqs: list[dict[str, Any]] = []
        for item in planned:
            for drug, graded in zip(item.document.drugs, item.prepared.sections, strict=True):
                drug_id = drug_ids[drug.slug]
                sections.extend(
                    {
                        "drug_id": drug_id,
                        "source_id": item.source_id,
                        "kind": s.kind.value,
                        "audience": s.audience.value,
                        "markdown": s.markdown,
                        "grade": s.grade,
                        "language": s.language.value,
                    }
                    for s in graded
                )
                positions: dict[tuple[Audience, Language], int] = {}
                for faq in drug.faqs:
                    slot = (faq.audience, faq.language)
                    position = positions.get(slot, 0)
                    positions[slot] = position + 1
                    faqs.append(
                        {
                            "drug_id": drug_id,
                            "source_id": item.source_id,
                            "audience": faq.audience.value,
                            "position": position,
                            "question": faq.question,
                            "answer": faq.answer,
                            "language": faq.language.value,
                        }
                    )
        if sections:
            self._conn.execute(insert(SECTIONS), sections)
        if faqs:
            self._conn.execute(insert(FAQS), faqs)
        return self._insert_aliases(planned, drug_ids)

    def _insert_aliases(self, planned: Sequence[_Planned], drug_ids: Mapping[str, int]) -> float:
        """Document aliases, then dictionary aliases, then name variants and brands; one per
        folded name and drug.

        A name a document gives replaces the same name stored from the dictionary (so a
        library page's "Nplate" is a brand name even when the dictionary called it a synonym).
        A dictionary synonym that is a known brand is stored as a brand. Name variants and
        brands of the brand table are worked out for every drug of the database once the
        batch's own aliases are in (see ``import_names.add_table_aliases``). Returns the
        seconds spent in the dictionary and the tables.
        """
        taken = self._taken_names(drug_ids.values())
        rows: list[dict[str, Any]] = []
        replaced: list[dict[str, Any]] = []

        def add(drug_id: int, alias: Alias, source_id: int | None) -> None:
            folded = quick_fold(alias.name)
            if not folded:
                return
            names = taken.setdefault(drug_id, {})
            holder = names.get(folded, _FREE)
            if holder is _OWN_NAME or holder is _FROM_SOURCE:
                return
            if holder is _FROM_DICTIONARY:
                if source_id is None:
                    return
                replaced.append({"_drug": drug_id, "_folded": folded})
            names[folded] = _FROM_SOURCE if source_id is not None else _FROM_DICTIONARY
            rows.append(
                {
                    "drug_id": drug_id,
                    "name": alias.name.strip(),
                    "name_folded": folded,
                    "kind": alias.kind.value,
                    "source_id": source_id,
                }
            )

        names_by_drug: dict[int, str] = {}
        for item in planned:
            for drug in item.document.drugs:
                drug_id = drug_ids[drug.slug]
                names_by_drug.setdefault(drug_id, drug.name)
                for alias in drug.aliases:
                    add(drug_id, alias, item.source_id)
        start = time.perf_counter()
        found = self._aliases(sorted(set(names_by_drug.values()))) if names_by_drug else {}
        seconds = time.perf_counter() - start
        tables = self._tables
        for drug_id, name in names_by_drug.items():
            for alias in found.get(name, ()):
                add(drug_id, tables.relabel(alias), None)
        if replaced:
            self._conn.execute(
                delete(ALIASES).where(
                    ALIASES.c.drug_id == bindparam("_drug"),
                    ALIASES.c.name_folded == bindparam("_folded"),
                    ALIASES.c.source_id.is_(None),
                ),
                replaced,
            )
        if rows:
            self._conn.execute(insert(ALIASES), rows)
        start = time.perf_counter()
        if names_by_drug:
            self._branded = add_table_aliases(self._conn, tables)
        return seconds + time.perf_counter() - start

    def _taken_names(self, drug_ids: Iterable[int]) -> dict[int, dict[str, str]]:
        """Folded names already used per drug, and by what: its own name, a stored alias from
        a source, or a stored alias from the dictionary."""
        ids = sorted(set(drug_ids))
        taken: dict[int, dict[str, str]] = {}
        for chunk in _chunks(ids):
            for drug_id, folded, source_id in self._conn.execute(
                select(ALIASES.c.drug_id, ALIASES.c.name_folded, ALIASES.c.source_id).where(
                    ALIASES.c.drug_id.in_(chunk)
                )
            ):
                holder = _FROM_SOURCE if source_id is not None else _FROM_DICTIONARY
                taken.setdefault(drug_id, {})[folded] = holder
            for drug_id, name in self._conn.execute(
                select(DRUGS.c.id, DRUGS.c.name).where(DRUGS.c.id.in_(chunk))
            ):
                taken.setdefault(drug_id, {})[quick_fold(name)] = _OWN_NAME
        return taken

    # ------------------------------------------------------------------ articles

    def _resolver(self) -> NameResolver:
        drugs = self._conn.execute(select(DRUGS.c.id, DRUGS.c.slug, DRUGS.c.name))
        aliases = self._conn.execute(select(ALIASES.c.drug_id, ALIASES.c.name))
        return NameResolver(
            ((r.id, r.slug, r.name) for r in drugs),
            ((r.drug_id, r.name) for r in aliases),
        )

    def _insert_articles(self, planned: Sequence[_Planned]) -> set[int]:
        """Store articles, link them to the drugs they name, and turn an article focused on
        one drug into that drug's professional section. Returns the linked drug ids."""
        with_articles = [item for item in planned if item.document.article is not None]
        if not with_articles:
            return set()
        resolver = self._resolver()
        result = self._conn.execute(
            insert(ARTICLES).returning(ARTICLES.c.id, sort_by_parameter_order=True),
            [
                {
                    "source_id": item.source_id,
                    "question": article.question,
                    "title": article.title,
                    "body_markdown": article.body_markdown,
                    "related_questions_json": json.dumps(list(article.related_questions)),
                }
                for item in with_articles
                if (article := item.document.article) is not None
            ],
        )
        links: list[dict[str, int]] = []
        sections: list[dict[str, Any]] = []
        linked: set[int] = set()
        for item, article_id in zip(with_articles, result.scalars(), strict=True):
            article = cast(ParsedArticle, item.document.article)
            focus_drugs = resolver.resolve(article.focus_name) if article.focus_name else set()
            named = set(focus_drugs)
            for name in article.mentioned_names:
                named |= resolver.resolve(name)
            if article.focus is not None and len(focus_drugs) == 1:
                (focus_id,) = focus_drugs
                sections.append(
                    {
                        "drug_id": focus_id,
                        "source_id": item.source_id,
                        "kind": article.focus.value,
                        "audience": Audience.PROFESSIONAL.value,
                        "markdown": article.body_markdown,
                        "grade": item.prepared.focus_grade,
                    }
                )
            links.extend({"article_id": article_id, "drug_id": d} for d in sorted(named))
            linked |= named
        if links:
            self._conn.execute(insert(ARTICLE_DRUGS), links)
        if sections:
            self._conn.execute(insert(SECTIONS), sections)
        return linked

    # ------------------------------------------------------------------ clean-up

    def _remove_orphans(self, candidates: Collection[int]) -> dict[int, str]:
        """Delete drugs that a re-import left without any source; returns id → slug."""
        ids = sorted(candidates)
        if not ids:
            return {}
        kept: set[int] = set()
        for chunk in _chunks(ids):
            for table in (SECTIONS, FAQS):
                kept.update(
                    self._conn.execute(
                        select(table.c.drug_id).where(table.c.drug_id.in_(chunk))
                    ).scalars()
                )
            kept.update(
                self._conn.execute(
                    select(ALIASES.c.drug_id).where(
                        ALIASES.c.drug_id.in_(chunk), ALIASES.c.source_id.is_not(None)
                    )
                ).scalars()
            )
            kept.update(
                self._conn.execute(
                    select(ARTICLE_DRUGS.c.drug_id).where(ARTICLE_DRUGS.c.drug_id.in_(chunk))
                ).scalars()
            )
        orphans = [d for d in ids if d not in kept]
        removed: dict[int, str] = {}
        for chunk in _chunks(orphans):
            removed.update(
                (row.id, row.slug)
                for row in self._conn.execute(
                    select(DRUGS.c.id, DRUGS.c.slug).where(DRUGS.c.id.in_(chunk))
                )
            )
            self._conn.execute(delete(DRUGS).where(DRUGS.c.id.in_(chunk)))
        return removed
