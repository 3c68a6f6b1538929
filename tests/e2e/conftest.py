"""End-to-end tests build the real app; they tolerate only the offscreen size-hint notice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from medguide.app import AppContext, build_app
from medguide.core.model import Persona
from medguide.core.paths import library_dir
from medguide.ui.import_dialogs import ImportSummaryDialog
from tests.ui.qt_noise import tolerate_offscreen_notice


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tolerate the offscreen platform's size-hint notice in the end-to-end tests."""
    tolerate_offscreen_notice(items, Path(__file__).parent)


@pytest.fixture
def started_app(tmp_path: Path, qtbot: QtBot) -> Iterator[AppContext]:
    """The real app over an empty database, shown and started: the starter library has been
    loaded by ``start()`` (as on a first start) and its summary dialog closed."""
    if not (library_dir() / "romiplostim" / "patient.md").is_file():
        pytest.skip("the starter library has no romiplostim pages")
    ctx = build_app(tmp_path / "e2e.sqlite", tmp_path / "settings.ini")
    ctx.settings.persona = Persona.PATIENT
    qtbot.addWidget(ctx.window)
    with qtbot.waitExposed(ctx.window):
        ctx.window.show()
    with qtbot.waitSignal(ctx.window.import_finished, timeout=120_000):
        ctx.window.start(ask_persona=False)
    for dialog in ctx.window.findChildren(ImportSummaryDialog):
        dialog.close()
    yield ctx
    ctx.close()
