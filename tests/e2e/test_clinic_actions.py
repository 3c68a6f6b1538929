"""The clinic's actions in the real app: rewrite a section (surviving a re-import), print a
handout from the window, and see the reading-grade badge in patient mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from medguide.app import AppContext
from medguide.core.model import Audience, SectionKind
from medguide.core.paths import library_dir
from medguide.ui.import_dialogs import ImportSummaryDialog
from medguide.ui.section_editor import EditAction

pytestmark = pytest.mark.slow

OUR_WORDS = "Our clinic gives this shot once a week. Bring your record card each time."


@pytest.fixture
def context(started_app: AppContext) -> AppContext:
    """The started app, showing romiplostim's Usage tab for patients."""
    started_app.window.set_audience(Audience.PATIENT)
    assert started_app.window.open_drug("romiplostim", tab=SectionKind.USAGE)
    return started_app


def _usage_text(ctx: AppContext) -> str:
    return ctx.window.drug_view.tab_html(SectionKind.USAGE)


def test_patient_tab_shows_the_reading_grade_badge(context: AppContext) -> None:
    assert "Reading level: grade" in _usage_text(context)
    context.window.set_audience(Audience.PROFESSIONAL)
    assert "Reading level: grade" not in _usage_text(context)


def test_clinic_wording_survives_a_reimport_and_can_be_reverted(
    context: AppContext, qtbot: QtBot
) -> None:
    original = _usage_text(context)
    editor = context.clinic.editor_for(SectionKind.USAGE, Audience.PATIENT)
    assert editor is not None and not editor.revert_button.isEnabled()
    editor.deleteLater()
    context.clinic.apply(
        "romiplostim", SectionKind.USAGE, Audience.PATIENT, EditAction.SAVE, OUR_WORDS
    )
    shown = _usage_text(context)
    assert "Clinic version" in shown and "once a week" in shown

    with qtbot.waitSignal(context.window.import_finished, timeout=120_000):
        context.window.import_files([library_dir()])
    for dialog in context.window.findChildren(ImportSummaryDialog):
        dialog.close()
    context.window.open_drug("romiplostim", tab=SectionKind.USAGE)
    assert "once a week" in _usage_text(context)
    editor = context.clinic.editor_for(SectionKind.USAGE, Audience.PATIENT)
    assert editor is not None and editor.revert_button.isEnabled()
    assert editor.markdown() == OUR_WORDS
    editor.deleteLater()

    context.clinic.apply("romiplostim", SectionKind.USAGE, Audience.PATIENT, EditAction.REVERT, "")
    assert "Clinic version" not in _usage_text(context)
    assert _usage_text(context) == original


def test_print_opens_the_handout_dialog_for_the_drug_shown(
    context: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    context.window.drug_view.header.print_requested.emit()
    dialog = context.clinic.handout_dialog
    assert dialog is not None and dialog.slugs() == ["romiplostim"]
    assert dialog.options().audience is Audience.PATIENT
    out = tmp_path / "romiplostim.pdf"
    with qtbot.waitSignal(dialog.pdf_exported, timeout=30_000):
        dialog.export_to(out)
    assert out.read_bytes().startswith(b"%PDF")
    dialog.close()
