"""The one Qt message the window tests tolerate: the offscreen platform's size-hint notice.

The ``offscreen`` platform plugin used in CI cannot pass size hints to a window manager and says
so at WARNING level whenever a top-level window with a minimum size is shown. It says nothing
about the app; every other Qt warning still fails the test (``qt_log_level_fail = WARNING``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

OFFSCREEN_NOTICE = "This plugin does not support propagateSizeHints"


def tolerate_offscreen_notice(items: list[pytest.Item], folder: Path) -> None:
    """Add ``qt_log_ignore`` for the offscreen notice to the tests under ``folder``."""
    marker = pytest.mark.qt_log_ignore(OFFSCREEN_NOTICE)
    for item in items:
        if folder in Path(str(item.path)).parents:
            item.add_marker(marker)
