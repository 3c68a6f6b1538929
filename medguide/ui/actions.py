"""One table of the window's actions: text, shortcuts, menu and help line.

The main window builds every ``QAction`` and every menu from ``ACTIONS``; the parts that own an
action (the window itself, the clinic actions, the help menu) connect their slot to it by
``ActionId``. The keyboard-shortcut help is generated from the same table, so a shortcut can
never be bound one way and documented another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

Key = QKeySequence.StandardKey | str


class ActionId(StrEnum):
    """Every action of the window."""

    IMPORT_FILES = "import-files"
    IMPORT_FOLDER = "import-folder"
    PRINT = "print"
    QUIT = "quit"
    PATIENT = "patient"
    PROFESSIONAL = "professional"
    ZOOM_IN = "zoom-in"
    ZOOM_OUT = "zoom-out"
    ZOOM_RESET = "zoom-reset"
    FIND = "find"
    BACK = "back"
    FORWARD = "forward"
    LETTERHEAD = "letterhead"
    EDIT_SECTION = "edit-section"
    SHORTCUTS = "shortcuts"
    ABOUT = "about"


class Menu(StrEnum):
    """The menus, in menu-bar order."""

    FILE = "&File"
    VIEW = "&View"
    GO = "&Go"
    SETTINGS = "&Settings"
    HELP = "&Help"


@dataclass(frozen=True)
class ActionSpec:
    """One action: menu text, shortcuts, where it sits, and its line in the shortcut help.

    ``help_keys`` is how the help writes the keys (``"Ctrl+K or Ctrl+F"``); an action without
    ``help`` text is left out of the shortcut list. ``separator_before`` starts a new group in
    its menu.
    """

    id: ActionId
    text: str
    menu: Menu
    shortcuts: tuple[Key, ...] = ()
    help_keys: str = ""
    help: str = ""
    separator_before: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        ActionId.IMPORT_FILES,
        "&Import files…",
        Menu.FILE,
        ("Ctrl+O",),
        "Ctrl+O",
        "Import files",
    ),
    ActionSpec(ActionId.IMPORT_FOLDER, "Import &folder…", Menu.FILE),
    ActionSpec(
        ActionId.PRINT,
        "&Print handout…",
        Menu.FILE,
        (QKeySequence.StandardKey.Print,),
        "Ctrl+P",
        "Print a handout",
        separator_before=True,
    ),
    ActionSpec(
        ActionId.QUIT,
        "&Quit",
        Menu.FILE,
        (QKeySequence.StandardKey.Quit,),
        separator_before=True,
    ),
    ActionSpec(
        ActionId.PATIENT,
        "&Patient wording",
        Menu.VIEW,
        ("Ctrl+1",),
        "Ctrl+1 / Ctrl+2",
        "Patient / Professional wording",
    ),
    ActionSpec(ActionId.PROFESSIONAL, "P&rofessional wording", Menu.VIEW, ("Ctrl+2",)),
    ActionSpec(
        ActionId.ZOOM_IN,
        "Zoom &in",
        Menu.VIEW,
        ("Ctrl++", "Ctrl+="),
        "Ctrl++ / Ctrl+− / Ctrl+0",
        "Bigger / smaller / normal text",
        separator_before=True,
    ),
    ActionSpec(ActionId.ZOOM_OUT, "Zoom &out", Menu.VIEW, ("Ctrl+-",)),
    ActionSpec(ActionId.ZOOM_RESET, "&Actual size", Menu.VIEW, ("Ctrl+0",)),
    ActionSpec(
        ActionId.FIND,
        "&Find a drug",
        Menu.GO,
        ("Ctrl+K", QKeySequence.StandardKey.Find),
        "Ctrl+K or Ctrl+F",
        "Find a medicine",
    ),
    ActionSpec(
        ActionId.BACK,
        "&Back",
        Menu.GO,
        ("Alt+Left",),
        "Alt+← / Alt+→",
        "Back / forward",
    ),
    ActionSpec(ActionId.FORWARD, "&Forward", Menu.GO, ("Alt+Right",)),
    ActionSpec(ActionId.LETTERHEAD, "Clinic &letterhead…", Menu.SETTINGS),
    ActionSpec(
        ActionId.EDIT_SECTION,
        "&Edit section wording…",
        Menu.SETTINGS,
        ("Ctrl+E",),
        "Ctrl+E",
        "Edit this section's wording for the clinic",
    ),
    ActionSpec(ActionId.SHORTCUTS, "&Keyboard shortcuts", Menu.HELP),
    ActionSpec(ActionId.ABOUT, "&About MedGuide", Menu.HELP),
)

# Keys that are not actions of their own (the search list handles them).
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓ then Enter", "Move through results and open one"),
    ("Esc", "Clear the search"),
)

BY_ID: dict[ActionId, ActionSpec] = {spec.id: spec for spec in ACTIONS}


def create_actions(window: QMainWindow) -> dict[ActionId, QAction]:
    """One ``QAction`` per spec, owned by and added to ``window`` (so shortcuts work even
    where no menu shows the action); nothing is connected yet."""
    actions: dict[ActionId, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, window)
        action.setShortcuts([QKeySequence(key) for key in spec.shortcuts])
        if spec.shortcuts:
            keys = QKeySequence(spec.shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{spec.text.replace('&', '').rstrip('…')} ({keys})")
        window.addAction(action)
        actions[spec.id] = action
    return actions


def build_menus(window: QMainWindow, actions: dict[ActionId, QAction]) -> None:
    """The menu bar: each menu of ``Menu`` with its actions in table order."""
    bar = window.menuBar()
    for menu in Menu:
        qmenu = bar.addMenu(menu.value)
        first = True
        for spec in (s for s in ACTIONS if s.menu is menu):
            if spec.separator_before and not first:
                qmenu.addSeparator()
            qmenu.addAction(actions[spec.id])
            first = False


def shortcut_rows(specs: Iterable[ActionSpec] = ACTIONS) -> list[tuple[str, str]]:
    """(keys, what they do) for the shortcut help: the actions with a help line, in table
    order, with the search-list keys after "Find"."""
    rows: list[tuple[str, str]] = []
    for spec in specs:
        if spec.help:
            rows.append((spec.help_keys, spec.help))
            if spec.id is ActionId.FIND:
                rows.extend(OTHER_KEYS)
    return rows
