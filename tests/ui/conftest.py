"""Fixtures of the UI tests: a window over a fake store and a private settings file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from medguide.ui.main_window import MainWindow
from medguide.ui.section_html import TabHtmlBuilder
from medguide.ui.settings import Settings
from tests.ui.fakes import (
    FakeImporter,
    FakeRepository,
    FakeSearch,
    make_store,
    render,
    romiplostim,
)
from tests.ui.qt_noise import tolerate_offscreen_notice


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in a throw-away ini file."""
    return Settings(tmp_path / "settings.ini")


class WindowParts:
    """A window and the fakes behind it."""

    def __init__(
        self, window: MainWindow, repo: FakeRepository, search: FakeSearch, importer: FakeImporter
    ) -> None:
        self.window = window
        self.repo = repo
        self.search = search
        self.importer = importer


@pytest.fixture
def parts(qtbot: QtBot, settings: Settings) -> Iterator[WindowParts]:
    """A window over fakes holding romiplostim (warfarin arrives with the fake import)."""
    store, repo, search, importer = make_store([romiplostim()])
    window = MainWindow(store, settings, TabHtmlBuilder(render))
    qtbot.addWidget(window)
    yield WindowParts(window, repo, search, importer)
    window.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tolerate the offscreen platform's size-hint notice in the UI tests."""
    tolerate_offscreen_notice(items, Path(__file__).parent)
