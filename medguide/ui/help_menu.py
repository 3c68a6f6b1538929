"""Help menu: the keyboard shortcuts and "About MedGuide" (version, where the data lives)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from medguide import __version__

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+K or Ctrl+F", "Find a medicine"),
    ("↑ ↓ then Enter", "Move through results and open one"),
    ("Esc", "Clear the search"),
    ("Ctrl+1 / Ctrl+2", "Patient / Professional wording"),
    ("Alt+← / Alt+→", "Back / forward"),
    ("Ctrl+P", "Print a handout"),
    ("Ctrl+E", "Edit this section's wording for the clinic"),
    ("Ctrl++ / Ctrl+− / Ctrl+0", "Bigger / smaller / normal text"),
    ("Ctrl+O", "Import files"),
)


def shortcuts_html() -> str:
    """The shortcut list as a small HTML table."""
    rows = "".join(
        f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;</td><td>{html.escape(what)}</td></tr>"
        for keys, what in SHORTCUTS
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


def add_help_menu(window: QMainWindow, database: str) -> QMenu:
    """Add Help → Keyboard shortcuts and Help → About MedGuide to ``window``."""
    menu = window.menuBar().addMenu("&Help")
    shortcuts = menu.addAction("&Keyboard shortcuts")
    shortcuts.triggered.connect(
        lambda: QMessageBox.information(window, "Keyboard shortcuts", shortcuts_html())
    )
    about = menu.addAction("&About MedGuide")
    about.triggered.connect(
        lambda: QMessageBox.about(window, "About MedGuide", about_html(database))
    )
    return menu
