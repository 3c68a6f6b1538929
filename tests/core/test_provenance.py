"""One wording of where a text came from, for every screen and printout."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from medguide.core import provenance
from medguide.core.model import ReviewStatus, SourceFormat
from medguide.core.views import SourceView

SOURCE = SourceView(
    id=3,
    format=SourceFormat.RXHIVE,
    origin="r/romiplostim.md",
    title="Romiplostim",
    last_updated=date(2026, 1, 8),
    review_status=ReviewStatus.UNREVIEWED,
    ai_generated=True,
)


@pytest.mark.parametrize(
    ("status", "ai", "warning", "note"),
    [
        (ReviewStatus.UNREVIEWED, True, True, provenance.AI_WARNING),
        (ReviewStatus.UNDER_REVIEW, True, True, provenance.AI_WARNING),
        (ReviewStatus.APPROVED, True, False, provenance.AI_APPROVED),
        (ReviewStatus.UNREVIEWED, False, False, ""),
    ],
)
def test_ai_warning_only_while_no_clinician_approved_it(
    status: ReviewStatus, ai: bool, warning: bool, note: str
) -> None:
    source = replace(SOURCE, review_status=status, ai_generated=ai)
    assert provenance.needs_ai_warning(source) is warning
    assert provenance.ai_note(source) == note


def test_lines_name_source_title_status_and_date() -> None:
    assert provenance.source_line(SOURCE) == (
        "RxHive · Romiplostim · review status: unreviewed · updated 2026-01-08"
    )
    assert provenance.source_badge(SOURCE) == "RxHive · Unreviewed · updated 2026-01-08"
    assert provenance.source_line(None, clinic_override=True) == provenance.CLINIC_SOURCE
    assert provenance.source_line(None) == "unknown"
