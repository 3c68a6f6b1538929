"""FDA label provenance, ingredients and names in other languages, languages of texts, and a
small store_meta table.

- ``sources.set_id`` / ``sources.label_version`` / ``sources.label_json``: which FDA label
  (SPL set id and version) a source is, and its ``LabelInfo`` as JSON (product, manufacturer,
  application numbers, effective date), for the label precedence rule and the provenance line.
- ``drugs.ingredients``: the active ingredients a document named, lower case, joined by " + ",
  so a label or page joins the drug of the same substance; ``drugs.local_names_json``: the
  drug's name and class in other languages (``{"es": {"name": "Warfarina", "class": …}}``).
- ``sections.language`` / ``faqs.language``: the language of the text (``en`` for every row
  written before, ``es`` for the Spanish patient pages).
- ``store_meta``: facts about the store itself (the fingerprint of the built-in library that was
  last loaded), never clinic data.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the columns and the table."""
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("set_id", sa.String, nullable=True))
        batch.add_column(sa.Column("label_version", sa.Integer, nullable=True))
        batch.add_column(sa.Column("label_json", sa.Text, nullable=False, server_default=""))
        batch.create_index("ix_sources_set_id", ["set_id"])
    with op.batch_alter_table("drugs") as batch:
        batch.add_column(sa.Column("ingredients", sa.Text, nullable=False, server_default=""))
        batch.add_column(
            sa.Column("local_names_json", sa.Text, nullable=False, server_default="{}")
        )
    for table in ("sections", "faqs"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("language", sa.String, nullable=False, server_default="en"))
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Drop them again."""
    op.drop_table("store_meta")
    for table in ("sections", "faqs"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("language")
    with op.batch_alter_table("drugs") as batch:
        batch.drop_column("local_names_json")
        batch.drop_column("ingredients")
    with op.batch_alter_table("sources") as batch:
        batch.drop_index("ix_sources_set_id")
        batch.drop_column("label_json")
        batch.drop_column("label_version")
        batch.drop_column("set_id")
