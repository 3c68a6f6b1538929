"""The window, the handout and the snapshot with text that once broke them: deep nesting,
thousands of brackets, a renderer or a database that fails. The pane always shows the drug
asked for, or says it cannot, and never keeps the previous drug's text."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from medguide.content.render import PLAIN_NOTE, markdown_to_html
from medguide.core.model import Audience, SectionKind
from medguide.core.views import DrugPage, Letterhead, SectionText
from medguide.handout.options import HandoutOptions
from medguide.ui.main_window import MainWindow
from medguide.ui.printing import export_pdf
from medguide.ui.section_html import TabHtmlBuilder
from medguide.ui.settings import Settings
from tests.ui.fakes import make_store, warfarin

HANG_GUARD_S = 10.0
"""Far above the fraction of a second these take: only a freeze reaches it."""

HOSTILE_TEXTS = {
    "dashes": "- " * 10_000,
    "nested": "".join("  " * i + "- level\n" for i in range(1500)),
    "brackets": "[" * 10_000,
    "stars": "Take " + "*" * 10_000 + " with food.",
}


def hostile_page(slug: str, markdown: str) -> DrugPage:
    """A patient page whose every section is ``markdown``."""
    base = warfarin()
    sections = tuple(
        SectionText(section.kind, Audience.PATIENT, markdown, 9.0, 3) for section in base.sections
    )
    return replace(base, slug=slug, name=f"Hostile {slug}", brand_names=(), sections=sections)


@pytest.fixture
def window(qtbot: QtBot, settings: Settings) -> MainWindow:
    pages = [warfarin(), *(hostile_page(slug, text) for slug, text in HOSTILE_TEXTS.items())]
    store, *_ = make_store(pages)
    shown = MainWindow(store, settings, TabHtmlBuilder(markdown_to_html))
    qtbot.addWidget(shown)
    shown.resize(1100, 720)
    shown.show()
    return shown


@pytest.mark.parametrize("slug", HOSTILE_TEXTS)
def test_a_hostile_page_opens_quickly_and_replaces_the_previous_drug(
    window: MainWindow, slug: str
) -> None:
    window.open_drug("warfarin")
    started = time.perf_counter()
    assert window.open_drug(slug)
    for kind in (SectionKind.USAGE, SectionKind.SIDE_EFFECTS, SectionKind.DOSAGE):
        window.drug_view.select_tab(kind)
    window.drug_view.grab()  # lay out and paint, as the screen would
    elapsed = time.perf_counter() - started
    assert elapsed < HANG_GUARD_S, f"opening took {elapsed:.1f} s"
    assert window.drug_view.header.name.text() == f"Hostile {slug}"
    shown = window.drug_view.tab_html(SectionKind.USAGE)
    assert "warfarin" not in shown.lower()
    if slug != "stars":
        assert PLAIN_NOTE in shown


def test_a_renderer_that_fails_shows_a_message_in_the_tab(qtbot: QtBot, settings: Settings) -> None:
    def broken_render(markdown: str) -> str:
        if "level" in markdown:
            raise RecursionError("maximum recursion depth exceeded")
        return markdown_to_html(markdown)

    store, *_ = make_store([warfarin(), hostile_page("nested", HOSTILE_TEXTS["nested"])])
    window = MainWindow(store, settings, TabHtmlBuilder(broken_render))
    qtbot.addWidget(window)
    window.open_drug("warfarin")
    assert window.open_drug("nested")
    shown = window.drug_view.tab_html(SectionKind.USAGE)
    assert "could not be shown" in shown and "RecursionError" in shown
    assert "warfarin" not in shown.lower()


def test_a_drug_that_cannot_be_read_says_so_instead_of_keeping_the_last_one(
    qtbot: QtBot, settings: Settings
) -> None:
    store, repo, *_ = make_store([warfarin(), hostile_page("dashes", "text")])
    window = MainWindow(store, settings, TabHtmlBuilder(markdown_to_html))
    qtbot.addWidget(window)
    window.open_drug("warfarin")

    def damaged(slug: str) -> DrugPage | None:
        raise OSError("disk I/O error")

    repo.get_drug = damaged  # type: ignore[method-assign]
    assert not window.open_drug("dashes")
    assert window.drug_view.header.name.text() == "Cannot show this medicine"
    shown = window.drug_view.tab_html(SectionKind.USAGE)
    assert "dashes" in shown and "disk I/O error" in shown
    assert "Warfarin" not in shown


@pytest.mark.parametrize("slug", HOSTILE_TEXTS)
def test_a_hostile_page_prints_to_pdf(qapp: object, tmp_path: Path, slug: str) -> None:
    out = tmp_path / f"{slug}.pdf"
    started = time.perf_counter()
    count = export_pdf(
        [hostile_page(slug, HOSTILE_TEXTS[slug])], HandoutOptions(), Letterhead(), out
    )
    assert time.perf_counter() - started < HANG_GUARD_S
    assert count >= 1
    assert out.read_bytes().startswith(b"%PDF")


def test_a_read_only_database_says_so_and_offers_no_import(
    qtbot: QtBot, settings: Settings
) -> None:
    from PySide6.QtWidgets import QLabel

    from medguide.ui.actions import ActionId

    store, *_ = make_store([warfarin()])
    store.read_only = True
    window = MainWindow(store, settings, TabHtmlBuilder(markdown_to_html))
    qtbot.addWidget(window)
    notices = [
        label.text()
        for label in window.statusBar().findChildren(QLabel)
        if label.text().startswith("Read-only database")
    ]
    assert len(notices) == 1 and "printing work" in notices[0]
    assert not window.app_actions[ActionId.IMPORT_FILES].isEnabled()
    assert not window.app_actions[ActionId.IMPORT_FOLDER].isEnabled()
    assert window.open_drug("warfarin")  # reading still works
