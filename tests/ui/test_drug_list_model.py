"""DrugListModel: passes Qt's model tester and exposes slug, reason and tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from medguide.core.views import DrugSummary, MatchKind, SearchHit
from medguide.ui.drug_list_model import DETAIL_ROLE, SLUG_ROLE, DrugListModel


def _hits() -> list[SearchHit]:
    return [
        SearchHit("romiplostim", "Romiplostim", MatchKind.EXACT, "brand name Nplate", 1.0),
        SearchHit("eltrombopag", "Eltrombopag", MatchKind.TEXT, "text", 0.5, "**platelets** low"),
    ]


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = DrugListModel()
    model.set_results(_hits())
    qtmodeltester.check(model)
    model.set_summaries([DrugSummary("a", "A"), DrugSummary("b", "B", "Class B")])
    qtmodeltester.check(model)
    model.set_entries([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_rows_carry_slug_reason_and_tooltip() -> None:
    model = DrugListModel()
    model.set_results(_hits())
    first, second = model.index(0, 0), model.index(1, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == "Romiplostim"
    assert first.data(SLUG_ROLE) == "romiplostim"
    assert first.data(DETAIL_ROLE) == "brand name Nplate"
    assert "Nplate" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert second.data(DETAIL_ROLE) == "text: platelets low"
    assert model.row_of("eltrombopag") == 1
    assert model.row_of("missing") == -1
