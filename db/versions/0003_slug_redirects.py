"""Slugs of drugs merged into another: ``slug_redirects(old_slug → new_slug)``.

When pages of one substance join one drug (``medguide.store.importing.merge``), the slugs of
the drugs that went away still lead to the drug that stayed: for ``medguide show OLD-SLUG``, a
link or a saved "last open drug", and for search evaluation against older query sets.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the table."""
    op.create_table(
        "slug_redirects",
        sa.Column("old_slug", sa.String, primary_key=True),
        sa.Column("new_slug", sa.String, nullable=False),
    )


def downgrade() -> None:
    """Drop it."""
    op.drop_table("slug_redirects")
