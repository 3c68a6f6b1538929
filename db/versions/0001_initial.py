"""Initial schema: content tables, user tables and the FTS5 search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out here (not taken from medguide.store.schema) so that this revision keeps creating
# exactly the 0001 schema after the models change. The FTS5 statement is the same one as
# schema.SEARCH_INDEX_DDL at the time of writing.
_SEARCH_INDEX_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5("
    "drug_id UNINDEXED, field UNINDEXED, text, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)


def upgrade() -> None:
    """Create every table."""
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String, nullable=False, unique=True),
        sa.Column("format", sa.String, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("last_updated", sa.Date, nullable=True),
        sa.Column("review_status", sa.String, nullable=False, server_default="unreviewed"),
        sa.Column("ai_generated", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("provenance_note", sa.Text, nullable=False, server_default=""),
        sa.Column("disclaimer", sa.Text, nullable=False, server_default=""),
        sa.Column("references_json", sa.Text, nullable=False, server_default="[]"),
        sa.Column("citations_json", sa.Text, nullable=False, server_default="[]"),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "drugs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("drug_class", sa.Text, nullable=True),
        sa.Column("unstructured", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "drug_id", sa.Integer, sa.ForeignKey("drugs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_folded", sa.Text, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=True
        ),
        sa.UniqueConstraint("drug_id", "name_folded"),
    )
    op.create_index("ix_aliases_name_folded", "aliases", ["name_folded"])
    op.create_table(
        "sections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "drug_id", sa.Integer, sa.ForeignKey("drugs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "source_id",
            sa.Integer,
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("audience", sa.String, nullable=False),
        sa.Column("markdown", sa.Text, nullable=False),
        sa.Column("grade", sa.Float, nullable=True),
        sa.UniqueConstraint("drug_id", "kind", "audience", "source_id"),
    )
    op.create_table(
        "faqs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "drug_id", sa.Integer, sa.ForeignKey("drugs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "source_id",
            sa.Integer,
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("audience", sa.String, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "source_id",
            sa.Integer,
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body_markdown", sa.Text, nullable=False),
        sa.Column("related_questions_json", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_table(
        "article_drugs",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "drug_id", sa.Integer, sa.ForeignKey("drugs.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    # Lookups by foreign key (deleting a source's rows, assembling a drug page).
    op.create_index("ix_sections_drug_id", "sections", ["drug_id"])
    op.create_index("ix_sections_source_id", "sections", ["source_id"])
    op.create_index("ix_faqs_drug_id", "faqs", ["drug_id"])
    op.create_index("ix_faqs_source_id", "faqs", ["source_id"])
    op.create_index("ix_aliases_source_id", "aliases", ["source_id"])
    op.create_index("ix_articles_source_id", "articles", ["source_id"])
    op.create_index("ix_article_drugs_drug_id", "article_drugs", ["drug_id"])

    op.create_table(
        "favourites",
        sa.Column("slug", sa.String, primary_key=True),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "recent_views",
        sa.Column("slug", sa.String, primary_key=True),
        sa.Column("viewed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "clinic_settings",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "clinic_notes",
        sa.Column("slug", sa.String, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "clinic_overrides",
        sa.Column("slug", sa.String, primary_key=True),
        sa.Column("kind", sa.String, primary_key=True),
        sa.Column("audience", sa.String, primary_key=True),
        sa.Column("markdown", sa.Text, nullable=False),
        sa.Column("grade", sa.Float, nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "handout_presets",
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("settings_json", sa.Text, nullable=False),
    )
    op.execute(_SEARCH_INDEX_DDL)


def downgrade() -> None:
    """Drop every table."""
    op.execute("DROP TABLE IF EXISTS search_index")
    for table in (
        "handout_presets",
        "clinic_overrides",
        "clinic_notes",
        "clinic_settings",
        "recent_views",
        "favourites",
        "article_drugs",
        "articles",
        "faqs",
        "sections",
        "aliases",
        "drugs",
        "sources",
    ):
        op.drop_table(table)
