"""End-to-end tests build the real app; they tolerate only the offscreen size-hint notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.qt_noise import tolerate_offscreen_notice


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tolerate the offscreen platform's size-hint notice in the end-to-end tests."""
    tolerate_offscreen_notice(items, Path(__file__).parent)
