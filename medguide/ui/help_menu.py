"""Help menu: the keyboard shortcuts and "About MedGuide" (version, where the data lives).

The shortcut list is generated from the window's one action table (``medguide.ui.actions``).
"""

from __future__ import annotations

import html

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from medguide import __version__
from medguide.ui.actions import ActionId, shortcut_rows


def shortcuts_html() -> str:
    """The shortcut list as a small HTML table."""
    rows = "".join(
        f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;</td><td>{html.escape(what)}</td></tr>"
        for keys, what in shortcut_rows()
    )
    return f"<table>{rows}</table>"


def about_html(database: str) -> str:
    """Version, database location and the offline promise."""
    return (
        f"<h3>MedGuide {html.escape(__version__)}</h3>"
        "<p>Medicine information for patients and clinicians, at two reading levels.</p>"
        "<p>MedGuide works offline: it never opens a network connection.</p>"
        f"<p>Database: <code>{html.escape(database)}</code></p>"
        "<p>Texts marked <b>AI-generated — not reviewed</b> have not been checked by a "
        "clinician. Always check a handout before you give it to a patient.</p>"
    )


def connect_help(window: QMainWindow, actions: dict[ActionId, QAction], database: str) -> None:
    """Connect Help → Keyboard shortcuts and Help → About MedGuide of ``window``."""
    actions[ActionId.SHORTCUTS].triggered.connect(
        lambda: QMessageBox.information(window, "Keyboard shortcuts", shortcuts_html())
    )
    actions[ActionId.ABOUT].triggered.connect(
        lambda: QMessageBox.about(window, "About MedGuide", about_html(database))
    )
