"""The section editor: live grade meter, glossary highlighting, save / cancel / revert."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from pytestqt.qtbot import QtBot

from medguide.core.model import Audience, SectionKind
from medguide.reading.badges import GradeBand
from medguide.reading.glossary import Glossary, GlossaryEntry
from medguide.ui.section_editor import EditAction, SectionEditorDialog

GLOSSARY = Glossary(
    [
        GlossaryEntry("hypotension", (), "blood pressure that is too low"),
        GlossaryEntry("edema", (), "swelling caused by fluid"),
    ]
)
HARD = "Hypersensitivity reactions, including anaphylaxis, have been reported."


@pytest.fixture
def dialog(qtbot: QtBot) -> SectionEditorDialog:
    editor = SectionEditorDialog(
        None, "Testadrine", SectionKind.SIDE_EFFECTS, Audience.PATIENT, HARD, GLOSSARY
    )
    qtbot.addWidget(editor)
    return editor


def test_opens_with_grade_of_initial_text(dialog: SectionEditorDialog) -> None:
    assert dialog.meter.badge.text().strip() == "Reading level: grade 26"
    assert dialog.meter.band is GradeBand.RED
    assert "Testadrine" in dialog.windowTitle()


def test_typing_updates_grade_after_debounce(qtbot: QtBot, dialog: SectionEditorDialog) -> None:
    dialog.editor.clear()
    qtbot.keyClicks(dialog.editor, "Take one pill. Drink some water.")
    qtbot.waitUntil(lambda: dialog.meter.band is GradeBand.GREEN, timeout=3000)
    assert dialog.meter.badge.text().strip() == "Reading level: grade 1"
    assert "2 sentences · 6 words" in dialog.meter.detail.text()


def _term_ranges(dialog: SectionEditorDialog) -> list[tuple[int, int]]:
    layout = dialog.editor.document().firstBlock().layout()
    return [
        (r.start, r.length)
        for r in layout.formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    ]


def test_highlighter_marks_glossary_terms(qtbot: QtBot, dialog: SectionEditorDialog) -> None:
    dialog.editor.setPlainText("You may get hypotension or edema.")
    qtbot.waitUntil(lambda: len(_term_ranges(dialog)) == 2, timeout=3000)
    assert _term_ranges(dialog) == [(12, 11), (27, 5)]
    qtbot.waitUntil(lambda: "2 glossary words" in dialog.meter.detail.text(), timeout=3000)


def test_save_returns_edited_markdown(qtbot: QtBot, dialog: SectionEditorDialog) -> None:
    dialog.editor.setPlainText("- Feeling sleepy")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.action is EditAction.SAVE
    assert dialog.outcome.markdown == "- Feeling sleepy"
    assert dialog.result() == SectionEditorDialog.DialogCode.Accepted


def test_revert_and_cancel(qtbot: QtBot, dialog: SectionEditorDialog) -> None:
    qtbot.mouseClick(dialog.revert_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.action is EditAction.REVERT
    dialog.reject()
    assert dialog.outcome.action is EditAction.CANCEL


def test_revert_can_be_disabled(qtbot: QtBot) -> None:
    editor = SectionEditorDialog(
        None, "X", SectionKind.USAGE, Audience.PATIENT, "", GLOSSARY, can_revert=False
    )
    qtbot.addWidget(editor)
    assert not editor.revert_button.isEnabled()
    assert editor.meter.badge.text().strip() == "Reading level: not measured"
