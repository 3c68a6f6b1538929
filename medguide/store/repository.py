"""Read and user-data access for the layers above the store.

``Repository`` returns only the frozen view objects of ``medguide.core.views``; no ORM object or
session leaves this module. ``get_drug`` applies the clinic's overrides and the source
precedence (clinic override > ``SourceFormat.precedence`` > newest), so a page has at most one
text per (kind, audience).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from medguide.content.formats import precedence
from medguide.core.model import (
    AliasKind,
    Audience,
    Citation,
    LabelInfo,
    Language,
    LocalName,
    Reference,
    ReviewStatus,
    SectionKind,
    SourceFormat,
)
from medguide.core.text import fold, slugify
from medguide.core.views import (
    ArticleView,
    DrugPage,
    DrugSummary,
    FaqEntry,
    Letterhead,
    RecentEntry,
    SectionText,
    SourceView,
)
from medguide.reading.grade import grade_of_markdown
from medguide.store.database import Database
from medguide.store.schema import (
    AliasRow,
    ArticleDrugRow,
    ArticleRow,
    ClinicNoteRow,
    ClinicOverrideRow,
    ClinicSettingRow,
    DrugRow,
    FaqRow,
    FavouriteRow,
    RecentViewRow,
    SectionRow,
    SlugRedirectRow,
    SourceRow,
)

RECENT_KEPT = 50
"""How many recently viewed drugs are remembered."""

_LETTERHEAD_KEYS = ("clinic_name", "address", "phone", "logo_path")


def _rank(source: SourceRow, audience: Audience) -> tuple[int, bool, int, float, int]:
    """Sort key of a source for one audience: the format's precedence (the format registry
    says it); among FDA labels the brand or reference product (NDA/BLA) before generics;
    then newest text first (last updated or effective, then imported, then the later row)."""
    updated = source.last_updated or date.min
    label = _label(source)
    return (
        precedence(SourceFormat(source.format), audience),
        label is not None and not label.is_reference_product,
        -updated.toordinal(),
        -source.imported_at.timestamp(),
        -source.id,
    )


def _label(row: SourceRow) -> LabelInfo | None:
    """The ``LabelInfo`` kept with a label source (None for other sources)."""
    if not row.label_json:
        return None
    values = json.loads(row.label_json)
    effective = values.get("effective")
    return LabelInfo(
        set_id=values.get("set_id", ""),
        version=values.get("version"),
        effective=date.fromisoformat(effective) if effective else None,
        product=values.get("product", ""),
        manufacturer=values.get("manufacturer", ""),
        application_numbers=tuple(values.get("application_numbers", ())),
        generic_names=tuple(values.get("generic_names", ())),
        brand_names=tuple(values.get("brand_names", ())),
    )


def source_view(row: SourceRow) -> SourceView:
    """The view of one source row."""
    references = tuple(Reference(**r) for r in json.loads(row.references_json or "[]"))
    citations = tuple(
        Citation(**{**c, "sections": tuple(c.get("sections", ()))})
        for c in json.loads(row.citations_json or "[]")
    )
    return SourceView(
        id=row.id,
        format=SourceFormat(row.format),
        origin=row.origin,
        title=row.title,
        last_updated=row.last_updated,
        review_status=ReviewStatus(row.review_status),
        ai_generated=row.ai_generated,
        provenance_note=row.provenance_note,
        disclaimer=row.disclaimer,
        references=references,
        citations=citations,
        label=_label(row),
    )


class Repository:
    """Drug pages, the drug list, favourites, recent views and the clinic's own data."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ drugs

    def drug_count(self) -> int:
        """How many drugs the database holds."""
        with self._db.session() as session:
            return int(session.scalar(select(func.count()).select_from(DrugRow)) or 0)

    def is_empty(self) -> bool:
        """True before the first import."""
        with self._db.session() as session:
            return session.scalar(select(DrugRow.id).limit(1)) is None

    def list_drugs(self) -> list[DrugSummary]:
        """Every drug, by name."""
        with self._db.session() as session:
            rows = session.execute(
                select(DrugRow.slug, DrugRow.name, DrugRow.drug_class).order_by(
                    func.lower(DrugRow.name), DrugRow.slug
                )
            )
            return [DrugSummary(r.slug, r.name, r.drug_class) for r in rows]

    def resolve(self, name: str) -> str | None:
        """The slug a name, alias or slug stands for (exact, case-insensitive), or None."""
        folded = fold(name)
        if not folded:
            return None
        with self._db.session() as session:
            slug = session.scalar(
                select(DrugRow.slug)
                .where(or_(DrugRow.slug == slugify(name), func.lower(DrugRow.name) == folded))
                .order_by(DrugRow.slug != slugify(name))
                .limit(1)
            )
            if slug is not None:
                return slug
            slug = session.scalar(
                select(DrugRow.slug)
                .join(AliasRow, AliasRow.drug_id == DrugRow.id)
                .where(AliasRow.name_folded == folded)
                # a combination brand names its combination drug before an ingredient's drug
                .order_by(AliasRow.kind == AliasKind.INGREDIENT_OF_BRAND.value, DrugRow.name)
                .limit(1)
            )
            if slug is not None:
                return slug
            redirected = session.scalar(
                select(SlugRedirectRow.new_slug).where(SlugRedirectRow.old_slug == slugify(name))
            )
            if redirected is not None or name.isascii():
                return redirected
            # SQLite's lower() keeps accents ("Caféine"): compare folded names in Python
            rows = session.execute(select(DrugRow.slug, DrugRow.name).order_by(DrugRow.name))
            return next((row.slug for row in rows if fold(row.name) == folded), None)

    def redirects(self) -> dict[str, str]:
        """Slugs of drugs merged into another → the slug of the drug they joined."""
        with self._db.session() as session:
            rows = session.execute(select(SlugRedirectRow.old_slug, SlugRedirectRow.new_slug))
            return {str(row.old_slug): str(row.new_slug) for row in rows}

    def get_drug(self, slug: str) -> DrugPage | None:
        """Everything about one drug, best text first, or None when the slug is unknown."""
        with self._db.session() as session:
            drug = session.scalar(select(DrugRow).where(DrugRow.slug == slug))
            if drug is None:
                return None
            return _PageBuilder(session, drug).build()

    # ------------------------------------------------------------------ favourites

    def favourites(self) -> list[DrugSummary]:
        """Starred drugs that exist in the database, by name."""
        with self._db.session() as session:
            rows = session.execute(
                select(DrugRow.slug, DrugRow.name, DrugRow.drug_class)
                .join(FavouriteRow, FavouriteRow.slug == DrugRow.slug)
                .order_by(func.lower(DrugRow.name))
            )
            return [DrugSummary(r.slug, r.name, r.drug_class) for r in rows]

    def is_favourite(self, slug: str) -> bool:
        """True when the drug is starred."""
        with self._db.session() as session:
            return session.get(FavouriteRow, slug) is not None

    def set_favourite(self, slug: str, on: bool) -> None:
        """Star or unstar a drug."""
        with self._db.session() as session:
            if on:
                session.execute(
                    sqlite_insert(FavouriteRow)
                    .values(slug=slug, added_at=datetime.now())
                    .on_conflict_do_nothing()
                )
            else:
                session.execute(delete(FavouriteRow).where(FavouriteRow.slug == slug))

    # ------------------------------------------------------------------ recent views

    def record_view(self, slug: str) -> None:
        """Remember that the drug was opened now; only the newest 50 are kept."""
        now = datetime.now()
        with self._db.session() as session:
            session.execute(
                sqlite_insert(RecentViewRow)
                .values(slug=slug, viewed_at=now)
                .on_conflict_do_update(index_elements=["slug"], set_={"viewed_at": now})
            )
            keep = (
                select(RecentViewRow.slug)
                .order_by(RecentViewRow.viewed_at.desc())
                .limit(RECENT_KEPT)
                .scalar_subquery()
            )
            session.execute(delete(RecentViewRow).where(RecentViewRow.slug.not_in(keep)))

    def recent(self, limit: int = 20) -> list[RecentEntry]:
        """Recently opened drugs that still exist, newest first."""
        with self._db.session() as session:
            rows = session.execute(
                select(DrugRow.slug, DrugRow.name, RecentViewRow.viewed_at)
                .join(RecentViewRow, RecentViewRow.slug == DrugRow.slug)
                .order_by(RecentViewRow.viewed_at.desc())
                .limit(limit)
            )
            return [RecentEntry(r.slug, r.name, r.viewed_at) for r in rows]

    # ------------------------------------------------------------------ clinic data

    def letterhead(self) -> Letterhead:
        """The clinic letterhead (empty fields when never saved)."""
        with self._db.session() as session:
            values = {
                row.key: row.value
                for row in session.execute(
                    select(ClinicSettingRow.key, ClinicSettingRow.value).where(
                        ClinicSettingRow.key.in_(_LETTERHEAD_KEYS)
                    )
                )
            }
        return Letterhead(**{key: values.get(key, "") for key in _LETTERHEAD_KEYS})

    def save_letterhead(self, letterhead: Letterhead) -> None:
        """Store the clinic letterhead."""
        rows = [{"key": key, "value": getattr(letterhead, key)} for key in _LETTERHEAD_KEYS]
        with self._db.session() as session:
            statement = sqlite_insert(ClinicSettingRow)
            session.execute(
                statement.on_conflict_do_update(
                    index_elements=["key"], set_={"value": statement.excluded.value}
                ),
                rows,
            )

    def clinic_note(self, slug: str) -> str:
        """The clinic's instruction for this drug ("" when none)."""
        with self._db.session() as session:
            row = session.get(ClinicNoteRow, slug)
            return row.text if row is not None else ""

    def save_clinic_note(self, slug: str, text: str) -> None:
        """Store the clinic's instruction for a drug; an empty text removes it."""
        with self._db.session() as session:
            if not text.strip():
                session.execute(delete(ClinicNoteRow).where(ClinicNoteRow.slug == slug))
                return
            now = datetime.now()
            session.execute(
                sqlite_insert(ClinicNoteRow)
                .values(slug=slug, text=text, updated_at=now)
                .on_conflict_do_update(
                    index_elements=["slug"], set_={"text": text, "updated_at": now}
                )
            )

    def save_override(
        self, slug: str, kind: SectionKind, audience: Audience, markdown: str
    ) -> None:
        """Store the clinic's own wording of one section (its grade is measured now)."""
        now = datetime.now()
        values: dict[str, Any] = {
            "markdown": markdown,
            "grade": grade_of_markdown(markdown),
            "updated_at": now,
        }
        with self._db.session() as session:
            session.execute(
                sqlite_insert(ClinicOverrideRow)
                .values(slug=slug, kind=kind.value, audience=audience.value, **values)
                .on_conflict_do_update(index_elements=["slug", "kind", "audience"], set_=values)
            )

    def revert_override(self, slug: str, kind: SectionKind, audience: Audience) -> None:
        """Drop the clinic's wording of one section: the imported text shows again."""
        with self._db.session() as session:
            session.execute(
                delete(ClinicOverrideRow).where(
                    ClinicOverrideRow.slug == slug,
                    ClinicOverrideRow.kind == kind.value,
                    ClinicOverrideRow.audience == audience.value,
                )
            )


