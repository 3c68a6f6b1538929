"""Main window behaviour over a fake store: tabs, audience switch, history, zoom, import."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget
from pytestqt.qtbot import QtBot

from medguide.core.model import Audience, Persona, SectionKind
from medguide.ui.drug_header import AI_WARNING
from medguide.ui.drug_view import TAB_KEYS, tab_label
from medguide.ui.first_run_dialog import FirstRunDialog
from medguide.ui.import_dialogs import ImportSummaryDialog
from medguide.ui.main_window import MainWindow
from medguide.ui.section_html import SOURCES_TAB, TabHtmlBuilder
from medguide.ui.settings import Settings
from tests.ui.conftest import WindowParts
from tests.ui.fakes import make_store, render, romiplostim, warfarin


def _visible_tabs(tabs: QTabWidget) -> list[str]:
    return [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]


def test_tabs_in_order_and_empty_tab_disabled(parts: WindowParts) -> None:
    window = parts.window
    assert window.open_drug("romiplostim")
    tabs = window.drug_view.tabs
    # the patient's words on the tabs, the usual names for professionals
    assert _visible_tabs(tabs) == [
        "What it is for",
        "Side effects",
        "How it works",
        "How to take it",
        "Warnings",
        "Questions",
        "Sources",
    ]
    window.set_audience(Audience.PROFESSIONAL)
    assert _visible_tabs(tabs) == [
        "Usage",
        "Side effects",
        "How it works",
        "Dosage",
        "Precautions",
        "FAQ",
        "Sources",
    ]
    precautions = TAB_KEYS.index(SectionKind.PRECAUTIONS)
    assert not tabs.isTabEnabled(precautions)
    assert window.drug_view.current_tab() is SectionKind.USAGE
    assert not window.drug_view.select_tab(SectionKind.PRECAUTIONS)


def test_header_shows_name_brands_class_and_ai_warning(parts: WindowParts) -> None:
    window = parts.window
    window.open_drug("romiplostim")
    header = window.drug_view.header
    assert header.name.text() == "Romiplostim"
    assert "Nplate" in header.details.text()
    assert "Thrombopoietin" in header.details.text()
    assert "Unreviewed" in header.badges.text()
    assert header.badges.textFormat() == Qt.TextFormat.RichText  # entities render
    assert header.ai_warning.text() == AI_WARNING
    assert not header.ai_warning.isHidden()
    assert not header.print_button.isEnabled()
    assert header.print_button.toolTip()


def test_audience_switch_keeps_drug_tab_and_scroll(parts: WindowParts, qtbot: QtBot) -> None:
    window = parts.window
    window.resize(900, 500)
    with qtbot.waitExposed(window):
        window.show()
    window.set_audience(Audience.PROFESSIONAL)
    window.open_drug("romiplostim")
    view = window.drug_view
    assert "Indicated for ITP" in view.tab_html(SectionKind.USAGE)
    view.set_scroll_fraction(0.5)
    assert 0.45 < view.scroll_fraction() < 0.55
    window.audience_switch.buttons[Audience.PATIENT].click()
    assert window.settings.audience is Audience.PATIENT
    assert view.page is not None and view.page.slug == "romiplostim"
    assert view.current_tab() is SectionKind.USAGE
    assert "Raises platelets" in view.tab_html(SectionKind.USAGE)
    view.select_tab(SectionKind.MECHANISM)
    shown = view.tab_html(SectionKind.MECHANISM)
    assert "written for professionals" in shown  # the only version, and for whom
    assert "References" not in shown


def test_scroll_fraction_is_kept_between_audiences(qtbot: QtBot, settings: Settings) -> None:
    long_both = romiplostim()
    store, *_ = make_store([long_both, warfarin()])
    window = MainWindow(store, settings, TabHtmlBuilder(render))
    qtbot.addWidget(window)
    window.resize(900, 500)
    with qtbot.waitExposed(window):
        window.show()
    window.open_drug("warfarin")
    view = window.drug_view
    view.select_tab(SectionKind.DOSAGE)
    view.set_scroll_fraction(0.6)
    before = view.scroll_fraction()
    window.set_audience(Audience.PROFESSIONAL)  # warfarin has patient text only: fallback
    qtbot.wait(10)
    assert view.current_tab() is SectionKind.DOSAGE
    assert abs(view.scroll_fraction() - before) < 0.05
    assert "One version of this text exists" in view.tab_html(SectionKind.DOSAGE)


def test_back_forward_and_recent(parts: WindowParts) -> None:
    window = parts.window
    parts.repo.pages["warfarin"] = warfarin()
    window.open_drug("romiplostim")
    window.open_drug("warfarin")
    assert parts.repo.views == ["warfarin", "romiplostim"]
    window.go_back()
    assert window.drug_view.page is not None and window.drug_view.page.slug == "romiplostim"
    window.go_forward()
    assert window.drug_view.page.slug == "warfarin"
    assert not window.open_drug("missing")


def test_zoom_changes_text_size_and_is_remembered(parts: WindowParts, tmp_path: Path) -> None:
    window = parts.window
    window.open_drug("romiplostim")
    browser = window.drug_view.browsers[SectionKind.USAGE]
    before = browser.font().pointSizeF()
    window.zoom(2)
    assert browser.font().pointSizeF() == before + 2
    assert window.drug_view.header.badges.font().pointSizeF() == before + 2
    assert window.search_panel.lasa.font().pointSizeF() == before + 2
    assert Settings(Path(window.settings.file_name)).zoom == 2
    window.zoom(0)
    assert browser.font().pointSizeF() == before


def test_geometry_is_saved_on_close(parts: WindowParts) -> None:
    window = parts.window
    window.resize(812, 611)
    window.close()
    assert not window.settings.geometry.isEmpty()


def test_keyboard_shortcuts(parts: WindowParts, qtbot: QtBot) -> None:
    window = parts.window
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.drug_view.tabs.setFocus()
    assert not window.search_panel.field.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_panel.field
    window.drug_view.tabs.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_panel.field
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.audience is Audience.PROFESSIONAL


def test_every_control_has_an_accessible_name(parts: WindowParts) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListView, QTextBrowser

    window = parts.window
    window.open_drug("romiplostim")
    for cls in (QAbstractButton, QLineEdit, QListView, QTextBrowser):
        for widget in window.findChildren(cls):
            if widget.isVisibleTo(window) and widget.objectName() != "qt_toolbar_ext_button":
                name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
                assert name, f"{cls.__name__} without a name"


def test_first_run_question_sets_the_audience(parts: WindowParts, qtbot: QtBot) -> None:
    window = parts.window

    def answer() -> None:
        dialog = window.findChild(FirstRunDialog)
        assert dialog is not None
        dialog.options[Persona.PROFESSIONAL].setChecked(True)
        dialog.accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, answer)
    window.ask_persona()
    assert window.settings.persona is Persona.PROFESSIONAL
    assert window.audience_switch.audience is Audience.PROFESSIONAL


def test_import_runs_in_background_then_summarises(parts: WindowParts, qtbot: QtBot) -> None:
    window = parts.window
    with qtbot.waitSignal(window.import_finished, timeout=5000) as blocker:
        window.import_files([Path("/lib")])
    report = blocker.args[0]
    assert report.imported and report.rejected
    assert parts.search.reloads == 1
    dialog = window.findChild(ImportSummaryDialog)
    assert dialog is not None
    text = dialog.details.toPlainText()
    assert "broken.md" in text and "missing required key" in text
    assert window.search_panel.model.rowCount() == 2  # warfarin listed
    dialog.close()


def test_cancelled_import_changes_nothing(parts: WindowParts, qtbot: QtBot) -> None:
    window = parts.window
    parts.importer.step_s = 0.05
    task = window.import_files([Path("/lib")])
    assert task is not None
    task.cancel()
    with qtbot.waitSignal(window.import_finished, timeout=5000) as blocker:
        pass
    assert blocker.args[0].cancelled
    assert "warfarin" not in parts.repo.pages
    assert parts.search.reloads == 0
    dialog = window.findChild(ImportSummaryDialog)
    assert dialog is not None and "cancelled" in dialog.windowTitle().lower()
    dialog.close()


def test_first_start_imports_library_without_asking(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    store, repo, _search, importer = make_store([], library=tmp_path)
    window = MainWindow(store, settings, TabHtmlBuilder(render))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.import_finished, timeout=5000):
        window.start(ask_persona=False)
        assert "Loading the built-in library" in window.search_panel.empty.text()
    assert importer.calls == [[tmp_path]]
    assert "warfarin" in repo.pages
    assert window.findChild(ImportSummaryDialog) is not None  # a rejected file is reported
    assert window.search_panel.model.rowCount() == 1


def test_sources_tab_visible_and_labelled(parts: WindowParts) -> None:
    window = parts.window
    window.open_drug("romiplostim")
    assert window.drug_view.select_tab(SOURCES_TAB)
    assert tab_label(SOURCES_TAB) == "Sources"
    assert "Test source 1" in window.drug_view.tab_html(SOURCES_TAB)


def test_glossary_terms_show_a_tooltip(parts: WindowParts, qtbot: QtBot) -> None:
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    window = parts.window
    window.resize(900, 500)
    with qtbot.waitExposed(window):
        window.show()
    window.open_drug("romiplostim")
    browser = window.drug_view.browsers[SectionKind.USAGE]
    browser.setHtml('<p><span title="tiny blood cells">platelets</span> and more words</p>')
    rect = browser.cursorRect(browser.document().find("platelets"))
    point = QPoint(rect.center().x() - 4, rect.center().y())
    event = QHelpEvent(QEvent.Type.ToolTip, point, browser.viewport().mapToGlobal(point))
    QApplication.sendEvent(browser.viewport(), event)
    assert QToolTip.text() == "tiny blood cells"
    QToolTip.hideText()


def test_links_never_open_anything(parts: WindowParts, qtbot: QtBot) -> None:
    from PySide6.QtCore import QUrl

    window = parts.window
    window.open_drug("romiplostim")
    browser = window.drug_view.browsers[SectionKind.USAGE]
    with qtbot.waitSignal(window.drug_view.link_ignored) as blocker:
        browser.anchorClicked.emit(QUrl("https://example.org/label"))
    assert blocker.args == ["https://example.org/label"]
    assert "offline" in window.statusBar().currentMessage()
    assert browser.source().isEmpty()


def test_unstructured_page_opens_on_overview(qtbot: QtBot, settings: Settings) -> None:
    from dataclasses import replace

    from medguide.core.views import ArticleView, SectionText

    page = replace(
        warfarin(),
        slug="mixture",
        name="A + B + C",
        sections=(SectionText(SectionKind.OVERVIEW, Audience.PATIENT, "All in one.", 9.0, 3),),
        faqs=(),
        unstructured=True,
        related_articles=(ArticleView(7, "Why?", "Because", "Body text.", 3),),
    )
    store, *_ = make_store([page])
    window = MainWindow(store, settings, TabHtmlBuilder(render))
    qtbot.addWidget(window)
    window.open_drug("mixture")
    tabs = window.drug_view.tabs
    assert _visible_tabs(tabs)[0] == "More about it"  # the overview, in a patient's words
    assert "Related articles" in _visible_tabs(tabs)
    assert window.drug_view.current_tab() is SectionKind.OVERVIEW
    enabled = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabEnabled(i)]
    assert enabled == ["More about it", "Related articles", "Sources"]
    assert "All in one." in window.drug_view.tab_html(SectionKind.OVERVIEW)


def test_user_data_writes_wait_for_a_running_import(parts: WindowParts) -> None:
    window = parts.window
    repo = parts.repo
    window.importing = lambda: True  # type: ignore[method-assign]
    window.open_drug("romiplostim")
    window.drug_view.header.star.click()
    assert repo.views == [] and repo.favs == []  # nothing waits on the import's write lock
    window.importing = lambda: False  # type: ignore[method-assign]
    window._import_ended(quiet=True)
    assert repo.views == ["romiplostim"] and repo.favs == ["romiplostim"]


def test_a_related_question_clicked_runs_as_a_search(parts: WindowParts, qtbot: QtBot) -> None:
    from dataclasses import replace

    from PySide6.QtCore import QUrl

    from medguide.core.views import ArticleView
    from medguide.ui.section_html import ARTICLES_TAB

    article = ArticleView(
        id=1,
        question="What does it do?",
        title="A made-up article",
        body_markdown="Some text.",
        source_id=1,
        related_questions=("How does warfarin interact with sleeping pills?",),
    )
    page = parts.repo.pages["romiplostim"]
    parts.repo.pages["romiplostim"] = replace(page, related_articles=(article,))
    window = parts.window
    window.set_audience(Audience.PROFESSIONAL)
    window.open_drug("romiplostim")
    assert window.drug_view.select_tab(ARTICLES_TAB)
    html_text = window.drug_view.browsers[ARTICLES_TAB].toHtml()
    assert "medguide-search:How%20does%20warfarin" in html_text
    link = QUrl("medguide-search:How%20does%20warfarin%20interact%20with%20sleeping%20pills%3F")
    window.drug_view.browsers[ARTICLES_TAB].anchorClicked.emit(link)
    assert window.search_panel.field.text() == "How does warfarin interact with sleeping pills?"


def test_help_menu_lists_shortcuts_and_where_the_data_lives(parts: WindowParts) -> None:
    window = parts.window
    from medguide.ui.help_menu import about_html, shortcuts_html

    help_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Help")
    assert [a.text() for a in help_menu.actions()] == ["&Keyboard shortcuts", "&About MedGuide"]
    assert "Ctrl+K" in shortcuts_html() and "Ctrl+P" in shortcuts_html()
    about = about_html("/data/medguide.sqlite")
    assert "/data/medguide.sqlite" in about and "offline" in about


def test_every_shortcut_in_the_help_is_bound_to_its_action(parts: WindowParts) -> None:
    """The help is generated from the action table, and each listed key is really bound."""
    window = parts.window
    from medguide.ui.actions import ACTIONS, ActionId
    from medguide.ui.help_menu import shortcuts_html

    text = shortcuts_html()
    for spec in ACTIONS:
        bound = [k.toString() for k in window.app_actions[spec.id].shortcuts()]
        assert [QKeySequence(k).toString() for k in spec.shortcuts] == bound
        if spec.help:
            assert html.escape(spec.help) in text and html.escape(spec.help_keys) in text
    assert window.app_actions[ActionId.FIND].shortcuts()[0].toString() == "Ctrl+K"
