"""The real app on a temporary database: first start loads the starter library, then a person
searches, opens a drug, switches tabs and reading level, stars it and goes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from medguide.app import AppContext
from medguide.core.model import Audience, SectionKind
from medguide.core.paths import library_dir
from medguide.ui.drug_list_model import DETAIL_ROLE
from medguide.ui.import_dialogs import ImportSummaryDialog
from medguide.ui.section_html import SOURCES_TAB

pytestmark = pytest.mark.slow

LIBRARY = library_dir()


@pytest.fixture
def context(started_app: AppContext) -> AppContext:
    """The started app (see ``tests/e2e/conftest.py``)."""
    return started_app


def _search(ctx: AppContext, qtbot: QtBot, text: str) -> None:
    window = ctx.window
    window.search_panel.field.clear()
    with qtbot.waitSignal(window.search_controller.answered, timeout=10_000):
        qtbot.keyClicks(window.search_panel.field, text)


def test_search_open_switch_tabs_and_audience(context: AppContext, qtbot: QtBot) -> None:
    window = context.window
    panel = window.search_panel
    assert panel.model.rowCount() >= 5  # the starter library is listed

    _search(context, qtbot, "Nplate")
    assert panel.model.index(0, 0).data() == "Romiplostim"
    assert "Nplate" in panel.model.index(0, 0).data(DETAIL_ROLE)

    _search(context, qtbot, "romiplastin")
    assert panel.suggestion.isVisibleTo(window)
    assert "romiplostim" in panel.suggestion.text().lower()

    # a correction is a suggestion: Enter in the field does not open it, it moves to the list
    with qtbot.assertNotEmitted(window.drug_opened, wait=300):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert panel.view.hasFocus()
    with qtbot.waitSignal(window.drug_opened) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == ["romiplostim"]
    view = window.drug_view
    assert view.header.name.text() == "Romiplostim"
    assert "Nplate" in view.header.details.text()
    assert "Unreviewed" in view.header.badges.text()
    assert not view.header.ai_warning.isHidden()  # the library pages say AI-drafted
    assert "platelet" in view.tab_html(SectionKind.USAGE).lower()

    assert view.select_tab(SectionKind.FAQ)
    patient_faq = view.tab_html(SectionKind.FAQ)
    assert "?" in patient_faq
    window.set_audience(Audience.PROFESSIONAL)
    assert view.current_tab() is SectionKind.FAQ
    assert view.page is not None and view.page.slug == "romiplostim"
    assert view.tab_html(SectionKind.FAQ) != patient_faq
    assert view.select_tab(SOURCES_TAB)
    assert "MedGuide library" in view.tab_html(SOURCES_TAB)

    view.header.star.click()
    panel.field.clear()
    panel.modes.setCurrentIndex(1)
    assert panel.model.index(0, 0).data() == "Romiplostim"

    _search(context, qtbot, "warfarin")
    with qtbot.waitSignal(window.drug_opened):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert view.header.name.text() == "Warfarin"
    window.go_back()
    assert view.header.name.text() == "Romiplostim"


def test_empty_search_shows_a_message(context: AppContext, qtbot: QtBot) -> None:
    _search(context, qtbot, "qqqzzzxxv")
    panel = context.window.search_panel
    assert panel.stack.currentWidget() is panel.empty
    assert "No drug matches" in panel.empty.text()


def test_import_with_bad_files_reports_each_reason(
    context: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.md").write_text("", encoding="utf-8")
    (bad / "no-title.md").write_text("---\naudience: patient\n---\n\n## Usage\nWords.\n")
    window = context.window
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as done:
        window.import_files([bad])
    report = done.args[0]
    # the page without a title cannot be read; the empty file is no page at all: skipped
    assert [Path(r.origin).name for r in report.rejected] == ["no-title.md"]
    assert [Path(r.origin).name for r in report.skipped] == ["empty.md"]
    dialog = window.findChild(ImportSummaryDialog)
    assert dialog is not None
    text = dialog.details.toPlainText()
    assert "empty.md" in text and "no-title.md" in text
    dialog.close()


def test_cancelled_import_leaves_the_database_as_it_was(
    context: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    extra = tmp_path / "extra"
    (extra / "newdrug").mkdir(parents=True)
    page = (LIBRARY / "warfarin" / "patient.md").read_text(encoding="utf-8")
    page = page.replace("title: Warfarin", "title: Zzwarfarin Test Copy", 1)
    (extra / "newdrug" / "patient.md").write_text(page, encoding="utf-8")
    repository = context.collection.repository
    before = repository.list_drugs()
    window = context.window
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as done:
        task = window.import_files([extra])
        assert task is not None
        task.cancel()
    assert done.args[0].cancelled
    assert repository.list_drugs() == before
    for dialog in window.findChildren(ImportSummaryDialog):
        assert "cancelled" in dialog.windowTitle().lower()
        dialog.close()


def test_snapshot_command_writes_a_png(context: AppContext, tmp_path: Path) -> None:
    import argparse

    from PySide6.QtGui import QImage

    from medguide.cli import snapshot_cmd

    db_file = tmp_path / "e2e.sqlite"
    out = tmp_path / "shot.png"
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    snapshot_cmd.add_arguments(parser)
    args = parser.parse_args(
        [
            "--db",
            str(db_file),
            "--out",
            str(out),
            "--drug",
            "Nplate",
            "--tab",
            "faq",
            "--audience",
            "professional",
            "--size",
            "800x500",
        ]
    )
    assert snapshot_cmd.run(args) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 500)


def test_enter_opens_an_exact_name_at_once(context: AppContext, qtbot: QtBot) -> None:
    _search(context, qtbot, "warfarin")
    with qtbot.waitSignal(context.window.drug_opened) as opened:
        qtbot.keyClick(context.window.search_panel.field, Qt.Key.Key_Return)
    assert opened.args == ["warfarin"]