class _PageBuilder:
    """Assembles one ``DrugPage`` inside a session."""

    def __init__(self, session: Session, drug: DrugRow) -> None:
        self._session = session
        self._drug = drug
        self._sources: dict[int, SourceRow] = {}

    def _source(self, source_id: int) -> SourceRow:
        if source_id not in self._sources:
            row = self._session.get(SourceRow, source_id)
            assert row is not None  # foreign key
            self._sources[source_id] = row
        return self._sources[source_id]

    def build(self) -> DrugPage:
        drug = self._drug
        sections = self._sections()
        faqs = self._faqs()
        articles = self._articles()
        used: list[int] = []
        for source_id in [
            *(s.source_id for s in sections),
            *(f.source_id for f in faqs),
            *(a.source_id for a in articles),
            *self._other_sources(),
        ]:
            if source_id is not None and source_id not in used:
                used.append(source_id)
        aliases = self._session.scalars(
            select(AliasRow).where(AliasRow.drug_id == drug.id).order_by(AliasRow.id)
        ).all()
        note = self._session.get(ClinicNoteRow, drug.slug)
        return DrugPage(
            slug=drug.slug,
            name=drug.name,
            drug_class=drug.drug_class,
            brand_names=tuple(a.name for a in aliases if a.kind == AliasKind.BRAND.value),
            synonyms=tuple(a.name for a in aliases if a.kind == AliasKind.SYNONYM.value),
            sections=tuple(sections),
            faqs=tuple(faqs),
            sources=tuple(source_view(self._source(i)) for i in used),
            related_articles=tuple(articles),
            unstructured=drug.unstructured,
            clinic_note=note.text if note is not None else "",
            local_names=_local_names(drug.local_names_json),
            ingredients=tuple(i for i in (drug.ingredients or "").split(" + ") if i),
        )

    def _other_sources(self) -> list[int]:
        """Sources with text for this drug that no shown section comes from (another label of
        the same drug, say), best first: kept and listed as alternatives."""
        ids = set(
            self._session.scalars(
                select(SectionRow.source_id).where(SectionRow.drug_id == self._drug.id).distinct()
            )
        )
        return sorted(ids, key=lambda i: _rank(self._source(i), Audience.PROFESSIONAL))

    def _sections(self) -> list[SectionText]:
        best: dict[tuple[SectionKind, Audience, Language], SectionText] = {}
        rows = self._session.scalars(
            select(SectionRow).where(SectionRow.drug_id == self._drug.id)
        ).all()
        for row in sorted(
            rows, key=lambda r: _rank(self._source(r.source_id), Audience(r.audience))
        ):
            key = (SectionKind(row.kind), Audience(row.audience), Language(row.language))
            if key not in best:
                best[key] = SectionText(
                    key[0], key[1], row.markdown, row.grade, row.source_id, False, key[2]
                )
        overrides = self._session.scalars(
            select(ClinicOverrideRow).where(ClinicOverrideRow.slug == self._drug.slug)
        ).all()
        for override in overrides:
            key = (SectionKind(override.kind), Audience(override.audience), Language.EN)
            best[key] = SectionText(key[0], key[1], override.markdown, override.grade, None, True)
        order = list(SectionKind)
        return sorted(
            best.values(), key=lambda s: (s.language.value, order.index(s.kind), s.audience.value)
        )

    def _faqs(self) -> list[FaqEntry]:
        rows = self._session.scalars(
            select(FaqRow).where(FaqRow.drug_id == self._drug.id).order_by(FaqRow.position)
        ).all()
        entries: list[FaqEntry] = []
        for language in Language:
            for audience in Audience:
                mine = [r for r in rows if (r.audience, r.language) == (audience, language)]
                if not mine:
                    continue
                best = min(
                    {r.source_id for r in mine}, key=lambda i: _rank(self._source(i), audience)
                )
                entries.extend(
                    FaqEntry(r.question, r.answer, audience, r.source_id, language)
                    for r in mine
                    if r.source_id == best
                )
        return entries

    def _articles(self) -> list[ArticleView]:
        rows: Sequence[ArticleRow] = self._session.scalars(
            select(ArticleRow)
            .join(ArticleDrugRow, ArticleDrugRow.article_id == ArticleRow.id)
            .where(ArticleDrugRow.drug_id == self._drug.id)
            .order_by(ArticleRow.id)
        ).all()
        return [
            ArticleView(
                id=row.id,
                question=row.question,
                title=row.title,
                body_markdown=row.body_markdown,
                source_id=row.source_id,
                related_questions=_strings(json.loads(row.related_questions_json or "[]")),
            )
            for row in rows
        ]


def _local_names(stored: str | None) -> tuple[LocalName, ...]:
    """The ``local_names_json`` column as ``LocalName`` objects (unknown languages dropped)."""
    names = []
    for code, value in json.loads(stored or "{}").items():
        if code in {lang.value for lang in Language} and isinstance(value, dict):
            names.append(LocalName(Language(code), value.get("name", ""), value.get("class", "")))
    return tuple(names)


def _strings(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)
