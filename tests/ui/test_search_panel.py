"""Search pane: debounced background search, reasons, suggestion, empty message, keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from medguide.core.views import MatchKind, SearchHit, SearchResponse
from medguide.ui.drug_list_model import DETAIL_ROLE
from medguide.ui.search_controller import SearchController
from medguide.ui.search_panel import PLACEHOLDER, SearchPanel
from tests.ui.conftest import WindowParts
from tests.ui.fakes import FakeRepository, FakeSearch, romiplostim, warfarin


def _panel(qtbot: QtBot, delay_s: float = 0.0) -> tuple[SearchPanel, FakeSearch, SearchController]:
    repo = FakeRepository([romiplostim(), warfarin()])
    search = FakeSearch(repo, delay_s)
    controller = SearchController(search)
    panel = SearchPanel(repo, controller)
    qtbot.addWidget(panel)
    return panel, search, controller


def test_typing_is_debounced_into_one_search(qtbot: QtBot) -> None:
    panel, search, controller = _panel(qtbot)
    assert panel.field.placeholderText() == PLACEHOLDER
    with qtbot.waitSignal(controller.answered, timeout=3000):
        qtbot.keyClicks(panel.field, "Npla")
    assert search.queries == ["Npla"]
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data(DETAIL_ROLE) == "brand name Nplate"
    controller.wait()


def test_stale_answers_are_dropped(qtbot: QtBot) -> None:
    panel, _search, controller = _panel(qtbot, delay_s=0.3)
    panel.field.setText("warf")
    controller.run_now()  # slow search for "warf" starts
    panel.field.setText("romi")
    with qtbot.waitSignal(controller.answered, timeout=5000) as blocker:
        controller.run_now()
    response = blocker.args[0]
    assert isinstance(response, SearchResponse)
    assert response.query == "romi"
    controller.wait()
    qtbot.wait(20)
    assert panel.model.index(0, 0).data() == "Romiplostim"
    assert panel.model.rowCount() == 1


def test_suggestion_lasa_and_empty_message(qtbot: QtBot) -> None:
    panel, _search, controller = _panel(qtbot)
    panel.field.setText("romiplastin")
    with qtbot.waitSignal(controller.answered):
        controller.run_now()
    assert panel.suggestion.isVisibleTo(panel)
    assert "Showing results for <b>romiplostim</b>" in panel.suggestion.text()
    panel.field.setText("warfarin")
    with qtbot.waitSignal(controller.answered):
        controller.run_now()
    assert panel.lasa.isVisibleTo(panel)
    assert not panel.suggestion.isVisibleTo(panel)
    panel.field.setText("zzzz")
    with qtbot.waitSignal(controller.answered):
        controller.run_now()
    assert panel.stack.currentWidget() is panel.empty
    assert "No drug matches" in panel.empty.text()
    controller.wait()


def test_keyboard_arrows_enter_and_escape(qtbot: QtBot) -> None:
    panel, _search, controller = _panel(qtbot)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    panel.field.setFocus()
    panel.field.setText("r")
    with qtbot.waitSignal(controller.answered):
        controller.run_now()
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.view.hasFocus()
    assert panel.view.currentIndex().row() == 0
    with qtbot.waitSignal(panel.open_requested) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert blocker.args[0] in {"romiplostim", "warfarin"}
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)  # up from the first row returns to the field
    assert panel.field.hasFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.view, Qt.Key.Key_Escape)  # Esc in the list returns to the field
    assert panel.field.hasFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)  # Esc in the field clears it
    assert panel.field.text() == ""
    assert panel.modes.isVisibleTo(panel)
    assert panel.model.rowCount() == 2  # back to All drugs
    controller.wait()


def test_enter_in_field_opens_first_hit(qtbot: QtBot) -> None:
    panel, _search, controller = _panel(qtbot)
    panel.show()
    panel.field.setText("coumadin")
    with qtbot.waitSignal(panel.open_requested, timeout=3000) as blocker:
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert blocker.args == ["warfarin"]
    controller.wait()


def test_browse_modes_show_favourites_and_recent(parts: WindowParts, qtbot: QtBot) -> None:
    panel = parts.window.search_panel
    panel.modes.setCurrentIndex(1)
    assert panel.stack.currentWidget() is panel.empty
    assert "No favourites yet" in panel.empty.text()
    parts.window.open_drug("romiplostim")
    parts.window.drug_view.header.star.click()
    assert parts.repo.favs == ["romiplostim"]
    assert panel.model.rowCount() == 1
    panel.modes.setCurrentIndex(2)
    assert panel.model.index(0, 0).data() == "Romiplostim"
    parts.repo.pages["warfarin"] = warfarin()
    parts.window.open_drug("warfarin")
    assert panel.model.index(0, 0).data() == "Warfarin"  # the Recent list follows
    assert panel.current_slug() == "warfarin"


def _hit(slug: str, match: MatchKind) -> SearchHit:
    return SearchHit(slug, slug.capitalize(), match, f"{match.value} match", 1.0)


@pytest.mark.parametrize(
    ("hits", "suggestion", "lasa", "opens"),
    [
        ([_hit("warfarin", MatchKind.EXACT)], None, None, True),
        ([_hit("warfarin", MatchKind.PREFIX)], None, None, True),
        (
            [_hit("warfarin", MatchKind.PREFIX), _hit("romiplostim", MatchKind.PREFIX)],
            None,
            None,
            False,
        ),  # "hydro" starts several names: the person picks
        ([_hit("romiplostim", MatchKind.FUZZY)], "romiplostim", None, False),
        ([_hit("warfarin", MatchKind.EXACT)], None, "Warfarin looks like another name", False),
        ([_hit("warfarin", MatchKind.TEXT)], None, None, False),
    ],
)
def test_enter_opens_only_the_name_that_was_typed(
    qtbot: QtBot,
    hits: list[SearchHit],
    suggestion: str | None,
    lasa: str | None,
    opens: bool,
) -> None:
    panel, _search, controller = _panel(qtbot)
    panel.show()
    panel.field.setText("query")
    controller.wait()
    opened: list[str] = []
    panel.open_requested.connect(opened.append)
    panel._open_on_answer = True
    panel.show_response(SearchResponse("query", tuple(hits), suggestion, lasa))
    assert opened == ([hits[0].slug] if opens else [])
    assert opens or "press Enter to open it" in panel.status.text()
