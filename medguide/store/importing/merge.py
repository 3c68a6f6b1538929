"""One drug per substance: join drugs that pages or labels named differently.

RxHive files ``Paracetamol`` beside ``Acetaminophen``, ``Clonazepam .`` beside ``Clonazepam``; an
FDA label names ``ATORVASTATIN CALCIUM`` or ``INSULIN GLARGINE-YFGN``. ``merge_same_substance``
groups every drug of the database by ``medguide.core.substance.substance_key`` and folds each
group into one drug:

- the drug kept is the one with a MedGuide library page, else the one named by its US name
  (the group's key), else the one with the most sources, else the shortest slug;
- the others' sections, FAQs, aliases and article links move to it (every source is kept and
  still listed under Sources), their names become its synonyms, and their clinic data
  (favourites, recent views, notes, clinic versions of sections) moves to its slug unless it
  already has its own;
- their search-index rows go, and the kept drug's are rebuilt.

It runs at the end of every import that wrote something, so a database that already holds
duplicates is mended at its next import, and when a database is opened by a MedGuide whose rules
are newer than the ones it was merged with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection, Table, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from medguide.core.model import AliasKind, SourceFormat
from medguide.core.substance import substance_key
from medguide.store.importing import fts_writer
from medguide.store.importing.name_resolver import quick_fold
from medguide.store.schema import (
    AliasRow,
    ArticleDrugRow,
    ClinicNoteRow,
    ClinicOverrideRow,
    DrugRow,
    FaqRow,
    FavouriteRow,
    RecentViewRow,
    SectionRow,
    SlugRedirectRow,
    SourceRow,
)

MERGE_RULES_VERSION = "1"
"""Bumped when ``substance_key`` changes, so older databases are merged again on opening."""

DRUGS = cast(Table, DrugRow.__table__)
SECTIONS = cast(Table, SectionRow.__table__)
FAQS = cast(Table, FaqRow.__table__)
ALIASES = cast(Table, AliasRow.__table__)
ARTICLE_DRUGS = cast(Table, ArticleDrugRow.__table__)
SOURCES = cast(Table, SourceRow.__table__)
SLUG_TABLES = (
    cast(Table, FavouriteRow.__table__),
    cast(Table, RecentViewRow.__table__),
    cast(Table, ClinicNoteRow.__table__),
)
OVERRIDES = cast(Table, ClinicOverrideRow.__table__)
REDIRECTS = cast(Table, SlugRedirectRow.__table__)


@dataclass(frozen=True)
class _Drug:
    id: int
    slug: str
    name: str
    ingredients: str
    library: bool
    sources: int


def merge_same_substance(conn: Connection, us_name: Callable[[str], str]) -> dict[str, str]:
    """Fold every group of drugs of one substance into one drug; returns merged slug → kept
    slug. Runs on the caller's connection, inside its transaction."""
    groups: dict[str, list[_Drug]] = defaultdict(list)
    for drug in _drugs(conn):
        key = substance_key(drug.name, drug.ingredients, us_name)
        if key:
            groups[key].append(drug)
    merged: dict[str, str] = {}
    rebuilt: set[int] = set()
    for key, members in groups.items():
        if len(members) < 2:
            continue
        kept = min(members, key=lambda d: _preference(d, key))
        for other in members:
            if other.id != kept.id:
                _fold(conn, other, kept)
                merged[other.slug] = kept.slug
                rebuilt.add(kept.id)
    if rebuilt:
        fts_writer.rebuild_rows(conn, rebuilt)
    _record_redirects(conn, merged)
    return merged


def _record_redirects(conn: Connection, merged: dict[str, str]) -> None:
    """Remember where each merged slug went, and send older redirects on to the new slug."""
    for old, new in merged.items():
        conn.execute(update(REDIRECTS).where(REDIRECTS.c.new_slug == old).values(new_slug=new))
        conn.execute(
            sqlite_insert(REDIRECTS)
            .values(old_slug=old, new_slug=new)
            .on_conflict_do_update(index_elements=[REDIRECTS.c.old_slug], set_={"new_slug": new})
        )


