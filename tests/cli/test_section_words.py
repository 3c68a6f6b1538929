"""Section names as people type them, shared by `handout --sections` and `snapshot --tab`."""

from __future__ import annotations

import pytest

from medguide.cli.handout_cmd import parse_sections
from medguide.core.model import SectionKind
from medguide.ui.drug_view import tab_from_name
from medguide.ui.section_html import SOURCES_TAB


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("usage", SectionKind.USAGE),
        ("Side effects", SectionKind.SIDE_EFFECTS),
        ("side-effects", SectionKind.SIDE_EFFECTS),
        ("how-it-works", SectionKind.MECHANISM),
        ("mechanism", SectionKind.MECHANISM),
        (" FAQ ", SectionKind.FAQ),
    ],
)
def test_words_name_the_same_kind_everywhere(word: str, kind: SectionKind) -> None:
    assert SectionKind.from_word(word) is kind
    assert parse_sections(word) == (kind,)
    assert tab_from_name(word) is kind


def test_unknown_words_are_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="choose from usage"):
        parse_sections("usage,dosing")
    assert parse_sections("all") == (*SectionKind.tab_order(), SectionKind.OVERVIEW)
    assert tab_from_name("sources") == SOURCES_TAB
