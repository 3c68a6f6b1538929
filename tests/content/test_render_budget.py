"""Rendering has a budget: text nested too deep, too long or full of brackets is shown as
plain paragraphs with a note, quickly and without raising; ordinary text is untouched.

Before the budget, 1,500 nested list levels raised ``RecursionError`` after a minute, and
10,000 ``[`` froze the window for half a minute.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from medguide.content.render import (
    MAX_DEPTH,
    PLAIN_NOTE,
    html_depth,
    markdown_to_html,
    nesting_depth,
    render_problem,
)
from tests.library.pages import LIBRARY

HANG_GUARD_S = 10.0
"""Far above the few milliseconds these take: only a hang or a freeze can reach it."""

HOSTILE = {
    "10,000 dashes on one line": "- " * 10_000,
    "1,500 nested list levels": "".join("  " * i + "- level\n" for i in range(1500)),
    "10,000 stars": "*" * 10_000,
    "10,000 spaced stars": "* " * 10_000,
    "stars and underscores": "*_" * 5_000,
    "10,000 open brackets": "[" * 10_000,
    "2,000 quote levels": ">" * 2000 + " deep",
    "nested numbered lists": "".join("   " * i + "1. step\n" for i in range(400)),
    "4.5 MB of nested lists": ("".join("  " * i + "- x\n" for i in range(60)) + "\n") * 2000,
    "bracket links by the thousand": "[a](#b) " * 3000,
}


@pytest.mark.parametrize("markdown", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_is_shown_plainly_with_a_note_and_never_raises(markdown: str) -> None:
    started = time.perf_counter()
    html = markdown_to_html(markdown)
    elapsed = time.perf_counter() - started
    assert elapsed < HANG_GUARD_S, f"rendering took {elapsed:.1f} s"
    assert html_depth(html) <= 3  # nothing a layout engine must recurse into


DEEP = (
    "10,000 dashes on one line",
    "1,500 nested list levels",
    "10,000 open brackets",
    "2,000 quote levels",
    "nested numbered lists",
    "10,000 spaced stars",
)


@pytest.mark.parametrize("name", DEEP)
def test_deep_or_bracketed_text_is_shown_plainly_with_a_note(name: str) -> None:
    markdown = HOSTILE[name]
    assert render_problem(markdown) is not None
    html = markdown_to_html(markdown)
    assert html.startswith(f"<p><i>{PLAIN_NOTE}</i></p>")
    assert html_depth(html) <= 2


def test_nesting_depth_counts_markers_and_indentation() -> None:
    assert nesting_depth("- a\n- b\n") == 1
    assert nesting_depth("- a\n  - b\n    - c\n") == 3
    assert nesting_depth("> > > quoted\n") == 3
    assert nesting_depth("Plain text with - a dash and 1. a number.\n") == 0


def test_an_ordinary_nested_list_is_still_rendered_as_lists() -> None:
    markdown = "".join("    " * i + "- level\n" for i in range(MAX_DEPTH // 2))
    html = markdown_to_html(markdown)
    assert PLAIN_NOTE not in html
    assert html.count("<ul>") == MAX_DEPTH // 2


def test_every_library_page_is_within_the_budget() -> None:
    """The budget never touches real content: each shipped page renders as written."""
    pages = sorted(LIBRARY.glob("*/*.md"))
    assert len(pages) >= 200
    over = [page.name for page in pages if render_problem(page.read_text("utf-8")) is not None]
    assert over == []


def test_every_rxhive_page_is_within_the_budget(rxhive_dir: Path) -> None:
    """Nor any of the 5,817 RxHive pages (each is checked whole; a section is smaller)."""
    pages = sorted(rxhive_dir.rglob("*.md"))
    assert len(pages) > 5000
    over = [page.name for page in pages if render_problem(page.read_text("utf-8")) is not None]
    assert over == []


def test_plain_paragraphs_are_escaped() -> None:
    html = markdown_to_html("<script>x</script>" + "[" * 5000 + "\n\nSecond paragraph.")
    assert "<script" not in html
    assert "<p>Second paragraph.</p>" in html