def _drugs(conn: Connection) -> list[_Drug]:
    library = set(
        conn.execute(
            select(SECTIONS.c.drug_id)
            .join(SOURCES, SOURCES.c.id == SECTIONS.c.source_id)
            .where(SOURCES.c.format == SourceFormat.LIBRARY.value)
            .distinct()
        ).scalars()
    )
    counts: dict[int, int] = dict(
        conn.execute(
            select(SECTIONS.c.drug_id, func.count(SECTIONS.c.source_id.distinct())).group_by(
                SECTIONS.c.drug_id
            )
        ).all()
    )
    rows = conn.execute(select(DRUGS.c.id, DRUGS.c.slug, DRUGS.c.name, DRUGS.c.ingredients))
    return [
        _Drug(r.id, r.slug, r.name, r.ingredients or "", r.id in library, counts.get(r.id, 0))
        for r in rows
    ]


def _preference(drug: _Drug, key: str) -> tuple[int, int, int, int, str]:
    """Sort key: library first, then the US name, then most sources, then the shortest slug."""
    own_name = substance_key(drug.name) == key
    return (not drug.library, not own_name, -drug.sources, len(drug.slug), drug.slug)


def _fold(conn: Connection, other: _Drug, kept: _Drug) -> None:
    """Move everything of ``other`` to ``kept`` and delete ``other``."""
    kept_names = set(
        conn.execute(select(ALIASES.c.name_folded).where(ALIASES.c.drug_id == kept.id)).scalars()
    )
    kept_names.add(quick_fold(kept.name))
    # aliases ``kept`` already has would break its (drug, name) uniqueness: drop them first
    conn.execute(
        delete(ALIASES).where(ALIASES.c.drug_id == other.id, ALIASES.c.name_folded.in_(kept_names))
    )
    for table in (SECTIONS, FAQS, ALIASES):
        conn.execute(update(table).where(table.c.drug_id == other.id).values(drug_id=kept.id))
    linked = set(
        conn.execute(
            select(ARTICLE_DRUGS.c.article_id).where(ARTICLE_DRUGS.c.drug_id == kept.id)
        ).scalars()
    )
    conn.execute(
        delete(ARTICLE_DRUGS).where(
            ARTICLE_DRUGS.c.drug_id == other.id, ARTICLE_DRUGS.c.article_id.in_(linked)
        )
    )
    conn.execute(
        update(ARTICLE_DRUGS).where(ARTICLE_DRUGS.c.drug_id == other.id).values(drug_id=kept.id)
    )
    folded = quick_fold(other.name)
    if folded and folded not in kept_names:
        conn.execute(
            ALIASES.insert().values(
                drug_id=kept.id,
                name=other.name.strip(" ."),
                name_folded=folded,
                kind=AliasKind.SYNONYM.value,
                source_id=None,
            )
        )
    _move_clinic_data(conn, other.slug, kept.slug)
    fts_writer.delete_rows(conn, [other.id])
    conn.execute(delete(DRUGS).where(DRUGS.c.id == other.id))


def _move_clinic_data(conn: Connection, old: str, new: str) -> None:
    """Clinic data of the merged slug goes to the kept slug, unless that has its own."""
    for table in SLUG_TABLES:
        has_own = conn.execute(select(table.c.slug).where(table.c.slug == new)).first()
        if has_own:
            conn.execute(delete(table).where(table.c.slug == old))
        else:
            conn.execute(update(table).where(table.c.slug == old).values(slug=new))
    own_kinds = set(
        conn.execute(
            select(OVERRIDES.c.kind, OVERRIDES.c.audience).where(OVERRIDES.c.slug == new)
        ).all()
    )
    for kind, audience in conn.execute(
        select(OVERRIDES.c.kind, OVERRIDES.c.audience).where(OVERRIDES.c.slug == old)
    ).all():
        match = (OVERRIDES.c.slug == old) & (OVERRIDES.c.kind == kind)
        match &= OVERRIDES.c.audience == audience
        if (kind, audience) in own_kinds:
            conn.execute(delete(OVERRIDES).where(match))
        else:
            conn.execute(update(OVERRIDES).where(match).values(slug=new))
