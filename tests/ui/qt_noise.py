"""The only Qt messages the window tests tolerate: the offscreen platform's own notices.

The ``offscreen`` platform plugin used in CI has no window manager: it says so at WARNING level
when a top-level window with a minimum size is shown (size hints) and when a tooltip window is
raised. They say nothing about the app; every other Qt warning still fails the test
(``qt_log_level_fail = WARNING``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

OFFSCREEN_NOTICES = (
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
)


def tolerate_offscreen_notice(items: list[pytest.Item], folder: Path) -> None:
    """Add ``qt_log_ignore`` for the offscreen notices to the tests under ``folder``."""
    marker = pytest.mark.qt_log_ignore(*OFFSCREEN_NOTICES)
    for item in items:
        if folder in Path(str(item.path)).parents:
            item.add_marker(marker)
