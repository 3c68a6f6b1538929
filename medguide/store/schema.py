"""SQLAlchemy 2 ORM tables of the content store and of the user data.

Content tables (``sources``, ``drugs``, ``aliases``, ``sections``, ``faqs``, ``articles``,
``article_drugs``) are written only by the importer. User tables (``favourites``,
``recent_views``, ``clinic_settings``, ``clinic_notes``, ``clinic_overrides``,
``handout_presets``) are written only by the user's actions; they refer to drugs by slug, not by
row id, so that no import can ever delete them.

The FTS5 table ``search_index`` is not an ORM class (SQLAlchemy has no FTS5 DDL); it is created
by the migration and kept in step by the importer. One row per searchable text:
``search_index(drug_id UNINDEXED, field UNINDEXED, text)`` where ``field`` is one of
``name``, ``alias``, ``section``, ``faq``, ``article``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of every MedGuide table."""


# --------------------------------------------------------------------------- content


class SourceRow(Base):
    """One imported file (provenance). ``key`` identifies the document across re-imports."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    format: Mapped[str] = mapped_column(String)
    origin: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    last_updated: Mapped[date | None] = mapped_column(Date)
    review_status: Mapped[str] = mapped_column(String, default="unreviewed")
    ai_generated: Mapped[bool] = mapped_column(Boolean, default=False)
    provenance_note: Mapped[str] = mapped_column(Text, default="")
    disclaimer: Mapped[str] = mapped_column(Text, default="")
    references_json: Mapped[str] = mapped_column(Text, default="[]")
    citations_json: Mapped[str] = mapped_column(Text, default="[]")
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    set_id: Mapped[str | None] = mapped_column(String, index=True)
    """The SPL set id when the source is an FDA label (openFDA or SPL)."""
    label_version: Mapped[int | None] = mapped_column(Integer)
    label_json: Mapped[str] = mapped_column(Text, default="", server_default="")
    """``LabelInfo`` of an FDA label as JSON; empty for other sources."""


class DrugRow(Base):
    """A drug; created by the first source that names it, kept while any source refers to it."""

    __tablename__ = "drugs"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(Text)
    drug_class: Mapped[str | None] = mapped_column(Text)
    unstructured: Mapped[bool] = mapped_column(Boolean, default=False)
    ingredients: Mapped[str] = mapped_column(Text, default="", server_default="")
    """Active ingredients a document named, lower case, joined by " + " (may be empty)."""
    local_names_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    """The drug's name and class in other languages: ``{"es": {"name": …, "class": …}}``."""

    aliases: Mapped[list[AliasRow]] = relationship(
        back_populates="drug", cascade="all, delete-orphan"
    )
    sections: Mapped[list[SectionRow]] = relationship(
        back_populates="drug", cascade="all, delete-orphan"
    )
    faqs: Mapped[list[FaqRow]] = relationship(back_populates="drug", cascade="all, delete-orphan")


class AliasRow(Base):
    """A brand name or synonym of a drug. ``source_id`` is None for names added from the
    drug-name dictionary at import time."""

    __tablename__ = "aliases"
    __table_args__ = (
        UniqueConstraint("drug_id", "name_folded"),
        Index("ix_aliases_name_folded", "name_folded"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    drug_id: Mapped[int] = mapped_column(ForeignKey("drugs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))

    drug: Mapped[DrugRow] = relationship(back_populates="aliases")


class SectionRow(Base):
    """One section of one drug for one audience from one source."""

    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("drug_id", "kind", "audience", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    drug_id: Mapped[int] = mapped_column(ForeignKey("drugs.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String)
    audience: Mapped[str] = mapped_column(String)
    markdown: Mapped[str] = mapped_column(Text)
    grade: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str] = mapped_column(String, default="en", server_default="en")

    drug: Mapped[DrugRow] = relationship(back_populates="sections")


class FaqRow(Base):
    """One FAQ pair of one drug for one audience from one source."""

    __tablename__ = "faqs"

    id: Mapped[int] = mapped_column(primary_key=True)
    drug_id: Mapped[int] = mapped_column(ForeignKey("drugs.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    audience: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String, default="en", server_default="en")

    drug: Mapped[DrugRow] = relationship(back_populates="faqs")


class ArticleRow(Base):
    """A professional Q&A article (one per source)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    body_markdown: Mapped[str] = mapped_column(Text)
    related_questions_json: Mapped[str] = mapped_column(Text, default="[]")


class ArticleDrugRow(Base):
    """Link between an article and a drug it names ("Related articles")."""

    __tablename__ = "article_drugs"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    drug_id: Mapped[int] = mapped_column(
        ForeignKey("drugs.id", ondelete="CASCADE"), primary_key=True
    )


# --------------------------------------------------------------------------- user data


class FavouriteRow(Base):
    """A drug the user starred."""

    __tablename__ = "favourites"

    slug: Mapped[str] = mapped_column(String, primary_key=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class RecentViewRow(Base):
    """A drug the user opened, newest ``viewed_at`` first."""

    __tablename__ = "recent_views"

    slug: Mapped[str] = mapped_column(String, primary_key=True)
    viewed_at: Mapped[datetime] = mapped_column(DateTime)


class ClinicSettingRow(Base):
    """Key/value clinic settings (letterhead fields)."""

    __tablename__ = "clinic_settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ClinicNoteRow(Base):
    """A per-drug clinic instruction printed on that drug's handouts."""

    __tablename__ = "clinic_notes"

    slug: Mapped[str] = mapped_column(String, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ClinicOverrideRow(Base):
    """Clinic-written wording of one section for one audience; shown instead of imported text."""

    __tablename__ = "clinic_overrides"

    slug: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String, primary_key=True)
    audience: Mapped[str] = mapped_column(String, primary_key=True)
    markdown: Mapped[str] = mapped_column(Text)
    grade: Mapped[float | None] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class HandoutPresetRow(Base):
    """A saved handout configuration (sections, print size) under a name."""

    __tablename__ = "handout_presets"

    name: Mapped[str] = mapped_column(String, primary_key=True)
    settings_json: Mapped[str] = mapped_column(Text)


USER_TABLES = (
    "favourites",
    "recent_views",
    "clinic_settings",
    "clinic_notes",
    "clinic_overrides",
    "handout_presets",
)

# The FTS5 index (created by the first migration; SQLAlchemy has no FTS5 DDL). Porter stemming so
# "platelets" finds "platelet"; diacritics folded so "paracétamol" finds "paracetamol".
SEARCH_INDEX_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5("
    "drug_id UNINDEXED, field UNINDEXED, text, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)


# --------------------------------------------------------------------------- about the store


class StoreMetaRow(Base):
    """A fact about the store itself (e.g. which built-in library was loaded); not clinic data."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SlugRedirectRow(Base):
    """A drug merged into another (same substance): its old slug leads to the kept one."""

    __tablename__ = "slug_redirects"

    old_slug: Mapped[str] = mapped_column(String, primary_key=True)
    new_slug: Mapped[str] = mapped_column(String)
